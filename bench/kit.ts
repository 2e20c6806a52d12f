import {spawn, spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {clusterReady} from '../scripts/kafka.js';
import {createKafkaService} from '../source/kafka/service.js';
import {resolveVersion, ROOT, up, type ClusterState} from '../scripts/local-kafka.js';
import {buildKex} from '../scripts/build.js';

// What the benchmarks share: the build and the bench cluster (bench-1, one broker on 39092, apart from the dev
// and test clusters), the built kex in a pseudo-terminal read as text, medians, and how a script ends.

/** Builds kex and starts (or reuses) the bench cluster. */
export const benchCluster = async (): Promise<ClusterState> => {
	if (!(await buildKex())) throw new Error('the build failed');
	return (await up({name: 'bench-1', nodes: 1, basePort: 39092, version: resolveVersion()}, clusterReady)).state;
};

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export type Terminal = {
	/** Typed into kex. */
	keys(text: string): void;
	/** Resolves with the match once the screen text since the last clear() matches. */
	until(test: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
	clear(): void;
	/** Peak resident memory of the kex process so far, in MB. */
	peakMb(): number;
	quit(): Promise<void>;
};

/** The built kex in a pseudo-terminal (util-linux `script`), 140x40, its output as text without escapes. */
export const openKex = (args: string[]): Terminal => {
	const command = `stty rows 40 cols 140; exec node ${path.join(ROOT, 'dist', 'cli.js')} ${args.join(' ')}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {
		env: {...process.env, CI: undefined, TERM: 'xterm-256color'},
	});
	let screen = '';
	let waiting: {test: RegExp; done: (m: RegExpExecArray) => void} | null = null;
	child.stdout.on('data', (chunk: Buffer) => {
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
				const timer = setTimeout(
					() => reject(new Error(`timed out waiting for ${test}; the screen ended:\n${screen.slice(-1500)}`)),
					timeoutMs,
				);
				waiting = {test, done: found => (clearTimeout(timer), resolve(found))};
			}),
		clear: () => void (screen = ''),
		peakMb: () => {
			// `script` runs the shell that execs node (which names itself kex): its only child.
			const pid = spawnSync('pgrep', ['-P', String(child.pid)], {encoding: 'utf8'})
				.stdout.trim()
				.split('\n')[0];
			if (!pid) throw new Error('cannot find the kex process');
			return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
		},
		quit: () => new Promise(resolve => (child.once('exit', () => resolve()), child.stdin.write('q'))),
	};
};

/** Milliseconds from typing `keys` to the screen matching `test`. */
export const timeTo = async (term: Terminal, keys: string, test: RegExp, timeoutMs?: number) => {
	term.clear();
	const started = performance.now();
	term.keys(keys);
	await term.until(test, timeoutMs);
	return performance.now() - started;
};

/** Runs a benchmark's main: exit 0, or the error in one line and exit 1. */
export const run = (main: () => Promise<void>) =>
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : String(error));
			process.exit(1);
		},
	);

/** Wall time and peak RSS of a shell command (GNU time), its output discarded so only the work is measured. */
export const timed = (label: string, command: string) => {
	const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'bash', '-c', `${command} > /dev/null`], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
	const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	return {label, seconds: seconds!, mb: kb! / 1024};
};

export const MILLION = 1_000_000;

/**
 * `topic` with exactly `millions` x 1,000,000 messages of 100 bytes in 6 partitions (a key and a 100-byte value),
 * loaded once by kcat, its batches compressed with `codec` (kcat -z); a topic of that name with another count is
 * made again.
 */
export const millionMessages = async (bootstrap: string, topic: string, codec = 'none', millions = 1) => {
	const service = createKafkaService({brokers: bootstrap.split(',')});
	let existing;
	try {
		existing = (await service.topics()).find(t => t.name === topic);
	} finally {
		await service.close();
	}
	if (existing?.approxMessageCount === MILLION * millions) return;
	const admin = new kafkajs.Kafka({brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING}).admin();
	await admin.connect();
	try {
		if (existing) await admin.deleteTopics({topics: [topic]});
		await admin.createTopics({topics: [{topic, numPartitions: 6}], waitForLeaders: true});
	} finally {
		await admin.disconnect();
	}
	const file = path.join(os.tmpdir(), 'kex-bench-1m.txt');
	const lines: string[] = [];
	for (let i = 0; i < MILLION; i++) lines.push(`k${i % 1000}|${String(i).padStart(10, '0')}${'v'.repeat(90)}`);
	writeFileSync(file, `${lines.join('\n')}\n`);
	console.log(
		`loading ${(MILLION * millions).toLocaleString('en-US')} messages of 100 bytes into ${topic} (${codec}) ...`,
	);
	for (let i = 0; i < millions; i++) {
		const load = spawnSync('bash', [
			'-c',
			`kcat -b ${bootstrap} -P -t ${topic} -K '|' -z ${codec} -X linger.ms=50 -X batch.num.messages=10000 < ${file}`,
		]);
		if (load.status !== 0) throw new Error(load.stderr.toString());
	}
};
