import type {Connection} from './connection.js';
import {listOffsets} from './offsets.js';
import {fetch as fetchApi} from './protocol/fetch.js';
import {readMessages, type ReadTransport} from './read-messages.js';
import {topicMetadata} from './snapshot.js';
import type {Message, ReadRequest} from './types.js';

// Reading messages over the connection: what read-messages.ts needs from it, and failures said in words.

const transportOf = (connection: Connection): ReadTransport => ({
	partitions: async name =>
		(await topicMetadata(connection, name)).partitionMetadata.map(p => ({partition: p.partitionId, leader: p.leader})),
	listOffsets: async (leader, topic, partitions, timestamp, isolationLevel) => {
		const answer = await listOffsets(await connection.broker(leader), [{topic, partitions}], timestamp, isolationLevel);
		return new Map(answer.flatMap(t => t.partitions.map(p => [p.partition, p.offset] as const)));
	},
	fetch: async (leader, request) => (await connection.broker(leader)).send(fetchApi, request),
	refresh: () => connection.relearnBrokers(),
});

export async function* read(connection: Connection, request: ReadRequest): AsyncGenerator<Message[]> {
	await connection.connect();
	try {
		yield* readMessages(transportOf(connection), request);
	} catch (error) {
		throw connection.describe(error);
	}
}
