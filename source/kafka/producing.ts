import {backoffMs, pause} from './backoff.js';
import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {KexError} from './errors.js';
import {groupBy} from './group-by.js';
import {MAYBE_WRITTEN, produceError, RETRIABLE, tooLarge} from './produce-refusals.js';
import {createPlacement, topicLimit} from './producer-placement.js';
import {createProducerIdentity, type Identity} from './producer-identity.js';
import {produce as produceApi, type ProduceResponse} from './protocol/produce.js';
import {prepareCompression} from './codecs.js';
import {isConnectionTrouble, isPassingTrouble} from './kafkajs-errors.js';
import {encodeRecordBatch, type Sequencing} from './record-batch-encoder.js';
import type {ProduceRequest, ProduceResult, SendOptions, SendOutcome} from './types.js';

// Writing messages: each placed on its partition (producer-placement.ts), one Produce request per leader with our
// own record batches carrying the idempotent producer's sequence numbers (producer-identity.ts), sent again through
// leader changes, and an exact account of what became of every message.

/** One partition's messages of one send, encoded once, and what has become of it so far. */
type Batch = {
	topic: string;
	partition: number;
	leader: number;
	/** Its messages, and where each stands in the send. */
	messages: ProduceRequest[];
	indices: number[];
	timestamps: number[];
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
	settled: boolean;
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
	const sendTo = async (leader: number, batches: Batch[], outcomes: SendOutcome[]) => {
		const topics = groupBy(batches, b => b.topic);
		// Said before the first await: a later batch of the same partition may follow on this connection.
		for (const b of batches) b.sentTo = leader;
		try {
			await sendBatches(leader, batches, topics, outcomes);
		} finally {
			for (const b of batches) b.sentTo = null;
		}
	};

	const sendBatches = async (
		leader: number,
		batches: Batch[],
		topics: Map<string, Batch[]>,
		outcomes: SendOutcome[],
	) => {
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
				else settle(b, outcomes, b.answerLost ? 'unknown' : 'failed', reason);
			}
			return;
		}
		for (const t of response) {
			for (const p of t.partitions) {
				const b = batches.find(x => x.topic === t.topic && x.partition === p.partition);
				if (!b) continue;
				if (p.errorCode === ErrorCode.NONE) {
					b.settled = true;
					b.indices.forEach((index, i) => {
						outcomes[index] = {
							status: 'written',
							topic: t.topic,
							partition: p.partition,
							offset: p.baseOffset + i,
							timestamp: p.logAppendTime >= 0 ? p.logAppendTime : b.timestamps[i]!,
						};
					});
					continue;
				}
				let error = produceError(t.topic, p.partition, p).message;
				b.lastError = error;
				const stale = b.sequencing !== null && p.errorCode === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER && b.dropped;
				if (!b.sequencing && MAYBE_WRITTEN.has(p.errorCode)) {
					// Without sequence numbers a resend could write it twice: say what is known instead.
					settle(b, outcomes, 'unknown', error);
					continue;
				}
				if (RETRIABLE.has(p.errorCode) && !stale) {
					b.again = true;
					continue;
				}
				if (p.errorCode === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
					settle(b, outcomes, 'unknown', `${error}: the broker has these already, at offsets it no longer says`);
					continue;
				}
				if (tooLarge(p.errorCode)) {
					const limit = await topicLimit(connection, t.topic);
					const largest = Math.max(...b.messages.map(m => (m.key?.length ?? 0) + (m.value?.length ?? 0)));
					if (limit !== null) {
						error += `; ${t.topic} accepts batches of at most ${count(limit)} bytes, the largest message here is ${count(largest)}`;
					}
				}
				if (b.sequencing) {
					dropIdentity(b.identity);
					for (const other of inFlightBatches) if (other.identity === b.identity) other.dropped = true;
				}
				settle(b, outcomes, 'failed', error);
			}
		}
	};

	const settle = (b: Batch, outcomes: SendOutcome[], status: 'failed' | 'unknown', error: string) => {
		b.settled = true;
		for (const index of b.indices) outcomes[index] = {status, error};
	};

	// Batches of every send not yet settled: a refusal that leaves a gap in a sequence marks its siblings.
	const inFlightBatches = new Set<Batch>();

	const send = async (messages: ProduceRequest[], options: SendOptions = {}): Promise<SendOutcome[]> =>
		connection
			.run(async () => {
				const compression = options.compression ?? 'none';
				await prepareCompression(compression);
				const now = Date.now();
				const outcomes: SendOutcome[] = new Array(messages.length);
				const batches = await inOrder(() => batchesOf(messages, compression, now));
				for (const b of batches) inFlightBatches.add(b);
				try {
					await deliver(batches, outcomes);
				} finally {
					for (const b of batches) inFlightBatches.delete(b);
				}
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
		messages: ProduceRequest[],
		compression: NonNullable<SendOptions['compression']>,
		now: number,
	): Promise<Batch[]> => {
		const {partitions, leaderOf} = await placement.place(messages);
		const id = await identityOf();
		// Each partition's messages are one batch, encoded once: a retry sends the very same bytes.
		const all = messages.map((_, index) => index);
		return [...groupBy(all, i => messages[i]!.topic)].flatMap(([topic, inTopic]) =>
			[...groupBy(inTopic, i => partitions[i]!)].map(([partition, indices]): Batch => {
				const batchMessages = indices.map(i => messages[i]!);
				const timestamps = batchMessages.map(m => m.timestamp ?? now);
				const sequencing = sequenced(id, topic, partition, indices.length);
				const records = encodeRecordBatch(batchMessages, compression, sequencing, now);
				return {
					topic,
					partition,
					leader: leaderOf(topic, partition),
					messages: batchMessages,
					indices,
					timestamps,
					records,
					identity: id,
					sequencing,
					again: false,
					answerLost: false,
					dropped: false,
					lastError: '',
					sentTo: null,
					settled: false,
				};
			}),
		);
	};

	/**
	 * Sends the batches, and again those refused for a moved leader or left without an answer, to the partition's
	 * leader of the moment, pausing a little longer each time, for up to DELIVERY_TIMEOUT_MS. Without a producer id
	 * a batch whose answer was lost is not sent again (it could be written twice): it is reported unknown.
	 */
	const deliver = async (batches: Batch[], outcomes: SendOutcome[]) => {
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
			await Promise.all([...groupBy(ready, b => b.leader)].map(([leader, list]) => sendTo(leader, list, outcomes)));
			for (const b of pending.filter(x => x.again && x.answerLost && !x.sequencing)) {
				settle(b, outcomes, 'unknown', b.lastError);
			}
			const troubled = ready.some(b => b.again) || pending.some(b => b.again && b.leader < 0);
			pending = pending.filter(b => b.again && !b.settled);
			if (pending.length === 0) return;
			if (Date.now() >= deadline) {
				for (const b of pending) settle(b, outcomes, b.answerLost ? 'unknown' : 'failed', b.lastError);
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
			if (o === b || o.settled || o.identity !== b.identity || o.topic !== b.topic || o.partition !== b.partition)
				continue;
			if (o.sequencing!.baseSequence < b.sequencing.baseSequence && o.sentTo !== b.leader) return false;
		}
		return true;
	};

	const produce = async (messages: ProduceRequest[], options?: SendOptions): Promise<ProduceResult[]> => {
		const outcomes = await send(messages, options);
		const bad = outcomes.find(o => o.status !== 'written');
		if (bad && 'error' in bad) {
			if (bad.status === 'unknown') {
				throw new KexError('unreachable', `${bad.error} (the message may or may not have been written)`);
			}
			throw new KexError('broker-error', bad.error);
		}
		return outcomes.map(o => {
			const {status: _, ...result} = o as {status: 'written'} & ProduceResult;
			return result;
		});
	};

	return {send, produce};
};
