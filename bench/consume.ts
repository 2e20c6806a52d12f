import os from 'node:os';
import {benchCluster, MILLION, millionMessages, run, timed} from './kit.js';

// npm run bench:consume [-- BROKER]: on the bench cluster (bench-1, port 39092) unless a broker is given, loads topics with 1,000,000 messages of 100 bytes each (once): uncompressed,
// lz4 and zstd (written by kcat -z), then reads each all with kcat and with kex consume (--json and lines) on the
// same broker, and prints wall time, rate and peak memory of each, kex's time beside kcat's on the same topic, and
// each codec's kex time beside kex's on the uncompressed topic (decompressing may cost at most 1.5x).

const TOPICS = [
	{topic: 'bench-1m', codec: 'none'},
	{topic: 'bench-1m-lz4', codec: 'lz4'},
	{topic: 'bench-1m-zstd', codec: 'zstd'},
];

const main = async () => {
	const broker = process.argv[2] ?? (await benchCluster()).bootstrap;
	for (const {topic, codec} of TOPICS) await millionMessages(broker, topic, codec);

	const kex = (topic: string, json: boolean) =>
		`node dist/cli.js consume ${topic} --from oldest --limit ${MILLION}${json ? ' --json' : ''} --brokers ${broker}`;
	const results = TOPICS.map(({topic, codec}) => ({
		codec,
		runs: [
			timed('kcat -C (value only)', `kcat -b ${broker} -C -t ${topic} -o beginning -e -q`),
			timed('kcat -C -J (JSON)', `kcat -b ${broker} -C -t ${topic} -o beginning -e -q -J`),
			timed('kex consume --json', kex(topic, true)),
			timed('kex consume (lines)', kex(topic, false)),
		],
	}));
	const plain = results[0]!.runs;
	console.log(
		`\n${MILLION.toLocaleString()} messages of 100 bytes in 6 partitions, ${broker}, ${os.cpus().length} cores`,
	);
	for (const {codec, runs} of results) {
		console.log(`\n${codec === 'none' ? 'uncompressed' : codec}:`);
		const base = runs[0]!.seconds;
		runs.forEach((r, i) => {
			const vsPlain = codec === 'none' ? '' : `  ${(r.seconds / plain[i]!.seconds).toFixed(2)}x uncompressed`;
			console.log(
				`${r.label.padEnd(24)} ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(MILLION / r.seconds)
					.toLocaleString()
					.padStart(
						9,
					)} msg/s  ${r.mb.toFixed(0).padStart(4)} MB peak  ${(r.seconds / base).toFixed(2)}x kcat${vsPlain}`,
			);
		});
	}
};

run(main);
