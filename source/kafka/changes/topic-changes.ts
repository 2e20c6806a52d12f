import type {CreatedTopic, TopicSpec} from '../change-types.js';
import type {Connection} from '../connection.js';
import {KexError} from '../errors.js';
import {createPartitions} from '../protocol/admin/create-partitions.js';
import {createTopics} from '../protocol/admin/create-topics.js';
import {deleteRecords} from '../protocol/admin/delete-records.js';
import {deleteTopics} from '../protocol/admin/delete-topics.js';
import {topicMetadata} from '../snapshot.js';
import {sourceName} from './configs.js';
import {refusal} from './refusal.js';

// Creating and deleting topics, adding partitions and deleting records: each checked by kex first where it can say
// more than the broker would, then by the broker itself (validate-only) when the caller asks for a dry run.

const TIMEOUT_MS = 30_000;

/** Kafka's own rule for topic names (Topic.validate): what the broker would refuse, said before asking it. */
export const topicNameProblem = (name: string): string | null => {
	if (name.length === 0) return 'a topic name cannot be empty';
	if (name === '.' || name === '..') return `a topic cannot be named "${name}"`;
	if (name.length > 249) return `a topic name is at most 249 characters (this one has ${name.length})`;
	const bad = [...name].find(c => !/[a-zA-Z0-9._-]/.test(c));
	if (bad !== undefined)
		return `a topic name may hold only letters, digits, '.', '_' and '-' (not ${JSON.stringify(bad)})`;
	return null;
};

export const createTopic = async (
	connection: Connection,
	spec: TopicSpec,
	{validateOnly}: {validateOnly: boolean},
): Promise<CreatedTopic> => {
	const problem = topicNameProblem(spec.name);
	if (problem) throw new KexError('invalid-input', problem);
	const whole = (what: string, n: number | null, max: number) => {
		if (n !== null && (!Number.isInteger(n) || n < 1 || n > max))
			throw new KexError('invalid-input', `${what} must be a whole number, 1 or more (not ${n})`);
	};
	whole('partitions', spec.partitions, 2 ** 31 - 1);
	whole('replication factor', spec.replicationFactor, 32767);
	return connection.run(async () => {
		const request = {
			name: spec.name,
			// -1: the broker's default, which the answer then names.
			partitions: spec.partitions ?? -1,
			replicationFactor: spec.replicationFactor ?? -1,
			configs: Object.entries(spec.configs).map(([name, value]) => ({name, value})),
			validateOnly,
			timeoutMs: TIMEOUT_MS,
		};
		const answer = await connection.anyBroker(b => b.send(createTopics, request));
		if (answer.errorCode !== 0) throw refusal(`create topic ${spec.name}`, answer.errorCode, answer.errorMessage);
		return {
			name: answer.name,
			partitions: answer.partitions,
			replicationFactor: answer.replicationFactor,
			configs: answer.configs.map(c => ({name: c.name, value: c.value, source: sourceName(c.source)})),
		};
	});
};

export const deleteTopic = async (connection: Connection, name: string): Promise<void> =>
	connection.run(async () => {
		const [answer] = await connection.anyBroker(b => b.send(deleteTopics, {names: [name], timeoutMs: TIMEOUT_MS}));
		if (answer && answer.errorCode !== 0) {
			if (answer.errorCode === 3)
				throw new KexError('unknown-topic', `cannot delete topic ${name}: no such topic (already deleted?)`);
			throw refusal(`delete topic ${name}`, answer.errorCode, answer.errorMessage);
		}
	});

export const addPartitions = async (
	connection: Connection,
	topic: string,
	count: number,
	{validateOnly}: {validateOnly: boolean},
): Promise<{from: number; to: number}> =>
	connection.run(async () => {
		const meta = await topicMetadata(connection, topic);
		const from = meta.partitionMetadata.length;
		if (!Number.isInteger(count) || count <= from)
			throw new KexError(
				'invalid-input',
				`topic ${topic} has ${from} partitions: the new count must be more than that (partitions cannot be removed), not ${count}`,
			);
		const request = {topic, count, validateOnly, timeoutMs: TIMEOUT_MS};
		const answer = await connection.anyBroker(b => b.send(createPartitions, request));
		if (answer.errorCode !== 0) throw refusal(`add partitions to ${topic}`, answer.errorCode, answer.errorMessage);
		return {from, to: count};
	});

/**
 * Deletes the records of a partition before `before` (its log start offset moves there); the offsets stay, the
 * messages go. `before` may be the high watermark (everything) but not beyond.
 */
export const truncatePartition = async (
	connection: Connection,
	topic: string,
	partition: number,
	before: number,
): Promise<{lowWatermark: number}> =>
	connection.run(async () => {
		const meta = await topicMetadata(connection, topic);
		const p = meta.partitionMetadata.find(x => x.partitionId === partition);
		if (!p)
			throw new KexError(
				'unknown-partition',
				`topic ${topic} has no partition ${partition} (it has ${meta.partitionMetadata.length})`,
			);
		if (p.leader < 0) throw new KexError('broker-error', `partition ${partition} of ${topic} has no leader right now`);
		const target = await connection.broker(p.leader);
		const [answer] = await target.send(deleteRecords, {
			topic,
			partitions: [{partition, offset: before}],
			timeoutMs: TIMEOUT_MS,
		});
		if (!answer) throw new KexError('broker-error', 'DeleteRecords answered without the partition');
		if (answer.errorCode === 1)
			throw new KexError(
				'invalid-input',
				`cannot delete records of ${topic}/${partition} before ${before}: beyond its high watermark`,
			);
		if (answer.errorCode !== 0) throw refusal(`delete records of ${topic}/${partition}`, answer.errorCode);
		return {lowWatermark: answer.lowWatermark};
	});
