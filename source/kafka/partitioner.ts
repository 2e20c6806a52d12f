// Where a message goes when no partition is given: keyed messages by the Java client's murmur2 of the key, so a
// key lands where Kafka's own producers (and kafkajs's default) put it; unkeyed ones round-robin over partitions
// that have a leader. Math.imul keeps the 32-bit arithmetic exact without 64-bit helpers.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

export const murmur2 = (data: Buffer): number => {
	const length = data.length;
	let h = SEED ^ length;
	const whole = length & ~3;
	for (let i = 0; i < whole; i += 4) {
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

export const keyedPartition = (key: Buffer, partitionCount: number) => (murmur2(key) & 0x7fffffff) % partitionCount;

/** A partitioner for one producer's life: its round-robin counter carries over calls. */
export const createPartitioner = () => {
	let counter = Math.floor(Math.random() * 1000);
	return (key: Buffer | null, partitions: Array<{partitionId: number; leader: number}>): number => {
		if (key !== null) return keyedPartition(key, partitions.length);
		const available = partitions.filter(p => p.leader >= 0);
		const pool = available.length > 0 ? available : partitions;
		return pool[counter++ % pool.length]!.partitionId;
	};
};
