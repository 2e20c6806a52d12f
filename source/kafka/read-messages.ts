import {ErrorCode, LEADER_MOVED} from './error-codes.js';
import {KexError, notAuthorized} from './errors.js';
import {groupBy} from './group-by.js';
import {EARLIEST, LATEST} from './offsets.js';
import {AbortedFilter, prepareBatches, visitRecordBatches} from './record-batch.js';
import {createRecovery, type FailureJudge} from './read-recovery.js';
import {READ_COMMITTED, READ_UNCOMMITTED, type FetchRequest, type FetchResponse} from './protocol/fetch.js';
import type {BatchSink, ReadRequest} from './types.js';

/** What reading needs from a connection; the adapter provides it, tests may too. */
export type ReadTransport = FailureJudge & {
	partitions(topic: string): Promise<Array<{partition: number; leader: number}>>;
	/** The offset of each partition at `timestamp` (EARLIEST, LATEST or a time), by partition. */
	listOffsets(
		leader: number,
		topic: string,
		partitions: number[],
		timestamp: number,
		isolationLevel: 0 | 1,
	): Promise<Map<number, number>>;
	fetch(leader: number, request: FetchRequest): Promise<FetchResponse>;
	refresh(): Promise<void>;
};

const PARTITION_MAX_BYTES = 1024 * 1024;
// Four megabytes a fetch reads as fast as eight here, and keeps a reader well under the memory of larger ones.
const FETCH_MAX_BYTES = 4 * 1024 * 1024;
const MIN_FETCH_BYTES = 16 * 1024;
type Cursor = {
	partition: number;
	leader: number;
	position: number;
	low: number;
	end: number;
	left: number;
};

const startOffsets = async (
	transport: ReadTransport,
	request: ReadRequest,
	parts: Array<{partition: number; leader: number}>,
) => {
	const cursors: Cursor[] = [];
	await Promise.all(
		[...groupBy(parts, p => p.leader)].map(async ([leader, list]) => {
			const ask = (timestamp: number, isolation: 0 | 1) =>
				transport.listOffsets(
					leader,
					request.topic,
					list.map(p => p.partition),
					timestamp,
					isolation,
				);
			// The end is the last stable offset: what a read-committed consumer can see now.
			const [low, end, atTime] = await Promise.all([
				ask(EARLIEST, READ_UNCOMMITTED),
				ask(LATEST, READ_COMMITTED),
				request.from.kind === 'timestamp' ? ask(request.from.timestamp, READ_UNCOMMITTED) : null,
			]);
			for (const {partition} of list) {
				const lo = low.get(partition)!;
				const hi = end.get(partition)!;
				const from = request.from;
				let position: number;
				if (from.kind === 'oldest') position = lo;
				else if (from.kind === 'newest') position = Math.max(lo, hi - from.count);
				else if (from.kind === 'timestamp') {
					const found = atTime!.get(partition) ?? -1;
					position = found < 0 ? hi : found;
				} else if (from.kind === 'offsets') position = from.offsets[partition] ?? hi;
				else position = from.offset;
				// Following, there is no end: new messages are read as they arrive.
				cursors.push({
					partition,
					leader,
					position,
					low: lo,
					end: request.follow ? Number.POSITIVE_INFINITY : hi,
					left: request.limitPerPartition ?? Number.POSITIVE_INFINITY,
				});
			}
		}),
	);
	return cursors.sort((a, b) => a.partition - b.partition);
};

/**
 * A partition without a leader right now, or whose leader says it does not lead it yet (a broker still loading its
 * partitions, a leader being moved): one normally answers within seconds.
 */
export class NoLeader extends KexError {}
const isLeaderless = (error: unknown) => error instanceof NoLeader;

/** The partitions the request reads, with their leaders. */
const partitionsToRead = async (transport: ReadTransport, request: ReadRequest) => {
	let parts = await transport.partitions(request.topic);
	if (request.from.kind === 'offsets') {
		const wanted = request.from.offsets;
		parts = parts.filter(p => wanted[p.partition] !== undefined);
	}
	if (request.partition !== undefined) {
		parts = parts.filter(p => p.partition === request.partition);
		if (parts.length === 0)
			throw new KexError('unknown-partition', `topic ${request.topic} has no partition ${request.partition}`);
	}
	const offline = parts.filter(p => p.leader < 0);
	if (offline.length > 0) {
		throw new NoLeader(
			'broker-error',
			`${request.topic} partition ${offline.map(p => p.partition).join(', ')} has no leader right now`,
		);
	}
	return parts;
};

/** An offset must fall inside at least one partition's retained range; partitions it misses are left out. */
const checkOffset = (request: ReadRequest, cursors: Cursor[]) => {
	if (request.from.kind !== 'offset') return cursors;
	const offset = request.from.offset;
	const inRange = cursors.filter(c => offset >= c.low && (offset <= c.end || request.follow));
	if (inRange.length === 0) {
		const holds = cursors.map(c => {
			const range = c.end > c.low ? `offsets ${c.low} to ${c.end - 1}` : `no messages (next offset ${c.end})`;
			return cursors.length === 1 ? `it holds ${range}` : `partition ${c.partition} holds ${range}`;
		});
		const where = cursors.length === 1 ? `${request.topic} partition ${cursors[0]!.partition}` : request.topic;
		throw new KexError('offset-out-of-range', `offset ${offset} is out of range for ${where}: ${holds.join('; ')}`);
	}
	return inRange;
};

/**
 * Reads a topic or one partition from its start position up to the end it had when reading began (or, following,
 * until the signal aborts: the broker holds each fetch up to 500 ms while nothing new arrives), in batches as
 * fetched, each as the sink made it. One fetch per leader is in flight at a time, and the next is sent before the
 * current batch is handed on, so decoding and the caller's work overlap the network; a caller that is slow to ask
 * for the next batch (a slow reader of stdout) holds the fetches back, so memory stays at about two fetches.
 */
export async function* readRecords<T>(
	transport: ReadTransport,
	request: ReadRequest,
	sink: BatchSink<T>,
): AsyncGenerator<T> {
	const recovery = createRecovery(transport, request);
	// Where to start, asked of each partition's leader: again after a leader that does not answer is replaced.
	let cursors: Cursor[] | null = null;
	while (!cursors) {
		try {
			cursors = checkOffset(
				request,
				await startOffsets(transport, request, await partitionsToRead(transport, request)),
			);
		} catch (error) {
			if (!transport.unreachable(error) && !isLeaderless(error)) throw error;
			await recovery.wait(error, [-1], () => transport.refresh());
			if (request.signal?.aborted) return;
		}
	}
	recovery.recovered([-1]);
	// A page of a few hundred messages needs far less than a megabyte; the broker still sends at least one batch.
	const fetchMaxBytes = request.fetchBytes ?? FETCH_MAX_BYTES;
	const partitionMaxBytes = Math.min(
		fetchMaxBytes,
		request.limitPerPartition
			? Math.min(PARTITION_MAX_BYTES, Math.max(64 * 1024, request.limitPerPartition * 1024))
			: PARTITION_MAX_BYTES,
	);
	let remaining = request.limit ?? Number.POSITIVE_INFINITY;
	// How much larger the records are decompressed than fetched. A fetch of a well-compressed topic can hold a
	// hundred megabytes of records; fetches are made smaller by this much, so each brings about as many records as
	// an uncompressed one (the broker still sends at least one whole batch, so reading always moves on). Until the
	// first answer says, a topic is taken to be compressed well: that first fetch is a megabyte, not eight.
	let inflation = 8;
	const active = new Map(cursors.filter(c => c.position < c.end).map(c => [c.partition, c]));

	type InFlight = Promise<{leader: number; response: FetchResponse | null; error: unknown}>;
	const inFlight = new Map<number, InFlight>();
	const send = (leader: number) => {
		const mine = [...active.values()].filter(c => c.leader === leader);
		if (mine.length === 0) return;
		const fetchRequest: FetchRequest = {
			maxWaitMs: 500,
			minBytes: 1,
			maxBytes: Math.max(MIN_FETCH_BYTES, Math.round(fetchMaxBytes / inflation)),
			isolationLevel: READ_COMMITTED,
			topics: [
				{
					topic: request.topic,
					partitions: mine.map(c => ({
						partition: c.partition,
						fetchOffset: c.position,
						maxBytes: Math.max(MIN_FETCH_BYTES, Math.round(partitionMaxBytes / inflation)),
					})),
				},
			],
		};
		const promise: InFlight = transport.fetch(leader, fetchRequest).then(
			response => ({leader, response, error: null}),
			(error: unknown) => ({leader, response: null, error}),
		);
		inFlight.set(leader, promise);
	};

	// Every leader that still has partitions to read gets a fetch, after a leader change too.
	const sendIdle = () => {
		for (const l of new Set([...active.values()].map(c => c.leader))) if (!inFlight.has(l)) send(l);
	};

	const relocate = async () => {
		await transport.refresh();
		const fresh = new Map((await transport.partitions(request.topic)).map(p => [p.partition, p.leader]));
		for (const c of active.values()) {
			const leader = fresh.get(c.partition);
			if (leader === undefined)
				throw new KexError('unknown-topic', `${request.topic} partition ${c.partition} no longer exists`);
			c.leader = leader;
		}
	};

	sendIdle();

	// Following, what an open transaction holds back is said when it changes (see ReadRequest.onHeld).
	const held = new Map<number, number>();
	const noteHeld = (partition: number, count: number) => {
		if (held.get(partition) === count) return;
		held.set(partition, count);
		request.onHeld?.(new Map(held));
	};

	while (inFlight.size > 0 && remaining > 0 && !request.signal?.aborted) {
		const {leader, response, error} = await Promise.race(inFlight.values());
		inFlight.delete(leader);
		if (error) {
			if (!transport.unreachable(error)) throw error;
			const waiting = [...active.values()].filter(c => c.leader === leader).map(c => c.partition);
			await recovery.wait(error, waiting, relocate);
			sendIdle();
			continue;
		}
		// Before decoding, which is synchronous: the decoders the batches need are loaded.
		for (const t of response!.topics) for (const p of t.partitions) if (p.records) await prepareBatches(p.records);
		const moved: number[] = [];
		let movedCode = 0;
		let given = 0;
		let stored = 0;
		let unpacked = 0;
		for (const t of response!.topics) {
			for (const p of t.partitions) {
				const cursor = active.get(p.partition);
				if (!cursor) continue;
				if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE && cursor.position < p.logStartOffset) {
					// Retention removed what we were about to read; carry on from what is left, as a consumer would.
					cursor.position = p.logStartOffset;
				} else if (LEADER_MOVED.has(p.errorCode)) {
					moved.push(p.partition);
					movedCode = p.errorCode;
				} else if (p.errorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
					throw notAuthorized('read', 'topic', request.topic);
				} else if (p.errorCode !== ErrorCode.NONE) {
					throw new KexError(
						'broker-error',
						`${request.topic} partition ${p.partition}: fetch failed with error ${p.errorCode}`,
					);
				} else if (p.records && p.records.length > 0) {
					const decoded = visitRecordBatches(
						p.records,
						{
							topic: request.topic,
							partition: p.partition,
							fromOffset: cursor.position,
							aborted: p.abortedTransactions ? new AbortedFilter(p.abortedTransactions) : null,
							endOffset: cursor.end,
							max: Math.min(cursor.left, remaining - given),
						},
						sink,
					);
					cursor.position = decoded.nextOffset;
					stored += p.records.length;
					unpacked += decoded.unpackedBytes;
					cursor.left -= decoded.count;
					given += decoded.count;
					if (cursor.left <= 0) cursor.end = cursor.position;
				} else if (!request.follow && p.lastStableOffset >= 0 && cursor.position >= p.lastStableOffset) {
					// Nothing visible past here: the end moved back (truncation) or a transaction holds it.
					cursor.end = cursor.position;
				}
				if (request.follow && p.errorCode === ErrorCode.NONE && p.lastStableOffset >= 0) {
					noteHeld(p.partition, cursor.position >= p.lastStableOffset ? p.highWatermark - p.lastStableOffset : 0);
				}
				if (cursor.position >= cursor.end) active.delete(p.partition);
			}
		}
		if (stored > 0) inflation = Math.max(1, unpacked / stored);
		recovery.recovered(
			response!.topics.flatMap(t => t.partitions.map(p => p.partition)).filter(p => !moved.includes(p)),
		);
		if (moved.length > 0) {
			const why = new KexError(
				'broker-error',
				`${request.topic} partition ${moved.join(', ')}: broker ${leader} no longer leads it and no new leader answers yet (error ${movedCode})`,
			);
			await recovery.wait(why, moved, relocate);
		}
		sendIdle();
		remaining -= given;
		const taken = sink.take();
		if (given > 0) yield taken;
	}
}
