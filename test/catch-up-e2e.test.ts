import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {admin, brokers1, createTopic, runCli, uniqueName, waitFor} from './helpers/env.js';
import {pacedConsumer, pacedProducer} from './helpers/paced.js';

// The time to clear, against a real group that does clear: a producer at a steady, skewed rate and a real consumer
// throttled to a steady, faster rate on a 3-partition topic. kex's estimate, taken from two samples, must be within
// 25% of the time the group then actually takes to reach zero lag.

type Report = {
	at: string;
	timeToClear: {kind: string; ms?: number; perSecond?: number; why?: string; partition: {partition: number} | null};
};

const lagJson = async (group: string, sample: string) => {
	const r = await runCli(['lag', group, '--sample', sample, '--json', '--brokers', brokers1]);
	assert.equal(r.status, 0, r.stderr);
	return JSON.parse(r.stdout) as Report;
};

const backlog = async (topic: string, perPartition: number[]) => {
	const producer = new kafkajs.Kafka({brokers: [brokers1], logLevel: kafkajs.logLevel.NOTHING}).producer();
	await producer.connect();
	try {
		await producer.send({
			topic,
			messages: perPartition.flatMap((n, partition) => Array.from({length: n}, () => ({partition, value: 'b'}))),
		});
	} finally {
		await producer.disconnect();
	}
};

const startAtZero = (group: string, topic: string, partitions: number) =>
	admin(brokers1, a =>
		a.setOffsets({
			groupId: group,
			topic,
			partitions: Array.from({length: partitions}, (_, partition) => ({partition, offset: '0'})),
		}),
	);

describe('time to clear against a real consumer group', () => {
	test('the estimate is within 25% of the time the group takes; the skewed partition decides', async t => {
		const topic = uniqueName('clears');
		const group = uniqueName('clears-group');
		await createTopic(brokers1, topic, 3);
		// Partition 0 holds most of the backlog and gets most of the traffic: it gains 100/s on 1,500, about 15 s;
		// partitions 1 and 2 clear in a few seconds.
		await backlog(topic, [1500, 300, 100]);
		await startAtZero(group, topic, 3);
		const producer = await pacedProducer(brokers1, topic, [100, 30, 10]);
		const consumer = await pacedConsumer(brokers1, topic, group, [200, 100, 100]);
		try {
			await waitFor(() => (consumer.pacing() ? true : undefined), 'the consumer reading every partition');
			const report = await lagJson(group, '4s');
			assert.equal(report.timeToClear.kind, 'clears', JSON.stringify(report.timeToClear));
			assert.equal(report.timeToClear.partition?.partition, 0, 'the slowest partition is named');
			const estimatedAt = Date.parse(report.at);
			const doneAt = await waitFor(() => consumer.caughtUpAt(), 'the group to reach zero lag', 60_000);
			const actual = doneAt - estimatedAt;
			const estimate = report.timeToClear.ms!;
			t.diagnostic(`estimated ${estimate} ms, took ${actual} ms`);
			assert.ok(
				Math.abs(estimate - actual) <= 0.25 * actual,
				`estimated ${estimate} ms, took ${actual} ms from the estimate`,
			);
		} finally {
			await consumer.stop();
			await producer.stop();
		}
	});

	test('a consumer slower than the producer is "falling behind"; once it stops, "no consumer"', async () => {
		const topic = uniqueName('behind');
		const group = uniqueName('behind-group');
		await createTopic(brokers1, topic, 1);
		await backlog(topic, [200]);
		await startAtZero(group, topic, 1);
		const producer = await pacedProducer(brokers1, topic, [100]);
		const consumer = await pacedConsumer(brokers1, topic, group, [50]);
		try {
			await waitFor(() => (consumer.pacing() ? true : undefined), 'the consumer reading');
			const behind = await lagJson(group, '2s');
			assert.equal(behind.timeToClear.kind, 'falling-behind', JSON.stringify(behind.timeToClear));
			// It loses 50 a second; allow for the two samples' own timing.
			assert.ok(
				Math.abs(behind.timeToClear.perSecond! - 50) <= 15,
				`falling behind at ${behind.timeToClear.perSecond}/s`,
			);
			await consumer.stop();
			const stopped = await lagJson(group, '2s');
			assert.equal(stopped.timeToClear.kind, 'no-consumer', JSON.stringify(stopped.timeToClear));
		} finally {
			await consumer.stop();
			await producer.stop();
		}
	});
});
