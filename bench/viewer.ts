import {spawn, spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {clusterReady} from '../scripts/kafka.js';
import {resolveVersion, ROOT, up} from '../scripts/local-kafka.js';
import {createKafkaService} from '../source/kafka/kafkajs-adapter.js';

// npm run bench:viewer: the message viewer on a topic of 1,000,000 messages of 100 bytes (6 partitions) on the
// bench cluster (bench-1, port 39092). The built kex runs in a pseudo-terminal; each figure is the time from the
// key that asks (m, or Enter on :goto) to the first frame that shows messages, and the rate of a search that
// matches nothing, scanning the whole topic. kcat reads the same ranges on the same broker for comparison.

const TOPIC = 'bench-1m';
const COUNT = 1_000_000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

const ensureTopic = async (bootstrap: string) => {
	const service = createKafkaService({brokers: bootstrap.split(',')});
	try {
		const existing = (await service.topics()).find(t => t.name === TOPIC);
		if (existing?.approxMessageCount === COUNT) return;
		if (existing) throw new Error(`${TOPIC} exists with ${existing.approxMessageCount} messages; delete it first`);
	} finally {
		await service.close();
	}
	const file = path.join(os.tmpdir(), 'kex-bench-1m.txt');
	const lines: string[] = [];
	for (let i = 0; i < COUNT; i++) lines.push(`k${i % 1000}|${String(i).padStart(10, '0')}${'v'.repeat(90)}`);
	writeFileSync(file, `${lines.join('\n')}\n`);
	console.log(`loading ${COUNT.toLocaleString('en-US')} messages into ${TOPIC} ...`);
	const created = spawnSync('node', [path.join(ROOT, 'dist', 'cli.js'), 'topics', '--brokers', bootstrap], {encoding: 'utf8'});
	if (!created.stdout.includes(TOPIC)) {
		const kafkajs = (await import('kafkajs')).default;
		const admin = new kafkajs.Kafka({brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING}).admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic: TOPIC, numPartitions: 6}], waitForLeaders: true});
		await admin.disconnect();
	}
	const load = spawnSync('bash', ['-c', `kcat -b ${bootstrap} -P -t ${TOPIC} -K '|' -X linger.ms=50 -X batch.num.messages=10000 < ${file}`]);
	if (load.status !== 0) throw new Error(load.stderr.toString());
};

type Screen = {keys(text: string): void; until(test: RegExp, timeoutMs?: number): Promise<RegExpExecArray>; clear(): void; quit(): Promise<void>};

const openKex = (bootstrap: string): Screen => {
	const command = `stty rows 40 cols 140; exec node ${path.join(ROOT, 'dist', 'cli.js')} --brokers ${bootstrap} --refresh 60`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {env: {...process.env, CI: undefined, TERM: 'xterm-256color'}});
	let screen = '';
	let waiting: {test: RegExp; done: (m: RegExpExecArray) => void} | null = null;
	child.stdout.on('data', (chunk: Buffer) => {
		// Colours and cursor moves out, so patterns see the text.
		screen += chunk.toString().replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
		const m = waiting?.test.exec(screen);
		if (m && waiting) {
			const w = waiting;
			waiting = null;
			w.done(m);
		}
	});
	return {
		keys: text => void child.stdin.write(text),
		until: (test, timeoutMs = 60_000) =>
			new Promise((resolve, reject) => {
				const m = test.exec(screen);
				if (m) return resolve(m);
				const timer = setTimeout(() => reject(new Error(`timed out waiting for ${test}; the screen ended:\n${screen.slice(-1500)}`)), timeoutMs);
				waiting = {test, done: found => (clearTimeout(timer), resolve(found))};
			}),
		clear: () => void (screen = ''),
		quit: () => new Promise(resolve => (child.once('exit', () => resolve()), child.stdin.write('q'))),
	};
};

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const timeTo = async (s: Screen, keys: string, test: RegExp) => {
	s.clear();
	const started = performance.now();
	s.keys(keys);
	await s.until(test);
	return performance.now() - started;
};

const goto = async (s: Screen, where: string, test: RegExp) => {
	s.keys('t');
	await pause(100);
	s.keys(`\u0015goto ${where}`);
	await pause(200);
	return timeTo(s, '\r', test);
};

/** kcat with its output discarded, as kex's frames are: only reading and decoding are timed. */
const kcatMs = (args: string[]) => {
	const started = performance.now();
	const r = spawnSync('bash', ['-c', `kcat ${args.join(' ')} > /dev/null`]);
	if (r.status !== 0) throw new Error(r.stderr.toString());
	return {ms: performance.now() - started};
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const main = async () => {
	if (spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {stdio: 'inherit', cwd: ROOT}).status !== 0) return 1;
	const {state} = await up({name: 'bench-1', nodes: 1, basePort: 39092, version: resolveVersion()}, clusterReady);
	const bootstrap = state.bootstrap;
	await ensureTopic(bootstrap);
	// A time in the middle of the topic: the timestamp of the 500,000th message of partition 0's share.
	const middle = Number(spawnSync('kcat', ['-b', bootstrap, '-C', '-t', TOPIC, '-p', '0', '-o', '80000', '-c', '1', '-e', '-f', '%T'], {encoding: 'utf8'}).stdout.trim());

	const results: Record<string, number[]> = {newest: [], oldest: [], timestamp: [], scanRate: []};
	let scanned = 0;
	for (let run = 0; run < RUNS; run++) {
		const s = openKex(bootstrap);
		await s.until(/topics\(/);
		s.keys(`:topic ${TOPIC}`);
		await pause(200);
		s.keys('\r');
		await s.until(new RegExp(`partitions\\(6\\) of ${TOPIC}`));
		await pause(300);
		results.newest!.push(await timeTo(s, 'm', /messages\([1-9][\d,]*\) of bench-1m from newest/));
		results.oldest!.push(await goto(s, 'oldest', /messages\([1-9][\d,]*\) of bench-1m from oldest/));
		results.timestamp!.push(await goto(s, `@${middle}`, /messages\([1-9][\d,]*\) of bench-1m from 20\d\d-/));
		await goto(s, 'oldest', /messages\([1-9][\d,]*\) of bench-1m from oldest/);
		s.keys('/');
		await pause(100);
		s.keys('/zzz-no-such-thing/');
		await pause(200);
		s.keys('\r');
		await pause(300);
		const started = performance.now();
		s.clear();
		s.keys('n');
		const m = await s.until(/no match in the next ([\d,]+) messages/, 300_000);
		const seconds = (performance.now() - started) / 1000;
		scanned = Number(m[1]!.replace(/,/g, ''));
		results.scanRate!.push(scanned / seconds);
		await s.quit();
	}

	const kcatNewest = kcatMs(['-b', bootstrap, '-C', '-t', TOPIC, '-o', '-100', '-e', '-q']);
	const kcatOldest = kcatMs(['-b', bootstrap, '-C', '-t', TOPIC, '-o', 'beginning', '-c', '600', '-e', '-q']);
	const kcatTime = kcatMs(['-b', bootstrap, '-C', '-t', TOPIC, '-o', `s@${middle}`, '-c', '600', '-e', '-q']);
	const kcatAll = kcatMs(['-b', bootstrap, '-C', '-t', TOPIC, '-o', 'beginning', '-e', '-q']);
	const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
	console.log(`\n${TOPIC}: ${COUNT.toLocaleString('en-US')} messages of 100 B in 6 partitions, 1 broker (Kafka ${state.version}), ${RUNS} runs, medians`);
	console.log(`${'first screen'.padEnd(34)} ${'kex'.padStart(9)}   kcat, same range (600 messages)`);
	console.log(`${'  newest (100 of each partition)'.padEnd(34)} ${ms(median(results.newest!))}   ${ms(kcatNewest.ms)}`);
	console.log(`${'  oldest'.padEnd(34)} ${ms(median(results.oldest!))}   ${ms(kcatOldest.ms)}`);
	console.log(`${'  a timestamp mid-topic'.padEnd(34)} ${ms(median(results.timestamp!))}   ${ms(kcatTime.ms)}`);
	const kcatRate = COUNT / (kcatAll.ms / 1000);
	console.log(`${'search with no match (scan)'.padEnd(34)} ${Math.round(median(results.scanRate!)).toLocaleString('en-US').padStart(9)}/s over ${scanned.toLocaleString('en-US')} messages; kcat -C reading all ${COUNT.toLocaleString('en-US')}: ${Math.round(kcatRate).toLocaleString('en-US')}/s (${(median(results.scanRate!) / kcatRate).toFixed(2)}x)`);
	return 0;
};

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	},
);
