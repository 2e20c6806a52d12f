import {readFileSync} from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import {createRequire} from 'node:module';
import type * as Yaml from 'yaml';
import type {Document, LineCounter, Node} from 'yaml';
import {KexError} from '../kafka/errors.js';
import {configSchema, type ConfigFile} from './config-schema.js';

// The configuration file: found in the user's config folder (XDG on Linux: $XDG_CONFIG_HOME/kex/config.yaml, else
// ~/.config/kex/config.yaml) or given with --config; parsed by the yaml library, ${NAME} replaced from the
// environment, and checked against the schema. Any mistake stops kex with the file, the line and what is wrong:
// a half-read configuration is never used.

/** Where kex looks for its configuration when --config does not say. */
export const defaultConfigPath = () => path.join(envPaths('kex', {suffix: ''}).config, 'config.yaml');

export type LoadedConfig = {
	file: string;
	/** As written, with each ${NAME} still a token: expand() gives a value its variables, shown() the text. */
	config: ConfigFile;
	expand(text: string): string;
	shown(text: string): string;
};

const fail = (file: string, line: number | null, message: string) =>
	new KexError('invalid-input', `${file}${line === null ? '' : `:${line}`}: ${message}`);

type Located = {line: number | null};

/** The line of the node at `path` in the document, or of the nearest parent that exists. */
const lineOf = (doc: Document, lines: LineCounter, at: Array<string | number | symbol>): number | null => {
	for (let n = at.length; n >= 0; n--) {
		const node = doc.getIn(at.slice(0, n) as Array<string | number>, true) as Node | undefined;
		if (node && typeof node === 'object' && 'range' in node && node.range) return lines.linePos(node.range[0]).line;
	}
	return null;
};

// ${NAME} is written unquoted inside flow maps ({password: ${PW}}), where YAML would read its brace as the start of a
// map: each is swapped for a plain token before parsing, so the value (a secret, often) is never parsed as YAML nor
// shown in a parse error. A token is given its value only when its cluster is used: another cluster's variables
// need not be set to open this one.
const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const TOKEN = /__kex_env_(\d+)__/g;

export const parseConfig = (file: string, source: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig => {
	// Loaded only when there is a file to read: most commands start without it.
	const {LineCounter, parseDocument} = createRequire(import.meta.url)('yaml') as typeof Yaml;
	const references: Array<{name: string; line: number}> = [];
	const lines = new LineCounter();
	const tokenized = source.replace(ENV_REFERENCE, (_, name: string, offset: number) => {
		references.push({name, line: source.slice(0, offset).split('\n').length});
		return `__kex_env_${references.length - 1}__`;
	});
	const doc = parseDocument(tokenized, {lineCounter: lines, prettyErrors: false, uniqueKeys: true});
	const first = doc.errors[0];
	if (first) {
		const line = lines.linePos(first.pos[0]).line;
		throw fail(file, line, `not valid YAML: ${first.message.split('\n')[0]}`);
	}
	const checked = configSchema().safeParse(doc.toJS() ?? {});
	if (!checked.success) {
		const issue = checked.error.issues[0]!;
		// An unknown key is on its own line, not the line its map starts on.
		const where = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
		const located: Located = {line: lineOf(doc, lines, where)};
		const at = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
		throw fail(file, located.line, `${at}${issue.message}`);
	}
	return {
		file,
		config: checked.data,
		expand: text =>
			text.replace(TOKEN, (_, index: string) => {
				const {name, line} = references[Number(index)]!;
				const value = env[name];
				if (value === undefined) throw fail(file, line, `\${${name}} is not set in the environment`);
				return value;
			}),
		shown: text => text.replace(TOKEN, (_, index: string) => `\${${references[Number(index)]!.name}}`),
	};
};

/** Reads the configuration: `explicit` (from --config) must exist; the default file may be missing (null). */
export const loadConfig = (explicit?: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig | null => {
	const file = explicit ?? defaultConfigPath();
	let source: string;
	try {
		source = readFileSync(file, 'utf8');
	} catch (error) {
		if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw fail(file, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
	return parseConfig(file, source, env);
};
