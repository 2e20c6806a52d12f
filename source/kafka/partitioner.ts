// Where a message goes when no partition is given: keyed messages by the Java client's murmur2 of the key, so a
// key lands where Kafka's own producers (and kafkajs's default) put it; unkeyed ones round-robin over partitions
// that have a leader. Math.imul keeps the 32-bit arithmetic exact without 64-bit helpers.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

export const murmur2 = (data: Uint8Array, start = 0, end = data.length): number => {
	const length = end - start;
	let h = SEED ^ length;
	const whole = start + (length & ~3);
	for (let i = start; i < whole; i += 4) {
		let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
		k = Math.imul(k, M);
		k ^= k >>> 24;
		k = Math.imul(k, M);
		h = Math.imul(h, M) ^ k;
	}
	switch (length & 3) {
		case 3:
			h ^= data[whole + 2]! << 16;
		// falls through
		case 2:
			h ^= data[whole + 1]! << 8;
		// falls through
		case 1:
			h ^= data[whole]!;
			h = Math.imul(h, M);
	}
	h ^= h >>> 13;
	h = Math.imul(h, M);
	h ^= h >>> 15;
	return h | 0;
};

export const keyedPartition = (key: Uint8Array, partitionCount: number, start = 0, end = key.length) =>
	(murmur2(key, start, end) & 0x7fffffff) % partitionCount;

/** Chooses a record's partition: by the bytes of its key from start to end, round-robin when start is below 0. */
export type Partitioner = (
	key: Uint8Array,
	start: number,
	end: number,
	partitions: ReadonlyArray<{partitionId: number; leader: number}>,
) => number;

/** A partitioner for one producer's life: its round-robin counter carries over calls. */
export const createPartitioner = (): Partitioner => {
	let counter = Math.floor(Math.random() * 1000);
	// The partitions with a leader, worked out once per metadata rather than once per message.
	let pool: {of: ReadonlyArray<{partitionId: number; leader: number}>; ids: number[]} | null = null;
	return (key, start, end, partitions) => {
		if (start >= 0) return keyedPartition(key, partitions.length, start, end);
		if (pool?.of !== partitions) {
			const available = partitions.filter(p => p.leader >= 0);
			pool = {of: partitions, ids: (available.length > 0 ? available : partitions).map(p => p.partitionId)};
		}
		return pool.ids[counter++ % pool.ids.length]!;
	};
};
