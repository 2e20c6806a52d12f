import http from 'node:http';
import https from 'node:https';
import {KexError} from '../kafka/errors.js';
import type {TlsOptions} from '../kafka/types.js';
import {tlsReason} from '../kafka/kafkajs-errors.js';

// The Confluent-compatible Schema Registry REST API (Confluent's, Apicurio's /apis/ccompat/v7, Karapace, Redpanda's):
// the few reads and one write kex needs, over node's own http(s) so a cluster's CA and client certificate apply.
// Credentials go into the Authorization header and nowhere else: errors name the registry by its address alone.

export type RegistryAuth = {kind: 'basic'; username: string; password: string} | {kind: 'bearer'; token: string};

export type RegistryOptions = {
	/** The compatible API's base, such as http://registry:8081 or http://host/apis/ccompat/v7. */
	url: string;
	auth?: RegistryAuth;
	tls?: TlsOptions;
	timeoutMs?: number;
};

export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';
export type SchemaReference = {name: string; subject: string; version: number};
export type RegisteredSchema = {schema: string; schemaType: SchemaType; references: SchemaReference[]};
export type SubjectVersion = RegisteredSchema & {subject: string; version: number; id: number};

export type RegistryClient = {
	/** The registry's address as shown to people: no credentials. */
	readonly where: string;
	schemaById(id: number): Promise<RegisteredSchema>;
	/** Where an id is registered: subjects and versions (the first is shown beside a decoded value). */
	subjectsOfId(id: number): Promise<Array<{subject: string; version: number}>>;
	/** Apicurio's own framing carries a global id; its own API says what that is. Null when the registry is not Apicurio. */
	schemaByGlobalId(id: number): Promise<(RegisteredSchema & {subject: string; version: number}) | null>;
	subjects(): Promise<string[]>;
	versions(subject: string): Promise<number[]>;
	version(subject: string, version: number | 'latest'): Promise<SubjectVersion>;
	/** The subject's compatibility level, or the registry's default when the subject has none. */
	compatibility(subject: string): Promise<string | null>;
	register(subject: string, schema: RegisteredSchema): Promise<number>;
};

const typeOf = (t: unknown): SchemaType => (t === 'PROTOBUF' || t === 'JSON' ? t : 'AVRO');

export const createRegistryClient = (options: RegistryOptions): RegistryClient => {
	const parsed = new URL(options.url);
	let auth = options.auth;
	// user:password@ in the URL is basic auth, taken out of the address that errors show.
	if (!auth && parsed.username)
		auth = {
			kind: 'basic',
			username: decodeURIComponent(parsed.username),
			password: decodeURIComponent(parsed.password),
		};
	parsed.username = '';
	parsed.password = '';
	const base = parsed.toString().replace(/\/+$/, '');
	const where = `the schema registry at ${base}`;
	const secure = parsed.protocol === 'https:';
	const agent = secure
		? new https.Agent({
				keepAlive: true,
				ca: options.tls?.ca,
				cert: options.tls?.cert,
				key: options.tls?.key,
				passphrase: options.tls?.keyPassword,
				servername: options.tls?.serverName,
				rejectUnauthorized: options.tls?.verify ?? true,
			})
		: new http.Agent({keepAlive: true});
	const headers: Record<string, string> = {Accept: 'application/vnd.schemaregistry.v1+json, application/json'};
	if (auth?.kind === 'basic')
		headers['Authorization'] = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
	if (auth?.kind === 'bearer') headers['Authorization'] = `Bearer ${auth.token}`;

	const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
		new Promise<{status: number; text: string}>((resolve, reject) => {
			const data = body === undefined ? undefined : JSON.stringify(body);
			const request = (secure ? https : http).request(
				url,
				{
					method,
					agent,
					timeout: options.timeoutMs ?? 10_000,
					headers: data ? {...headers, 'Content-Type': 'application/vnd.schemaregistry.v1+json'} : headers,
				},
				response => {
					const chunks: Buffer[] = [];
					response.on('data', (c: Buffer) => chunks.push(c));
					response.on('end', () =>
						resolve({status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8')}),
					);
					response.on('error', reject);
				},
			);
			request.on('timeout', () => request.destroy(new Error('no answer within the timeout')));
			request.on('error', error => {
				const code = (error as NodeJS.ErrnoException).code;
				const tls = tlsReason(code);
				if (tls)
					return reject(
						new KexError('unreachable', `TLS with ${where} failed: ${tls.replace(/\btls\./g, 'registry.tls.')}`, error),
					);
				reject(
					new KexError(
						'unreachable',
						`${where} cannot be reached (${code === 'ECONNREFUSED' ? 'connection refused' : (code ?? error.message)})`,
						error,
					),
				);
			});
			request.end(data);
		});

	/** The answer as JSON; a refusal as one line: the registry's own message, or its status. */
	const json = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, notFound?: string): Promise<T> => {
		const {status, text} = await call(method, `${base}${path}`, body);
		if (status >= 200 && status < 300) {
			try {
				return JSON.parse(text) as T;
			} catch {
				throw new KexError('broker-error', `${where} answered ${path} with something that is not JSON`);
			}
		}
		let said = '';
		try {
			said = String((JSON.parse(text) as {message?: unknown}).message ?? '');
		} catch {
			said = '';
		}
		if (status === 404 && notFound) throw new KexError('invalid-input', notFound);
		if (status === 401 || status === 403)
			throw new KexError(
				'not-authorized',
				`${where} refused the credentials (HTTP ${status})${auth ? '' : ': it needs a username and password or a token'}`,
			);
		throw new KexError('refused', `${where} said HTTP ${status}${said ? `: ${said.split('\n')[0]}` : ''}`);
	};

	const asSchema = (s: {schema: string; schemaType?: string; references?: SchemaReference[]}): RegisteredSchema => ({
		schema: s.schema,
		schemaType: typeOf(s.schemaType),
		references: s.references ?? [],
	});
	const enc = encodeURIComponent;
	// Apicurio's own API sits beside its compatible one.
	const native = /\/apis\/ccompat\/v\d+$/.test(base)
		? base.replace(/\/apis\/ccompat\/v\d+$/, '/apis/registry/v3')
		: null;

	return {
		where,
		schemaById: async id =>
			asSchema(await json('GET', `/schemas/ids/${id}`, undefined, `schema id ${id} is not in ${where}`)),
		subjectsOfId: async id =>
			json<Array<{subject: string; version: number}>>('GET', `/schemas/ids/${id}/versions`).catch(() => []),
		schemaByGlobalId: async id => {
			if (!native) return null;
			const found = await call('GET', `${native}/search/versions?globalId=${id}`);
			if (found.status !== 200) return null;
			const version = (
				JSON.parse(found.text) as {
					versions: Array<{artifactType: string; artifactId: string; version: string; groupId?: string}>;
				}
			).versions[0];
			if (!version) throw new KexError('invalid-input', `global id ${id} is not in ${where}`);
			const content = await call('GET', `${native}/ids/globalIds/${id}`);
			if (content.status !== 200) throw new KexError('invalid-input', `global id ${id} is not in ${where}`);
			return {
				schema: content.text,
				schemaType: typeOf(version.artifactType),
				references: [],
				subject: version.artifactId,
				version: Number(version.version) || 0,
			};
		},
		subjects: () => json<string[]>('GET', '/subjects'),
		versions: subject =>
			json<number[]>('GET', `/subjects/${enc(subject)}/versions`, undefined, `no subject ${subject} in ${where}`),
		version: async (subject, version) => {
			const v = await json<SubjectVersion>(
				'GET',
				`/subjects/${enc(subject)}/versions/${version}`,
				undefined,
				`no version ${version} of subject ${subject} in ${where}`,
			);
			return {...v, ...asSchema(v)};
		},
		compatibility: async subject => {
			const level = (c: {compatibilityLevel?: string; compatibility?: string}) =>
				c.compatibilityLevel ?? c.compatibility ?? null;
			try {
				return level(await json('GET', `/config/${enc(subject)}`));
			} catch {
				return level(await json<{compatibilityLevel?: string}>('GET', '/config').catch(() => ({})));
			}
		},
		register: async (subject, schema) =>
			(
				await json<{id: number}>('POST', `/subjects/${enc(subject)}/versions`, {
					schema: schema.schema,
					schemaType: schema.schemaType,
					references: schema.references,
				})
			).id,
	};
};
