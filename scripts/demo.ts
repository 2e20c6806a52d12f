import {spawn, spawnSync} from 'node:child_process';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {clusterReady} from './kafka.js';
import {payment, paymentEncoder} from './demo-payments.js';
import {ccompat, registryUp} from './local-registry.js';
import {clusterNames, isRunning, readState, resolveVersion, ROOT, up} from './local-kafka.js';
import {buildKex} from './build.js';

// npm run demo: a living local cluster in one command. Uses the local Kafka if one runs, else starts 3 brokers;
// starts a schema registry (Apicurio, in memory, on 8081), creates demo topics (JSON orders with keys and headers,
// page views, Avro payments through the registry, a compacted topic), starts traffic and two consumer groups in the
// background, then opens kex with the registry. Quitting kex stops the traffic; Kafka and the registry stay.

const TOPICS = [
	{topic: 'orders', numPartitions: 3},
	{topic: 'page-views', numPartitions: 6},
	{topic: 'payments', numPartitions: 3},
	{topic: 'customers', numPartitions: 1, configEntries: [{name: 'cleanup.policy', value: 'compact'}]},
];

/** A local cluster the user started: the tests' and the benchmarks' own clusters are never seeded with demo topics. */
const runningCluster = () =>
	clusterNames()
		.filter(name => !name.startsWith('test-') && !name.startsWith('bench-'))
		.map(readState)
		.find(isRunning) ?? null;

const seed = async (brokers: string[], replication: number, registry: string) => {
	const kafka = new kafkajs.Kafka({brokers, clientId: 'kex-demo-setup', logLevel: kafkajs.logLevel.NOTHING});
	const admin = kafka.admin();
	await admin.connect();
	try {
		const existing = new Set(await admin.listTopics());
		const missing = TOPICS.filter(t => !existing.has(t.topic));
		if (missing.length === 0) return;
		await admin.createTopics({
			topics: missing.map(t => ({...t, replicationFactor: replication})),
			waitForLeaders: true,
		});
		const producer = kafka.producer();
		await producer.connect();
		const customers = ['ada', 'grace', 'linus', 'barbara', 'ken', 'margaret', 'dennis', 'frances'];
		const created = new Set(missing.map(t => t.topic));
		const batches: kafkajs.TopicMessages[] = [];
		if (created.has('orders')) {
			batches.push({
				topic: 'orders',
				messages: Array.from({length: 200}, (_, i) => ({
					key: `order-${1000 + i}`,
					value: JSON.stringify({
						id: 1000 + i,
						customer: customers[i % customers.length],
						amount: ((i * 37) % 500) + 0.99,
						currency: 'EUR',
						items: [{sku: `sku-${i % 13}`, qty: 1 + (i % 3)}],
					}),
					headers: {source: 'demo', schema: 'order.v1'},
				})),
			});
		}
		if (created.has('payments')) {
			const encoder = await paymentEncoder(registry);
			const start = Date.now() - 150 * 60_000;
			batches.push({
				topic: 'payments',
				messages: Array.from({length: 150}, (_, i) => ({
					key: `order-${1000 + i}`,
					value: payment(encoder, 1000 + i, (i * 3700) % 50_000, customers[i % customers.length]!, start + i * 60_000),
				})),
			});
		}
		if (created.has('customers')) {
			batches.push({
				topic: 'customers',
				messages: customers.map(name => ({key: name, value: JSON.stringify({name, tier: 'free'})})),
			});
		}
		await producer.sendBatch({topicMessages: batches});
		await producer.disconnect();
	} finally {
		await admin.disconnect();
	}
};

const main = async () => {
	if (!(await buildKex())) return 1;
	let state = runningCluster();
	if (!state) {
		console.log('Starting a local 3-broker Kafka (KRaft) on 127.0.0.1:9092 ...');
		state = (await up({name: 'local-3', nodes: 3, basePort: 9092, version: resolveVersion()}, clusterReady)).state;
	}
	const brokers = state.bootstrap.split(',');
	console.log('Starting the schema registry (Apicurio, in memory) on 127.0.0.1:8081 ...');
	const registry = ccompat((await registryUp('local', 8081)).state.url);
	console.log(`Kafka ${state.version}, ${state.nodes} broker(s) at ${state.bootstrap}. Creating demo topics ...`);
	await seed(brokers, Math.min(3, state.nodes), registry);

	const traffic = spawn(
		process.execPath,
		['--import', 'tsx', path.join(ROOT, 'scripts', 'demo-traffic.ts'), state.bootstrap, registry],
		{cwd: ROOT, stdio: 'ignore'},
	);
	const kex = spawnSync(
		process.execPath,
		[path.join(ROOT, 'dist', 'cli.js'), '--brokers', state.bootstrap, '--refresh', '2', '--registry', registry],
		{stdio: 'inherit', cwd: ROOT},
	);
	traffic.kill('SIGTERM');
	console.log(
		`Kafka keeps running at ${state.bootstrap} and the registry at ${registry} (npm run kafka:down and npm run registry:down stop them). Open kex again with: node dist/cli.js --registry ${registry}`,
	);
	return kex.status ?? 1;
};

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
