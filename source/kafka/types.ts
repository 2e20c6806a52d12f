// The domain the rest of kex speaks. Nothing here knows about kafkajs: the adapter translates.

import type {
	AclBinding,
	AclFilter,
	ConfigChanges,
	ConfigEntry,
	CreatedTopic,
	LogDir,
	ResetPlan,
	ResetScope,
	ResetTarget,
	TopicSpec,
} from './change-types.js';
import type {BatchSink, Compression, Header, Message, ReadRequest} from './message-types.js';
import type {RecordSet} from './record-set.js';

export type BrokerInfo = {
	id: number;
	host: string;
	port: number;
	rack: string | null;
};

/**
 * How the controller was found: the KRaft quorum leader, or (ZooKeeper clusters) the metadata's controller id; or
 * not at all, because this principal may not describe the cluster ('denied': the controller is unknown, not absent).
 */
export type ControllerSource = 'quorum' | 'metadata' | 'denied';

/** A broker kex could not reach, though the cluster may still list it (until its session times out). */
export type SilentBroker = {id: number; address: string; reason: string; since: number};

export type ClusterInfo = {
	clusterId: string | null;
	brokers: BrokerInfo[];
	/** Listed brokers that did not answer kex's last request to them. */
	silent: SilentBroker[];
	/** The active controller's node id, or null when no controller is known right now. */
	controllerId: number | null;
	controllerSource: ControllerSource;
};

export type TopicSummary = {
	name: string;
	internal: boolean;
	partitionCount: number;
	replicationFactor: number;
	underReplicatedPartitions: number;
	offlinePartitions: number;
	/**
	 * Sum over partitions of high minus low watermark: messages retained, counting compacted gaps and markers.
	 * null when some partition's watermarks could not be read (no leader, or its leader did not answer).
	 */
	approxMessageCount: number | null;
};

export type PartitionInfo = {
	partition: number;
	/** -1 when the partition has no leader. */
	leader: number;
	replicas: number[];
	isr: number[];
	offlineReplicas: number[];
	/** null when the partition has no leader to ask. */
	lowWatermark: number | null;
	highWatermark: number | null;
	/**
	 * Where a read-committed reader stops: below the high watermark while a transaction is open. Only `topic()`
	 * asks for it; absent elsewhere and when the leader did not say.
	 */
	lastStableOffset?: number;
};

export type TopicDetail = {
	name: string;
	internal: boolean;
	partitions: PartitionInfo[];
};

export type TopicOverview = TopicSummary & {partitions: PartitionInfo[]};

/**
 * Takes a snapshot's early answer. A promise returned holds the rest of the snapshot (its watermarks) back until it
 * settles: until what takes it has drawn it.
 */
export type EarlyAnswer = (partial: ClusterSnapshot) => void | Promise<void>;

/** Everything the explorer shows, from one metadata answer: brokers, controller, every topic and partition. */
export type ClusterSnapshot = {
	cluster: ClusterInfo;
	/** Sorted by name; internal topics included (the UI decides what to hide). */
	topics: TopicOverview[];
	/** Partial failures that did not stop the snapshot, such as a leader that did not answer for watermarks. */
	warnings: string[];
	takenAt: number;
	/**
	 * Set on the early answer of a first snapshot: topics and partitions from Metadata, their watermarks (and so the
	 * message counts) not asked yet. The full snapshot follows.
	 */
	counting?: true;
};

/** 'classic' groups use the JoinGroup/SyncGroup protocol; 'consumer' groups the Kafka 4 consumer protocol (KIP-848). */
export type GroupType = 'classic' | 'consumer' | 'share' | 'streams' | 'unknown';

export type GroupListing = {
	groupId: string;
	type: GroupType;
	/** Protocol type of classic groups ('consumer', 'connect', ...); empty when the group has none. */
	protocolType: string;
	state: string;
	coordinatorId: number;
};

export type TopicPartitionRef = {topic: string; partition: number};

export type GroupMember = {
	memberId: string;
	clientId: string;
	host: string;
	instanceId: string | null;
	assignment: TopicPartitionRef[];
};

export type GroupDescription = {
	groupId: string;
	type: GroupType;
	protocolType: string;
	state: string;
	/** The assignor or partition assignment protocol in use ('range', 'uniform', ...). */
	assignor: string;
	coordinatorId: number;
	members: GroupMember[];
};

export type PartitionLag = {
	topic: string;
	partition: number;
	/** null when the group has never committed an offset for this partition. */
	committedOffset: number | null;
	logStartOffset: number;
	logEndOffset: number;
	/** logEndOffset minus committedOffset; null when there is no committed offset. */
	lag: number | null;
	/** The member that owns the partition now, if any. */
	owner: {memberId: string; clientId: string; host: string} | null;
	metadata: string | null;
};

export type GroupLag = {
	group: GroupDescription;
	partitions: PartitionLag[];
	/** Sum of lag over partitions with a committed offset. */
	totalLag: number;
	partitionsWithoutCommit: number;
	/** Topics the group committed offsets for that no longer exist. */
	deletedTopics?: string[];
};

export type GroupLagResult = {ok: true; lag: GroupLag} | {ok: false; groupId: string; error: string};

// Messages and how they are read live in message-types.ts; named here too, where the rest of the service is.
export type {
	BatchInfo,
	BatchSink,
	Compression,
	Decoded,
	Header,
	Message,
	ReadRequest,
	RecordSink,
	RecordView,
	SchemaLabel,
	StartPosition,
} from './message-types.js';

export type ProduceRequest = {
	topic: string;
	partition?: number;
	key: Buffer | null;
	value: Buffer | null;
	headers: Header[];
	/** Create time in ms; now when absent. */
	timestamp?: number;
};

export type SendOptions = {
	/** How the batches are compressed (none when not given). */
	compression?: Compression;
};

export type ProduceResult = {topic: string; partition: number; offset: number; timestamp: number};

/**
 * What became of one message: written (where), failed (the broker refused it, it is not written), or unknown
 * (the request went out and no answer came back: it may or may not have been written).
 */
export type SendOutcome =
	({status: 'written'} & ProduceResult) | {status: 'failed'; error: string} | {status: 'unknown'; error: string};

/** What became of one partition's batch of a set of records (service.sendRecords). */
export type BatchOutcome = {
	topic: string;
	partition: number;
	count: number;
	/** Each record's line (or index), in the batch's order. */
	lines: Uint32Array;
	/** The create time of the batch's record at index i. */
	timestampOf(i: number): number;
} & ({status: 'written'; baseOffset: number; logAppendTime: number} | {status: 'failed' | 'unknown'; error: string});

export interface KafkaService {
	readonly bootstrap: string[];
	cluster(): Promise<ClusterInfo>;
	topics(options?: {includeInternal?: boolean}): Promise<TopicSummary[]>;
	topic(name: string): Promise<TopicDetail>;
	/**
	 * Brokers, controller, all topics and partitions with watermarks, in one batched round of requests. `early`, when
	 * given, is handed the topics as soon as Metadata answers, before their watermarks are read.
	 */
	snapshot(early?: EarlyAnswer): Promise<ClusterSnapshot>;
	/** A snapshot's early answer already in hand before anyone asked (see warm-start.ts), for a first frame. */
	firstLook?(): ClusterSnapshot | null;
	groups(): Promise<GroupListing[]>;
	groupLag(groupId: string): Promise<GroupLag>;
	/**
	 * Lag of many groups (all when no ids are given) in one batched round: ListGroups, then per coordinator one
	 * describe and one OffsetFetch for all its groups, one Metadata, and ListOffsets per leader. A group that
	 * cannot be read (deleted meanwhile, coordinator unavailable) is an error entry; the others are unaffected.
	 */
	groupsLag(groupIds?: string[]): Promise<GroupLagResult[]>;
	/** Messages in batches, oldest first within each partition. Leaves no consumer group and commits nothing. */
	read(request: ReadRequest): AsyncIterable<Message[]>;
	/**
	 * As read, but each record is handed to the sink as a view into the fetched bytes, not made a Message: for
	 * output written straight from those bytes (kex consume), a million records make next to no garbage.
	 */
	readInto<T>(request: ReadRequest, sink: BatchSink<T>): AsyncIterable<T>;
	/** Writes messages; fails with the first problem. */
	produce(messages: ProduceRequest[], options?: SendOptions): Promise<ProduceResult[]>;
	/** Writes messages and says what became of each. Throws, with nothing sent, when a message cannot be placed. */
	send(messages: ProduceRequest[], options?: SendOptions): Promise<SendOutcome[]>;
	/** An empty set of records for a topic, filled record by record and written by sendRecords (a file is). */
	records(topic: string): Promise<RecordSet>;
	/** Writes a set of records and says what became of each partition's batch. */
	sendRecords(set: RecordSet, options?: SendOptions): Promise<BatchOutcome[]>;
	/**
	 * Connects and says, step by step, who kex is to the cluster, what each broker speaks and which of kex's
	 * features this principal may use (kex config check).
	 */
	checkAccess(): Promise<Array<{ok: boolean; text: string}>>;
	/** Every config of a topic, or of a broker, with its source and what a reset falls back to. */
	topicConfigs(topic: string): Promise<ConfigEntry[]>;
	brokerConfigs(brokerId: number): Promise<ConfigEntry[]>;
	/** Log directories of the brokers (all when none are named): volume size, free space, replica sizes. */
	logDirs(options?: {brokers?: number[]; topic?: string}): Promise<LogDir[]>;
	acls(filter?: AclFilter): Promise<AclBinding[]>;
	/** What a reset of a group's offsets would do, partition by partition (also its dry run). */
	planReset(groupId: string, scope: ResetScope, target: ResetTarget): Promise<ResetPlan>;
	/** Whether this session may change the cluster; when false every change below is refused before it is sent. */
	readonly readOnly: boolean;
	/** Creates a topic, or with validateOnly asks the broker whether it would and with which configs. */
	createTopic(spec: TopicSpec, options: {validateOnly: boolean}): Promise<CreatedTopic>;
	deleteTopic(name: string): Promise<void>;
	alterTopicConfigs(topic: string, changes: ConfigChanges, options: {validateOnly: boolean}): Promise<void>;
	addPartitions(topic: string, count: number, options: {validateOnly: boolean}): Promise<{from: number; to: number}>;
	/** Deletes the records of a partition before an offset: its log start offset moves there. */
	truncate(topic: string, partition: number, before: number): Promise<{lowWatermark: number}>;
	resetOffsets(plan: ResetPlan): Promise<void>;
	deleteGroup(groupId: string): Promise<void>;
	/** Deletes the group's committed offsets of one topic; says how many partitions had one. */
	deleteGroupOffsets(groupId: string, topic: string): Promise<number>;
	createAcl(binding: AclBinding): Promise<void>;
	/** Deletes the ACLs that match; returns them. */
	deleteAcls(filter: AclFilter): Promise<AclBinding[]>;
	close(): Promise<void>;
}

/** TLS to the brokers; file contents, not paths (the configuration reads the files). */
export type TlsOptions = {
	/** PEM certificates to trust; the system's when absent. */
	ca?: string;
	/** A client certificate and its key (PEM), for clusters that ask for one. */
	cert?: string;
	key?: string;
	keyPassword?: string;
	/** The name the server certificate must carry, when it is not the address connected to. */
	serverName?: string;
	/** false accepts any server certificate: for a test cluster only. */
	verify: boolean;
};

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512' | 'oauthbearer';

export type SaslOptions =
	| {mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string}
	/** OAUTHBEARER: a token and who it names, fetched again whenever the connection authenticates. */
	| {mechanism: 'oauthbearer'; token: () => Promise<string>; principal?: string};

export type ConnectionOptions = {
	brokers: string[];
	tls?: TlsOptions;
	sasl?: SaslOptions;
	clientId?: string;
	/** Told of each failure to reach or use the cluster (a different one each time), with its cause: for a log. */
	onFailure?: (error: Error) => void;
	/** How long to wait for a TCP connection to a broker, in ms. */
	connectionTimeout?: number;
	requestTimeout?: number;
	/** Refuse every change to the cluster (producing included) before anything is sent. */
	readOnly?: boolean;
};
