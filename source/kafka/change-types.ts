// What the cluster-changing side of the service speaks: configs, log dirs, offset resets, ACLs. Like types.ts,
// nothing here knows how it is asked of Kafka.

/** Where a config's value comes from, most specific first. */
export type ConfigSource =
	| 'topic'
	| 'broker'
	| 'all brokers'
	| 'broker file'
	| 'default'
	| 'broker logger'
	| 'client metrics'
	| 'group'
	| 'unknown';

export type ConfigEntry = {
	name: string;
	/** null when sensitive (the broker never says) or not set. */
	value: string | null;
	source: ConfigSource;
	sensitive: boolean;
	readOnly: boolean;
	/** boolean, string, int, short, long, double, list, class, password; or unknown. */
	type: string;
	documentation: string | null;
	/** What the value falls back to when reset: the next synonym down (broker's setting, or Kafka's default). */
	fallback: {value: string | null; source: ConfigSource} | null;
};

export type TopicSpec = {
	name: string;
	/** null: the broker's default (num.partitions, default.replication.factor). */
	partitions: number | null;
	replicationFactor: number | null;
	configs: Record<string, string>;
};

export type CreatedTopic = {
	name: string;
	partitions: number;
	replicationFactor: number;
	/** The configs the topic has (or would have, validating only), set or not. */
	configs: Array<{name: string; value: string | null; source: ConfigSource}>;
};

export type ConfigChanges = {set: Record<string, string>; reset: string[]};

export type ReplicaOnDisk = {topic: string; partition: number; size: number; offsetLag: number; future: boolean};

export type LogDir = {
	brokerId: number;
	path: string;
	/** Why the directory cannot be read (offline), or null. */
	error: string | null;
	/** The volume's size and free space; null when the broker does not say (before Kafka 3.3). */
	totalBytes: number | null;
	usableBytes: number | null;
	replicas: ReplicaOnDisk[];
};

/** Where a reset moves a group's offsets to. */
export type ResetTarget =
	| {kind: 'oldest'}
	| {kind: 'newest'}
	| {kind: 'offset'; offset: number}
	| {kind: 'timestamp'; timestamp: number}
	| {kind: 'shift'; by: number};

/** Which of the group's partitions a reset moves: all it has offsets for, one topic, or some of its partitions. */
export type ResetScope = {topic?: string; partitions?: number[]};

export type ResetRow = {
	topic: string;
	partition: number;
	/** null when the group has no committed offset there. */
	current: number | null;
	next: number;
	logStart: number;
	logEnd: number;
	/** logEnd - next. */
	lagAfter: number;
	/** Why `next` is not exactly what was asked (clamped into the log, no message after the time). */
	note: string | null;
};

export type ResetPlan = {
	groupId: string;
	/** false for a group that does not exist yet (the reset creates its offsets). */
	exists: boolean;
	state: string;
	members: number;
	target: ResetTarget;
	rows: ResetRow[];
};

export type AclResourceType = 'topic' | 'group' | 'cluster' | 'transactional-id' | 'delegation-token' | 'user';
export type AclOperation =
	| 'all'
	| 'read'
	| 'write'
	| 'create'
	| 'delete'
	| 'alter'
	| 'describe'
	| 'cluster-action'
	| 'describe-configs'
	| 'alter-configs'
	| 'idempotent-write'
	| 'create-tokens'
	| 'describe-tokens';

export type AclBinding = {
	resourceType: AclResourceType;
	resourceName: string;
	patternType: 'literal' | 'prefixed';
	/** User:alice */
	principal: string;
	/** '*' for any host. */
	host: string;
	operation: AclOperation;
	permission: 'allow' | 'deny';
};

/** What ACLs to list or delete: a field left out matches any. */
export type AclFilter = Partial<AclBinding> & {patternType?: AclBinding['patternType'] | 'match'};
