import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {clusterReady} from './kafka.js';
import {caFile, DEFAULT_VERSION, down, resolveVersion, ROOT, up} from './local-kafka.js';
import {securePorts} from './secure-kafka.js';
import {buildKex} from './build.js';
import {registryDown, registryUp} from './local-registry.js';
import {installWitness} from '../test/helpers/witness.js';

// npm test: builds kex, then runs every test file against Kafka 4.1 (two test clusters: 1 node on 19092, 3 nodes
// on 29092/29094/29096, apart from the dev cluster on 9092) and the files that cover what differs between broker
// versions (metadata, reading, codecs, transactions, producing, lag, the command line, the changes, the explorer, secured listeners) against Kafka 3.9 (on
// 19192 and 29192/29194/29196). Each run starts the clusters that are not running and stops what it started;
// KEX_KEEP_KAFKA=1 leaves them running for a faster next run.
//
// npm test -- FILE ...: those files only, against one version (KAFKA_VERSION, else 4.1).
// KAFKA_VERSION=3.9 npm test: every file against that version alone.
// failover.test.ts kills and restarts brokers of a third cluster (3 nodes on 27092/27094/27096, below the ephemeral ports a client may be given), started for it.

const COMPAT_FILES = [
	'metadata.test.ts',
	'messages.test.ts',
	'compression.test.ts',
	'transactions.test.ts',
	'producer-e2e.test.ts',
	'lag.test.ts',
	'cli.test.ts',
	'explorer-e2e.test.ts',
	'secure.test.ts',
	'changes-cli.test.ts',
];
const COMPAT_VERSION = resolveVersion('3.9');

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
	spawnSync(command, args, {stdio: 'inherit', cwd: ROOT, env}).status ?? 1;

/** One version's clusters: the default version on the usual ports, another 100 ports up, so both can run. */
const specsFor = (version: string) => {
	const shift = version === DEFAULT_VERSION ? 0 : 100;
	const suffix = version === DEFAULT_VERSION ? '' : `-${version}`;
	return [
		// The one-node cluster also has the secured listeners (SASL_PLAINTEXT, SSL, SASL_SSL) on the next ports.
		{name: `test-1${suffix}`, nodes: 1, basePort: 19092 + shift, version, secure: true},
		{name: `test-3${suffix}`, nodes: 3, basePort: 29092 + shift, version},
	];
};

/** Where failover.test.ts kills and restarts brokers: a 3-node cluster of its own, so no other test sees it. */
const failoverSpec = (version: string) => ({name: 'test-failover', nodes: 3, basePort: 27092, version});
const FAILOVER_FILE = 'failover.test.ts';

/** The files that need a schema registry: Apicurio, in memory, on 18081, started for them. */
const needsRegistry = (files: string[]) => files.some(f => path.basename(f).startsWith('registry'));
const REGISTRY_PORT = 18081;
const REGISTRY_TLS_PORT = 18443;

const runOn = async (version: string, files: string[]): Promise<number> => {
	const failover = files.some(f => f.endsWith(FAILOVER_FILE));
	const specs = [...specsFor(version), ...(failover ? [failoverSpec(version)] : [])];
	const started: string[] = [];
	let registry: Awaited<ReturnType<typeof registryUp>> | null = null;
	// The registry tests' witness (Confluent's Python client), installed once, while Kafka starts, before the files
	// run side by side.
	const witness = needsRegistry(files) ? installWitness() : Promise.resolve();
	// Said when awaited below: a failure while Kafka still starts must not end the process unsaid.
	witness.catch(() => undefined);
	try {
		// A test cluster kept from a run with another setup (KEX_KEEP_KAFKA) is started afresh.
		const clusters = await Promise.all(
			specs.map(spec =>
				up(spec, clusterReady).catch(async (error: unknown) => {
					if (!String(error).includes('is already running')) throw error;
					await down(spec.name);
					return up(spec, clusterReady);
				}),
			),
		);
		clusters.forEach((c, i) => c.started && started.push(specs[i]!.name));
		// The registry also answers HTTPS, with the one-node cluster's server certificate (its CA is the tests').
		const tlsDir = path.dirname(caFile(clusters[0]!.state.name));
		registry = needsRegistry(files)
			? await registryUp('test', REGISTRY_PORT, {
					port: REGISTRY_TLS_PORT,
					cert: path.join(tlsDir, 'server-cert.pem'),
					key: path.join(tlsDir, 'server-key.pk8.pem'),
				})
			: null;
		await witness;
		console.log(clusters.map(c => `${c.state.name}: ${c.state.bootstrap} (Kafka ${c.state.version})`).join('\n'));
		return run(
			process.execPath,
			['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
			{
				...process.env,
				KEX_TEST_BROKERS_1: clusters[0]!.state.bootstrap,
				KEX_TEST_BROKERS_3: clusters[1]!.state.bootstrap,
				KEX_TEST_SECURE: JSON.stringify({
					...securePorts(clusters[0]!.state.basePort),
					ca: caFile(clusters[0]!.state.name),
				}),
				KEX_TEST_KAFKA_VERSION: version,
				...(registry
					? {KEX_TEST_REGISTRY: registry.state.url, KEX_TEST_REGISTRY_TLS: registry.state.tlsUrl ?? ''}
					: {}),
				...(failover ? {KEX_TEST_FAILOVER: JSON.stringify(clusters[2]!.state)} : {}),
			},
		);
	} finally {
		if (!process.env['KEX_KEEP_KAFKA']) {
			for (const name of started) await down(name);
			if (registry?.started) await registryDown('test');
		}
	}
};

const main = async () => {
	if (!(await buildKex())) return 1;
	const all = readdirSync(path.join(ROOT, 'test')).filter(f => f.endsWith('.test.ts') || f.endsWith('.test.tsx'));
	const only = process.argv.slice(2);
	const asked = process.env['KAFKA_VERSION'];
	if (only.length > 0 || asked) {
		return runOn(resolveVersion(asked), only.length > 0 ? only : all.map(f => path.join('test', f)));
	}
	const missing = COMPAT_FILES.filter(f => !all.includes(f));
	if (missing.length > 0) throw new Error(`scripts/test.ts names test files that do not exist: ${missing.join(', ')}`);
	const first = await runOn(
		DEFAULT_VERSION,
		all.map(f => path.join('test', f)),
	);
	console.log(`\nKafka ${COMPAT_VERSION}: the files that cover what differs between broker versions\n`);
	const second = await runOn(
		COMPAT_VERSION,
		COMPAT_FILES.map(f => path.join('test', f)),
	);
	return first !== 0 ? first : second;
};

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
