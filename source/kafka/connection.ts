import kafkajs from 'kafkajs';
import {KexError} from './errors.js';
import {isConnectionTrouble, securityOf, toKexError} from './kafkajs-errors.js';
import {frameRequest, negotiateVersion, unframeResponse, type RawApi} from './protocol/api.js';
import type {ListedGroup} from './protocol/list-groups.js';
import type {ListOffsetsRequest, ListOffsetsResponse} from './protocol/list-offsets.js';
import type {MetadataResponse} from './protocol/metadata.js';
import type {OffsetFetchGroup} from './protocol/offset-fetch.js';
import type {DescribedGroup, InternalBroker, InternalCluster} from './kafkajs-internals.js';
import type {ConnectionOptions, SaslOptions, SilentBroker, TlsOptions, TopicPartitionRef} from './types.js';

// The one module that imports kafkajs. kafkajs is pinned to 2.2.4 in package.json because, besides its public API,
// this module relies on three of its internals: the Cluster behind a private symbol (connection pool with SSL and
// SASL, broker discovery), Broker request methods, and `connectionPool.send`, which carries the requests kafkajs
// never implemented (see protocol/). kafkajs is frozen upstream, so these will not move under us; a new version
// must be checked against them before the pin changes.

const {Kafka, logLevel, AssignerProtocol} = kafkajs;

/** A classic group as DescribeGroups tells it, member assignments decoded. */
export type ClassicGroup = DescribedGroup & {
	members: Array<{
		memberId: string;
		clientId: string;
		clientHost: string;
		groupInstanceId: string | null;
		assignment: TopicPartitionRef[];
	}>;
};

/** One broker, by node id: our own codecs over its authenticated connection, and what kafkajs speaks itself. */
export type BrokerHandle = {
	nodeId: number;
	/** Whether the broker speaks a version of `api` that our codec speaks. */
	supports(api: RawApi<never, unknown>): boolean;
	/** The highest version of an API (by key) the broker speaks, or null when it does not speak it. */
	maxVersion(apiKey: number): number | null;
	send<Req, Res>(api: RawApi<Req, Res>, request: Req): Promise<Res>;
	/** kafkajs's own Metadata, for brokers older than our codec. */
	metadataV0(topics: string[]): Promise<MetadataResponse>;
	/** kafkajs's own ListOffsets, for brokers older than our codec. */
	listOffsetsV0(request: ListOffsetsRequest): Promise<ListOffsetsResponse>;
	/** kafkajs's own OffsetFetch: one group per request, for brokers older than our codec. */
	offsetFetchV0(groupId: string): Promise<OffsetFetchGroup>;
	/** kafkajs's own ListGroups, for brokers older than our codec: classic groups only, no state. */
	listGroupsV0(): Promise<ListedGroup[]>;
	describeGroups(groupIds: string[]): Promise<ClassicGroup[]>;
	describeTopicConfigs(topic: string, names: string[]): Promise<Map<string, string>>;
};

export type Connection = {
	readonly bootstrap: string[];
	/** Connects once (again after a failure) and learns the brokers. */
	connect(): Promise<void>;
	/**
	 * Runs `work` once connected. A failure is described in words and makes the next call relearn the brokers first
	 * (one moved, died, or came back).
	 */
	run<T>(work: () => Promise<T>): Promise<T>;
	/** Asks for the brokers again now. */
	relearnBrokers(): Promise<void>;
	/** A broker failed us: the next `run` relearns the brokers first. */
	brokerFailed(): void;
	/**
	 * Runs `work` on a broker that answers: those that answered last time first, the next one when a broker cannot
	 * be reached (any other failure is the answer).
	 */
	anyBroker<T>(work: (broker: BrokerHandle) => Promise<T>): Promise<T>;
	/** Brokers the cluster lists that did not answer kex's last request to them, with why. */
	silentBrokers(): SilentBroker[];
	/** host:port of a broker by node id, as the cluster lists it. */
	addressOf(nodeId: number): string;
	broker(nodeId: number): Promise<BrokerHandle>;
	/** Whether this principal may describe the group: false when FindCoordinator says it is not authorized. */
	mayDescribeGroup(groupId: string): Promise<boolean>;
	/** One line a person can act on; `address` names the broker that failed instead of the bootstrap list. */
	describe(error: unknown, address?: string): Error;
	close(): Promise<void>;
};

/** The resource type of a topic in DescribeConfigs. */
const TOPIC_RESOURCE = 2;

const createCluster = (kafka: object): InternalCluster => {
	const symbol = Object.getOwnPropertySymbols(kafka).find(s => s.description === 'private:Kafka:createCluster');
	if (!symbol) throw new Error('this kafkajs version does not expose its cluster; kex needs kafkajs 2.2.4');
	const factory = (kafka as Record<symbol, (options: object) => InternalCluster>)[symbol]!;
	// Never create a topic by asking about it.
	return factory({allowAutoTopicCreation: false, metadataMaxAge: 60_000});
};

/** The shape of a kafkajs Encoder that its request framing reads. */
const encoded = (body: Buffer) => ({buf: body, buffer: body, size: () => body.length});

const decodeAssignment = (bytes: Buffer | null): TopicPartitionRef[] => {
	if (!bytes || bytes.length === 0) return [];
	const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
	if (!decoded) return [];
	return Object.entries(decoded.assignment).flatMap(([topic, partitions]) =>
		(partitions as number[]).map(partition => ({topic, partition})),
	);
};

/** Told of every request's outcome per broker, to know which brokers stopped answering. */
type Watch = {answered(nodeId: number): void; failed(nodeId: number, error: unknown): void};

const handle = (target: InternalBroker, watch: Watch): BrokerHandle => {
	const supports = (api: RawApi<never, unknown>) => negotiateVersion(api, target.versions[api.apiKey]) !== null;
	const maxVersion = (apiKey: number) => target.versions[apiKey]?.maxVersion ?? null;
	return {
		nodeId: target.nodeId,
		supports,
		maxVersion,
		async send<Req, Res>(api: RawApi<Req, Res>, request: Req): Promise<Res> {
			const version = negotiateVersion(api as RawApi<never, unknown>, target.versions[api.apiKey]);
			if (version === null) {
				throw new KexError(
					'not-supported',
					`broker ${target.nodeId} does not support ${api.apiName} v${api.minVersion}+`,
				);
			}
			const body = frameRequest(api as RawApi<Req, unknown>, request, version);
			try {
				const response = (await target.connectionPool.send({
					request: {apiKey: api.apiKey, apiVersion: version, apiName: api.apiName, encode: () => encoded(body)},
					response: {
						decode: async (payload: Buffer) => payload,
						parse: async (payload: Buffer) => unframeResponse(api as RawApi<unknown, Res>, payload, version),
					},
				})) as Res;
				watch.answered(target.nodeId);
				return response;
			} catch (error) {
				watch.failed(target.nodeId, error);
				throw error;
			}
		},
		metadataV0: topics => target.metadata(topics),
		async listOffsetsV0({isolationLevel, topics, timestamp}) {
			const old = await target.listOffsets({
				replicaId: -1,
				isolationLevel,
				topics: topics.map(({topic, partitions}) => ({
					topic,
					partitions: partitions.map(partition => ({partition, timestamp})),
				})),
			});
			return old.responses.map(t => ({
				topic: t.topic,
				partitions: t.partitions.map(p => ({...p, offset: Number(p.offset)})),
			}));
		},
		async offsetFetchV0(groupId) {
			const old = await target.offsetFetch({groupId, topics: []});
			return {
				groupId,
				errorCode: 0,
				topics: old.responses.map(r => ({
					topic: r.topic,
					partitions: r.partitions.map(p => ({...p, offset: Number(p.offset)})),
				})),
			};
		},
		async listGroupsV0() {
			const old = await target.listGroups();
			return old.groups.map(g => ({groupId: g.groupId, protocolType: g.protocolType, state: null, type: null}));
		},
		async describeGroups(groupIds) {
			const response = await target.describeGroups({groupIds});
			return response.groups.map(g => ({
				...g,
				members: g.members.map(m => ({
					memberId: m.memberId,
					clientId: m.clientId,
					clientHost: m.clientHost,
					groupInstanceId: m.groupInstanceId ?? null,
					assignment: g.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : [],
				})),
			}));
		},
		async describeTopicConfigs(topic, names) {
			const answer = await target.describeConfigs({
				resources: [{type: TOPIC_RESOURCE, name: topic, configNames: names}],
			});
			return new Map((answer.resources[0]?.configEntries ?? []).map(e => [e.configName, e.configValue]));
		},
	};
};

const tlsOf = (tls: TlsOptions | undefined) =>
	tls
		? {
				ca: tls.ca,
				cert: tls.cert,
				key: tls.key,
				passphrase: tls.keyPassword,
				servername: tls.serverName,
				rejectUnauthorized: tls.verify,
			}
		: undefined;

const saslOf = (sasl: SaslOptions | undefined): kafkajs.SASLOptions | undefined => {
	if (!sasl) return undefined;
	if (sasl.mechanism === 'oauthbearer') {
		const token = sasl.token;
		return {mechanism: 'oauthbearer', oauthBearerProvider: async () => ({value: await token()})};
	}
	return {mechanism: sasl.mechanism, username: sasl.username, password: sasl.password} as kafkajs.SASLOptions;
};

export const createConnection = (options: ConnectionOptions): Connection => {
	const connectionTimeout = options.connectionTimeout ?? 3000;
	const kafka = new Kafka({
		brokers: options.brokers,
		ssl: tlsOf(options.tls),
		sasl: saslOf(options.sasl),
		clientId: options.clientId ?? 'kex',
		connectionTimeout,
		requestTimeout: options.requestTimeout ?? 30_000,
		// One quick retry; a tool a person is waiting on should say what is wrong, not retry for a minute.
		retry: {retries: 1, initialRetryTime: 200, maxRetryTime: 1000},
		logLevel: logLevel.NOTHING,
	});
	const cluster = createCluster(kafka);
	const security = securityOf(options);
	// Once connected, a closed connection means a broker went away, not a listener that wants TLS or SASL.
	let established = false;
	let lastFailure = '';
	const describe = (error: unknown, address?: string) => {
		const said = toKexError(error, address ? [address] : options.brokers, connectionTimeout, {
			...security,
			established,
		});
		// The same failure again and again (a cluster that stays away) is logged once.
		if (said.message !== lastFailure) {
			lastFailure = said.message;
			options.onFailure?.(said);
		}
		return said;
	};

	/**
	 * kafkajs learns the brokers from a metadata answer for every topic, and keeps it. Only the brokers are used (we
	 * ask for topics ourselves), so the topic list is dropped: on a cluster of thousands of topics it is megabytes.
	 */
	const pool = cluster.brokerPool;
	const silent = new Map<number, SilentBroker>();
	const addressOf = (nodeId: number) => {
		const known = pool.brokers[String(nodeId)]?.connectionPool;
		return known ? `${known.host}:${known.port}` : `broker ${nodeId}`;
	};
	const watch: Watch = {
		answered: nodeId => {
			established = true;
			silent.delete(nodeId);
		},
		failed: (nodeId, error) => {
			if (!isConnectionTrouble(error) || silent.has(nodeId)) return;
			const address = addressOf(nodeId);
			silent.set(nodeId, {id: nodeId, address, reason: describe(error, address).message, since: Date.now()});
		},
	};

	const relearnBrokers = async () => {
		// kafkajs asks one connected broker, and keeps asking it when it has just died: the next attempt finds
		// another (a dead broker's connection is closed by then).
		for (let attempt = 0; ; attempt++) {
			try {
				await cluster.refreshMetadata();
				break;
			} catch (error) {
				if (!isConnectionTrouble(error) || attempt >= Math.max(2, Object.keys(pool.brokers).length)) throw error;
			}
		}
		if (pool.metadata?.topicMetadata) pool.metadata.topicMetadata = [];
		// A broker the cluster no longer lists is no longer ours to report.
		for (const id of silent.keys()) if (!pool.brokers[String(id)]) silent.delete(id);
	};

	/** A broker by node id, connected; a broker that cannot be reached is noted as silent. */
	const brokerById = async (nodeId: number): Promise<InternalBroker> => {
		try {
			return await pool.findBroker({nodeId});
		} catch (error) {
			watch.failed(nodeId, error);
			throw error;
		}
	};

	let connecting: Promise<void> | null = null;
	const connect = async () => {
		// The broker pool learns the brokers from a first metadata request; until then it holds only the seed.
		connecting ??= (async () => {
			await cluster.connect();
			await relearnBrokers();
		})().catch((error: unknown) => {
			connecting = null;
			throw describe(error);
		});
		return connecting;
	};

	// Set when a broker did not answer, so the next call refreshes kafkajs's idea of the brokers first.
	let staleBrokers = false;

	const run = async <T>(work: () => Promise<T>): Promise<T> => {
		await connect();
		try {
			if (staleBrokers) {
				staleBrokers = false;
				await relearnBrokers();
			}
			return await work();
		} catch (error) {
			staleBrokers = true;
			throw describe(error);
		}
	};

	const anyRawBroker = async <T>(work: (broker: InternalBroker) => Promise<T>): Promise<T> => {
		// Those that answered first, then the silent ones, longest silent last (it may be back by now).
		const ids = Object.keys(pool.brokers)
			.map(Number)
			.sort((a, b) => (silent.get(a)?.since ?? 0) - (silent.get(b)?.since ?? 0));
		let lastError: unknown = new KexError('unreachable', `no broker of ${options.brokers.join(',')} answers`);
		for (const id of ids) {
			try {
				return await work(await brokerById(id));
			} catch (error) {
				if (!isConnectionTrouble(error)) throw error;
				lastError = error;
			}
		}
		throw lastError;
	};
	const anyBroker = <T>(work: (broker: BrokerHandle) => Promise<T>) => anyRawBroker(b => work(handle(b, watch)));

	return {
		bootstrap: options.brokers,
		connect,
		run,
		relearnBrokers,
		brokerFailed: () => {
			staleBrokers = true;
		},
		anyBroker,
		addressOf,
		silentBrokers: () => [...silent.values()].sort((a, b) => a.id - b.id),
		broker: async nodeId => handle(await brokerById(nodeId), watch),
		mayDescribeGroup: async groupId =>
			// Asked of one broker directly: kafkajs's own lookup drops the broker's reason.
			anyRawBroker(async broker => {
				try {
					await broker.findGroupCoordinator({groupId, coordinatorType: 0});
					return true;
				} catch (error) {
					if ((error as {type?: string}).type === 'GROUP_AUTHORIZATION_FAILED') return false;
					// Any other answer (no coordinator yet, say) is not a refusal; no answer is for the next broker.
					if (isConnectionTrouble(error)) throw error;
					return true;
				}
			}),

		describe,
		async close() {
			await cluster.disconnect().catch(() => {});
		},
	};
};
