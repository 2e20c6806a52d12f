import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {createKafkaService} from '../source/kafka/service.js';
import type {ClusterSnapshot, KafkaService} from '../source/kafka/types.js';
import {brokers1, brokers3, createTopic, kcat, tool, uniqueName, waitFor} from './helpers/env.js';

type KcatMetadata = {
	brokers: Array<{id: number; name: string}>;
	topics: Array<{
		topic: string;
		partitions: Array<{partition: number; leader: number; replicas: Array<{id: number}>; isrs: Array<{id: number}>}>;
	}>;
};

const kcatMetadata = (brokers: string): KcatMetadata =>
	JSON.parse(kcat(['-b', brokers, '-L', '-J']).toString()) as KcatMetadata;

for (const [label, brokers, nodes] of [
	['1-node', brokers1, 1],
	['3-node', brokers3, 3],
] as const) {
	describe(`metadata on the ${label} cluster`, () => {
		let service: KafkaService;
		const topic = uniqueName('meta');
		const quiet = uniqueName('meta-quiet');
		before(async () => {
			await createTopic(brokers, topic, 4, nodes);
			await createTopic(brokers, quiet, 2, nodes);
			// Every broker must know the topic before kcat (which asks any one of them) is compared with kex.
			for (const broker of brokers.split(','))
				await waitFor(
					() => (kcatMetadata(broker).topics.some(t => t.topic === topic) ? true : undefined),
					`${broker} to know ${topic}`,
				);
			service = createKafkaService({brokers: brokers.split(',')});
		});
		after(() => service.close());

		test('brokers equal what kcat reports', async () => {
			const ours = await service.cluster();
			const theirs = kcatMetadata(brokers);
			assert.deepEqual(
				ours.brokers.map(b => `${b.id} ${b.host}:${b.port}`),
				theirs.brokers.map(b => `${b.id} ${b.name}`).sort(),
			);
			assert.equal(ours.brokers.length, nodes);
		});

		test('topics, partitions, leaders, replicas and ISR equal what kcat reports', async () => {
			const theirs = kcatMetadata(brokers);
			const ours = await service.topics({includeInternal: true});
			assert.deepEqual(ours.map(t => t.name).sort(), theirs.topics.map(t => t.topic).sort());
			for (const expected of theirs.topics) {
				const detail = await service.topic(expected.topic);
				const summary = ours.find(t => t.name === expected.topic)!;
				assert.equal(summary.partitionCount, expected.partitions.length, expected.topic);
				assert.deepEqual(
					detail.partitions.map(p => ({
						partition: p.partition,
						leader: p.leader,
						replicas: p.replicas,
						isr: [...p.isr].sort(),
					})),
					expected.partitions
						.map(p => ({
							partition: p.partition,
							leader: p.leader,
							replicas: p.replicas.map(r => r.id),
							isr: p.isrs.map(r => r.id).sort(),
						}))
						.sort((a, b) => a.partition - b.partition),
					expected.topic,
				);
			}
			const mine = ours.find(t => t.name === topic)!;
			assert.equal(mine.replicationFactor, nodes);
			assert.equal(mine.underReplicatedPartitions, 0);
		});

		test("a snapshot's early answer has the full answer's topics and partitions, in order, and no counts yet", async () => {
			kcat(['-b', brokers, '-P', '-t', topic, '-p', '2'], 'a\nb\nc\n');
			let early: ClusterSnapshot | null = null;
			const full = await service.snapshot(partial => void (early = partial));
			const first = early as ClusterSnapshot | null;
			assert.ok(first, 'the early answer came before the full one');
			assert.equal(first.counting, true);
			assert.equal(full.counting, undefined);
			const shape = (s: ClusterSnapshot) =>
				s.topics.map(t => `${t.name}: ${t.partitions.map(p => `${p.partition}@${p.leader}`).join(' ')}`);
			assert.deepEqual(shape(first), shape(full));
			const mineEarly = first.topics.find(t => t.name === topic)!;
			assert.equal(mineEarly.approxMessageCount, null);
			assert.ok(mineEarly.partitions.every(p => p.lowWatermark === null && p.highWatermark === null));
			const mine = full.topics.find(t => t.name === topic)!;
			assert.deepEqual(
				mine.partitions.map(p => p.partition),
				[0, 1, 2, 3],
			);
			assert.equal(mine.partitions[2]!.highWatermark, 3, 'as kcat wrote');
		});

		test('the next snapshot counts what was written since, and hands back untouched topics as they were', async () => {
			const count = (s: ClusterSnapshot, name: string) => s.topics.find(t => t.name === name)!;
			const first = await service.snapshot();
			kcat(['-b', brokers, '-P', '-t', topic, '-p', '1'], 'd\ne\n');
			const next = await service.snapshot();
			const before = count(first, topic);
			const now = count(next, topic);
			assert.notEqual(now, before);
			assert.equal(now.partitions[1]!.highWatermark, before.partitions[1]!.highWatermark! + 2);
			assert.equal(now.approxMessageCount, before.approxMessageCount! + 2);
			// The same object: a steady topic costs no memory on a refresh, and the UI keeps its row.
			assert.equal(count(next, quiet), count(first, quiet));
			assert.equal(count(next, quiet).approxMessageCount, 0);
		});
	});
}

test('the active controller is the quorum leader that kafka-metadata-quorum reports', async () => {
	const service = createKafkaService({brokers: brokers3.split(',')});
	try {
		const info = await service.cluster();
		const status = tool('org.apache.kafka.tools.MetadataQuorumCommand', [
			'--bootstrap-server',
			brokers3.split(',')[0]!,
			'describe',
			'--status',
		]);
		const leader = Number(/LeaderId:\s*(\d+)/.exec(status)?.[1]);
		assert.ok(Number.isInteger(leader), `no LeaderId in:\n${status}`);
		assert.equal(info.controllerSource, 'quorum');
		assert.equal(info.controllerId, leader);
		// Metadata's controller id is a random broker under KRaft: asking again must not change the answer.
		for (let i = 0; i < 5; i++) assert.equal((await service.cluster()).controllerId, leader);
	} finally {
		await service.close();
	}
});
