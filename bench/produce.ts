import {spawnSync} from 'node:child_process';
import {appendFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {ROOT} from '../scripts/local-kafka.js';
import {benchCluster, median, run, timed} from './kit.js';

// npm run bench:produce: 1,000,000 small messages (a key and a 100-byte value a line) written by
// `kex produce --file` and by `kcat -P` from the same file, each into a fresh 6-partition topic on the bench cluster
// (bench-1, port 39092); kex also from the NDJSON form of the same messages. Wall time, rate and peak memory; then
// kex once more on 5,000,000 lines, whose peak memory must be that of 1,000,000.

const COUNT = 1_000_000;

run(async () => {
	const state = await benchCluster();
	const b = state.bootstrap;
	const lines = path.join(os.tmpdir(), 'kex-bench-produce.txt');
	const ndjson = path.join(os.tmpdir(), 'kex-bench-produce.ndjson');
	const text: string[] = [];
	const json: string[] = [];
	for (let i = 0; i < COUNT; i++) {
		const value = `${String(i).padStart(10, '0')}${'v'.repeat(90)}`;
		text.push(`k${i % 1000}|${value}`);
		json.push(JSON.stringify({key: `k${i % 1000}`, value, headers: []}));
	}
	writeFileSync(lines, `${text.join('\n')}\n`);
	writeFileSync(ndjson, `${json.join('\n')}\n`);

	// Three rounds, the tools taking turns, each into fresh topics; medians are reported (a 2-core machine that
	// also runs the broker is noisy).
	const ROUNDS = Number(process.env['BENCH_RUNS'] ?? 3);
	const admin = new kafkajs.Kafka({brokers: b.split(','), logLevel: kafkajs.logLevel.NOTHING}).admin();
	await admin.connect();
	const labels = ['kcat -P -K "|"', 'kex produce --file (lines)', 'kex produce --file (ndjson)'];
	const results = labels.map(() => [] as Array<{seconds: number; mb: number}>);
	const holds: Array<number | undefined> = [];
	for (let round = 0; round < ROUNDS; round++) {
		const stamp = `${Date.now().toString(36)}-${round}`;
		const topics = ['kcat', 'kex', 'kexjson'].map(t => `bench-produce-${t}-${stamp}`);
		await admin.createTopics({topics: topics.map(topic => ({topic, numPartitions: 6})), waitForLeaders: true});
		const commands = [
			// kcat waits for every delivery report before it exits, so its time includes the acknowledgements.
			`kcat -b ${b} -P -t ${topics[0]} -K '|' -X acks=all < ${lines}`,
			`node dist/cli.js produce ${topics[1]} --brokers ${b} --file ${lines} --key-separator '|'`,
			`node dist/cli.js produce ${topics[2]} --brokers ${b} --file ${ndjson}`,
		];
		commands.forEach((command, i) => results[i]!.push(timed(labels[i]!, command)));
		const listing = JSON.parse(
			spawnSync('node', ['dist/cli.js', 'topics', '--brokers', b, '--json'], {cwd: ROOT, encoding: 'utf8'}).stdout,
		) as Array<{name: string; approxMessageCount: number}>;
		topics.forEach((t, i) => (holds[i] = listing.find(x => x.name === t)?.approxMessageCount));
		await admin.deleteTopics({topics}).catch(() => {});
	}
	// Memory for a larger file: the same lines five times over (5,000,000), whose peak must be that of 1,000,000.
	const big = path.join(os.tmpdir(), 'kex-bench-produce-5m.txt');
	writeFileSync(big, '');
	for (let i = 0; i < 5; i++) appendFileSync(big, `${text.join('\n')}\n`);
	const bigTopic = `bench-produce-big-${Date.now().toString(36)}`;
	await admin.createTopics({topics: [{topic: bigTopic, numPartitions: 6}], waitForLeaders: true});
	const large = timed(
		'kex produce --file (5M lines)',
		`node dist/cli.js produce ${bigTopic} --brokers ${b} --file ${big} --key-separator '|'`,
	);
	await admin.deleteTopics({topics: [bigTopic]}).catch(() => {});
	rmSync(big, {force: true});
	await admin.disconnect();
	const base = median(results[0]!.map(r => r.seconds));
	console.log(
		`\n${COUNT.toLocaleString('en-US')} messages (key + 100 B value), 6 partitions, 1 broker (Kafka ${state.version}), ${os.cpus().length} cores, acks=all, median of ${ROUNDS}`,
	);
	labels.forEach((label, i) => {
		const seconds = median(results[i]!.map(r => r.seconds));
		const mb = median(results[i]!.map(r => r.mb));
		console.log(
			`${label.padEnd(30)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(COUNT / seconds)
				.toLocaleString('en-US')
				.padStart(
					9,
				)} msg/s  ${mb.toFixed(0).padStart(4)} MB peak  ${(seconds / base).toFixed(2)}x kcat  (${results[i]!.map(r => r.seconds.toFixed(2)).join(', ')}; last topic holds ${holds[i]?.toLocaleString('en-US')})`,
		);
	});
	const oneMillion = median(results[1]!.map(r => r.mb));
	console.log(
		`${'kex produce --file (5M lines)'.padEnd(30)} ${large.seconds.toFixed(2).padStart(6)} s  ${Math.round(
			(5 * COUNT) / large.seconds,
		)
			.toLocaleString('en-US')
			.padStart(
				9,
			)} msg/s  ${large.mb.toFixed(0).padStart(4)} MB peak  (${(large.mb / oneMillion).toFixed(2)}x the peak of 1M lines)`,
	);
});
