import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {KexError} from '../kafka/errors.js';
import {credentialSource, mskIamToken} from '../kafka/msk-iam.js';
import {clientCredentialsToken} from '../kafka/oauth.js';
import {parseBrokers} from '../shared/broker-list.js';
import type {ConnectionOptions, SaslOptions, TlsOptions} from '../kafka/types.js';
import {loadConfig, type LoadedConfig} from './config-file.js';
import type {ClusterConfig} from './config-schema.js';
import type {RegistryAuth, RegistryOptions} from '../schema/registry-client.js';

// Which cluster kex talks to and how: --brokers (with --tls/--sasl flags) for a one-off look, else --cluster or
// KEX_CLUSTER naming a cluster of the configuration file, else its default, else KAFKA_BROKERS or 127.0.0.1:9092.
// Secrets are resolved here (the environment, a password command) and go nowhere but into the connection.

export type ClusterChoice = {
	/** The configured name, or the bootstrap list of a one-off connection. */
	name: string;
	connection: ConnectionOptions;
	readOnly: boolean;
	/** The configured refresh interval, when set (a string such as 5s, or seconds). */
	refresh?: string;
	label?: string;
	color?: string;
	/** The configuration file it came from. */
	file?: string;
	/** The schema registry that decodes its messages, when one is configured or given with --registry. */
	registry?: RegistryOptions;
};

export type ConnectionFlags = {
	config?: string;
	cluster?: string;
	brokers?: string;
	tls?: boolean;
	tlsCa?: string;
	tlsInsecure?: boolean;
	sasl?: string;
	saslUsername?: string;
	saslPasswordCommand?: string;
	readOnly?: boolean;
	/** A registry's URL for this run, credentials from $KEX_REGISTRY_USERNAME/PASSWORD or $KEX_REGISTRY_TOKEN. */
	registry?: string;
};

const expandHome = (file: string) =>
	file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;

const readPem = (cluster: string, what: string, file: string, base: string | undefined) => {
	const full = path.resolve(base ? path.dirname(base) : process.cwd(), expandHome(file));
	try {
		return readFileSync(full, 'utf8');
	} catch (error) {
		throw new KexError(
			'invalid-input',
			`cluster ${cluster}: ${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
		);
	}
};

/** Runs a secret's command (such as `pass show kafka/prod`); its output, less the final newline, is the secret. */
const runSecretCommand = (cluster: string, what: string, command: string): string => {
	try {
		return execFileSync('sh', ['-c', command], {
			encoding: 'utf8',
			timeout: 15_000,
			stdio: ['ignore', 'pipe', 'pipe'],
		}).replace(/\r?\n$/, '');
	} catch (error) {
		const e = error as {status?: number | null; stderr?: string};
		const said = (e.stderr ?? '').trim().split('\n')[0];
		throw new KexError(
			'invalid-input',
			`cluster ${cluster}: ${what} failed${e.status ? ` (exit ${e.status})` : ''}${said ? `: ${said}` : ''}`,
		);
	}
};

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** TLS settings of the configuration as options: files read, ${NAME}s expanded. */
const tlsOf = (
	name: string,
	at: string,
	t: ClusterConfig['tls'],
	{file, expand}: Pick<LoadedConfig, 'file' | 'expand'>,
): TlsOptions | undefined => {
	if (t === true) return {verify: true};
	if (!t || typeof t !== 'object') return undefined;
	const opt = (text: string | undefined) => (text === undefined ? undefined : expand(text));
	const pem = (what: string, path_: string | undefined) =>
		path_ ? readPem(name, `${at}.${what}`, expand(path_), file) : undefined;
	return {
		ca: pem('ca', t.ca),
		cert: pem('cert', t.cert),
		key: pem('key', t.key),
		keyPassword: opt(t['key-password']),
		serverName: opt(t['server-name']),
		verify: t.verify,
	};
};

/** A configured registry as options: secrets resolved like the cluster's. */
const registryOf = (
	name: string,
	r: NonNullable<ClusterConfig['registry']>,
	loaded: Pick<LoadedConfig, 'file' | 'expand'>,
): RegistryOptions => {
	const {expand} = loaded;
	const opt = (text: string | undefined) => (text === undefined ? undefined : expand(text));
	let auth: RegistryAuth | undefined;
	if (r.username) {
		const password =
			opt(r.password) ??
			(r['password-command'] ? runSecretCommand(name, 'registry.password-command', expand(r['password-command'])) : '');
		auth = {kind: 'basic', username: expand(r.username), password};
	} else if (r.token || r['token-command']) {
		const token = opt(r.token) ?? runSecretCommand(name, 'registry.token-command', expand(r['token-command']!));
		auth = {kind: 'bearer', token};
	}
	return {url: expand(r.url), auth, tls: tlsOf(name, 'registry.tls', r.tls, loaded)};
};

/** --registry URL: credentials from the environment, never the command line. */
const registryFlag = (url: string, env: NodeJS.ProcessEnv): RegistryOptions => {
	try {
		new URL(url);
	} catch {
		throw new KexError('invalid-input', `--registry takes the registry's URL (http://host:8081), not "${url}"`);
	}
	const username = env['KEX_REGISTRY_USERNAME'];
	const token = env['KEX_REGISTRY_TOKEN'];
	const auth: RegistryAuth | undefined = username
		? {kind: 'basic', username, password: env['KEX_REGISTRY_PASSWORD'] ?? ''}
		: token
			? {kind: 'bearer', token}
			: undefined;
	return {url, auth};
};

/** A configured cluster as connection options: ${NAME}s given their values, files read, secrets resolved. */
export const connectionOf = (
	name: string,
	c: ClusterConfig,
	loaded: Pick<LoadedConfig, 'file' | 'expand'>,
): ConnectionOptions => {
	const {expand} = loaded;
	const opt = (text: string | undefined) => (text === undefined ? undefined : expand(text));
	let tls = tlsOf(name, 'tls', c.tls, loaded);
	let sasl: SaslOptions | undefined;
	const s = c.sasl;
	if (s?.mechanism === 'aws-msk-iam') {
		const iam = {
			region: expand(s.region!),
			profile: opt(s.profile),
			roleArn: opt(s['role-arn']),
			roleSessionName: opt(s['role-session-name']),
		};
		sasl = {mechanism: 'oauthbearer', token: mskIamToken(iam), principal: `AWS IAM, ${credentialSource(iam)}`};
		// MSK takes IAM on its TLS listener only.
		tls ??= {verify: true};
	} else if (s?.mechanism === 'oauthbearer') {
		const clientId = expand(s['client-id']!);
		const clientSecret =
			opt(s['client-secret']) ?? runSecretCommand(name, 'client-secret-command', expand(s['client-secret-command']!));
		const token = clientCredentialsToken({
			endpoint: expand(s['token-endpoint']!),
			clientId,
			clientSecret,
			scope: opt(s.scope),
		});
		sasl = {mechanism: 'oauthbearer', token, principal: `the client ${clientId}`};
	} else if (s) {
		const password = opt(s.password) ?? runSecretCommand(name, 'password-command', expand(s['password-command']!));
		sasl = {mechanism: s.mechanism, username: expand(s.username!), password};
	}
	const brokers = parseBrokers(c.brokers.map(expand).join(','));
	return {brokers, clientId: opt(c['client-id']), tls, sasl};
};

/** A connection made from flags alone (no configuration file): --brokers with --tls, --tls-ca, --sasl ... */
const oneOff = (flags: ConnectionFlags, env: NodeJS.ProcessEnv): ClusterChoice => {
	const brokers = parseBrokers(flags.brokers ?? env['KAFKA_BROKERS'] ?? '127.0.0.1:9092');
	const name = brokers.join(',');
	const wantsTls = flags.tls || flags.tlsCa !== undefined || flags.tlsInsecure;
	const tls: TlsOptions | undefined = wantsTls
		? {ca: flags.tlsCa ? readPem(name, '--tls-ca', flags.tlsCa, undefined) : undefined, verify: !flags.tlsInsecure}
		: undefined;
	let sasl: SaslOptions | undefined;
	if (flags.sasl !== undefined) {
		const mechanism = MECHANISMS.find(m => m === flags.sasl!.toLowerCase());
		if (!mechanism)
			throw new KexError('invalid-input', `--sasl is one of ${MECHANISMS.join(', ')}, not "${flags.sasl}"`);
		if (!flags.saslUsername) throw new KexError('invalid-input', `--sasl ${mechanism} needs --sasl-username`);
		// Never a password on the command line, where ps and the shell history would keep it.
		const password = flags.saslPasswordCommand
			? runSecretCommand(name, '--sasl-password-command', flags.saslPasswordCommand)
			: env['KEX_SASL_PASSWORD'];
		if (password === undefined)
			throw new KexError(
				'invalid-input',
				`--sasl ${mechanism} needs a password: set KEX_SASL_PASSWORD, or give --sasl-password-command`,
			);
		sasl = {mechanism, username: flags.saslUsername, password};
	} else if (flags.saslUsername || flags.saslPasswordCommand) {
		throw new KexError('invalid-input', '--sasl-username and --sasl-password-command need --sasl MECHANISM');
	}
	return {
		name,
		connection: {brokers, tls, sasl},
		readOnly: Boolean(flags.readOnly),
		registry: flags.registry ? registryFlag(flags.registry, env) : undefined,
	};
};

const SECURITY_FLAGS = ['tls', 'tlsCa', 'tlsInsecure', 'sasl', 'saslUsername', 'saslPasswordCommand'] as const;

/** The named cluster of the configuration. */
export const configuredCluster = (loaded: LoadedConfig, name: string, readOnly = false): ClusterChoice => {
	const c = loaded.config.clusters[name];
	if (!c) {
		const names = Object.keys(loaded.config.clusters);
		throw new KexError(
			'invalid-input',
			`no cluster named "${name}" in ${loaded.file} (there ${names.length === 1 ? 'is' : 'are'}: ${names.join(', ') || 'none'})`,
		);
	}
	return {
		name,
		connection: connectionOf(name, c, loaded),
		readOnly: c['read-only'] || readOnly,
		refresh: c.refresh === undefined ? undefined : String(c.refresh),
		label: c.label,
		color: c.color,
		file: loaded.file,
		registry: c.registry ? registryOf(name, c.registry, loaded) : undefined,
	};
};

export const chooseCluster = (flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): ClusterChoice => {
	const choice = chooseConnection(flags, env);
	return flags.registry && choice.file ? {...choice, registry: registryFlag(flags.registry, env)} : choice;
};

const chooseConnection = (flags: ConnectionFlags, env: NodeJS.ProcessEnv): ClusterChoice => {
	const named = flags.cluster ?? env['KEX_CLUSTER'];
	if (flags.brokers !== undefined) {
		if (flags.cluster !== undefined) throw new KexError('invalid-input', 'give --cluster or --brokers, not both');
		return oneOff(flags, env);
	}
	const usedFlag = SECURITY_FLAGS.find(f => flags[f] !== undefined && flags[f] !== false);
	const loaded = loadConfig(flags.config, env);
	if (named !== undefined) {
		if (!loaded)
			throw new KexError(
				'invalid-input',
				`cluster "${named}" is asked for, but there is no configuration file (${flags.config ?? 'see kex config'})`,
			);
		if (usedFlag)
			throw new KexError('invalid-input', 'TLS and SASL flags go with --brokers; a named cluster has its own');
		return configuredCluster(loaded, named, flags.readOnly);
	}
	if (loaded?.config.default && !usedFlag) return configuredCluster(loaded, loaded.config.default, flags.readOnly);
	// A file without a default: its only cluster is the one meant. Falling back to 127.0.0.1:9092 would connect
	// somewhere else without a word, with none of the cluster's TLS or SASL.
	if (loaded && !usedFlag && env['KAFKA_BROKERS'] === undefined) {
		const names = Object.keys(loaded.config.clusters);
		if (names.length === 1) return configuredCluster(loaded, names[0]!, flags.readOnly);
		if (names.length > 1)
			throw new KexError(
				'invalid-input',
				`${loaded.file} has ${names.length} clusters and no default: choose one with --cluster NAME (there are: ${names.join(', ')}), or add "default: NAME" to the file`,
			);
	}
	return oneOff(flags, env);
};
