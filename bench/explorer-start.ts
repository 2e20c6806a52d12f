import os from 'node:os';
import {spawnSync} from 'node:child_process';
import kafkajs from 'kafkajs';
import {createKafkaService} from '../source/kafka/service.js';
import {benchCluster, median, openKex, pause, run, timeTo} from './kit.js';

// npm run bench:explorer: a 1-broker cluster of its own (bench-1, port 39092) with 5,000 topics of 2 partitions,
// then the built kex in a pseudo-terminal (util-linux `script`), timed from start to the first frame that shows the
// topic list, and from a key press to the frame that answers it (filter, jump to the end). Memory is the kex
// process's peak RSS (VmHWM) over ten refreshes. kcat -L on the same broker is the reference for metadata.

const TOPICS = 5000;
const PARTITIONS = 2;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
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
	const kafka = new kafkajs.Kafka({
		brokers: bootstrap.split(','),
		logLevel: kafkajs.logLevel.NOTHING,
		requestTimeout: 120_000,
	});
	const admin = kafka.admin();
	await admin.connect();
	try {
		for (let i = 0; i < TOPICS; i += 250) {
			// Topics that exist already make kafkajs throw for the whole batch; Kafka still creates the rest.
			await admin
				.createTopics({
					topics: Array.from({length: 250}, (_, j) => ({
						topic: name(i + j),
						numPartitions: PARTITIONS,
						replicationFactor: 1,
					})),
					timeout: 120_000,
				})
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
		await pause(1000);
	}
};

type Run = {firstFrameMs: number; countsMs: number; filterMs: number; jumpMs: number; peakMb: number};

const once = async (bootstrap: string, lastTopic: string): Promise<Run> => {
	const started = performance.now();
	const term = openKex(['--brokers', bootstrap, '--refresh', '1']);
	// Other benchmarks leave a few topics of their own on the bench cluster: the count is 5,000 or a little more.
	await term.until(/topics\([\d,]+\)[\s\S]*bench-t-00000/, 30_000);
	const firstFrameMs = performance.now() - started;
	// The message counts follow once every partition's watermarks are read (bench-t-00000 holds none).
	await term.until(/bench-t-00000 +2 +1 +0 +0 +0 /, 30_000);
	const countsMs = performance.now() - started;
	const filterMs = await timeTo(term, '/-04999', /topics\(1\/[\d,]+\)/);
	term.keys('\r');
	await pause(100);
	term.keys('\u001B');
	await pause(200);
	const jumpMs = await timeTo(term, 'G', new RegExp(`partitions\\(\\d+\\) of ${lastTopic}`));
	// Ten refreshes (one a second) so the peak includes steady state, not just start-up.
	await pause(10_500);
	const peakMb = term.peakMb();
	await term.quit();
	return {firstFrameMs, countsMs, filterMs, jumpMs, peakMb};
};

const timeKcat = (bootstrap: string) => {
	const t = performance.now();
	const r = spawnSync('kcat', ['-b', bootstrap, '-L'], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	if (r.status !== 0) throw new Error(r.stderr);
	return performance.now() - t;
};

run(async () => {
	const state = await benchCluster();
	await ensureTopics(state.bootstrap);
	// G goes to the last topic listed: with other benchmarks' topics about, not necessarily bench-t-04999.
	const service = createKafkaService({brokers: state.bootstrap.split(',')});
	const lastTopic = (await service.topics({includeInternal: false})).at(-1)!.name;
	await service.close();
	const runs: Run[] = [];
	for (let i = 0; i < RUNS; i++) runs.push(await once(state.bootstrap, lastTopic));
	const kcat = Array.from({length: RUNS}, () => timeKcat(state.bootstrap));
	const row = (label: string, values: number[], unit: string) =>
		console.log(
			`${label.padEnd(44)} median ${median(values).toFixed(0).padStart(6)} ${unit}   (${values.map(v => v.toFixed(0)).join(', ')})`,
		);
	console.log(
		`\n${TOPICS} topics x ${PARTITIONS} partitions, 1 broker (Kafka ${state.version}), ${os.cpus().length} cores, ${RUNS} runs`,
	);
	row(
		'kex: start to first frame with the topic list',
		runs.map(r => r.firstFrameMs),
		'ms',
	);
	row(
		'kex: start to the message counts',
		runs.map(r => r.countsMs),
		'ms',
	);
	row(
		'kex: typing a filter to the filtered frame',
		runs.map(r => r.filterMs),
		'ms',
	);
	row(
		'kex: G (jump to last) to its frame',
		runs.map(r => r.jumpMs),
		'ms',
	);
	row(
		'kex: peak RSS over 10 refreshes',
		runs.map(r => r.peakMb),
		'MB',
	);
	row('kcat -L (metadata only, for reference)', kcat, 'ms');
	console.log('The bench cluster keeps running: npm run kafka:down -- --name bench-1 stops it.');
});
