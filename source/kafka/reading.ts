import type {Connection} from './connection.js';
import type {BrokerHandle} from './broker-handle.js';
import {ErrorCode, LEADER_MOVED} from './error-codes.js';
import {KexError, notAuthorized} from './errors.js';
import {isPassingTrouble} from './kafkajs-errors.js';
import {listOffsets} from './offsets.js';
import {fetch as fetchApi} from './protocol/fetch.js';
import type {ListOffsetsResponse} from './protocol/list-offsets.js';
import {NoLeader, readRecords, type ReadTransport} from './read-messages.js';
import {messageSink} from './record-batch.js';
import {topicMetadata} from './snapshot.js';
import type {BatchSink, Message, ReadRequest} from './types.js';

// Reading messages over the connection: what read-messages.ts needs from it, and failures said in words.

/** A leader's ListOffsets answer for `topic` as offsets by partition; an error in it, said in words. */
export const offsetsOf = (topic: string, answer: ListOffsetsResponse): Map<number, number> => {
	const offsets = new Map<number, number>();
	for (const p of answer.flatMap(t => t.partitions)) {
		// An offset that came with an error is no offset: reading from it would read the wrong messages.
		if (p.errorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
			throw notAuthorized('read', 'topic', topic);
		}
		if (p.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
			throw new KexError('unknown-topic', `${topic} partition ${p.partition}: unknown to its leader`);
		}
		// Seconds after a broker starts, it answers for partitions it has not loaded yet: the read waits for it.
		if (LEADER_MOVED.has(p.errorCode)) {
			throw new NoLeader(
				'broker-error',
				`${topic} partition ${p.partition}: its leader is not ready (a broker still starting, or a new leader)`,
			);
		}
		if (p.errorCode !== ErrorCode.NONE) {
			throw new KexError(
				'broker-error',
				`${topic} partition ${p.partition}: its offsets cannot be read (error ${p.errorCode})`,
			);
		}
		offsets.set(p.partition, p.offset);
	}
	return offsets;
};

/** Work on a partition's leader; a failure said with the leader's address, so the reader tells which broker it waits for. */
const atLeader = async <T>(connection: Connection, leader: number, work: (broker: BrokerHandle) => Promise<T>) => {
	try {
		return await work(await connection.broker(leader));
	} catch (error) {
		throw connection.describe(error, `broker ${leader} (${connection.addressOf(leader)})`);
	}
};

const transportOf = (connection: Connection): ReadTransport => ({
	partitions: async name =>
		(await topicMetadata(connection, name)).partitionMetadata.map(p => ({partition: p.partitionId, leader: p.leader})),
	listOffsets: async (leader, topic, partitions, timestamp, isolationLevel) =>
		offsetsOf(
			topic,
			await atLeader(connection, leader, broker =>
				listOffsets(broker, [{topic, partitions}], timestamp, isolationLevel),
			),
		),
	fetch: (leader, request) => atLeader(connection, leader, broker => broker.send(fetchApi, request)),
	refresh: () => connection.relearnBrokers(),
	unreachable: isPassingTrouble,
	describe: error => connection.describe(error).message,
});

/** Reads into the sink, a fetch at a time; failures said in words. */
export async function* readInto<T>(
	connection: Connection,
	request: ReadRequest,
	sink: BatchSink<T>,
): AsyncGenerator<T> {
	await connection.connect();
	try {
		yield* readRecords(transportOf(connection), request, sink);
	} catch (error) {
		throw connection.describe(error);
	}
}

/** Reads as Messages. */
export const read = (connection: Connection, request: ReadRequest): AsyncGenerator<Message[]> =>
	readInto(connection, request, messageSink());
