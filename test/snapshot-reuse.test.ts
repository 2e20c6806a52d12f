import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Watermarks} from '../source/kafka/offsets.js';
import {unchangedList, unchangedTopic} from '../source/kafka/snapshot-reuse.js';
import type {TopicOverview} from '../source/kafka/types.js';

// A reused topic is shown as it was: any change in what the broker said must make a new one.

const partition = {partitionErrorCode: 0, partitionId: 0, leader: 1, leaderEpoch: 0, replicas: [1, 2], isr: [1, 2]};
const meta = (p: Partial<typeof partition> & {offlineReplicas?: number[]} = {}, isInternal = false) => ({
	topicErrorCode: 0,
	topic: 't',
	isInternal,
	partitionMetadata: [{...partition, offlineReplicas: [], ...p}],
});
const marks = (low: number, high: number, stable = -1): Watermarks => ({
	lookup: (topic, id) => (topic === 't' && id === 0 ? {low, high, stable} : null),
	warnings: [],
});
const old: TopicOverview = {
	name: 't',
	internal: false,
	partitionCount: 1,
	replicationFactor: 2,
	underReplicatedPartitions: 0,
	offlinePartitions: 0,
	approxMessageCount: 5,
	partitions: [
		{partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2], offlineReplicas: [], lowWatermark: 0, highWatermark: 5},
	],
};

test('a topic is handed back only when its leader, replicas, ISR and watermarks are all as they were', () => {
	const reuse = (m: ReturnType<typeof meta>, w: Watermarks) => unchangedTopic(old, m as never, w);
	assert.equal(reuse(meta(), marks(0, 5)), old);
	assert.equal(reuse(meta(), marks(0, 6)), undefined, 'a new high watermark');
	assert.equal(reuse(meta(), marks(1, 5)), undefined, 'a new low watermark');
	assert.equal(reuse(meta(), marks(0, 5, 5)), undefined, 'a last stable offset where there was none');
	assert.equal(reuse(meta({leader: 2}), marks(0, 5)), undefined, 'a new leader');
	assert.equal(reuse(meta({isr: [1]}), marks(0, 5)), undefined, 'a replica out of sync');
	assert.equal(reuse(meta({replicas: [2, 1]}), marks(0, 5)), undefined, 'replicas in another order');
	assert.equal(reuse(meta({offlineReplicas: [2]}), marks(0, 5)), undefined, 'an offline replica');
	assert.equal(reuse(meta({}, true), marks(0, 5)), undefined, 'internal now');
	assert.equal(unchangedTopic(old, {...meta(), partitionMetadata: []} as never, marks(0, 5)), undefined);
	assert.equal(
		reuse(meta(), {lookup: () => null, warnings: []}),
		undefined,
		'a leader that did not answer: the counts are unknown, not the old ones',
	);
});

test('the list is handed back only when every topic in it is, in the same order', () => {
	const other = {...old, name: 'u'};
	const list = [old, other];
	assert.equal(unchangedList(list, [old, other]), list);
	assert.notEqual(unchangedList(list, [other, old]), list);
	assert.notEqual(unchangedList(list, [old]), list);
	assert.notEqual(unchangedList(list, [old, {...other}]), list);
	assert.equal(unchangedList(undefined, list), list);
});
