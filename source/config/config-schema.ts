import {createRequire} from 'node:module';
import type * as Zod from 'zod';

// What a kex configuration file may say, checked by zod so that a mistake is named with its path
// (clusters.staging.sasl.mechanism) and, through the YAML document, its line.

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512', 'oauthbearer', 'aws-msk-iam'] as const;

export const COLORS = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray'] as const;

// The schema is built the first time a configuration file is read: zod is not loaded at all without one.
const build = (z: typeof Zod.z) => {
	const text = z.string().min(1, 'must not be empty');

	const brokers = z.union([
		z.array(text).min(1, 'name at least one broker, host:port'),
		text.transform(list => list.split(',').map(b => b.trim())),
	]);

	const tls = z.union([
		z.boolean(),
		z
			.object({
				ca: text.optional(),
				cert: text.optional(),
				key: text.optional(),
				'key-password': text.optional(),
				'server-name': text.optional(),
				verify: z.boolean().default(true),
			})
			.strict(),
	]);

	const sasl = z
		.object({
			mechanism: z.enum(MECHANISMS, {error: `is one of ${MECHANISMS.join(', ')}`}),
			// plain and scram
			username: text.optional(),
			password: text.optional(),
			'password-command': text.optional(),
			// oauthbearer: a token from an OAuth 2 token endpoint, by the client-credentials grant
			'token-endpoint': z.url({error: 'is the URL of the token endpoint'}).optional(),
			'client-id': text.optional(),
			'client-secret': text.optional(),
			'client-secret-command': text.optional(),
			scope: text.optional(),
			// aws-msk-iam: credentials from the AWS default chain, a profile, or a role to assume
			region: text.optional(),
			profile: text.optional(),
			'role-arn': text.optional(),
			'role-session-name': text.optional(),
		})
		.strict()
		.superRefine((s, ctx) => {
			const need = (key: keyof typeof s, why: string) => {
				if (!s[key]) ctx.addIssue({code: 'custom', path: [key], message: `${s.mechanism} needs ${why}`});
			};
			const oneOf = (a: keyof typeof s, b: keyof typeof s) => {
				if (!s[a] && !s[b]) ctx.addIssue({code: 'custom', path: [a], message: `${s.mechanism} needs a ${a} (or ${b})`});
				if (s[a] && s[b]) ctx.addIssue({code: 'custom', path: [b], message: `give ${a} or ${b}, not both`});
			};
			if (s.mechanism === 'aws-msk-iam') {
				need('region', 'a region (such as eu-west-1)');
				if (s.profile && s['role-arn'])
					ctx.addIssue({code: 'custom', path: ['role-arn'], message: 'give profile or role-arn, not both'});
			} else if (s.mechanism === 'oauthbearer') {
				need('token-endpoint', 'a token-endpoint');
				need('client-id', 'a client-id');
				oneOf('client-secret', 'client-secret-command');
			} else {
				need('username', 'a username');
				oneOf('password', 'password-command');
			}
		});

	// A Confluent-compatible Schema Registry: basic auth (username and a password) or a bearer token.
	const registry = z
		.object({
			url: z.url({error: 'is the URL of the registry (its Confluent-compatible API)'}),
			username: text.optional(),
			password: text.optional(),
			'password-command': text.optional(),
			token: text.optional(),
			'token-command': text.optional(),
			tls: tls.optional(),
		})
		.strict()
		.superRefine((r, ctx) => {
			const given = (k: keyof typeof r) => r[k] !== undefined;
			if (given('password') && given('password-command'))
				ctx.addIssue({
					code: 'custom',
					path: ['password-command'],
					message: 'give password or password-command, not both',
				});
			if ((given('password') || given('password-command')) && !given('username'))
				ctx.addIssue({code: 'custom', path: ['username'], message: 'a password needs a username'});
			if (given('token') && given('token-command'))
				ctx.addIssue({code: 'custom', path: ['token-command'], message: 'give token or token-command, not both'});
			if (given('username') && (given('token') || given('token-command')))
				ctx.addIssue({code: 'custom', path: ['token'], message: 'give a username and password or a token, not both'});
		});

	const cluster = z
		.object({
			brokers,
			'client-id': text.optional(),
			tls: tls.optional(),
			sasl: sasl.optional(),
			registry: registry.optional(),
			'read-only': z.boolean().default(false),
			/** The explorer's refresh interval: 5, 5s, 500ms, 2m. */
			refresh: z.union([z.number().positive(), text]).optional(),
			label: text.optional(),
			color: z.enum(COLORS, {error: `is one of ${COLORS.join(', ')}`}).optional(),
		})
		.strict();

	return z
		.object({
			default: text.optional(),
			clusters: z.record(z.string(), cluster),
		})
		.strict()
		.superRefine((c, ctx) => {
			if (c.default !== undefined && !(c.default in c.clusters))
				ctx.addIssue({
					code: 'custom',
					path: ['default'],
					message: `names no cluster (there are: ${Object.keys(c.clusters).join(', ') || 'none'})`,
				});
		});
};

let built: ReturnType<typeof build> | null = null;
export const configSchema = () => (built ??= build((createRequire(import.meta.url)('zod') as typeof Zod).z));

export type ConfigFile = Zod.z.infer<ReturnType<typeof build>>;
export type ClusterConfig = ConfigFile['clusters'][string];
