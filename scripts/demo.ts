import {spawnSync} from 'node:child_process';
import {createKafkaService} from '../source/kafka/kafkajs-adapter.js';
import {clusterReady} from './kafka.js';
import {kafkaTool, resolveVersion, ROOT, up} from './local-kafka.js';

// npm run demo: a local Kafka with a demo topic, then kex on it. (The full-screen explorer arrives with the TUI;
// until then the demo shows the subcommands.)

const run = (args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], {stdio: 'inherit', cwd: ROOT});

const main = async () => {
	if (spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {stdio: 'inherit', cwd: ROOT}).status !== 0) return 1;
	const {state} = await up({name: 'local-1', nodes: 1, basePort: 9092, version: resolveVersion()}, clusterReady);
	const service = createKafkaService({brokers: state.bootstrap.split(',')});
	try {
		const existing = new Set((await service.topics()).map(t => t.name));
		if (!existing.has('orders')) {
			kafkaTool(state.version, 'org.apache.kafka.tools.TopicCommand', [
				'--bootstrap-server', state.bootstrap.split(',')[0]!, '--create', '--topic', 'orders', '--partitions', '3',
			]);
			const customers = ['ada', 'grace', 'linus', 'barbara', 'ken'];
			await service.produce(
				Array.from({length: 200}, (_, i) => ({
					topic: 'orders',
					key: Buffer.from(`order-${1000 + i}`),
					value: Buffer.from(JSON.stringify({id: 1000 + i, customer: customers[i % 5], amount: Math.round((i * 37) % 500) + 0.99, currency: 'EUR'})),
					headers: [{key: 'source', value: Buffer.from('demo')}, {key: 'schema', value: Buffer.from('order.v1')}],
				})),
			);
		}
	} finally {
		await service.close();
	}
	for (const args of [['brokers'], ['topics'], ['topic', 'orders'], ['consume', 'orders', '--from', 'newest', '--limit', '3']]) {
		console.log(`\n$ kex ${args.join(' ')}`);
		run([...args, '--brokers', state.bootstrap]);
	}
	console.log(`\nKafka keeps running at ${state.bootstrap}; try node dist/cli.js --help, and npm run kafka:down to stop it.`);
	return 0;
};

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
