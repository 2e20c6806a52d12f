import os from 'node:os';
import {benchCluster, median, MILLION, millionMessages, run, timed} from './kit.js';

// npm run bench:consume [-- BROKER]: on the bench cluster (bench-1, port 39092) unless a broker is given, loads
// topics of 1,000,000 messages of 100 bytes in 6 partitions (once): uncompressed, lz4 and zstd (written by kcat -z),
// and one of 10,000,000 uncompressed. Reads each whole with kcat and with kex consume (--json and lines), the tools
// taking turns, three rounds (BENCH_RUNS), and prints medians of wall time, rate and peak memory, kex's time beside
// kcat's on the same topic. Then memory: kex on 10M beside 1M, and kex read by a slow reader (a pipe drained at
// 20 MB/s), whose peak must stay that of a fast one.

const TOPICS = [
	{topic: 'bench-1m', codec: 'none'},
	{topic: 'bench-1m-lz4', codec: 'lz4'},
	{topic: 'bench-1m-zstd', codec: 'zstd'},
];
const BIG = {topic: 'bench-10m', millions: 10};
const ROUNDS = Number(process.env['BENCH_RUNS'] ?? 3);

// Reads stdin at about 20 MB/s: 64 KB every 3 ms.
const SLOW_READER = `python3 -c "import sys,time
r=sys.stdin.buffer
while r.read(65536): time.sleep(0.003)"`;

type Sample = {seconds: number; mb: number};
const med = (runs: Sample[]) => ({seconds: median(runs.map(r => r.seconds)), mb: median(runs.map(r => r.mb))});

const main = async () => {
	const given = process.argv[2];
	const cluster = given ? null : await benchCluster();
	const broker = given ?? cluster!.bootstrap;
	for (const {topic, codec} of TOPICS) await millionMessages(broker, topic, codec);
	await millionMessages(broker, BIG.topic, 'none', BIG.millions);

	const kex = (topic: string, json: boolean, count = MILLION) =>
		`node dist/cli.js consume ${topic} --from oldest --limit ${count}${json ? ' --json' : ''} --brokers ${broker}`;
	const kcat = (topic: string, json: boolean) =>
		`kcat -b ${broker} -C -t ${topic} -o beginning -e -q${json ? ' -J' : ''}`;
	const LABELS = ['kcat -C (value only)', 'kcat -C -J (JSON)', 'kex consume (lines)', 'kex consume --json'];
	const results = TOPICS.map(({topic, codec}) => {
		const runs: Sample[][] = LABELS.map(() => []);
		for (let round = 0; round < ROUNDS; round++) {
			const commands = [kcat(topic, false), kcat(topic, true), kex(topic, false), kex(topic, true)];
			commands.forEach((command, i) => runs[i]!.push(timed(LABELS[i]!, command)));
		}
		return {codec, runs: runs.map(med)};
	});
	const big: Sample[] = [];
	const oneMillion: Sample[] = [];
	const slow: Sample[] = [];
	const bigKcat: Sample[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		oneMillion.push(timed('kex 1M', kex('bench-1m', false)));
		big.push(timed('kex 10M', kex(BIG.topic, false, BIG.millions * MILLION)));
		bigKcat.push(timed('kcat 10M', kcat(BIG.topic, false)));
		slow.push(timed('kex 1M slow reader', `${kex('bench-1m', false)} | ${SLOW_READER}`));
	}

	const version = cluster ? `Kafka ${cluster.version}` : 'broker version as given';
	console.log(
		`\n${MILLION.toLocaleString('en-US')} messages of 100 bytes in 6 partitions, 1 broker (${broker}, ${version}), ${os.cpus().length} cores, median of ${ROUNDS}`,
	);
	const plain = results[0]!.runs;
	for (const {codec, runs} of results) {
		console.log(`\n${codec === 'none' ? 'uncompressed' : codec}:`);
		const base = runs[0]!.seconds;
		runs.forEach((r, i) => {
			const vsPlain = codec === 'none' ? '' : `  ${(r.seconds / plain[i]!.seconds).toFixed(2)}x uncompressed`;
			console.log(
				`${LABELS[i]!.padEnd(24)} ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(MILLION / r.seconds)
					.toLocaleString('en-US')
					.padStart(
						9,
					)} msg/s  ${r.mb.toFixed(0).padStart(4)} MB peak  ${(r.seconds / base).toFixed(2)}x kcat -C${vsPlain}`,
			);
		});
	}
	const b = med(big);
	const k = med(bigKcat);
	const one = med(oneMillion);
	const s = med(slow);
	console.log(`\nmemory (kex consume, lines, uncompressed):`);
	console.log(
		`1M messages              ${one.seconds.toFixed(2).padStart(6)} s  ${one.mb.toFixed(0).padStart(4)} MB peak`,
	);
	console.log(
		`10M messages             ${b.seconds.toFixed(2).padStart(6)} s  ${b.mb.toFixed(0).padStart(4)} MB peak  (${(b.mb / one.mb).toFixed(2)}x the peak of 1M; kcat -C ${k.seconds.toFixed(2)} s, ${k.mb.toFixed(0)} MB, kex ${(b.seconds / k.seconds).toFixed(2)}x kcat)`,
	);
	console.log(
		`1M, read at 20 MB/s      ${s.seconds.toFixed(2).padStart(6)} s  ${s.mb.toFixed(0).padStart(4)} MB peak  (${(s.mb / one.mb).toFixed(2)}x the peak with a fast reader)`,
	);
};

run(main);
