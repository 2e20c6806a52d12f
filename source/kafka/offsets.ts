import type {BrokerHandle} from './broker-handle.js';
import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {groupBy} from './group-by.js';
import {READ_COMMITTED, READ_UNCOMMITTED} from './protocol/fetch.js';
import {listOffsets as listOffsetsApi, type ListOffsetsResponse} from './protocol/list-offsets.js';

// The one way kex asks a leader for offsets (ListOffsets): the first and last offset of partitions, or the first
// offset at a time. Our own codec where the broker speaks it, kafkajs's on older brokers.

/** ListOffsets' timestamps that mean "the first offset" and "the next offset to be written". */
export const EARLIEST = -2;
export const LATEST = -1;

export const listOffsets = async (
	target: BrokerHandle,
	topics: Array<{topic: string; partitions: number[]}>,
	timestamp: number,
	isolationLevel: 0 | 1 = READ_UNCOMMITTED,
): Promise<ListOffsetsResponse> => {
	const request = {isolationLevel, topics, timestamp};
	return target.supports(listOffsetsApi) ? target.send(listOffsetsApi, request) : target.listOffsetsV0(request);
};

export type Watermark = {
	low: number;
	high: number;
	/** The last stable offset (where a read-committed consumer stops), when asked for; -1 when not known. */
	stable: number;
};

export type Watermarks = {
	/** Low and high watermark, or null when the partition's leader did not answer or has none. */
	lookup(topic: string, partition: number): Watermark | null;
	/** One per leader that did not answer. */
	warnings: string[];
};

/**
 * Watermarks of many partitions: one ListOffsets per leader and side, all in flight at once. A leader that does
 * not answer leaves its partitions without watermarks (null) and a warning, rather than failing the whole answer.
 */
export const watermarks = async (
	connection: Connection,
	partitions: Array<{topic: string; partition: number; leader: number}>,
	addresses = new Map<number, string>(),
	{stable = false}: {stable?: boolean} = {},
): Promise<Watermarks> => {
	const byLeader = groupBy(
		partitions.filter(p => p.leader >= 0),
		p => p.leader,
	);
	// Per topic, indexed by partition: no composite key strings for each of tens of thousands of partitions.
	const result = new Map<string, Array<Watermark | undefined>>();
	const warnings: string[] = [];
	await Promise.all(
		[...byLeader].map(async ([leader, list]) => {
			try {
				const target = await connection.broker(leader);
				const topics = [...groupBy(list, p => p.topic)].map(([topic, ps]) => ({
					topic,
					partitions: ps.map(p => p.partition),
				}));
				const [low, high, lastStable] = await Promise.all([
					listOffsets(target, topics, EARLIEST),
					listOffsets(target, topics, LATEST),
					stable ? listOffsets(target, topics, LATEST, READ_COMMITTED) : [],
				]);
				for (const t of low) {
					const marks = result.get(t.topic) ?? [];
					result.set(t.topic, marks);
					for (const p of t.partitions)
						if (p.errorCode === ErrorCode.NONE) marks[p.partition] = {low: p.offset, high: -1, stable: -1};
				}
				for (const t of lastStable) {
					const marks = result.get(t.topic);
					for (const p of t.partitions) {
						const mark = marks?.[p.partition];
						if (mark && p.errorCode === ErrorCode.NONE) mark.stable = p.offset;
					}
				}
				for (const t of high) {
					const marks = result.get(t.topic);
					for (const p of t.partitions) {
						const mark = marks?.[p.partition];
						if (!mark) continue;
						if (p.errorCode === ErrorCode.NONE) mark.high = p.offset;
						else marks![p.partition] = undefined;
					}
				}
			} catch (error) {
				connection.brokerFailed();
				const reason = connection.describe(error, addresses.get(leader)).message;
				warnings.push(
					`broker ${leader} did not answer (${reason}); its partitions show ? until it does or gets a new leader`,
				);
			}
		}),
	);
	const lookup = (topic: string, partition: number) => {
		const mark = result.get(topic)?.[partition];
		return mark && mark.high >= 0 ? mark : null;
	};
	return {lookup, warnings};
};
