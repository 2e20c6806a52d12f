import kafkajs from 'kafkajs';
import {handle, type BrokerHandle, type Watch} from './broker-handle.js';
import {KexError} from './errors.js';
import {isConnectionTrouble, isPassingTrouble, securityOf, toKexError} from './kafkajs-errors.js';
import type {InternalBroker, InternalCluster} from './kafkajs-internals.js';
import {metadata as metadataApi} from './protocol/metadata.js';
import {createSilentBrokers} from './silent-brokers.js';
import type {ConnectionOptions, SaslOptions, SilentBroker, TlsOptions, TopicPartitionRef} from './types.js';

// The one module that imports kafkajs. kafkajs is pinned to 2.2.4 in package.json because, besides its public API,
// this module relies on three of its internals: the Cluster behind a private symbol (connection pool with SSL and
// SASL, broker discovery), Broker request methods, and `connectionPool.send`, which carries the requests kafkajs
// never implemented (see protocol/). kafkajs is frozen upstream, so these will not move under us; a new version
// must be checked against them before the pin changes.

const {Kafka, logLevel, AssignerProtocol} = kafkajs;

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
	/** Tries to connect to each silent broker again: one that is back (a restart) is no longer said to be silent. */
	recheckSilent(): Promise<void>;
	/** host:port of a broker by node id, as the cluster lists it. */
	addressOf(nodeId: number): string;
	broker(nodeId: number): Promise<BrokerHandle>;
	/** The node id of the group's coordinator (FindCoordinator), which takes its commits and deletes. */
	coordinatorOf(groupId: string): Promise<number>;
	/** Whether this principal may describe the group: false when FindCoordinator says it is not authorized. */
	mayDescribeGroup(groupId: string): Promise<boolean>;
	/** One line a person can act on; `address` names the broker that failed instead of the bootstrap list. */
	describe(error: unknown, address?: string): Error;
	close(): Promise<void>;
};

const createCluster = (kafka: object): InternalCluster => {
	const symbol = Object.getOwnPropertySymbols(kafka).find(s => s.description === 'private:Kafka:createCluster');
	if (!symbol) throw new Error('this kafkajs version does not expose its cluster; kex needs kafkajs 2.2.4');
	const factory = (kafka as Record<symbol, (options: object) => InternalCluster>)[symbol]!;
	// Never create a topic by asking about it.
	return factory({allowAutoTopicCreation: false, metadataMaxAge: 60_000});
};

/** Marks a broker whose metadata() asks for no topics when kafkajs asks for all (see findConnectedBroker). */
const LEAN = Symbol('kex:lean-metadata');

const decodeAssignment = (bytes: Buffer | null): TopicPartitionRef[] => {
	if (!bytes || bytes.length === 0) return [];
	const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
	if (!decoded) return [];
	return Object.entries(decoded.assignment).flatMap(([topic, partitions]) =>
		(partitions as number[]).map(partition => ({topic, partition})),
	);
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

	const pool = cluster.brokerPool;
	const addressOf = (nodeId: number) => {
		const known = pool.brokers[String(nodeId)]?.connectionPool;
		return known ? `${known.host}:${known.port}` : `broker ${nodeId}`;
	};
	const silent = createSilentBrokers(addressOf, (error, address) => describe(error, address).message);
	const watch: Watch = {
		answered: nodeId => {
			established = true;
			silent.watch.answered(nodeId);
		},
		failed: silent.watch.failed,
	};
	const handleOf = (broker: InternalBroker) => handle(broker, watch, decodeAssignment);

	// kafkajs learns the brokers by asking a broker about every topic (it sends an empty list as null), at connect
	// and after each failure, and decodes the whole answer in its own slow way: on a cluster of thousands of topics
	// that was a second round of megabytes before kex's own Metadata, on the way to the first frame. The broker it
	// asks is given a metadata() that asks for no topics through our codec, when the broker speaks it.
	const findConnected = pool.findConnectedBroker.bind(pool);
	pool.findConnectedBroker = async () => {
		const broker = await findConnected();
		if (LEAN in broker) return broker;
		const everyTopic = broker.metadata.bind(broker);
		Object.assign(broker, {
			[LEAN]: true,
			metadata: async (topics: string[]) => {
				const target = handleOf(broker);
				if (topics.length > 0 || !target.supports(metadataApi)) return everyTopic(topics);
				return target.send(metadataApi, {topics: []});
			},
		});
		return broker;
	};

	/**
	 * kafkajs learns the brokers from a metadata answer for every topic, and keeps it. Only the brokers are used (we
	 * ask for topics ourselves), so the topic list is dropped: on a cluster of thousands of topics it is megabytes.
	 */
	const relearnBrokers = async () => {
		// kafkajs asks one connected broker, and keeps asking it when it has just died: the next attempt finds
		// another (a dead broker's connection is closed by then).
		for (let attempt = 0; ; attempt++) {
			try {
				await cluster.refreshMetadata();
				break;
			} catch (error) {
				if (!isPassingTrouble(error) || attempt >= Math.max(2, Object.keys(pool.brokers).length)) throw error;
			}
		}
		if (pool.metadata?.topicMetadata) pool.metadata.topicMetadata = [];
		silent.keepListed(id => pool.brokers[String(id)] !== undefined);
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
		const ids = silent.inTryOrder(Object.keys(pool.brokers).map(Number));
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
	const anyBroker = <T>(work: (broker: BrokerHandle) => Promise<T>) => anyRawBroker(b => work(handleOf(b)));

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
		silentBrokers: silent.list,
		recheckSilent: async () => {
			// A broker that leads nothing gets no request of its own: without this it would stay silent for good.
			await Promise.all(
				silent.list().map(async ({id}) => {
					try {
						await pool.findBroker({nodeId: id});
						watch.answered(id);
					} catch {
						// Still away.
					}
				}),
			);
		},
		broker: async nodeId => handleOf(await brokerById(nodeId)),
		coordinatorOf: async groupId =>
			run(() =>
				anyRawBroker(async broker => {
					const found = (await broker.findGroupCoordinator({groupId, coordinatorType: 0})) as {
						coordinator: {nodeId: number};
					};
					return found.coordinator.nodeId;
				}),
			),
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
