import {chooseCluster, configuredCluster, type ClusterChoice, type ConnectionFlags} from '../config/choose-cluster.js';
import {defaultConfigPath, loadConfig} from '../config/config-file.js';
import type {ClusterConfig} from '../config/config-schema.js';
import {KexError} from '../kafka/errors.js';
import {handshake, reachable, type Step} from '../kafka/probe.js';
import {createKafkaService} from '../kafka/service.js';
import type {Output} from './output.js';
import {renderTable} from './table.js';
import {createRegistryClient} from '../schema/registry-client.js';
import {errorText} from '../shared/error-text.js';

// kex config: the clusters of the configuration file, secrets masked. kex config check [NAME]: connect to one, step
// by step, and say what each step found.

export type ConfigCommandContext = {
	args: string[];
	flags: ConnectionFlags;
	json: boolean;
	connectionTimeout: number;
	out: Output;
};

const MASK = '****';

/** A URL with user:password@ in it is shown without them. */
const withoutCredentials = (url: string) => url.replace(/\/\/[^/@]*@/, '//');

/** A cluster as listed: everything but secrets, which show as masked (a password command as the command). */
const listed = (name: string, c: ClusterConfig, isDefault: boolean, shown: (text: string) => string) => ({
	name,
	default: isDefault,
	brokers: c.brokers.map(shown),
	tls:
		c.tls === undefined || c.tls === false
			? null
			: c.tls === true
				? {verify: true}
				: {...c.tls, ...(c.tls['key-password'] ? {'key-password': MASK} : {})},
	sasl: c.sasl
		? {
				mechanism: c.sasl.mechanism,
				username: c.sasl.username && shown(c.sasl.username),
				...(c.sasl['token-endpoint']
					? {'token-endpoint': shown(c.sasl['token-endpoint']), 'client-id': shown(c.sasl['client-id'] ?? '')}
					: {}),
				...(c.sasl['client-secret'] ? {'client-secret': MASK} : {}),
				...(c.sasl['client-secret-command'] ? {'client-secret-command': c.sasl['client-secret-command']} : {}),
				...(c.sasl.password ? {password: MASK} : {}),
				...(c.sasl['password-command'] ? {'password-command': c.sasl['password-command']} : {}),
			}
		: null,
	registry: c.registry
		? {
				url: withoutCredentials(shown(c.registry.url)),
				...(c.registry.username ? {username: shown(c.registry.username)} : {}),
				...(c.registry.password ? {password: MASK} : {}),
				...(c.registry['password-command'] ? {'password-command': c.registry['password-command']} : {}),
				...(c.registry.token ? {token: MASK} : {}),
				...(c.registry['token-command'] ? {'token-command': c.registry['token-command']} : {}),
			}
		: null,
	readOnly: c['read-only'],
	label: c.label ?? null,
	color: c.color ?? null,
});

const list = async ({flags, json, out}: ConfigCommandContext) => {
	const loaded = loadConfig(flags.config);
	if (!loaded) {
		const where = flags.config ?? defaultConfigPath();
		if (json) return out.write(`${JSON.stringify({file: where, exists: false, clusters: []}, null, 2)}\n`);
		return out.write(
			`no configuration file at ${where}: kex connects to --brokers, $KAFKA_BROKERS or 127.0.0.1:9092\n`,
		);
	}
	const {file, config, shown} = loaded;
	const clusters = Object.entries(config.clusters).map(([name, c]) => listed(name, c, name === config.default, shown));
	if (json)
		return out.write(`${JSON.stringify({file, exists: true, default: config.default ?? null, clusters}, null, 2)}\n`);
	await out.write(`${file}${config.default ? ` (default: ${config.default})` : ''}\n`);
	await out.write(
		renderTable(clusters, [
			{title: 'NAME', value: c => `${c.name}${c.default ? ' *' : ''}`},
			{title: 'BROKERS', value: c => c.brokers.join(',')},
			{title: 'TLS', value: c => (c.tls ? (c.tls.verify === false ? 'yes, unverified' : 'yes') : 'no')},
			{
				title: 'SASL',
				value: c => (c.sasl ? `${c.sasl.mechanism} ${c.sasl.username ?? c.sasl['client-id'] ?? ''}`.trim() : 'no'),
			},
			{title: 'REGISTRY', value: c => c.registry?.url ?? ''},
			{title: 'READ-ONLY', value: c => (c.readOnly ? 'yes' : 'no')},
			{title: 'LABEL', value: c => c.label ?? ''},
		]),
	);
};

const check = async ({args, flags, connectionTimeout, out}: ConfigCommandContext) => {
	let choice: ClusterChoice;
	if (args[0]) {
		const loaded = loadConfig(flags.config);
		if (!loaded) throw new KexError('invalid-input', `no configuration file at ${flags.config ?? defaultConfigPath()}`);
		choice = configuredCluster(loaded, args[0]);
	} else choice = chooseCluster(flags);
	const say = (step: Step) => out.write(`${step.ok ? '✓' : '✗'} ${step.text}\n`);
	await out.write(`${choice.file ? `cluster ${choice.name} (${choice.file})` : `brokers ${choice.name}`}\n`);
	// One bootstrap broker that answers is enough to go on; each is checked and said.
	let usable = 0;
	for (const address of choice.connection.brokers) {
		const tcp = await reachable(address, connectionTimeout);
		await say(tcp);
		if (!tcp.ok) continue;
		const tls = choice.connection.tls ? await handshake(address, choice.connection.tls, connectionTimeout) : null;
		if (tls) await say(tls);
		if (!tls || tls.ok) usable += 1;
	}
	if (usable === 0) throw new KexError('unreachable', 'the cluster cannot be used as configured (see above)');
	const service = createKafkaService({...choice.connection, connectionTimeout});
	try {
		for (const step of await service.checkAccess()) await say(step);
	} catch (error) {
		await say({ok: false, text: errorText(error)});
		throw new KexError('unreachable', 'the cluster cannot be used as configured (see above)');
	} finally {
		await service.close();
	}
	if (choice.registry) {
		const client = createRegistryClient({...choice.registry, timeoutMs: connectionTimeout});
		try {
			const subjects = await client.subjects();
			await say({ok: true, text: `${client.where} answers: ${subjects.length} subject(s)`});
		} catch (error) {
			await say({ok: false, text: errorText(error)});
			throw new KexError('unreachable', 'the schema registry cannot be used as configured (see above)');
		}
	}
	if (choice.readOnly) await out.write('read-only: kex offers no action that changes this cluster\n');
};

export const configCommand = async (context: ConfigCommandContext) => {
	const [sub, ...rest] = context.args;
	if (sub === undefined || sub === 'list') return list(context);
	if (sub === 'check') return check({...context, args: rest});
	throw new KexError('invalid-input', `kex config knows list and check, not "${sub}"`);
};
