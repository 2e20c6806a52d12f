import os from 'node:os';
import {spawnSync} from 'node:child_process';
import {benchCluster, median, MILLION, millionMessages, openKex, pause, run, timeTo, type Terminal} from './kit.js';

// npm run bench:viewer: the message viewer on a topic of 1,000,000 messages of 100 bytes (6 partitions) on the
// bench cluster (bench-1, port 39092). The built kex runs in a pseudo-terminal; each figure is the time from the
// key that asks (m, or Enter on :goto) to the first frame that shows messages, and the rate of a search that
// matches nothing, scanning the whole topic. kcat reads the same ranges on the same broker for comparison.

const TOPIC = 'bench-1m';
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

const goto = async (s: Terminal, where: string, test: RegExp) => {
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

run(async () => {
	const state = await benchCluster();
	const bootstrap = state.bootstrap;
	await millionMessages(bootstrap, TOPIC);
	// A time in the middle of the topic: the timestamp of the 500,000th message of partition 0's share.
	const middle = Number(
		spawnSync('kcat', ['-b', bootstrap, '-C', '-t', TOPIC, '-p', '0', '-o', '80000', '-c', '1', '-e', '-f', '%T'], {
			encoding: 'utf8',
		}).stdout.trim(),
	);

	const results: Record<string, number[]> = {newest: [], oldest: [], timestamp: [], scanRate: []};
	let scanned = 0;
	for (let run = 0; run < RUNS; run++) {
		const s = openKex(['--brokers', bootstrap, '--refresh', '60']);
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
	console.log(
		`\n${TOPIC}: ${MILLION.toLocaleString('en-US')} messages of 100 B in 6 partitions, 1 broker (Kafka ${state.version}), ${os.cpus().length} cores, ${RUNS} runs, medians`,
	);
	console.log(`${'first screen'.padEnd(34)} ${'kex'.padStart(9)}   kcat, same range (600 messages)`);
	console.log(`${'  newest (100 of each partition)'.padEnd(34)} ${ms(median(results.newest!))}   ${ms(kcatNewest.ms)}`);
	console.log(`${'  oldest'.padEnd(34)} ${ms(median(results.oldest!))}   ${ms(kcatOldest.ms)}`);
	console.log(`${'  a timestamp mid-topic'.padEnd(34)} ${ms(median(results.timestamp!))}   ${ms(kcatTime.ms)}`);
	const kcatRate = MILLION / (kcatAll.ms / 1000);
	console.log(
		`${'search with no match (scan)'.padEnd(34)} ${Math.round(median(results.scanRate!)).toLocaleString('en-US').padStart(9)}/s over ${scanned.toLocaleString('en-US')} messages; kcat -C reading all ${MILLION.toLocaleString('en-US')}: ${Math.round(kcatRate).toLocaleString('en-US')}/s (${(median(results.scanRate!) / kcatRate).toFixed(2)}x)`,
	);
});
