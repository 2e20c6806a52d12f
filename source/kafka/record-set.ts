import {BatchWriter, type RecordBytes} from './batch-writer.js';
import {KexError} from './errors.js';
import type {Partitioner} from './partitioner.js';

// The records of one send to a topic, each written into its partition's batch as it is added: the partition by
// the one asked for, else the key's murmur2 (as Java's producer), else round-robin over partitions with a leader.

/**
 * The most bytes one partition's batch holds: librdkafka's batch.size, under the broker's default limit on a batch
 * (message.max.bytes, 1,048,588), so a file of large lines is sent in batches the broker takes.
 */
export const BATCH_BYTES = 1_000_000;

/**
 * About the most bytes of records one send gathers before it goes: kafkajs copies each request twice, into buffers
 * of the next power of two, so requests under 512 KiB keep those at 512 KiB rather than a megabyte each (writing a
 * file, those copies were most of kex's memory).
 */
export const SEND_BYTES = 500_000;

export type PartitionLeaders = ReadonlyArray<{partitionId: number; leader: number}>;

export class RecordSet {
	/** Records added so far, and their bytes. */
	count = 0;
	bytes = 0;
	private readonly writers: Array<BatchWriter | undefined> = [];
	private readonly leaders: number[] = [];

	constructor(
		readonly topic: string,
		private readonly partitions: PartitionLeaders,
		private readonly partitioner: Partitioner,
		/** Bytes a partition's batch may grow to; a send of messages the caller gathered has no limit. */
		private readonly limit = BATCH_BYTES,
	) {
		for (const p of partitions) this.leaders[p.partitionId] = p.leader;
	}

	get partitionCount() {
		return this.partitions.length;
	}

	/** The partition's leader when the set was made (-1: none right now). */
	leaderOf(partition: number) {
		return this.leaders[partition] ?? -1;
	}

	/** Where a record goes: the partition asked for, else by its key's bytes (no key: round-robin). */
	partitionOf(asked: number | undefined, r: RecordBytes): number {
		if (asked === undefined) return this.partitioner(r.key, r.keyStart, r.keyEnd, this.partitions);
		if (this.leaders[asked] === undefined) {
			const n = this.partitions.length;
			throw new KexError(
				'unknown-partition',
				`topic ${this.topic} has no partition ${asked} (it has ${n}: 0 to ${n - 1})`,
			);
		}
		return asked;
	}

	/**
	 * Adds a record to its partition's batch (see BatchWriter.add). False, adding nothing, when that batch is too
	 * full to take it: send this set, and add the record to the next.
	 */
	add(partition: number, r: RecordBytes, timestamp: number, line: number): boolean {
		const writer = (this.writers[partition] ??= new BatchWriter(partition));
		const before = writer.size;
		if (!writer.add(r, timestamp, line, this.limit)) return false;
		this.count += 1;
		this.bytes += writer.size - before;
		return true;
	}

	/** Each partition's batch that has records, in partition order. */
	batches(): BatchWriter[] {
		return this.writers.filter((w): w is BatchWriter => w !== undefined);
	}
}
