import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createKafkaService} from '../source/kafka/kafkajs-adapter.js';
import {kafkaTool, ROOT} from '../scripts/local-kafka.js';

// npm run bench:consume [-- BROKER]: loads a topic with 1,000,000 messages of 100 bytes (once), then reads it all
// with kex consume --json and with kcat on the same broker, and prints wall time, rate and peak memory of each.

const broker = process.argv[2] ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const TOPIC = 'bench-1m';
const COUNT = 1_000_000;
const version = process.env['KAFKA_VERSION'] ?? '4.1.2';

const timed = (label: string, command: string) => {
	// GNU time reports peak RSS; the shell discards output so that only reading and formatting are measured.
	const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'bash', '-c', `${command} > /dev/null`], {cwd: ROOT, encoding: 'utf8'});
	const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
	return {label, seconds: seconds!, mb: kb! / 1024};
};

const main = async () => {
	const service = createKafkaService({brokers: [broker]});
	try {
		const existing = (await service.topics()).find(t => t.name === TOPIC);
		if (!existing || existing.approxMessageCount !== COUNT) {
			if (existing) kafkaTool(version, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', broker, '--delete', '--topic', TOPIC]);
			kafkaTool(version, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', broker, '--create', '--topic', TOPIC, '--partitions', '6']);
			const file = path.join(os.tmpdir(), 'kex-bench-1m.txt');
			const lines: string[] = [];
			for (let i = 0; i < COUNT; i++) lines.push(`k${i % 1000}|${String(i).padStart(10, '0')}${'v'.repeat(90)}`);
			writeFileSync(file, `${lines.join('\n')}\n`);
			console.log(`loading ${COUNT.toLocaleString()} messages of 100 bytes into ${TOPIC}...`);
			const load = spawnSync('bash', ['-c', `kcat -b ${broker} -P -t ${TOPIC} -K '|' -X linger.ms=50 -X batch.num.messages=10000 < ${file}`]);
			if (load.status !== 0) throw new Error(load.stderr.toString());
		}
	} finally {
		await service.close();
	}
	spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {cwd: ROOT, stdio: 'inherit'});

	const runs = [
		timed('kcat -C (value only)', `kcat -b ${broker} -C -t ${TOPIC} -o beginning -e -q`),
		timed('kcat -C -J (JSON)', `kcat -b ${broker} -C -t ${TOPIC} -o beginning -e -q -J`),
		timed('kex consume --json', `node dist/cli.js consume ${TOPIC} --from oldest --limit ${COUNT} --json --brokers ${broker}`),
		timed('kex consume (lines)', `node dist/cli.js consume ${TOPIC} --from oldest --limit ${COUNT} --brokers ${broker}`),
	];
	const base = runs[0]!.seconds;
	console.log(`\n${COUNT.toLocaleString()} messages of 100 bytes, ${broker}, ${os.cpus().length} cores`);
	for (const r of runs) {
		console.log(
			`${r.label.padEnd(24)} ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(COUNT / r.seconds).toLocaleString().padStart(9)} msg/s  ${r.mb.toFixed(0).padStart(4)} MB peak  ${(r.seconds / base).toFixed(2)}x kcat`,
		);
	}
};

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
