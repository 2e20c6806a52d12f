import type {BrokerHandle} from './broker-handle.js';
import type {Connection} from './connection.js';
import type {RawApi} from './protocol/api.js';
import {ErrorCode} from './error-codes.js';
import {groupBy} from './group-by.js';
import {READ_COMMITTED, READ_UNCOMMITTED} from './protocol/fetch.js';
import {
	listOffsetColumns,
	listOffsets as listOffsetsApi,
	offsetColumnsOf,
	type ListOffsetsRequest,
	type ListOffsetsResponse,
	type OffsetColumns,
} from './protocol/list-offsets.js';

// The one way kex asks a leader for offsets (ListOffsets): the first and last offset of partitions, or the first
// offset at a time. Our own codec where the broker speaks it, kafkajs's on older brokers.

/** ListOffsets' timestamps that mean "the first offset" and "the next offset to be written". */
export const EARLIEST = -2;
export const LATEST = -1;

/** One ListOffsets, answered in the shape `api` decodes to; kafkajs's answer, made into it, on older brokers. */
const ask =
	<Answer>(api: RawApi<ListOffsetsRequest, Answer>, fromKafkajs: (answer: ListOffsetsResponse) => Answer) =>
	async (
		target: BrokerHandle,
		topics: Array<{topic: string; partitions: number[]}>,
		timestamp: number,
		isolationLevel: 0 | 1 = READ_UNCOMMITTED,
	): Promise<Answer> => {
		const request = {isolationLevel, topics, timestamp};
		return target.supports(api) ? target.send(api, request) : fromKafkajs(await target.listOffsetsV0(request));
	};

export const listOffsets = ask(listOffsetsApi, answer => answer);

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

/** ListOffsets of `topics` at `timestamp`, as columns (see OffsetColumns). */
const offsetColumns = ask(listOffsetColumns, offsetColumnsOf);

const NONE: OffsetColumns = {topics: [], topic: [], partition: [], errorCode: [], offset: []};

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
	// Each topic's partitions get consecutive slots in three columns of numbers (NaN: not known): tens of thousands
	// of partitions are read on every refresh, and an object for each would outlive the requests into V8's old
	// generation.
	const base = new Map<string, number>();
	let size = 0;
	const room = new Map<string, number>();
	for (const p of partitions) room.set(p.topic, Math.max(room.get(p.topic) ?? 0, p.partition + 1));
	for (const [topic, slots] of room) {
		base.set(topic, size);
		size += slots;
	}
	const low = new Array<number>(size).fill(NaN);
	const high = new Array<number>(size).fill(NaN);
	const lastStable = new Array<number>(size).fill(-1);
	const slotOf = (columns: OffsetColumns, i: number) =>
		(base.get(columns.topics[columns.topic[i]!]!) ?? NaN) + columns.partition[i]!;
	const byLeader = groupBy(
		partitions.filter(p => p.leader >= 0),
		p => p.leader,
	);
	const warnings: string[] = [];
	await Promise.all(
		[...byLeader].map(async ([leader, list]) => {
			try {
				const target = await connection.broker(leader);
				const topics = [...groupBy(list, p => p.topic)].map(([topic, ps]) => ({
					topic,
					partitions: ps.map(p => p.partition),
				}));
				const [first, next, committed] = await Promise.all([
					offsetColumns(target, topics, EARLIEST),
					offsetColumns(target, topics, LATEST),
					stable ? offsetColumns(target, topics, LATEST, READ_COMMITTED) : NONE,
				]);
				for (let i = 0; i < first.partition.length; i++) {
					const slot = slotOf(first, i);
					if (first.errorCode[i] === ErrorCode.NONE && slot >= 0) low[slot] = first.offset[i]!;
				}
				for (let i = 0; i < committed.partition.length; i++) {
					const slot = slotOf(committed, i);
					if (committed.errorCode[i] === ErrorCode.NONE && slot >= 0) lastStable[slot] = committed.offset[i]!;
				}
				// A partition counts only when both sides answered: a high watermark without a low one is not shown.
				for (let i = 0; i < next.partition.length; i++) {
					const slot = slotOf(next, i);
					if (next.errorCode[i] === ErrorCode.NONE && slot >= 0) high[slot] = next.offset[i]!;
					else if (slot >= 0) low[slot] = NaN;
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
	const lookup = (topic: string, partition: number): Watermark | null => {
		const slot = (base.get(topic) ?? NaN) + partition;
		const l = low[slot];
		const h = high[slot];
		if (l === undefined || h === undefined || Number.isNaN(l) || Number.isNaN(h) || h < 0) return null;
		return {low: l, high: h, stable: lastStable[slot]!};
	};
	return {lookup, warnings};
};
