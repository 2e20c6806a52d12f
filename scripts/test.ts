import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {clusterReady} from './kafka.js';
import {down, resolveVersion, ROOT, up} from './local-kafka.js';

// npm test: builds kex, starts the two test clusters if they are not running (1 node on 19092, 3 nodes on
// 29092/29094/29096, apart from the dev cluster on 9092), runs every test file against them, and stops what it
// started. KEX_KEEP_KAFKA=1 leaves them running for a faster next run.

const version = resolveVersion();
const specs = [
	{name: 'test-1', nodes: 1, basePort: 19092, version},
	{name: 'test-3', nodes: 3, basePort: 29092, version},
];

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
	spawnSync(command, args, {stdio: 'inherit', cwd: ROOT, env}).status ?? 1;

const main = async () => {
	if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0) return 1;

	const started: string[] = [];
	try {
		const clusters = await Promise.all(specs.map(spec => up(spec, clusterReady)));
		clusters.forEach((c, i) => c.started && started.push(specs[i]!.name));
		console.log(clusters.map(c => `${c.state.name}: ${c.state.bootstrap} (Kafka ${c.state.version})`).join('\n'));

		const files = readdirSync(path.join(ROOT, 'test'))
			.filter(f => f.endsWith('.test.ts') || f.endsWith('.test.tsx'))
			.map(f => path.join('test', f));
		const only = process.argv.slice(2);
		return run(
			process.execPath,
			[
				'--import',
				'tsx',
				'--test',
				'--test-concurrency=2',
				'--test-reporter=spec',
				...(only.length > 0 ? only : files),
			],
			{
				...process.env,
				KEX_TEST_BROKERS_1: clusters[0]!.state.bootstrap,
				KEX_TEST_BROKERS_3: clusters[1]!.state.bootstrap,
				KEX_TEST_KAFKA_VERSION: version,
			},
		);
	} finally {
		if (!process.env['KEX_KEEP_KAFKA']) for (const name of started) await down(name);
	}
};

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
