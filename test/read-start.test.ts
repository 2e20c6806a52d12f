import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ErrorCode} from '../source/kafka/error-codes.js';
import {EARLIEST} from '../source/kafka/offsets.js';
import {readRecords, type ReadTransport} from '../source/kafka/read-messages.js';
import {offsetsOf} from '../source/kafka/reading.js';
import {messageSink} from '../source/kafka/record-batch.js';
import type {ReadRequest} from '../source/kafka/types.js';

// Where a read starts, asked of each partition's leader. Seconds after a broker starts, it names itself leader in
// Metadata but answers ListOffsets with NOT_LEADER_OR_FOLLOWER until it has loaded the partition: the read waits for
// it, as it waits for a new leader, instead of failing with an error number.

/** A one-partition topic whose leader answers ListOffsets with `codes`, one per ask, then with offsets 0 and 0. */
const transport = (codes: number[]) => {
	const asked: number[] = [];
	const t: ReadTransport = {
		partitions: async () => [{partition: 0, leader: 1}],
		listOffsets: async (_leader, topic, _partitions, timestamp) => {
			asked.push(timestamp);
			const errorCode = timestamp === EARLIEST ? (codes.shift() ?? ErrorCode.NONE) : ErrorCode.NONE;
			return offsetsOf(topic, [{topic, partitions: [{partition: 0, errorCode, offset: errorCode ? -1 : 0}]}]);
		},
		fetch: async () => {
			throw new Error('an empty partition is not fetched');
		},
		refresh: async () => {},
		unreachable: () => false,
		describe: error => (error instanceof Error ? error.message : String(error)),
	};
	return {t, asked};
};

const readAll = async (t: ReadTransport, request: ReadRequest) => {
	const batches = [];
	for await (const batch of readRecords(t, request, messageSink())) batches.push(batch);
	return batches;
};

test('a leader that is not ready yet (a broker still starting): the read waits, says why, then reads', async () => {
	const {t, asked} = transport([ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE]);
	const troubles: Array<string | null> = [];
	const batches = await readAll(t, {topic: 'orders', from: {kind: 'oldest'}, onTrouble: s => troubles.push(s)});
	assert.deepEqual(batches, [], 'the partition is empty: the read ends without a fetch');
	assert.equal(asked.filter(ts => ts === EARLIEST).length, 3, 'asked again until the leader answered');
	assert.deepEqual(troubles, [
		'orders partition 0: its leader is not ready (a broker still starting, or a new leader)',
		'orders partition 0: its leader is not ready (a broker still starting, or a new leader)',
		null,
	]);
});

test('an unknown partition or a refusal is said at once, not waited for', async () => {
	await assert.rejects(
		readAll(transport([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]).t, {topic: 'orders', from: {kind: 'oldest'}}),
		/orders partition 0: unknown to its leader/,
	);
	await assert.rejects(
		readAll(transport([ErrorCode.TOPIC_AUTHORIZATION_FAILED]).t, {topic: 'orders', from: {kind: 'oldest'}}),
		/not authorized/i,
	);
	await assert.rejects(
		readAll(transport([ErrorCode.CORRUPT_MESSAGE]).t, {topic: 'orders', from: {kind: 'oldest'}}),
		/orders partition 0: its offsets cannot be read \(error 2\)/,
	);
});
