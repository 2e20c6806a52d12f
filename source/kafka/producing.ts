import {backoffMs, pause} from './backoff.js';
import type {BatchWriter, Sequencing} from './batch-writer.js';
import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {groupBy} from './group-by.js';
import {createPartitioner} from './partitioner.js';
import {MAYBE_WRITTEN, produceError, RETRIABLE, tooLarge} from './produce-refusals.js';
import {createPlacement, topicLimit} from './producer-placement.js';
import {createProducerIdentity, type Identity} from './producer-identity.js';
import {produce as produceApi, type ProduceResponse} from './protocol/produce.js';
import {prepareCompression} from './codecs.js';
import {isConnectionTrouble, isPassingTrouble} from './kafkajs-errors.js';
import {RecordSet} from './record-set.js';
import type {BatchOutcome, SendOptions} from './types.js';

// Writing messages: each placed on its partition (record-set.ts), one Produce request per leader with our own
// record batches carrying the idempotent producer's sequence numbers (producer-identity.ts), sent again through
// leader changes, and an exact account of what became of every batch, so of every message.

/** One partition's records of one send, encoded once, and what has become of it so far. */
type Batch = {
	topic: string;
	partition: number;
	leader: number;
	writer: BatchWriter;
	records: Buffer;
	identity: Identity | null;
	sequencing: Sequencing | null;
	/** To be sent again: refused for a reason that passes (a moved leader), or no answer came. */
	again: boolean;
	/** Sent at least once without an answer: it may have been written. */
	answerLost: boolean;
	/** Its producer id was dropped after a sibling's refusal: out of sequence now means never. */
	dropped: boolean;
	lastError: string;
	/** The leader it is on its way to right now, if it is. */
	sentTo: number | null;
	/** Written, refused for good, or given up on. */
	outcome: BatchOutcome | null;
};

const count = (n: number) => n.toLocaleString('en-US');

/**
 * How long a write goes on trying through a leader change or a broker that does not answer: Java's
 * delivery.timeout.ms. A follower that dies holds acks=all writes until the leader drops it from the in-sync
 * replicas (replica.lag.time.max.ms, 30 s by default), so this must be well past that.
 */
export const DELIVERY_TIMEOUT_MS = 120_000;
/** The broker's own wait for the in-sync replicas, shorter than the connection's request timeout (30 s): the
 * broker says it timed out (and the batch is sent again) before the client gives up on the answer. */
const PRODUCE_TIMEOUT_MS = 25_000;

export const createProducer = (connection: Connection) => {
	const placement = createPlacement(connection);

	const {identityOf, dropIdentity, sequenced} = createProducerIdentity(connection);

	/** One Produce request to a leader for its batches; settles each batch, or marks it to be sent again. */
	const sendTo = async (leader: number, batches: Batch[]) => {
		const topics = groupBy(batches, b => b.topic);
		// Said before the first await: a later batch of the same partition may follow on this connection.
		for (const b of batches) b.sentTo = leader;
		try {
			await sendBatches(leader, batches, topics);
		} finally {
			for (const b of batches) b.sentTo = null;
		}
	};

	const sendBatches = async (leader: number, batches: Batch[], topics: Map<string, Batch[]>) => {
		let response: ProduceResponse;
		try {
			const target = await connection.broker(leader);
			try {
				response = await target.send(produceApi, {
					acks: -1,
					timeoutMs: PRODUCE_TIMEOUT_MS,
					topics: [...topics].map(([topic, list]) => ({
						topic,
						partitions: list.map(b => ({partition: b.partition, records: b.records})),
					})),
				});
			} catch (error) {
				// Sent, but no answer came: written or not, nobody can say yet.
				for (const b of batches) b.answerLost = true;
				throw error;
			}
		} catch (error) {
			connection.brokerFailed();
			const reason = connection.describe(error, `broker ${leader} (${connection.addressOf(leader)})`).message;
			for (const b of batches) {
				b.lastError = reason;
				if (isConnectionTrouble(error)) b.again = true;
				else settle(b, b.answerLost ? 'unknown' : 'failed', reason);
			}
			return;
		}
		for (const t of response) {
			for (const p of t.partitions) {
				const b = batches.find(x => x.topic === t.topic && x.partition === p.partition);
				if (!b) continue;
				if (p.errorCode === ErrorCode.NONE) {
					b.outcome = {
						...b.writer.account(b.topic),
						status: 'written',
						baseOffset: p.baseOffset,
						logAppendTime: p.logAppendTime,
					};
					continue;
				}
				let error = produceError(t.topic, p.partition, p).message;
				b.lastError = error;
				const stale = b.sequencing !== null && p.errorCode === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER && b.dropped;
				if (!b.sequencing && MAYBE_WRITTEN.has(p.errorCode)) {
					// Without sequence numbers a resend could write it twice: say what is known instead.
					settle(b, 'unknown', error);
					continue;
				}
				if (RETRIABLE.has(p.errorCode) && !stale) {
					b.again = true;
					continue;
				}
				if (p.errorCode === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
					settle(b, 'unknown', `${error}: the broker has these already, at offsets it no longer says`);
					continue;
				}
				if (tooLarge(p.errorCode)) {
					const limit = await topicLimit(connection, t.topic);
					const largest = b.writer.largest;
					if (limit !== null) {
						error += `; ${t.topic} accepts batches of at most ${count(limit)} bytes, the largest message here is ${count(largest)}`;
					}
				}
				if (b.sequencing) {
					dropIdentity(b.identity);
					for (const other of inFlightBatches) if (other.identity === b.identity) other.dropped = true;
				}
				settle(b, 'failed', error);
			}
		}
	};

	const settle = (b: Batch, status: 'failed' | 'unknown', error: string) => {
		b.outcome = {...b.writer.account(b.topic), status, error};
	};

	// Batches of every send not yet settled: a refusal that leaves a gap in a sequence marks its siblings.
	const inFlightBatches = new Set<Batch>();
	const partitioner = createPartitioner();

	/** An empty set of records for a topic, on its partitions and leaders of the moment. */
	const records = (topic: string, limit?: number) =>
		connection.run(async () => new RecordSet(topic, (await placement.of(topic)).partitionMetadata, partitioner, limit));

	/** Writes sets of records, each partition's batch once, and says what became of each batch. */
	const sendRecords = async (sets: RecordSet | RecordSet[], options: SendOptions = {}): Promise<BatchOutcome[]> =>
		connection
			.run(async () => {
				const compression = options.compression ?? 'none';
				await prepareCompression(compression);
				const batches = await inOrder(() => batchesOf(Array.isArray(sets) ? sets : [sets], compression));
				for (const b of batches) inFlightBatches.add(b);
				try {
					await deliver(batches);
				} finally {
					for (const b of batches) {
						inFlightBatches.delete(b);
						b.writer.release();
					}
				}
				const outcomes = batches.map(b => b.outcome!);
				if (outcomes.some(o => o.status !== 'written')) placement.forget();
				return outcomes;
			})
			.catch((error: unknown) => {
				placement.forget();
				throw error;
			});

	// Sends running side by side (a file is written a few batches at a time) take their sequence numbers in the
	// order they were called, so each partition keeps the order of the lines.
	let queue: Promise<unknown> = Promise.resolve();
	const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
		const result = queue.then(work);
		queue = result.catch(() => {});
		return result;
	};

	const batchesOf = async (
		sets: RecordSet[],
		compression: NonNullable<SendOptions['compression']>,
	): Promise<Batch[]> => {
		const id = await identityOf();
		// Each partition's records are one batch, encoded once: a retry sends the very same bytes.
		return sets.flatMap(set =>
			set.batches().map((writer): Batch => {
				const sequencing = sequenced(id, set.topic, writer.partition, writer.count);
				return {
					topic: set.topic,
					partition: writer.partition,
					leader: set.leaderOf(writer.partition),
					writer,
					records: writer.finish(compression, sequencing),
					identity: id,
					sequencing,
					again: false,
					answerLost: false,
					dropped: false,
					lastError: '',
					sentTo: null,
					outcome: null,
				};
			}),
		);
	};

	/**
	 * Sends the batches, and again those refused for a moved leader or left without an answer, to the partition's
	 * leader of the moment, pausing a little longer each time, for up to DELIVERY_TIMEOUT_MS. Without a producer id
	 * a batch whose answer was lost is not sent again (it could be written twice): it is reported unknown.
	 */
	const deliver = async (batches: Batch[]) => {
		const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
		let pending = batches;
		let attempt = 0;
		while (pending.length > 0) {
			for (const b of pending) b.again = false;
			const ready = pending.filter(b => b.leader >= 0 && mayGo(b));
			for (const b of pending.filter(x => !ready.includes(x))) {
				b.again = true;
				if (b.leader < 0) b.lastError = `${b.topic} partition ${b.partition} has no leader right now`;
			}
			await Promise.all([...groupBy(ready, b => b.leader)].map(([leader, list]) => sendTo(leader, list)));
			for (const b of pending.filter(x => x.again && x.answerLost && !x.sequencing)) {
				settle(b, 'unknown', b.lastError);
			}
			const troubled = ready.some(b => b.again) || pending.some(b => b.again && b.leader < 0);
			pending = pending.filter(b => b.again && !b.outcome);
			if (pending.length === 0) return;
			if (Date.now() >= deadline) {
				for (const b of pending) settle(b, b.answerLost ? 'unknown' : 'failed', b.lastError);
				return;
			}
			if (!troubled) {
				// Only waiting for a batch ahead of these in their partitions to be settled or sent.
				await pause(20);
				continue;
			}
			await pause(backoffMs(attempt++));
			placement.forget();
			for (const topic of new Set(pending.map(b => b.topic))) {
				try {
					await connection.relearnBrokers();
					const meta = await placement.of(topic);
					for (const b of pending.filter(x => x.topic === topic))
						b.leader = meta.partitionMetadata.find(p => p.partitionId === b.partition)?.leader ?? -1;
				} catch (error) {
					// Nobody answers the lookup: the next round tries the leaders known, and looks again after.
					if (!isPassingTrouble(error)) throw error;
				}
			}
		}
	};

	/**
	 * A leader takes a producer's batches of a partition only in sequence order, and the first it sees of a new
	 * producer sets where that order starts. So a batch goes only when every batch before it in its partition is
	 * settled, or is on its way to the same leader on the same connection (which keeps their order).
	 */
	const mayGo = (b: Batch) => {
		if (!b.sequencing) return true;
		for (const o of inFlightBatches) {
			if (o === b || o.outcome || o.identity !== b.identity || o.topic !== b.topic || o.partition !== b.partition)
				continue;
			if (o.sequencing!.baseSequence < b.sequencing.baseSequence && o.sentTo !== b.leader) return false;
		}
		return true;
	};

	return {records, sendRecords};
};
