import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {after, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {admin, brokers1, CLI, createTopic, runCli, stateHome, uniqueName, waitFor} from './helpers/env.js';

// `kex lag --watch --json` and `--sample` against the real broker: between two samples the test writes a known
// number of messages and moves the group's committed offset by a known amount, so the rates kex reports, times the
// interval it measured, must give back exactly those numbers.

type Line = {
	at: string;
	totalLag: number;
	samples: number;
	partitions: Array<{partition: number; lag: number; consumeRate: number | null; produceRate: number | null}>;
	timeToClear: {kind: string; ms?: number; perSecond?: number; why?: string; partition: {partition: number} | null};
};

describe('kex lag: rates and the time to clear, for scripts', () => {
	const kafka = new kafkajs.Kafka({brokers: brokers1.split(','), logLevel: kafkajs.logLevel.NOTHING});
	const producer = kafka.producer();
	after(() => producer.disconnect());

	const commit = (groupId: string, topic: string, offsets: number[]) =>
		admin(brokers1, a =>
			a.setOffsets({groupId, topic, partitions: offsets.map((o, partition) => ({partition, offset: String(o)}))}),
		);
	const write = async (topic: string, partition: number, n: number) =>
		producer.send({topic, messages: Array.from({length: n}, (_, i) => ({partition, value: `m${i}`}))});

	test('--watch --json: each line has the rates over what it sampled; the group is as slow as its slowest partition', async () => {
		const topic = uniqueName('rates');
		const group = uniqueName('rates-group');
		await createTopic(brokers1, topic, 2);
		await producer.connect();
		await write(topic, 0, 100);
		await write(topic, 1, 100);
		await commit(group, topic, [50, 90]);

		const child = spawn(
			process.execPath,
			[CLI, 'lag', group, '--watch', '--sample', '2s', '--json', '--brokers', brokers1],
			{
				env: {...process.env, XDG_STATE_HOME: stateHome},
			},
		);
		let stdout = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		const lines = () =>
			stdout
				.split('\n')
				.filter(Boolean)
				.map(l => JSON.parse(l) as Line);
		try {
			const first = await waitFor(() => lines()[0], 'the first sample');
			assert.equal(first.totalLag, 60);
			assert.match(first.timeToClear.why ?? '', /one sample so far/, 'one sample gives no estimate, and says why');
			// Between the samples: partition 0 gains (commit +40, 10 written), partition 1 loses (commit +5, 30 written).
			await write(topic, 0, 10);
			await write(topic, 1, 30);
			await commit(group, topic, [90, 95]);
			const second = await waitFor(() => lines()[1], 'the second sample', 15_000);
			const seconds = (Date.parse(second.at) - Date.parse(first.at)) / 1000;
			const [p0, p1] = second.partitions;
			assert.equal(Math.round(p0!.consumeRate! * seconds), 40);
			assert.equal(Math.round(p0!.produceRate! * seconds), 10);
			assert.equal(Math.round(p1!.consumeRate! * seconds), 5);
			assert.equal(Math.round(p1!.produceRate! * seconds), 30);
			// Partition 1 falls behind at 25 per interval: so does the group, and it names that partition.
			assert.equal(second.timeToClear.kind, 'falling-behind');
			assert.equal(second.timeToClear.partition?.partition, 1);
			assert.equal(Math.round(second.timeToClear.perSecond! * seconds), 25);
			assert.equal(second.samples, 2);
		} finally {
			child.kill();
		}
	});

	test('--sample: two samples the interval apart; a group nobody reads is "no consumer"', async () => {
		const topic = uniqueName('rates-idle');
		const group = uniqueName('idle-group');
		await createTopic(brokers1, topic, 1);
		await producer.connect();
		await write(topic, 0, 20);
		await commit(group, topic, [5]);
		const r = await runCli(['lag', group, '--sample', '1s', '--brokers', brokers1]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^time to clear: no consumer: nobody reads, the lag stays, set by .*\/0$/m);
		assert.match(r.stdout, /CONSUME\/s\s+PRODUCE\/s\s+CLEARS/);
		const bad = await runCli(['lag', group, '--sample', 'soon', '--brokers', brokers1]);
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /--sample is between 1 second and an hour \(such as 10s or 2m\), not "soon"/);
	});
});
