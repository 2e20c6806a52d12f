import {readFileSync} from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node} from 'yaml';
import {KexError} from '../kafka/errors.js';
import {configSchema, type ConfigFile} from './config-schema.js';

// The configuration file: found in the user's config folder (XDG on Linux: $XDG_CONFIG_HOME/kex/config.yaml, else
// ~/.config/kex/config.yaml) or given with --config; parsed by the yaml library, ${NAME} replaced from the
// environment, and checked against the schema. Any mistake stops kex with the file, the line and what is wrong:
// a half-read configuration is never used.

/** Where kex looks for its configuration when --config does not say. */
export const defaultConfigPath = () => path.join(envPaths('kex', {suffix: ''}).config, 'config.yaml');

export type LoadedConfig = {file: string; config: ConfigFile};

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
// map: each is swapped for a plain token before parsing and given its value after, so the value (a secret, often)
// is never parsed as YAML nor shown in a parse error.
const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const TOKEN = /__kex_env_(\d+)__/g;

/** ${NAME} in every string value, from the environment; a name that is not set is a mistake, said where it is. */
const expandEnv = (
	node: unknown,
	names: string[],
	env: NodeJS.ProcessEnv,
	where: (problem: string, n: Node) => never,
): void => {
	if (isMap(node)) for (const pair of node.items) expandEnv(pair.value, names, env, where);
	else if (isSeq(node)) for (const item of node.items) expandEnv(item, names, env, where);
	else if (isScalar(node) && typeof node.value === 'string') {
		node.value = node.value.replace(TOKEN, (_, index: string) => {
			const name = names[Number(index)]!;
			const value = env[name];
			if (value === undefined) where(`\${${name}} is not set in the environment`, node);
			return value!;
		});
	}
};

export const parseConfig = (file: string, source: string, env: NodeJS.ProcessEnv = process.env): ConfigFile => {
	const names: string[] = [];
	const tokenized = source.replace(ENV_REFERENCE, (_, name: string) => `__kex_env_${names.push(name) - 1}__`);
	const lines = new LineCounter();
	const doc = parseDocument(tokenized, {lineCounter: lines, prettyErrors: false, uniqueKeys: true});
	const first = doc.errors[0];
	if (first) {
		const line = first.linePos?.[0]?.line ?? null;
		throw fail(file, line, `not valid YAML: ${first.message.split('\n')[0]}`);
	}
	expandEnv(doc.contents, names, env, (problem, node) => {
		throw fail(file, node.range ? lines.linePos(node.range[0]).line : null, problem);
	});
	const checked = configSchema.safeParse(doc.toJS() ?? {});
	if (!checked.success) {
		const issue = checked.error.issues[0]!;
		const located: Located = {line: lineOf(doc, lines, issue.path)};
		const at = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
		throw fail(file, located.line, `${at}${issue.message}`);
	}
	return checked.data;
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
	return {file, config: parseConfig(file, source, env)};
};
