import type {MetadataResponse} from './protocol/metadata.js';

// The parts of kafkajs 2.2.4's internals that connection.ts relies on, typed as that version has them (the pin in
// package.json holds them still): a broker's request methods and version ranges, and the cluster behind the Kafka
// object. No kafkajs import here: these describe what connection.ts is handed.

export type VersionRange = {minVersion: number; maxVersion: number};

/** A classic group as DescribeGroups answers it, apart from its members. */
export type DescribedGroup = {
	errorCode: number;
	groupId: string;
	state: string;
	protocolType: string;
	protocol: string;
};

export type InternalBroker = {
	nodeId: number;
	versions: Record<number, VersionRange>;
	connectionPool: {send(protocol: unknown): Promise<unknown>; host: string; port: number};
	isConnected(): boolean;
	metadata(topics: string[]): Promise<MetadataResponse>;
	listOffsets(request: {
		replicaId: number;
		isolationLevel: number;
		topics: Array<{topic: string; partitions: Array<{partition: number; timestamp: number}>}>;
	}): Promise<{
		responses: Array<{topic: string; partitions: Array<{partition: number; errorCode: number; offset: string}>}>;
	}>;
	describeGroups(request: {groupIds: string[]}): Promise<{
		groups: Array<
			DescribedGroup & {
				members: Array<{
					memberId: string;
					clientId: string;
					clientHost: string;
					memberAssignment: Buffer;
					groupInstanceId?: string | null;
				}>;
			}
		>;
	}>;
	offsetFetch(request: {groupId: string; topics: unknown[]}): Promise<{
		responses: Array<{
			topic: string;
			partitions: Array<{partition: number; offset: string; metadata: string | null; errorCode: number}>;
		}>;
	}>;
	listGroups(): Promise<{groups: Array<{groupId: string; protocolType: string}>}>;
	findGroupCoordinator(request: {groupId: string; coordinatorType: number}): Promise<unknown>;
	describeConfigs(request: {resources: Array<{type: number; name: string; configNames: string[]}>}): Promise<{
		resources: Array<{configEntries: Array<{configName: string; configValue: string}>}>;
	}>;
};

export type InternalCluster = {
	connect(): Promise<void>;
	disconnect(): Promise<void>;
	refreshMetadata(): Promise<void>;
	findBroker(query: {nodeId: number}): Promise<InternalBroker>;
	brokerPool: {
		/** The brokers the last metadata named, by node id. */
		brokers: Record<string, InternalBroker>;
		findBroker(query: {nodeId: number | string}): Promise<InternalBroker>;
		/** The broker it asks for metadata: a connected one, else the seed broker, connected first. */
		findConnectedBroker(): Promise<InternalBroker>;
		withBroker<T>(cb: (arg: {nodeId: string; broker: InternalBroker}) => Promise<T>): Promise<T | null>;
		metadata?: {topicMetadata?: unknown[]};
	};
};
