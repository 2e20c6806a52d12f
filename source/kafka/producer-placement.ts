import type {Connection} from './connection.js';
import {KexError} from './errors.js';
import {createPartitioner} from './partitioner.js';
import {topicMetadata} from './snapshot.js';
import type {ProduceRequest} from './types.js';

// Where each message of a send goes: its partition (Java's murmur2 partitioner for keyed messages, round-robin
// for the rest) and that partition's leader of the moment.

type Placement = Awaited<ReturnType<typeof topicMetadata>>;
/** Each message's partition (by its index in the send), and each placed partition's leader of the moment. */
export type Placed = {partitions: Int32Array; leaderOf: (topic: string, partition: number) => number};

export const createPlacement = (connection: Connection) => {
	const partitioner = createPartitioner();
	// Writing a file is hundreds of sends to the same topic: its partitions and leaders are looked up once a few
	// seconds, and again at once after anything went wrong.
	const known = new Map<string, {at: number; meta: Placement}>();
	const of = async (name: string) => {
		const fresh = known.get(name);
		if (fresh && Date.now() - fresh.at < 5000) return fresh.meta;
		const meta = await topicMetadata(connection, name);
		known.set(name, {at: Date.now(), meta});
		return meta;
	};

	/** Places every message, so the base offset each partition answers gives every message its offset. */
	const place = async (messages: ProduceRequest[]): Promise<Placed> => {
		const metadataByTopic = new Map<string, Placement>();
		for (const m of messages) if (!metadataByTopic.has(m.topic)) metadataByTopic.set(m.topic, await of(m.topic));
		// Each topic's leaders by partition, looked up once a call, not once a message.
		const leaders = new Map<string, Map<number, number>>();
		for (const [name, meta] of metadataByTopic)
			leaders.set(name, new Map(meta.partitionMetadata.map(p => [p.partitionId, p.leader])));
		const partitions = new Int32Array(messages.length);
		// A message that cannot be placed stops the whole call before anything is sent.
		messages.forEach((m, index) => {
			const metadata = metadataByTopic.get(m.topic)!.partitionMetadata;
			if (m.partition !== undefined && !leaders.get(m.topic)!.has(m.partition)) {
				throw new KexError(
					'unknown-partition',
					`topic ${m.topic} has no partition ${m.partition} (it has ${metadata.length}: 0 to ${metadata.length - 1})`,
				);
			}
			partitions[index] = m.partition ?? partitioner(m.key, metadata);
		});
		// A partition without a leader right now (one is being elected) waits in delivery, as a moved one does.
		return {partitions, leaderOf: (topic, partition) => leaders.get(topic)!.get(partition)!};
	};
	return {of, place, forget: () => known.clear()};
};

/** The most a topic accepts in one batch (max.message.bytes), to say it when a message is too large. */
export const topicLimit = async (connection: Connection, name: string): Promise<number | null> => {
	try {
		const configs = await connection.anyBroker(b => b.describeTopicConfigs(name, ['max.message.bytes']));
		const value = configs.get('max.message.bytes');
		return value ? Number(value) : null;
	} catch {
		return null;
	}
};
