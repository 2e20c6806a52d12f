import type {Connection} from './connection.js';
import {ErrorCode, LEADER_MOVED, PRODUCE_ERRORS} from './error-codes.js';
import {KexError} from './errors.js';
import {groupBy} from './group-by.js';
import {createPartitioner} from './partitioner.js';
import {produce as produceApi, type ProducePartitionResponse, type ProduceResponse} from './protocol/produce.js';
import {prepareCompression} from './codecs.js';
import {isConnectionTrouble} from './kafkajs-errors.js';
import {initProducerId} from './protocol/init-producer-id.js';
import {encodeRecordBatch, type Sequencing} from './record-batch-encoder.js';
import {topicMetadata} from './snapshot.js';
import type {ProduceRequest, ProduceResult, SendOptions, SendOutcome} from './types.js';

// Writing messages: each placed on its partition (Java's murmur2 partitioner for keyed messages, as kafkajs and
// the Java client place them), one Produce request per leader with our own record batches, and an exact account
// of what became of every message.

type Placement = Awaited<ReturnType<typeof topicMetadata>>;
type Placed = {m: ProduceRequest; index: number; partition: number; leader: number};
type Identity = {id: number; epoch: number};

/** One partition's messages of one send, encoded once, and what has become of it so far. */
type Batch = {
	topic: string;
	partition: number;
	leader: number;
	entries: Placed[];
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
const MAX_BACKOFF_MS = 2000;

/** Refusals after which the same batch is sent again: nothing was written, or a resend cannot duplicate it. */
const RETRIABLE: ReadonlySet<number> = new Set([
	...LEADER_MOVED,
	ErrorCode.NOT_ENOUGH_REPLICAS,
	ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
	ErrorCode.REQUEST_TIMED_OUT,
	// A batch ahead of it in the same partition is still on its way (a retry overtook it).
	ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
]);

/** Refusals that may come after the leader wrote the batch: only a batch with sequence numbers is sent again. */
const MAYBE_WRITTEN: ReadonlySet<number> = new Set([
	ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
	ErrorCode.REQUEST_TIMED_OUT,
]);

const produceError = (topic: string, partition: number, p: ProducePartitionResponse) => {
	const reason = PRODUCE_ERRORS[p.errorCode] ?? `error ${p.errorCode}`;
	// The first record's own reason says most ("Compacted topic cannot accept message without key ..."); the
	// broker's summary ("One or more records have been rejected ...") only when there is none.
	const first = p.recordErrors.find(Boolean);
	const detail = first
		? `${first}${p.recordErrors.length > 1 ? ` (${p.recordErrors.length} records rejected)` : ''}`
		: (p.errorMessage ?? '');
	const kind =
		p.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
			? 'unknown-topic'
			: tooLarge(p.errorCode) || p.errorCode === ErrorCode.INVALID_RECORD
				? 'invalid-input'
				: 'broker-error';
	return new KexError(kind, `cannot write to ${topic}/${partition}: ${reason}${detail ? ` (${detail})` : ''}`);
};

const tooLarge = (code: number) => code === ErrorCode.MESSAGE_TOO_LARGE || code === ErrorCode.RECORD_LIST_TOO_LARGE;

export const createProducer = (connection: Connection) => {
	const partitioner = createPartitioner();

	/** The most a topic accepts in one batch (max.message.bytes), to say it when a message is too large. */
	const topicLimit = async (name: string): Promise<number | null> => {
		try {
			const configs = await connection.anyBroker(b => b.describeTopicConfigs(name, ['max.message.bytes']));
			const value = configs.get('max.message.bytes');
			return value ? Number(value) : null;
		} catch {
			return null;
		}
	};

	// Writing a file is hundreds of sends to the same topic: its partitions and leaders are looked up once a few
	// seconds, and again at once after anything went wrong.
	const placement = new Map<string, {at: number; meta: Placement}>();
	const placementFor = async (name: string) => {
		const known = placement.get(name);
		if (known && Date.now() - known.at < 5000) return known.meta;
		const meta = await topicMetadata(connection, name);
		placement.set(name, {at: Date.now(), meta});
		return meta;
	};

	/** Places every message, so the base offset each partition answers gives every message its offset. */
	const place = async (messages: Array<{m: ProduceRequest; index: number}>): Promise<Placed[]> => {
		const metadataByTopic = new Map<string, Placement>();
		for (const {m} of messages)
			if (!metadataByTopic.has(m.topic)) metadataByTopic.set(m.topic, await placementFor(m.topic));
		// A message that cannot be placed stops the whole call before anything is sent.
		return messages.map(({m, index}) => {
			const partitions = metadataByTopic.get(m.topic)!.partitionMetadata;
			if (m.partition !== undefined && !partitions.some(p => p.partitionId === m.partition)) {
				throw new KexError(
					'unknown-partition',
					`topic ${m.topic} has no partition ${m.partition} (it has ${partitions.length}: 0 to ${partitions.length - 1})`,
				);
			}
			const partition = m.partition ?? partitioner(m.key, partitions);
			const leader = partitions.find(p => p.partitionId === partition)!.leader;
			if (leader < 0) throw new KexError('broker-error', `${m.topic} partition ${partition} has no leader right now`);
			return {m, index, partition, leader};
		});
	};

	// The idempotent producer: an id from the cluster and, per partition, the sequence number of the next record.
	// A batch sent again after its answer was lost keeps its sequence numbers, so the leader (a new one too: the
	// producer state is replicated with the log) writes it once and answers with the offsets it was first given.
	let identity: Promise<Identity | null> | null = null;
	const sequences = new Map<string, number>();
	const identityOf = (): Promise<Identity | null> =>
		(identity ??= connection
			.anyBroker(async b => {
				if (!b.supports(initProducerId)) return null;
				// A broker just started may not have a block of producer ids yet: it says so, and has one soon.
				for (let attempt = 0; ; attempt++) {
					const answer = await b.send(initProducerId, {transactionTimeoutMs: 60_000});
					if (answer.errorCode === ErrorCode.NONE) return {id: answer.producerId, epoch: answer.producerEpoch};
					// Not allowed (IDEMPOTENT_WRITE before Kafka 2.8) stays so: write as a plain producer, as kcat does.
					if (answer.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) return null;
					if (attempt >= 10) {
						identity = null;
						return null;
					}
					await new Promise(resolve => setTimeout(resolve, 100 * (attempt + 1)));
				}
			})
			.catch((error: unknown) => {
				identity = null;
				throw error;
			}));
	/** A refused batch leaves a gap in its partition's sequence: the next write starts over with a new id. */
	const dropIdentity = (id: Identity | null) => {
		void identity?.then(current => {
			if (current && id && current.id === id.id) identity = null;
		});
	};
	const sequenced = (id: Identity | null, topic: string, partition: number, count: number): Sequencing | null => {
		if (!id) return null;
		const key = `${id.id}\u0000${topic}\u0000${partition}`;
		const baseSequence = sequences.get(key) ?? 0;
		// Sequence numbers are int32 and wrap to 0, as Kafka's producers wrap them.
		sequences.set(key, (baseSequence + count) % 2 ** 31);
		return {producerId: id.id, producerEpoch: id.epoch, baseSequence};
	};

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
					b.entries.forEach((entry, i) => {
						outcomes[entry.index] = {
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
					const limit = await topicLimit(t.topic);
					const largest = Math.max(...b.entries.map(({m}) => (m.key?.length ?? 0) + (m.value?.length ?? 0)));
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
		for (const entry of b.entries) outcomes[entry.index] = {status, error};
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
				if (outcomes.some(o => o.status !== 'written')) placement.clear();
				return outcomes;
			})
			.catch((error: unknown) => {
				placement.clear();
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
		const placed = await place(messages.map((m, index) => ({m, index})));
		const id = await identityOf();
		// Each partition's messages are one batch, encoded once: a retry sends the very same bytes.
		return [...groupBy(placed, p => `${p.m.topic}\u0000${p.partition}`).values()].map(entries => {
			const {topic} = entries[0]!.m;
			const {partition, leader} = entries[0]!;
			const timestamps = entries.map(({m}) => m.timestamp ?? now);
			const sequencing = sequenced(id, topic, partition, entries.length);
			const records = encodeRecordBatch(
				entries.map(({m}, i) => ({key: m.key, value: m.value, headers: m.headers, timestamp: timestamps[i]!})),
				compression,
				sequencing,
			);
			return {
				topic,
				partition,
				leader,
				entries,
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
		});
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
				await new Promise(resolve => setTimeout(resolve, 20));
				continue;
			}
			await new Promise(resolve => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt++)));
			placement.clear();
			for (const topic of new Set(pending.map(b => b.topic))) {
				try {
					await connection.relearnBrokers();
					const meta = await placementFor(topic);
					for (const b of pending.filter(x => x.topic === topic))
						b.leader = meta.partitionMetadata.find(p => p.partitionId === b.partition)?.leader ?? -1;
				} catch (error) {
					// Nobody answers the lookup: the next round tries the leaders known, and looks again after.
					if (!isConnectionTrouble(error)) throw error;
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
