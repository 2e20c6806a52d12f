import kafkajs from 'kafkajs';
import {KexError, type KexErrorKind} from './errors.js';
import {describeClusterInfo} from './cluster-info.js';
import {groupLag as computeGroupLag} from './lag.js';
import {readMessages, type ReadTransport} from './read-messages.js';
import {frameRequest, negotiateVersion, unframeResponse, type RawApi} from './protocol/api.js';
import {consumerGroupDescribe} from './protocol/consumer-group-describe.js';
import {describeQuorum} from './protocol/describe-quorum.js';
import {fetch as fetchApi} from './protocol/fetch.js';
import {listGroups as listGroupsApi} from './protocol/list-groups.js';
import {listOffsets as listOffsetsApi, type ListOffsetsResponse as ListOffsetsAnswer} from './protocol/list-offsets.js';
import {metadata as metadataApi} from './protocol/metadata.js';
import {offsetFetch as offsetFetchApi} from './protocol/offset-fetch.js';
import {produce as produceApi, type ProduceResponse as ProduceResponseBody} from './protocol/produce.js';
import {encodeRecordBatch} from './record-batch-encoder.js';
import {toKexError} from './kafkajs-errors.js';
import {summarizeTopic} from './topic-summary.js';
import {createPartitioner} from './partitioner.js';
import type {
	ClusterInfo,
	ClusterSnapshot,
	ConnectionOptions,
	GroupDescription,
	GroupLag,
	GroupLagResult,
	GroupListing,
	GroupMember,
	GroupType,
	KafkaService,
	PartitionInfo,
	ProduceRequest,
	ProduceResult,
	SendOutcome,
	ReadRequest,
	TopicDetail,
	TopicOverview,
	TopicSummary,
} from './types.js';

// The one module that speaks kafkajs. Besides its public API we use three internals that a frozen kafkajs will
// keep: the Cluster (connection pool with SSL/SASL), Broker request methods, and `connectionPool.send`, which
// carries the requests kafkajs never implemented (see protocol/).

const {Kafka, logLevel, AssignerProtocol} = kafkajs;

type VersionRange = {minVersion: number; maxVersion: number};

type RawMetadata = {
	clusterId?: string;
	controllerId: number;
	brokers: Array<{nodeId: number; host: string; port: number; rack?: string | null}>;
	topicMetadata: Array<{
		topicErrorCode: number;
		topic: string;
		isInternal: boolean;
		partitionMetadata: Array<{
			partitionErrorCode: number;
			partitionId: number;
			leader: number;
			replicas: number[];
			isr: number[];
			offlineReplicas?: number[];
		}>;
	}>;
};

type ListOffsetsTopic = {topic: string; partitions: Array<{partition: number; timestamp: number}>};
type ListOffsetsResponse = {
	responses: Array<{topic: string; partitions: Array<{partition: number; errorCode: number; offset: string}>}>;
};

type InternalBroker = {
	nodeId: number;
	versions: Record<number, VersionRange>;
	connectionPool: {send(protocol: unknown): Promise<unknown>};
	metadata(topics: string[]): Promise<RawMetadata>;
	listOffsets(request: {
		replicaId: number;
		isolationLevel: number;
		topics: ListOffsetsTopic[];
	}): Promise<ListOffsetsResponse>;
	describeGroups(request: {groupIds: string[]}): Promise<{
		groups: Array<{
			errorCode: number;
			groupId: string;
			state: string;
			protocolType: string;
			protocol: string;
			members: Array<{
				memberId: string;
				clientId: string;
				clientHost: string;
				memberAssignment: Buffer;
				groupInstanceId?: string | null;
			}>;
		}>;
	}>;
	offsetFetch(request: {groupId: string; topics: unknown[]}): Promise<{
		responses: Array<{
			topic: string;
			partitions: Array<{partition: number; offset: string; metadata: string | null; errorCode: number}>;
		}>;
	}>;
	listGroups(): Promise<{groups: Array<{groupId: string; protocolType: string}>}>;
};

type InternalCluster = {
	connect(): Promise<void>;
	disconnect(): Promise<void>;
	refreshMetadata(): Promise<void>;
	findBroker(query: {nodeId: number}): Promise<InternalBroker>;
	brokerPool: {withBroker<T>(cb: (arg: {nodeId: string; broker: InternalBroker}) => Promise<T>): Promise<T | null>};
};

const EARLIEST = -2;
const LATEST = -1;

const createCluster = (kafka: object): InternalCluster => {
	const symbol = Object.getOwnPropertySymbols(kafka).find(s => s.description === 'private:Kafka:createCluster');
	if (!symbol) throw new Error('this kafkajs version does not expose its cluster; kex needs kafkajs 2.2.x');
	const factory = (kafka as Record<symbol, (options: object) => InternalCluster>)[symbol]!;
	// Never create a topic by asking about it.
	return factory({allowAutoTopicCreation: false, metadataMaxAge: 60_000});
};

export const createKafkaService = (options: ConnectionOptions): KafkaService => {
	const connectionTimeout = options.connectionTimeout ?? 3000;
	const kafka = new Kafka({
		brokers: options.brokers,
		clientId: options.clientId ?? 'kex',
		connectionTimeout,
		requestTimeout: options.requestTimeout ?? 30_000,
		// One quick retry; a tool a person is waiting on should say what is wrong, not retry for a minute.
		retry: {retries: 1, initialRetryTime: 200, maxRetryTime: 1000},
		logLevel: logLevel.NOTHING,
	});
	const cluster = createCluster(kafka);
	const describe = (error: unknown) => toKexError(error, options.brokers, connectionTimeout);

	let connecting: Promise<void> | null = null;
	const connect = async () => {
		// The broker pool learns the brokers from a first metadata request; until then it holds only the seed.
		connecting ??= (async () => {
			await cluster.connect();
			await learnBrokers();
		})().catch((error: unknown) => {
			connecting = null;
			throw describe(error);
		});
		return connecting;
	};

	/**
	 * kafkajs learns the brokers from a metadata answer for every topic, and keeps it. Only the brokers are used (we
	 * ask for topics ourselves), so the topic list is dropped: on a cluster of thousands of topics it is megabytes.
	 */
	const learnBrokers = async () => {
		await cluster.refreshMetadata();
		const pool = (cluster as unknown as {brokerPool?: {metadata?: {topicMetadata?: unknown[]}}}).brokerPool;
		if (pool?.metadata?.topicMetadata) pool.metadata.topicMetadata = [];
	};

	// Set when a broker did not answer, so the next snapshot refreshes kafkajs's idea of the brokers first.
	let staleBrokers = false;

	const guard = async <T>(work: () => Promise<T>): Promise<T> => {
		await connect();
		try {
			if (staleBrokers) {
				// A broker failed us last time: let kafkajs learn the brokers again (one moved, or came back).
				staleBrokers = false;
				await learnBrokers();
			}
			return await work();
		} catch (error) {
			staleBrokers = true;
			throw describe(error);
		}
	};

	const anyBroker = async <T>(work: (broker: InternalBroker) => Promise<T>): Promise<T> => {
		let lastError: unknown = null;
		const result = await cluster.brokerPool.withBroker(async ({broker}) => {
			try {
				return {value: await work(broker)};
			} catch (error) {
				lastError = error;
				throw error;
			}
		});
		if (result === null)
			throw lastError ?? new KexError('unreachable', `no broker of ${options.brokers.join(',')} answers`);
		return result.value;
	};

	const broker = async (nodeId: number) => cluster.findBroker({nodeId});

	const sendRaw = async <Req, Res>(target: InternalBroker, api: RawApi<Req, Res>, request: Req): Promise<Res> => {
		const version = negotiateVersion(api as RawApi<never, unknown>, target.versions[api.apiKey]);
		if (version === null) {
			throw new KexError(
				'not-supported',
				`broker ${target.nodeId} does not support ${api.apiName} v${api.minVersion}+`,
			);
		}
		const body = frameRequest(api as RawApi<Req, unknown>, request, version);
		return (await target.connectionPool.send({
			request: {apiKey: api.apiKey, apiVersion: version, apiName: api.apiName, encode: () => encoded(body)},
			response: {
				decode: async (payload: Buffer) => payload,
				parse: async (payload: Buffer) => unframeResponse(api as RawApi<unknown, Res>, payload, version),
			},
		})) as Res;
	};

	const supports = (target: InternalBroker, api: RawApi<never, unknown>) =>
		negotiateVersion(api, target.versions[api.apiKey]) !== null;

	/** Metadata of `topics`, of every topic (null), or of none ([]), from any broker that answers. */
	const metadata = async (topics: string[] | null): Promise<RawMetadata> =>
		anyBroker(b =>
			supports(b, metadataApi as RawApi<never, unknown>) ? sendRaw(b, metadataApi, {topics}) : b.metadata(topics ?? []),
		);

	/**
	 * Watermarks for many partitions: one ListOffsets per leader and side, all in flight at once. A leader that does
	 * not answer leaves its partitions without watermarks (null) and a warning, rather than failing the whole answer.
	 */
	const watermarks = async (
		partitions: Array<{topic: string; partition: number; leader: number}>,
		addresses = new Map<number, string>(),
	) => {
		const byLeader = new Map<number, Map<string, number[]>>();
		for (const p of partitions) {
			if (p.leader < 0) continue;
			const topics = byLeader.get(p.leader) ?? new Map<string, number[]>();
			byLeader.set(p.leader, topics);
			const list = topics.get(p.topic) ?? [];
			topics.set(p.topic, list);
			list.push(p.partition);
		}
		// Per topic, indexed by partition: no composite key strings for each of tens of thousands of partitions.
		const result = new Map<string, Array<{low: number; high: number} | undefined>>();
		const warnings: string[] = [];
		await Promise.all(
			[...byLeader].map(async ([leader, topics]) => {
				try {
					const target = await broker(leader);
					const list = [...topics].map(([topic, partitions]) => ({topic, partitions}));
					const ask = async (timestamp: number): Promise<ListOffsetsAnswer> => {
						if (supports(target, listOffsetsApi as RawApi<never, unknown>))
							return sendRaw(target, listOffsetsApi, {isolationLevel: 0, topics: list, timestamp});
						const old = await target.listOffsets({
							replicaId: -1,
							isolationLevel: 0,
							topics: list.map(({topic, partitions}) => ({
								topic,
								partitions: partitions.map(partition => ({partition, timestamp})),
							})),
						});
						return old.responses.map(t => ({
							topic: t.topic,
							partitions: t.partitions.map(p => ({...p, offset: Number(p.offset)})),
						}));
					};
					const [low, high] = await Promise.all([ask(EARLIEST), ask(LATEST)]);
					for (const t of low) {
						const marks = result.get(t.topic) ?? [];
						result.set(t.topic, marks);
						for (const p of t.partitions) if (p.errorCode === 0) marks[p.partition] = {low: p.offset, high: -1};
					}
					for (const t of high) {
						const marks = result.get(t.topic);
						for (const p of t.partitions) {
							const mark = marks?.[p.partition];
							if (!mark) continue;
							if (p.errorCode === 0) mark.high = p.offset;
							else marks![p.partition] = undefined;
						}
					}
				} catch (error) {
					staleBrokers = true;
					const address = addresses.get(leader);
					const reason = address ? toKexError(error, [address], connectionTimeout).message : describe(error).message;
					warnings.push(
						`broker ${leader} did not answer (${reason}); its partitions show ? until it does or gets a new leader`,
					);
				}
			}),
		);
		const lookup = (topic: string, partition: number) => {
			const mark = result.get(topic)?.[partition];
			return mark && mark.high >= 0 ? mark : null;
		};
		return {lookup, warnings};
	};

	const toPartition = (
		topic: string,
		p: RawMetadata['topicMetadata'][number]['partitionMetadata'][number],
		marks: Awaited<ReturnType<typeof watermarks>>,
	): PartitionInfo => {
		const mark = marks.lookup(topic, p.partitionId);
		return {
			partition: p.partitionId,
			leader: p.leader,
			replicas: p.replicas,
			isr: p.isr,
			offlineReplicas: p.offlineReplicas ?? [],
			lowWatermark: mark?.low ?? null,
			highWatermark: mark?.high ?? null,
		};
	};

	const partitionsOf = (
		t: RawMetadata['topicMetadata'][number],
		marks: Awaited<ReturnType<typeof watermarks>>,
	): PartitionInfo[] =>
		t.partitionMetadata.map(p => toPartition(t.topic, p, marks)).sort((a, b) => a.partition - b.partition);

	const toPartitions = async (topic: RawMetadata['topicMetadata'][number]): Promise<PartitionInfo[]> =>
		partitionsOf(
			topic,
			await watermarks(
				topic.partitionMetadata.map(p => ({topic: topic.topic, partition: p.partitionId, leader: p.leader})),
			),
		);

	/** The KRaft quorum leader; undefined on a cluster without a quorum to ask (ZooKeeper mode). */
	const quorumLeader = async (): Promise<number | null | undefined> =>
		anyBroker(async target => {
			if (!supports(target, describeQuorum as RawApi<never, unknown>)) return undefined;
			const quorum = await sendRaw(target, describeQuorum, {});
			const partition = quorum.partitions[0];
			return quorum.errorCode === 0 && partition && partition.errorCode === 0 ? partition.leaderId : null;
		});

	const cluster_ = async (): Promise<ClusterInfo> =>
		guard(async () => {
			const [meta, leader] = await Promise.all([metadata([]), quorumLeader()]);
			return describeClusterInfo(meta, leader);
		});

	const overview = async (meta: RawMetadata, wanted: RawMetadata['topicMetadata']) => {
		const marks = await watermarks(
			wanted.flatMap(t => t.partitionMetadata.map(p => ({topic: t.topic, partition: p.partitionId, leader: p.leader}))),
			new Map(meta.brokers.map(b => [b.nodeId, `${b.host}:${b.port}`])),
		);
		const topics = wanted
			.filter(t => t.topicErrorCode === 0)
			.map((t): TopicOverview => {
				const partitions = partitionsOf(t, marks);
				return {...summarizeTopic(t.topic, t.isInternal, partitions), partitions};
			})
			.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		return {topics, warnings: marks.warnings};
	};

	const topics = async ({includeInternal = true}: {includeInternal?: boolean} = {}): Promise<TopicSummary[]> =>
		guard(async () => {
			const meta = await metadata(null);
			const {topics: list} = await overview(
				meta,
				meta.topicMetadata.filter(t => includeInternal || !t.isInternal),
			);
			return list.map(({partitions: _, ...summary}) => summary);
		});

	const snapshot = async (): Promise<ClusterSnapshot> =>
		guard(async () => {
			const [meta, leader] = await Promise.all([metadata(null), quorumLeader()]);
			const {topics: list, warnings} = await overview(meta, meta.topicMetadata);
			return {cluster: describeClusterInfo(meta, leader), topics: list, warnings, takenAt: Date.now()};
		});

	const topicMetadata = async (name: string) => {
		const meta = await metadata([name]).catch((error: {type?: string}) => {
			if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION') throw new KexError('unknown-topic', `unknown topic: ${name}`);
			throw error;
		});
		const topic = meta.topicMetadata.find(t => t.topic === name);
		if (!topic || topic.topicErrorCode === 3) throw new KexError('unknown-topic', `unknown topic: ${name}`);
		return topic;
	};

	const topic = async (name: string): Promise<TopicDetail> =>
		guard(async () => {
			const t = await topicMetadata(name);
			return {name: t.topic, internal: t.isInternal, partitions: await toPartitions(t)};
		});

	/** Groups as every broker lists those it coordinates; brokers that do not answer are named, not fatal. */
	const listAllGroups = async (): Promise<{groups: GroupListing[]; silent: Array<{nodeId: number; error: string}>}> => {
		const meta = await metadata([]);
		const silent: Array<{nodeId: number; error: string}> = [];
		const lists = await Promise.all(
			meta.brokers.map(async ({nodeId, host, port}) => {
				try {
					return await listGroupsAt(nodeId);
				} catch (error) {
					staleBrokers = true;
					silent.push({nodeId, error: toKexError(error, [`${host}:${port}`], connectionTimeout).message});
					return [];
				}
			}),
		);
		if (silent.length === meta.brokers.length && silent.length > 0) throw new KexError('unreachable', silent[0]!.error);
		return {groups: lists.flat().sort((a, b) => a.groupId.localeCompare(b.groupId)), silent};
	};

	const groups = async (): Promise<GroupListing[]> =>
		guard(async () => {
			const {groups: list, silent} = await listAllGroups();
			if (silent.length > 0)
				throw new KexError('broker-error', `broker ${silent[0]!.nodeId} did not list its groups: ${silent[0]!.error}`);
			return list;
		});

	/** The groups one broker coordinates, with their type and state where the broker can say (ListGroups v5). */
	const listGroupsAt = async (nodeId: number): Promise<GroupListing[]> => {
		const target = await broker(nodeId);
		if (!supports(target, listGroupsApi as RawApi<never, unknown>)) {
			const old = await target.listGroups();
			return old.groups.map(g => ({...g, state: 'Unknown', type: 'classic' as GroupType, coordinatorId: nodeId}));
		}
		const response = await sendRaw(target, listGroupsApi, {});
		return response.groups.map(g => ({
			groupId: g.groupId,
			protocolType: g.protocolType,
			state: g.state ?? 'Unknown',
			type: toGroupType(g.type),
			coordinatorId: nodeId,
		}));
	};

	const byCoordinatorOf = (list: GroupListing[]) => {
		const out = new Map<number, GroupListing[]>();
		for (const g of list) {
			const at = out.get(g.coordinatorId);
			if (at) at.push(g);
			else out.set(g.coordinatorId, [g]);
		}
		return out;
	};

	/** Describes groups that share a coordinator: one ConsumerGroupDescribe and one DescribeGroups at most. */
	const describeAt = async (coordinatorId: number, list: GroupListing[]): Promise<GroupDescription[]> => {
		const target = await broker(coordinatorId);
		const modern = list.filter(g => g.type === 'consumer');
		const classic = list.filter(g => g.type !== 'consumer');
		const out: GroupDescription[] = [];
		if (modern.length > 0) {
			const response = await sendRaw(target, consumerGroupDescribe, {groupIds: modern.map(g => g.groupId)});
			for (const g of response) {
				if (g.errorCode !== 0)
					throw new KexError(
						'broker-error',
						`cannot describe group ${g.groupId}: ${g.errorMessage ?? `error ${g.errorCode}`}`,
					);
				out.push({
					groupId: g.groupId,
					type: 'consumer',
					protocolType: 'consumer',
					state: capitalize(g.state),
					assignor: g.assignor,
					coordinatorId,
					members: g.members.map(m => ({
						memberId: m.memberId,
						clientId: m.clientId,
						host: m.clientHost,
						instanceId: m.instanceId,
						assignment: m.assignment.flatMap(a => a.partitions.map(partition => ({topic: a.topic, partition}))),
					})),
				});
			}
		}
		if (classic.length > 0) {
			const response = await target.describeGroups({groupIds: classic.map(g => g.groupId)});
			for (const g of response.groups) {
				out.push({
					groupId: g.groupId,
					type: list.find(x => x.groupId === g.groupId)?.type ?? 'classic',
					protocolType: g.protocolType,
					state: g.state,
					assignor: g.protocol,
					coordinatorId,
					members: g.members.map((m): GroupMember => ({
						memberId: m.memberId,
						clientId: m.clientId,
						host: m.clientHost,
						instanceId: m.groupInstanceId ?? null,
						assignment: g.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : [],
					})),
				});
			}
		}
		return out;
	};

	/** Lag of groups, each failure with the kind of error it is (for groupLag, which throws it). */
	const lagOfGroups = async (groupIds?: string[]): Promise<Array<GroupLagResult & {kind?: KexErrorKind}>> =>
		guard(async () => {
			const {groups: listing, silent} = await listAllGroups();
			const known = new Map(listing.map(g => [g.groupId, g]));
			// A broker that did not list its groups: they are missing from this answer, and it says so.
			const results: Array<GroupLagResult & {kind?: KexErrorKind}> = silent.map(s => ({
				ok: false,
				kind: 'unreachable',
				groupId: `(groups of broker ${s.nodeId})`,
				error: `broker ${s.nodeId} did not list its groups: ${s.error}`,
			}));
			for (const id of groupIds ?? [])
				if (!known.has(id))
					results.push({
						ok: false,
						kind: 'unknown-group',
						groupId: id,
						error: `unknown group: ${id} (deleted, or never existed)`,
					});
			const wanted = groupIds ? groupIds.flatMap(id => known.get(id) ?? []) : listing;
			// Per coordinator: describe and fetch offsets of all its groups at once; a coordinator that fails costs
			// only its own groups.
			const perCoordinator = await Promise.all(
				[...byCoordinatorOf(wanted)].map(async ([coordinatorId, list]) => {
					try {
						const target = await broker(coordinatorId);
						const [described, committed] = await Promise.all([
							describeAt(coordinatorId, list),
							supports(target, offsetFetchApi as RawApi<never, unknown>)
								? sendRaw(target, offsetFetchApi, {groupIds: list.map(g => g.groupId)})
								: Promise.all(
										list.map(async g => ({
											groupId: g.groupId,
											errorCode: 0,
											topics: (await target.offsetFetch({groupId: g.groupId, topics: []})).responses.map(r => ({
												topic: r.topic,
												partitions: r.partitions.map(p => ({...p, offset: Number(p.offset)})),
											})),
										})),
									),
						]);
						return {ok: true as const, described, committed};
					} catch (error) {
						return {ok: false as const, list, error: describe(error).message};
					}
				}),
			);
			const topicNames = new Set<string>();
			for (const c of perCoordinator) {
				if (!c.ok) continue;
				for (const g of c.committed) for (const t of g.topics) topicNames.add(t.topic);
				for (const d of c.described) for (const m of d.members) for (const a of m.assignment) topicNames.add(a.topic);
			}
			const meta = topicNames.size > 0 ? await metadata([...topicNames]) : {topicMetadata: [], brokers: []};
			const live = meta.topicMetadata.filter(t => t.topicErrorCode === 0);
			const partitionsByTopic = new Map(
				live.map(t => [
					t.topic,
					t.partitionMetadata.map(p => ({topic: t.topic, partition: p.partitionId, leader: p.leader})),
				]),
			);
			const marks = await watermarks(
				[...partitionsByTopic.values()].flat(),
				new Map((meta.brokers ?? []).map(b => [b.nodeId, `${b.host}:${b.port}`])),
			);
			for (const c of perCoordinator) {
				if (!c.ok) {
					for (const g of c.list)
						results.push({
							ok: false,
							kind: 'unreachable',
							groupId: g.groupId,
							error: `coordinator ${g.coordinatorId} did not answer: ${c.error}`,
						});
					continue;
				}
				const offsets = new Map(c.committed.map(g => [g.groupId, g]));
				for (const group of c.described) {
					const fetched = offsets.get(group.groupId);
					if (fetched && fetched.errorCode !== 0) {
						results.push({
							ok: false,
							kind: 'broker-error',
							groupId: group.groupId,
							error: `cannot read the offsets of ${group.groupId} (error ${fetched.errorCode})`,
						});
						continue;
					}
					const committed = (fetched?.topics ?? []).flatMap(t =>
						t.partitions
							.filter(p => p.errorCode === 0)
							.map(p => ({topic: t.topic, partition: p.partition, offset: p.offset, metadata: p.metadata})),
					);
					const topicsOfGroup = new Set([
						...committed.map(x => x.topic),
						...group.members.flatMap(m => m.assignment.map(a => a.topic)),
					]);
					const partitions = [...topicsOfGroup].flatMap(t => partitionsByTopic.get(t) ?? []);
					// A leader that did not answer leaves lag unknown for its partitions: never a partial total.
					const unreadable = partitions.filter(p => marks.lookup(p.topic, p.partition) === null);
					if (unreadable.length > 0) {
						results.push({
							ok: false,
							kind: 'broker-error',
							groupId: group.groupId,
							error: `cannot compute the lag of ${group.groupId}: no log-end offset for ${unreadable.length} partition(s): ${marks.warnings[0] ?? 'no leader'}`,
						});
						continue;
					}
					const gone = [...topicsOfGroup].filter(t => !partitionsByTopic.has(t));
					const lag = computeGroupLag({group, partitions, committed, watermarks: marks.lookup});
					results.push({ok: true, lag: gone.length > 0 ? {...lag, deletedTopics: gone} : lag});
				}
			}
			return results.sort((a, b) =>
				(a.ok ? a.lag.group.groupId : a.groupId).localeCompare(b.ok ? b.lag.group.groupId : b.groupId),
			);
		});

	const groupsLag = async (groupIds?: string[]): Promise<GroupLagResult[]> =>
		(await lagOfGroups(groupIds)).map(({kind: _, ...result}) => result as GroupLagResult);

	/** One group's lag: the same batched path as the groups view, failing with its reason. */
	const groupLag = async (groupId: string): Promise<GroupLag> => {
		const [result] = await lagOfGroups([groupId]);
		if (!result || (!result.ok && result.kind === 'unknown-group'))
			throw new KexError('unknown-group', `unknown group: ${groupId}`);
		if (!result.ok) throw new KexError(result.kind ?? 'broker-error', result.error);
		return result.lag;
	};

	const transport: ReadTransport = {
		partitions: async name => {
			const t = await topicMetadata(name);
			return t.partitionMetadata.map(p => ({partition: p.partitionId, leader: p.leader}));
		},
		listOffsets: async (leader, topicName, requests, isolationLevel) => {
			const target = await broker(leader);
			const response = await target.listOffsets({
				replicaId: -1,
				isolationLevel,
				topics: [{topic: topicName, partitions: requests}],
			});
			return new Map(response.responses.flatMap(t => t.partitions.map(p => [p.partition, Number(p.offset)] as const)));
		},
		fetch: async (leader, request) => sendRaw(await broker(leader), fetchApi, request),
		refresh: learnBrokers,
	};

	async function* read(request: ReadRequest) {
		await connect();
		try {
			yield* readMessages(transport, request);
		} catch (error) {
			throw describe(error);
		}
	}

	const partitioner = createPartitioner();

	/** The most a topic accepts in one batch (max.message.bytes), to say it when a message is too large. */
	const topicLimit = async (name: string): Promise<number | null> => {
		try {
			const answer = (await anyBroker(b =>
				(
					b as unknown as {
						describeConfigs(
							r: unknown,
						): Promise<{resources: Array<{configEntries: Array<{configName: string; configValue: string}>}>}>;
					}
				).describeConfigs({
					resources: [{type: 2, name, configNames: ['max.message.bytes']}],
				}),
			)) as {resources: Array<{configEntries: Array<{configName: string; configValue: string}>}>};
			const value = answer.resources[0]?.configEntries.find(e => e.configName === 'max.message.bytes')?.configValue;
			return value ? Number(value) : null;
		} catch {
			return null;
		}
	};

	// Writing a file is hundreds of sends to the same topic: its partitions and leaders are looked up once a few
	// seconds, and again at once after anything went wrong.
	const placement = new Map<string, {at: number; meta: Awaited<ReturnType<typeof topicMetadata>>}>();
	const placementFor = async (name: string) => {
		const known = placement.get(name);
		if (known && Date.now() - known.at < 5000) return known.meta;
		const meta = await topicMetadata(name);
		placement.set(name, {at: Date.now(), meta});
		return meta;
	};

	const send = async (messages: ProduceRequest[]): Promise<SendOutcome[]> =>
		guard(async () => {
			const metadataByTopic = new Map<string, Awaited<ReturnType<typeof topicMetadata>>>();
			for (const m of messages)
				if (!metadataByTopic.has(m.topic)) metadataByTopic.set(m.topic, await placementFor(m.topic));
			const now = Date.now();
			// Place every message first (Java's murmur2 partitioner for keyed messages, as kafkajs would), so that the
			// base offset each partition answers gives every message its offset. A message that cannot be placed stops
			// the whole call before anything is sent.
			const placed = messages.map((m, index) => {
				const partitionMetadata = metadataByTopic.get(m.topic)!.partitionMetadata;
				if (m.partition !== undefined && !partitionMetadata.some(p => p.partitionId === m.partition)) {
					throw new KexError(
						'unknown-partition',
						`topic ${m.topic} has no partition ${m.partition} (it has ${partitionMetadata.length}: 0 to ${partitionMetadata.length - 1})`,
					);
				}
				const partition = m.partition ?? partitioner(m.key, partitionMetadata);
				const leader = partitionMetadata.find(p => p.partitionId === partition)!.leader;
				if (leader < 0) throw new KexError('broker-error', `${m.topic} partition ${partition} has no leader right now`);
				return {m, index, partition, leader};
			});
			const outcomes: SendOutcome[] = new Array(messages.length);
			const byLeader = new Map<number, Map<string, typeof placed>>();
			for (const p of placed) {
				const batches = byLeader.get(p.leader) ?? new Map<string, typeof placed>();
				byLeader.set(p.leader, batches);
				const k = `${p.m.topic}\u0000${p.partition}`;
				const batch = batches.get(k);
				if (batch) batch.push(p);
				else batches.set(k, [p]);
			}
			await Promise.all(
				[...byLeader].map(async ([leader, batches]) => {
					const topics = new Map<string, Array<{partition: number; records: Buffer}>>();
					for (const batch of batches.values()) {
						const {topic: name} = batch[0]!.m;
						const records = encodeRecordBatch(
							batch.map(({m}) => ({key: m.key, value: m.value, headers: m.headers, timestamp: m.timestamp ?? now})),
						);
						const list = topics.get(name) ?? [];
						topics.set(name, list);
						list.push({partition: batch[0]!.partition, records});
					}
					let response: Awaited<ReturnType<typeof sendRaw<unknown, ProduceResponseBody>>>;
					try {
						response = await sendRaw(await broker(leader), produceApi, {
							acks: -1,
							timeoutMs: 30_000,
							topics: [...topics].map(([name, partitions]) => ({topic: name, partitions})),
						});
					} catch (error) {
						// Sent or not, no answer came: these may or may not have been written.
						const reason = describe(error).message;
						for (const batch of batches.values())
							for (const entry of batch) outcomes[entry.index] = {status: 'unknown', error: reason};
						staleBrokers = true;
						return;
					}
					for (const t of response) {
						for (const p of t.partitions) {
							const batch = batches.get(`${t.topic}\u0000${p.partition}`) ?? [];
							if (p.errorCode !== 0) {
								let error = produceError(t.topic, p.partition, p.errorCode, p.errorMessage, p.recordErrors).message;
								if (p.errorCode === 10 || p.errorCode === 18) {
									const limit = await topicLimit(t.topic);
									const largest = Math.max(...batch.map(({m}) => (m.key?.length ?? 0) + (m.value?.length ?? 0)));
									if (limit !== null)
										error += `; ${t.topic} accepts batches of at most ${limit.toLocaleString('en-US')} bytes, the largest message here is ${largest.toLocaleString('en-US')}`;
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
				}),
			);
			if (outcomes.some(o => o.status !== 'written')) placement.clear();
			return outcomes;
		}).catch((error: unknown) => {
			placement.clear();
			throw error;
		});

	const produce = async (messages: ProduceRequest[]): Promise<ProduceResult[]> => {
		const outcomes = await send(messages);
		const bad = outcomes.find(o => o.status !== 'written');
		if (bad && 'error' in bad) {
			throw new KexError(
				bad.status === 'unknown' ? 'unreachable' : 'broker-error',
				bad.status === 'unknown' ? `${bad.error} (the message may or may not have been written)` : bad.error,
			);
		}
		return outcomes.map(o => {
			const {status: _, ...result} = o as {status: 'written'} & ProduceResult;
			return result;
		});
	};

	return {
		bootstrap: options.brokers,
		cluster: cluster_,
		topics,
		topic,
		snapshot,
		groups,
		groupLag,
		groupsLag,
		read,
		produce,
		send,
		async close() {
			await cluster.disconnect().catch(() => {});
		},
	};
};

/** The shape of a kafkajs Encoder that its request framing reads. */
const encoded = (body: Buffer) => ({buf: body, buffer: body, size: () => body.length});

const capitalize = (s: string) => (s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Brokers before ListGroups v5 know only classic groups. */
const toGroupType = (type: string | null): GroupType => {
	if (type === null) return 'classic';
	const t = type.toLowerCase();
	return t === 'classic' || t === 'consumer' || t === 'share' || t === 'streams' ? t : 'unknown';
};

const decodeAssignment = (bytes: Buffer | null) => {
	if (!bytes || bytes.length === 0) return [];
	const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
	if (!decoded) return [];
	return Object.entries(decoded.assignment).flatMap(([topic, partitions]) =>
		(partitions as number[]).map(partition => ({topic, partition})),
	);
};

const PRODUCE_ERRORS: Record<number, string> = {
	2: 'the broker found the message corrupt',
	3: 'unknown topic or partition',
	6: 'the partition leader moved; try again',
	10: 'the message is larger than the topic or broker allows (max.message.bytes)',
	18: 'the batch is larger than the broker allows (message.max.bytes)',
	19: 'not enough in-sync replicas to accept the write (min.insync.replicas)',
	20: 'written, but not enough replicas acknowledged it in time',
	29: 'not authorized to write to this topic',
	87: 'the broker rejected the record',
};

const produceError = (
	topic: string,
	partition: number,
	code: number,
	message: string | null,
	recordErrors: string[],
) => {
	const reason = PRODUCE_ERRORS[code] ?? `error ${code}`;
	// The first record's own reason says most ("Compacted topic cannot accept message without key ..."); the
	// broker's summary ("One or more records have been rejected ...") only when there is none.
	const first = recordErrors.find(Boolean);
	const detail = first
		? `${first}${recordErrors.length > 1 ? ` (${recordErrors.length} records rejected)` : ''}`
		: (message ?? '');
	const kind =
		code === 3 ? 'unknown-topic' : code === 10 || code === 18 || code === 87 ? 'invalid-input' : 'broker-error';
	return new KexError(kind, `cannot write to ${topic}/${partition}: ${reason}${detail ? ` (${detail})` : ''}`);
};
