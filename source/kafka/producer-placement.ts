import type {Connection} from './connection.js';
import {topicMetadata} from './snapshot.js';

// A topic's partitions and their leaders of the moment, for the producer to place its records.

type Placement = Awaited<ReturnType<typeof topicMetadata>>;

export const createPlacement = (connection: Connection) => {
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

	return {of, forget: () => known.clear()};
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
