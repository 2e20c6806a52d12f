import type {Connection} from './connection.js';
import {ErrorCode, LEADER_MOVED, PRODUCE_ERRORS} from './error-codes.js';
import {KexError} from './errors.js';
import {groupBy} from './group-by.js';
import {createPartitioner} from './partitioner.js';
import {produce as produceApi, type ProducePartitionResponse, type ProduceResponse} from './protocol/produce.js';
import {prepareCompression} from './codecs.js';
import {encodeRecordBatch} from './record-batch-encoder.js';
import {topicMetadata} from './snapshot.js';
import type {ProduceRequest, ProduceResult, SendOptions, SendOutcome} from './types.js';

// Writing messages: each placed on its partition (Java's murmur2 partitioner for keyed messages, as kafkajs and
// the Java client place them), one Produce request per leader with our own record batches, and an exact account
// of what became of every message.

type Placement = Awaited<ReturnType<typeof topicMetadata>>;
type Placed = {m: ProduceRequest; index: number; partition: number; leader: number};

const count = (n: number) => n.toLocaleString('en-US');

/** Writes refused for a moved leader are sent again this many times (after 0.1, 0.2, 0.4 s). */
const LEADER_RETRIES = 3;

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

	/** One Produce request to a leader for all its batches; fills in the outcome of each message in them. */
	const sendTo = async (
		leader: number,
		batches: Map<string, Placed[]>,
		now: number,
		outcomes: SendOutcome[],
		compression: SendOptions['compression'],
		retry: number[],
	) => {
		const topics = new Map<string, Array<{partition: number; records: Buffer}>>();
		for (const batch of batches.values()) {
			const {topic} = batch[0]!.m;
			const records = encodeRecordBatch(
				batch.map(({m}) => ({key: m.key, value: m.value, headers: m.headers, timestamp: m.timestamp ?? now})),
				compression,
			);
			const list = topics.get(topic) ?? [];
			topics.set(topic, list);
			list.push({partition: batch[0]!.partition, records});
		}
		let response: ProduceResponse;
		try {
			response = await (
				await connection.broker(leader)
			).send(produceApi, {
				acks: -1,
				timeoutMs: 30_000,
				topics: [...topics].map(([topic, partitions]) => ({topic, partitions})),
			});
		} catch (error) {
			// Sent or not, no answer came: these may or may not have been written.
			const reason = connection.describe(error).message;
			for (const batch of batches.values())
				for (const entry of batch) outcomes[entry.index] = {status: 'unknown', error: reason};
			connection.brokerFailed();
			return;
		}
		for (const t of response) {
			for (const p of t.partitions) {
				const batch = batches.get(`${t.topic}\u0000${p.partition}`) ?? [];
				if (p.errorCode !== ErrorCode.NONE) {
					// Refused because this broker is not (or not yet) the leader: nothing was written; try the leader.
					if (LEADER_MOVED.has(p.errorCode)) for (const entry of batch) retry.push(entry.index);
					let error = produceError(t.topic, p.partition, p).message;
					if (tooLarge(p.errorCode)) {
						const limit = await topicLimit(t.topic);
						const largest = Math.max(...batch.map(({m}) => (m.key?.length ?? 0) + (m.value?.length ?? 0)));
						if (limit !== null) {
							error += `; ${t.topic} accepts batches of at most ${count(limit)} bytes, the largest message here is ${count(largest)}`;
						}
					}
					for (const entry of batch) outcomes[entry.index] = {status: 'failed', error};
					continue;
				}
				batch.forEach((entry, i) => {
					outcomes[entry.index] = {
						status: 'written',
						topic: t.topic,
						partition: p.partition,
						offset: p.baseOffset + i,
						timestamp: p.logAppendTime >= 0 ? p.logAppendTime : (entry.m.timestamp ?? now),
					};
				});
			}
		}
	};

	const send = async (messages: ProduceRequest[], options: SendOptions = {}): Promise<SendOutcome[]> =>
		connection
			.run(async () => {
				const compression = options.compression ?? 'none';
				await prepareCompression(compression);
				const now = Date.now();
				const outcomes: SendOutcome[] = new Array(messages.length);
				let pending = messages.map((m, index) => ({m, index}));
				for (let attempt = 0; ; attempt++) {
					const placed = await place(pending);
					const retry: number[] = [];
					await Promise.all(
						[...groupBy(placed, p => p.leader)].map(([leader, list]) =>
							sendTo(
								leader,
								groupBy(list, p => `${p.m.topic}\u0000${p.partition}`),
								now,
								outcomes,
								compression,
								retry,
							),
						),
					);
					// A leader that moved (or a new topic's leader not elected everywhere yet): look again, briefly.
					if (retry.length === 0 || attempt >= LEADER_RETRIES) break;
					placement.clear();
					await new Promise(resolve => setTimeout(resolve, 100 * 2 ** attempt));
					pending = retry.sort((a, b) => a - b).map(index => ({m: messages[index]!, index}));
				}
				if (outcomes.some(o => o.status !== 'written')) placement.clear();
				return outcomes;
			})
			.catch((error: unknown) => {
				placement.clear();
				throw error;
			});

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
