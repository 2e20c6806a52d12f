import {spawnSync} from 'node:child_process';
import os from 'node:os';
import {ROOT} from '../scripts/local-kafka.js';
import {MILLION, millionMessages, run, timed} from './kit.js';

// npm run bench:consume [-- BROKER]: loads a topic with 1,000,000 messages of 100 bytes (once), then reads it all
// with kex consume --json and with kcat on the same broker, and prints wall time, rate and peak memory of each.

const broker = process.argv[2] ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const TOPIC = 'bench-1m';

const main = async () => {
	await millionMessages(broker, TOPIC);
	spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {cwd: ROOT, stdio: 'inherit'});

	const runs = [
		timed('kcat -C (value only)', `kcat -b ${broker} -C -t ${TOPIC} -o beginning -e -q`),
		timed('kcat -C -J (JSON)', `kcat -b ${broker} -C -t ${TOPIC} -o beginning -e -q -J`),
		timed(
			'kex consume --json',
			`node dist/cli.js consume ${TOPIC} --from oldest --limit ${MILLION} --json --brokers ${broker}`,
		),
		timed(
			'kex consume (lines)',
			`node dist/cli.js consume ${TOPIC} --from oldest --limit ${MILLION} --brokers ${broker}`,
		),
	];
	const base = runs[0]!.seconds;
	console.log(`\n${MILLION.toLocaleString()} messages of 100 bytes, ${broker}, ${os.cpus().length} cores`);
	for (const r of runs) {
		console.log(
			`${r.label.padEnd(24)} ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(MILLION / r.seconds)
				.toLocaleString()
				.padStart(9)} msg/s  ${r.mb.toFixed(0).padStart(4)} MB peak  ${(r.seconds / base).toFixed(2)}x kcat`,
		);
	}
};

run(main);
