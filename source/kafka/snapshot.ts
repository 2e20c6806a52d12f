import {describeClusterInfo} from './cluster-info.js';
import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {KexError, notAuthorized} from './errors.js';
import {watermarks, type Watermarks} from './offsets.js';
import {describeQuorum} from './protocol/describe-quorum.js';
import {metadata as metadataApi, type MetadataResponse} from './protocol/metadata.js';
import {unchangedList, unchangedTopic} from './snapshot-reuse.js';
import {overviewOf} from './topic-summary.js';
import type {
	ClusterInfo,
	ClusterSnapshot,
	EarlyAnswer,
	PartitionInfo,
	TopicDetail,
	TopicOverview,
	TopicSummary,
} from './types.js';

// What the cluster looks like: brokers, the active controller, topics and partitions with their watermarks.

type TopicMetadata = MetadataResponse['topicMetadata'][number];

/** Metadata of `topics`, of every topic (null), or of none ([]), from any broker that answers. */
export const metadata = async (connection: Connection, topics: string[] | null): Promise<MetadataResponse> =>
	connection.anyBroker(b => (b.supports(metadataApi) ? b.send(metadataApi, {topics}) : b.metadataV0(topics ?? [])));

/** Metadata of named topics, in one request; an unknown topic is a KexError that says so. */
export const topicsMetadata = async (connection: Connection, names: string[]): Promise<TopicMetadata[]> => {
	const meta = await metadata(connection, names).catch((error: {type?: string}) => {
		if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION')
			throw new KexError('unknown-topic', `unknown topic: ${names.join(', ')}`);
		throw error;
	});
	return names.map(name => {
		const topic = meta.topicMetadata.find(t => t.topic === name);
		if (!topic || topic.topicErrorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
			throw new KexError('unknown-topic', `unknown topic: ${name}`);
		}
		if (topic.topicErrorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
			throw notAuthorized('describe', 'topic', name);
		}
		return topic;
	});
};

/** One topic's metadata; an unknown topic is a KexError that says so. */
export const topicMetadata = async (connection: Connection, name: string): Promise<TopicMetadata> =>
	(await topicsMetadata(connection, [name]))[0]!;

/** Broker addresses by node id, so a warning can name the broker that did not answer. */
export const addressesOf = (meta: Pick<MetadataResponse, 'brokers'>) =>
	new Map(meta.brokers.map(b => [b.nodeId, `${b.host}:${b.port}`]));

export const leadersOf = (topics: TopicMetadata[]) =>
	topics.flatMap(t => t.partitionMetadata.map(p => ({topic: t.topic, partition: p.partitionId, leader: p.leader})));

// Made on every refresh for every partition (tens of thousands): plain literals.
const partitionsOf = (t: TopicMetadata, marks: Watermarks): PartitionInfo[] => {
	const partitions = t.partitionMetadata.map(p => {
		const mark = marks.lookup(t.topic, p.partitionId);
		const info: PartitionInfo = {
			partition: p.partitionId,
			leader: p.leader,
			replicas: p.replicas,
			isr: p.isr,
			offlineReplicas: p.offlineReplicas ?? [],
			lowWatermark: mark?.low ?? null,
			highWatermark: mark?.high ?? null,
		};
		if (mark && mark.stable >= 0) info.lastStableOffset = mark.stable;
		return info;
	});
	// Brokers list them in no particular order, but a topic's partition ids are 0 to n-1: each goes to its place,
	// without a sort for every topic of every refresh (the sort's own set-up was a tenth of a refresh's garbage).
	const byId = new Array<PartitionInfo>(partitions.length);
	for (const p of partitions) {
		if (p.partition < 0 || p.partition >= partitions.length || byId[p.partition]) {
			return partitions.sort((a, b) => a.partition - b.partition);
		}
		byId[p.partition] = p;
	}
	return byId;
};

/**
 * The KRaft quorum leader; undefined on a cluster without a quorum to ask (ZooKeeper mode), 'denied' when this
 * principal may not describe the cluster.
 */
const quorumLeader = async (connection: Connection): Promise<number | null | undefined | 'denied'> =>
	connection.anyBroker(async target => {
		if (!target.supports(describeQuorum)) return undefined;
		const quorum = await target.send(describeQuorum, {});
		if (quorum.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) return 'denied';
		const partition = quorum.partitions[0];
		return quorum.errorCode === ErrorCode.NONE && partition && partition.errorCode === ErrorCode.NONE
			? partition.leaderId
			: null;
	});

const topicsOf = (wanted: TopicMetadata[], marks: Watermarks, last?: Map<string, TopicOverview>) =>
	wanted
		.filter(t => t.topicErrorCode === ErrorCode.NONE)
		.map((t): TopicOverview => {
			const same = unchangedTopic(last?.get(t.topic), t, marks);
			if (same) return same;
			return overviewOf(t.topic, t.isInternal, partitionsOf(t, marks));
		})
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const overview = async (
	connection: Connection,
	meta: MetadataResponse,
	wanted: TopicMetadata[],
	last?: Map<string, TopicOverview>,
) => {
	const marks = await watermarks(connection, leadersOf(wanted), addressesOf(meta));
	return {topics: topicsOf(wanted, marks, last), warnings: marks.warnings};
};

export const clusterInfo = async (connection: Connection): Promise<ClusterInfo> =>
	connection.run(async () => {
		const [meta, leader] = await Promise.all([
			metadata(connection, []),
			quorumLeader(connection),
			connection.recheckSilent(),
		]);
		return describeClusterInfo(meta, leader, connection.silentBrokers());
	});

export const topicSummaries = async (
	connection: Connection,
	{includeInternal = true}: {includeInternal?: boolean} = {},
): Promise<TopicSummary[]> =>
	connection.run(async () => {
		const meta = await metadata(connection, null);
		const wanted = meta.topicMetadata.filter(t => includeInternal || !t.isInternal);
		const {topics} = await overview(connection, meta, wanted);
		return topics.map(({partitions: _, ...summary}) => summary);
	});

/** No watermarks yet: what the early answer of a snapshot shows while they are read. */
const NOT_YET: Watermarks = {lookup: () => null, warnings: []};

const snapshot = async (
	connection: Connection,
	early?: EarlyAnswer,
	last?: Map<string, TopicOverview>,
): Promise<ClusterSnapshot> =>
	connection.run(async () => {
		const [meta, leader] = await Promise.all([
			metadata(connection, null),
			quorumLeader(connection),
			connection.recheckSilent(),
		]);
		// Metadata answers in tens of milliseconds, the watermarks of thousands of partitions in hundreds: the topics
		// can be shown meanwhile: a turn of the event loop (or as long as the early answer's taker asks) lets the UI
		// take them first.
		if (early) {
			const taken = early({
				cluster: describeClusterInfo(meta, leader, connection.silentBrokers()),
				topics: topicsOf(meta.topicMetadata, NOT_YET),
				warnings: [],
				takenAt: Date.now(),
				counting: true,
			});
			await (taken ?? new Promise(resolve => setImmediate(resolve)));
		}
		const {topics, warnings} = await overview(connection, meta, meta.topicMetadata, last);
		return {
			cluster: describeClusterInfo(meta, leader, connection.silentBrokers()),
			topics,
			warnings,
			takenAt: Date.now(),
		};
	});

/**
 * Snapshots one after another: each hands back the last one's topic objects (and its list) where nothing changed,
 * so that a steady cluster costs one snapshot's memory however often it is refreshed.
 */
export const snapshots = (connection: Connection) => {
	let last: {list: TopicOverview[]; byName: Map<string, TopicOverview>} | null = null;
	return async (early?: EarlyAnswer): Promise<ClusterSnapshot> => {
		const taken = await snapshot(connection, early, last?.byName);
		const topics = unchangedList(last?.list, taken.topics);
		if (topics !== last?.list) last = {list: topics, byName: new Map(topics.map(t => [t.name, t]))};
		return {...taken, topics};
	};
};

/** Topics' partitions with their watermarks: one Metadata and one round of ListOffsets for all of them. */
export const topicDetails = async (connection: Connection, names: string[]): Promise<TopicDetail[]> =>
	connection.run(async () => {
		const ts = await topicsMetadata(connection, names);
		const marks = await watermarks(connection, leadersOf(ts), undefined, {stable: true});
		return ts.map(t => ({name: t.topic, internal: t.isInternal, partitions: partitionsOf(t, marks)}));
	});

export const topicDetail = async (connection: Connection, name: string): Promise<TopicDetail> =>
	(await topicDetails(connection, [name]))[0]!;
