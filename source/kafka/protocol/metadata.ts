import type {RawApi} from './api.js';
import type {Reader} from './reader.js';

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

type IdSetNode = {list: number[] | null; next: Map<number, IdSetNode>};

/**
 * Reads a compact array of broker ids. Thousands of partitions share a handful of replica sets: each distinct set
 * is one array, found by walking a tree of the ids read so far, so a set already seen costs no allocation at all.
 */
const brokerIdSets = () => {
	const root: IdSetNode = {list: [], next: new Map()};
	const ids: number[] = [];
	return (r: Reader): number[] => {
		const count = r.uvarint() - 1;
		let node = root;
		for (let i = 0; i < count; i++) {
			const id = r.int32();
			ids[i] = id;
			let next = node.next.get(id);
			if (!next) node.next.set(id, (next = {list: null, next: new Map()}));
			node = next;
		}
		return (node.list ??= ids.slice(0, count));
	};
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
		const bytes = r.rest();
		const same = answered.get(bytes.length);
		if (same?.bytes.equals(bytes)) return same.response;
		const response = decodeMetadata(r);
		if (answered.size >= ANSWERS_KEPT) answered.delete(answered.keys().next().value!);
		answered.set(bytes.length, {bytes: Buffer.from(bytes), response});
		return response;
	},
};

// A cluster that did not change answers Metadata with the same bytes every time: the explorer asks for every topic
// on each refresh. The same bytes give the same answer, which is handed back instead of being decoded again into
// tens of thousands of new objects, each refresh's garbage for V8's old generation. A few recent answers are kept,
// one per size: the explorer's Metadata of every topic and the groups view's of a few.
const ANSWERS_KEPT = 4;
const answered = new Map<number, {bytes: Buffer; response: MetadataResponse}>();

const decodeMetadata = (r: Reader): MetadataResponse => {
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
	const idSet = brokerIdSets();
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
			const replicas = idSet(r);
			const isr = idSet(r);
			const offlineReplicas = idSet(r);
			r.taggedFields();
			return {partitionErrorCode, partitionId, leader, replicas, isr, offlineReplicas};
		});
		r.int32(); // TopicAuthorizedOperations
		r.taggedFields();
		return {topicErrorCode, topic, isInternal, partitionMetadata};
	});
	r.taggedFields();
	return {clusterId, controllerId, brokers, topicMetadata};
};
