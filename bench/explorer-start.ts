import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {clusterReady} from '../scripts/kafka.js';
import {createKafkaService} from '../source/kafka/kafkajs-adapter.js';
import {resolveVersion, ROOT, up} from '../scripts/local-kafka.js';

// npm run bench:explorer: a 1-broker cluster of its own (bench-1, port 39092) with 5,000 topics of 2 partitions,
// then the built kex in a pseudo-terminal (util-linux `script`), timed from start to the first frame that shows the
// topic list, and from a key press to the frame that answers it (filter, jump to the end). Memory is the kex
// process's peak RSS (VmHWM) after a few refreshes. kcat -L on the same broker is the reference for metadata.

const TOPICS = 5000;
const PARTITIONS = 2;
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const name = (i: number) => `bench-t-${String(i).padStart(5, '0')}`;

const ensureTopics = async (bootstrap: string) => {
	const count = async () => {
		const service = createKafkaService({brokers: bootstrap.split(',')});
		try {
			return (await service.topics()).filter(t => t.name.startsWith('bench-t-')).length;
		} finally {
			await service.close();
		}
	};
	if ((await count()) === TOPICS) return;
	const kafka = new kafkajs.Kafka({brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING, requestTimeout: 120_000});
	const admin = kafka.admin();
	await admin.connect();
	try {
		for (let i = 0; i < TOPICS; i += 250) {
			// Topics that exist already make kafkajs throw for the whole batch; Kafka still creates the rest.
			await admin
				.createTopics({topics: Array.from({length: 250}, (_, j) => ({topic: name(i + j), numPartitions: PARTITIONS, replicationFactor: 1})), timeout: 120_000})
				.catch(() => {});
			process.stdout.write(`\rcreating topics: ${i + 250} of ${TOPICS}`);
		}
		process.stdout.write('\n');
	} finally {
		await admin.disconnect();
	}
	// The broker finishes creating topics after it answers; wait until all are in the metadata.
	const deadline = Date.now() + 120_000;
	let made = 0;
	while ((made = await count()) !== TOPICS) {
		if (Date.now() > deadline) throw new Error(`only ${made} of ${TOPICS} bench topics exist`);
		await new Promise(r => setTimeout(r, 1000));
	}
};

type Run = {firstFrameMs: number; filterMs: number; jumpMs: number; peakMb: number};

const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const once = (bootstrap: string): Promise<Run> =>
	new Promise((resolve, reject) => {
		const started = performance.now();
		const command = `stty rows 40 cols 120; exec node ${path.join(ROOT, 'dist', 'cli.js')} --brokers ${bootstrap} --refresh 1`;
		const child = spawn('script', ['-qfec', command, '/dev/null'], {env: {...process.env, CI: undefined, TERM: 'xterm-256color'}});
		let screen = '';
		let waiting: {test: RegExp; done: (ms: number) => void} | null = null;
		const waitFor = (test: RegExp) =>
			new Promise<number>(done => {
				const from = performance.now();
				if (test.test(screen)) return done(0);
				waiting = {test, done: at => done(at - from)};
			});
		child.stdout.on('data', (chunk: Buffer) => {
			screen += chunk.toString();
			if (waiting && waiting.test.test(screen)) {
				const w = waiting;
				waiting = null;
				w.done(performance.now());
			}
		});
		const kexPid = () => {
			// `script` runs the shell that execs node (which names itself kex): its only child.
			const pid = spawnSync('pgrep', ['-P', String(child.pid)], {encoding: 'utf8'}).stdout.trim().split('\n')[0];
			if (!pid) throw new Error('cannot find the kex process');
			return Number(pid);
		};
		(async () => {
			const first = await waitFor(/topics\(5,000\)[\s\S]*bench-t-00000/);
			const firstFrameMs = first + (performance.now() - started - first);
			screen = '';
			child.stdin.write('/');
			child.stdin.write('04999');
			const filterMs = await waitFor(/topics\(1\/5,000\)/);
			child.stdin.write('\r');
			await new Promise(r => setTimeout(r, 100));
			child.stdin.write('\u001B');
			await new Promise(r => setTimeout(r, 200));
			screen = '';
			const pressed = performance.now();
			child.stdin.write('G');
			await waitFor(/partitions\(2\) of bench-t-04999/);
			const jumpMs = performance.now() - pressed;
			// A few refreshes (every second) so the peak includes steady state, not just start-up.
			await new Promise(r => setTimeout(r, 4000));
			const peakMb = peakRss(kexPid());
			child.stdin.write('q');
			child.on('exit', () => resolve({firstFrameMs, filterMs, jumpMs, peakMb}));
		})().catch(reject);
		setTimeout(() => reject(new Error(`no first frame in 30 s; the screen was:\n${screen.slice(-2000)}`)), 30_000).unref();
	});

const timeKcat = (bootstrap: string) => {
	const t = performance.now();
	const r = spawnSync('kcat', ['-b', bootstrap, '-L'], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	if (r.status !== 0) throw new Error(r.stderr);
	return performance.now() - t;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const main = async () => {
	if (spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {stdio: 'inherit', cwd: ROOT}).status !== 0) return 1;
	const {state} = await up({name: 'bench-1', nodes: 1, basePort: 39092, version: resolveVersion()}, clusterReady);
	await ensureTopics(state.bootstrap);
	const runs: Run[] = [];
	for (let i = 0; i < RUNS; i++) runs.push(await once(state.bootstrap));
	const kcat = Array.from({length: RUNS}, () => timeKcat(state.bootstrap));
	const row = (label: string, values: number[], unit: string) =>
		console.log(`${label.padEnd(44)} median ${median(values).toFixed(0).padStart(6)} ${unit}   (${values.map(v => v.toFixed(0)).join(', ')})`);
	console.log(`\n${TOPICS} topics x ${PARTITIONS} partitions, 1 broker (Kafka ${state.version}), ${RUNS} runs`);
	row('kex: start to first frame with the topic list', runs.map(r => r.firstFrameMs), 'ms');
	row('kex: typing a filter to the filtered frame', runs.map(r => r.filterMs), 'ms');
	row('kex: G (jump to last) to its frame', runs.map(r => r.jumpMs), 'ms');
	row('kex: peak RSS after 4 refreshes', runs.map(r => r.peakMb), 'MB');
	row('kcat -L (metadata only, for reference)', kcat, 'ms');
	console.log('The bench cluster keeps running: npm run kafka:down -- --name bench-1 stops it.');
	return 0;
};

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
