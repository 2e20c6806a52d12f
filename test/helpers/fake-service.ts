import type {
	AclBinding,
	ConfigEntry,
	CreatedTopic,
	LogDir,
	ResetPlan,
	TopicSpec,
} from '../../source/kafka/change-types.js';
import {KexError} from '../../source/kafka/errors.js';
import type {
	BatchSink,
	ClusterSnapshot,
	GroupLagResult,
	GroupListing,
	KafkaService,
	Message,
	PartitionInfo,
	ProduceRequest,
	ReadRequest,
	SendOptions,
	SendOutcome,
	BatchOutcome,
	TopicOverview,
} from '../../source/kafka/types.js';
import {summarizeTopic} from '../../source/kafka/topic-summary.js';
import {decodeRecordBatches, visitRecordBatches} from '../../source/kafka/record-batch.js';
import {createPartitioner} from '../../source/kafka/partitioner.js';
import {RecordSet} from '../../source/kafka/record-set.js';
import {encodeRecordBatch} from '../../source/kafka/record-batch-encoder.js';

// An in-memory KafkaService for component tests: the test sets what the cluster looks like, or makes it fail,
// and counts the calls. Only the UI is under test here; the real broker is exercised by the other test files.

export const partitions = (count: number, high = 10, replicas = [1]): PartitionInfo[] =>
	Array.from({length: count}, (_, partition) => ({
		partition,
		leader: replicas[partition % replicas.length]!,
		replicas,
		isr: replicas,
		offlineReplicas: [],
		lowWatermark: 0,
		highWatermark: high,
	}));

export const topic = (name: string, parts: PartitionInfo[], internal = false): TopicOverview => ({
	...summarizeTopic(name, internal, parts),
	partitions: parts,
});

export const snapshotOf = (topics: TopicOverview[], brokerIds = [1], controllerId = 1): ClusterSnapshot => ({
	cluster: {
		clusterId: 'fake-cluster-id',
		brokers: brokerIds.map(id => ({id, host: `broker-${id}.example`, port: 9092, rack: null})),
		controllerId,
		controllerSource: 'quorum',
		silent: [],
	},
	topics: [...topics].sort((a, b) => (a.name < b.name ? -1 : 1)),
	warnings: [],
	takenAt: Date.now(),
});

export class FakeService implements KafkaService {
	readonly bootstrap = ['fake:9092'];
	snapshotCalls = 0;
	/** What the next snapshot() answers: data, or an Error to reject with. */
	next: ClusterSnapshot | Error;
	groupList: GroupListing[] = [];
	/** When set, snapshot() waits for this before answering (to test a refresh still running). */
	gate: Promise<void> | null = null;

	constructor(initial: ClusterSnapshot | Error) {
		this.next = initial;
	}

	/** What the warm start would already hold when the explorer opens; none unless a test sets it. */
	firstLook?: () => ClusterSnapshot | null;

	/** When set, snapshot() first hands its early answer (no watermarks yet) to the caller, as the real one does. */
	early = false;

	/** Which snapshot() calls were asked for an early answer, in order. */
	earlyAsked: boolean[] = [];

	async snapshot(early?: (partial: ClusterSnapshot) => void) {
		this.snapshotCalls += 1;
		this.earlyAsked.push(early !== undefined);
		if (this.early && early && !(this.next instanceof Error)) {
			const counting = this.next.topics.map(t => ({
				...t,
				approxMessageCount: null,
				partitions: t.partitions.map(p => ({...p, lowWatermark: null, highWatermark: null})),
			}));
			early({...this.next, topics: counting, takenAt: Date.now(), counting: true});
		}
		if (this.gate) await this.gate;
		if (this.next instanceof Error) throw this.next;
		return {...this.next, takenAt: Date.now()};
	}

	async groups() {
		return this.groupList;
	}

	/** Messages of each topic, by partition, in offset order from offset 0; the viewer reads these. */
	logs = new Map<string, Message[][]>();
	readCalls = 0;

	cluster = async () => this.snap().cluster;
	topics = async () => this.snap().topics;
	topic = async (name: string) => {
		const log = this.logs.get(name);
		if (log)
			return {
				name,
				internal: false,
				partitions: log.map((l, partition) => ({
					partition,
					leader: 1,
					replicas: [1],
					isr: [1],
					offlineReplicas: [],
					lowWatermark: 0,
					highWatermark: l.length,
				})),
			};
		const t = this.snap().topics.find(x => x.name === name);
		if (!t) throw new Error(`unknown topic: ${name}`);
		return t;
	};
	/** What groupsLag() answers; tests change it between refreshes. */
	lags: GroupLagResult[] = [];
	// A new array each call, as the real service answers.
	groupsLag = async (ids?: string[]) =>
		this.lags.filter(r => !ids || ids.includes(r.ok ? r.lag.group.groupId : r.groupId));
	groupLag = async (): Promise<never> => {
		throw new Error('not in the fake');
	};
	/** As read(), each message made a record batch of its own and decoded into the sink by the real decoder. */
	async *readInto<T>(request: ReadRequest, sink: BatchSink<T>): AsyncGenerator<T> {
		for await (const batch of this.read(request)) {
			for (const m of batch) {
				if (m.unreadable) {
					sink.unreadable(m);
					continue;
				}
				const records = encodeRecordBatch([m]);
				records.writeBigInt64BE(BigInt(m.offset), 0);
				visitRecordBatches(
					records,
					{topic: m.topic, partition: m.partition, fromOffset: m.offset, aborted: null},
					sink,
				);
			}
			yield sink.take();
		}
	}
	/** Reads the in-memory log as the real service reads a topic: start positions, limits, follow. */
	/** The topic of every read, in order. */
	readTopics: string[] = [];

	async *read(request: ReadRequest): AsyncGenerator<Message[]> {
		this.readCalls += 1;
		this.readTopics.push(request.topic);
		const log = this.logs.get(request.topic) ?? [];
		const from = request.from;
		const parts = log
			.map((messages, partition) => ({messages, partition}))
			.filter(
				p =>
					(request.partition === undefined || p.partition === request.partition) &&
					(from.kind !== 'offsets' || from.offsets[p.partition] !== undefined),
			);
		let total = request.limit ?? Infinity;
		const positions = new Map<number, number>();
		for (const {messages, partition} of parts) {
			const start =
				from.kind === 'oldest'
					? 0
					: from.kind === 'newest'
						? Math.max(0, messages.length - from.count)
						: from.kind === 'offset'
							? from.offset
							: from.kind === 'offsets'
								? from.offsets[partition]!
								: (messages.find(m => m.timestamp >= from.timestamp)?.offset ?? messages.length);
			const batch = messages.slice(start, start + Math.min(request.limitPerPartition ?? Infinity, total));
			total -= batch.length;
			positions.set(partition, start + batch.length);
			if (batch.length > 0) yield batch;
		}
		while (request.follow && !request.signal?.aborted) {
			await new Promise(resolve => setTimeout(resolve, 20));
			for (const {messages, partition} of parts) {
				const at = positions.get(partition)!;
				if (messages.length > at) {
					positions.set(partition, messages.length);
					yield messages.slice(at);
				}
			}
		}
	}
	/** What was sent, and an Error to make the next send fail with (as a broker that went away). */
	produced: ProduceRequest[] = [];
	/** The compression each send asked for. */
	compressions: string[] = [];
	failNextSend: Error | null = null;
	send = async (messages: ProduceRequest[], options: SendOptions = {}): Promise<SendOutcome[]> => {
		this.compressions.push(options.compression ?? 'none');
		if (this.failNextSend) {
			const error = this.failNextSend;
			this.failNextSend = null;
			return messages.map(() => ({status: 'unknown', error: error.message}));
		}
		return messages.map(m => this.write(m));
	};
	private write = (m: ProduceRequest): SendOutcome & {status: 'written'} => {
		this.produced.push(m);
		const log = this.logs.get(m.topic);
		const partition = m.partition ?? 0;
		const offset = log?.[partition]?.length ?? this.produced.length - 1;
		return {status: 'written', topic: m.topic, partition, offset, timestamp: m.timestamp ?? Date.now()};
	};
	/** A file is written through record sets, as by the real service: decoded again here into `produced`. */
	private partitioner = createPartitioner();
	records = async (topic: string) => {
		const {partitions} = await this.topic(topic);
		return new RecordSet(
			topic,
			partitions.map(p => ({partitionId: p.partition, leader: p.leader})),
			this.partitioner,
		);
	};
	sendRecords = async (set: RecordSet, options: SendOptions = {}): Promise<BatchOutcome[]> => {
		this.compressions.push(options.compression ?? 'none');
		const failure = this.failNextSend;
		this.failNextSend = null;
		return set.batches().map((writer): BatchOutcome => {
			const account = writer.account(set.topic);
			if (failure) return {...account, status: 'unknown', error: failure.message};
			const {messages} = decodeRecordBatches(writer.finish('none', null), {
				topic: set.topic,
				partition: writer.partition,
				fromOffset: 0,
				aborted: null,
			});
			const [first] = messages.map(m => this.write({...m, partition: writer.partition}));
			return {...account, status: 'written', baseOffset: first!.offset, logAppendTime: -1};
		});
	};
	produce = async (messages: ProduceRequest[], options?: SendOptions) => {
		const outcomes = await this.send(messages, options);
		const bad = outcomes.find(o => o.status !== 'written');
		if (bad && 'error' in bad)
			throw new Error(
				bad.status === 'unknown' ? `${bad.error} (the message may or may not have been written)` : bad.error,
			);
		return outcomes.map(o => o as SendOutcome & {status: 'written'});
	};
	checkAccess = async () => [{ok: true, text: 'authenticated: anonymous (in memory)'}];
	readOnly = false;
	/** Topics created through the dialog, and what the fake broker refuses (a replication factor above 1). */
	created: TopicSpec[] = [];
	topicConfigs = async (): Promise<ConfigEntry[]> => [];
	brokerConfigs = async (): Promise<ConfigEntry[]> => [];
	logDirs = async (): Promise<LogDir[]> => [];
	acls = async (): Promise<AclBinding[]> => [];
	/** What a reset's check answers, when a test sets it. */
	resetPlan: ResetPlan | null = null;
	planReset = async (): Promise<ResetPlan> => {
		if (!this.resetPlan) throw new Error('not in the fake');
		return this.resetPlan;
	};
	createTopic = async (spec: TopicSpec, {validateOnly}: {validateOnly: boolean}): Promise<CreatedTopic> => {
		if (spec.replicationFactor > 1)
			throw new KexError(
				'refused',
				`cannot create topic ${spec.name}: replication factor ${spec.replicationFactor} larger than available brokers: 1.`,
			);
		if (!validateOnly) this.created.push(spec);
		const configs = Object.entries(spec.configs).map(([name, value]) => ({name, value, source: 'topic' as const}));
		return {name: spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor, configs};
	};
	deleteTopic = async () => {};
	alterTopicConfigs = async () => {};
	addPartitions = async (_topic: string, count: number) => ({from: 1, to: count});
	truncate = async () => ({lowWatermark: 0});
	resetOffsets = async () => {};
	deleteGroup = async () => {};
	deleteGroupOffsets = async () => 0;
	createAcl = async () => {};
	deleteAcls = async () => [];
	close = async () => {};

	private snap() {
		if (this.next instanceof Error) throw this.next;
		return this.next;
	}
}

/** A message for the in-memory log. */
export const message = (
	topic: string,
	partition: number,
	offset: number,
	timestamp: number,
	value: string | Buffer | null,
	key: string | Buffer | null = null,
	headers: Message['headers'] = [],
): Message => ({
	topic,
	partition,
	offset,
	timestamp,
	timestampType: 'create',
	key: typeof key === 'string' ? Buffer.from(key) : key,
	value: typeof value === 'string' ? Buffer.from(value) : value,
	headers,
	batch: {compression: 'none', baseOffset: offset, lastOffset: offset, storedBytes: 70, recordsBytes: 70},
	recordBytes: 70,
});

/** A group's lag result: partitions as [topic, partition, committed | null, logEnd, owner client id | null]. */
export const groupLag = (
	groupId: string,
	state: string,
	rows: Array<[string, number, number | null, number, string | null]>,
	type: 'classic' | 'consumer' = 'classic',
): GroupLagResult => {
	const owners = [...new Set(rows.map(r => r[4]).filter((o): o is string => o !== null))];
	const partitions = rows.map(([topic, partition, committed, logEnd, owner]) => ({
		topic,
		partition,
		committedOffset: committed,
		logStartOffset: 0,
		logEndOffset: logEnd,
		lag: committed === null ? null : logEnd - committed,
		owner: owner ? {memberId: `m-${owner}`, clientId: owner, host: '/10.0.0.1'} : null,
		metadata: null,
	}));
	return {
		ok: true,
		lag: {
			group: {
				groupId,
				type,
				protocolType: 'consumer',
				state,
				assignor: 'range',
				coordinatorId: 1,
				members: owners.map(o => ({
					memberId: `m-${o}`,
					clientId: o,
					host: '/10.0.0.1',
					instanceId: null,
					assignment: rows.filter(r => r[4] === o).map(r => ({topic: r[0], partition: r[1]})),
				})),
			},
			partitions,
			totalLag: partitions.reduce((n, p) => n + (p.lag ?? 0), 0),
			partitionsWithoutCommit: partitions.filter(p => p.committedOffset === null).length,
		},
	};
};
