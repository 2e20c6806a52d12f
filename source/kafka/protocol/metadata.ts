import type {RawApi} from './api.js';

// Metadata (API 3) v12, flexible. kafkajs can only ask for every topic (it sends an empty list as null), keeps the
// whole answer, and decodes it into several objects per partition. The explorer asks for all topics on every
// refresh of clusters with thousands of them, and for none when it only needs the brokers.

export type MetadataRequest = {
	/** null: every topic; []: none (brokers only). */
	topics: string[] | null;
};

/** Replica lists may be shared between partitions: treat them as read-only. */
export type MetadataPartition = {
	partitionErrorCode: number;
	partitionId: number;
	leader: number;
	replicas: number[];
	isr: number[];
	offlineReplicas: number[];
};

export type MetadataResponse = {
	clusterId: string | undefined;
	controllerId: number;
	brokers: Array<{nodeId: number; host: string; port: number; rack: string | null}>;
	topicMetadata: Array<{
		topicErrorCode: number;
		topic: string;
		isInternal: boolean;
		partitionMetadata: MetadataPartition[];
	}>;
};

export const metadata: RawApi<MetadataRequest, MetadataResponse> = {
	apiKey: 3,
	apiName: 'Metadata',
	minVersion: 12,
	maxVersion: 12,
	encode({topics}, _version, w) {
		w.compactArray(topics, (name, w) => {
			w.raw(Buffer.alloc(16)); // TopicId: zero, the topic is named
			w.compactString(name);
			w.emptyTaggedFields();
		});
		w.bool(false); // AllowAutoTopicCreation: asking about a topic must never create it
		w.bool(false); // IncludeTopicAuthorizedOperations
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const brokers = r.compactArray(r => {
			const nodeId = r.int32();
			const host = r.compactString();
			const port = r.int32();
			const rack = r.compactNullableString();
			r.taggedFields();
			return {nodeId, host, port, rack};
		});
		const clusterId = r.compactNullableString() ?? undefined;
		const controllerId = r.int32();
		const ids = (r: {int32(): number}) => r.int32();
		// Thousands of partitions share a handful of replica sets: one array per distinct set, not three per partition.
		const shared = new Map<string, number[]>();
		const intern = (list: number[]) => {
			const key = list.join(',');
			const known = shared.get(key);
			if (known) return known;
			shared.set(key, list);
			return list;
		};
		const topicMetadata = r.compactArray(r => {
			const topicErrorCode = r.int16();
			const topic = r.compactNullableString() ?? '';
			r.skip(16); // TopicId
			const isInternal = r.bool();
			const partitionMetadata = r.compactArray(r => {
				const partitionErrorCode = r.int16();
				const partitionId = r.int32();
				const leader = r.int32();
				r.int32(); // LeaderEpoch
				const replicas = intern(r.compactArray(ids));
				const isr = intern(r.compactArray(ids));
				const offlineReplicas = intern(r.compactArray(ids));
				r.taggedFields();
				return {partitionErrorCode, partitionId, leader, replicas, isr, offlineReplicas};
			});
			r.int32(); // TopicAuthorizedOperations
			r.taggedFields();
			return {topicErrorCode, topic, isInternal, partitionMetadata};
		});
		r.taggedFields();
		return {clusterId, controllerId, brokers, topicMetadata};
	},
};
