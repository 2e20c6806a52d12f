import type {RawApi} from './api.js';

// ListOffsets (API 2) v6-v7, flexible. The explorer asks for the first and last offset of every partition on each
// refresh; kafkajs encodes field by field and decodes offsets through Long into strings, which on tens of
// thousands of partitions is most of a refresh's time and garbage.

export type ListOffsetsRequest = {
	isolationLevel: 0 | 1;
	topics: Array<{topic: string; partitions: number[]}>;
	/** -2 earliest, -1 latest, or a time in ms. */
	timestamp: number;
};

export type ListOffsetsResponse = Array<{
	topic: string;
	partitions: Array<{partition: number; errorCode: number; offset: number}>;
}>;

export const listOffsets: RawApi<ListOffsetsRequest, ListOffsetsResponse> = {
	apiKey: 2,
	apiName: 'ListOffsets',
	minVersion: 6,
	maxVersion: 7,
	encode({isolationLevel, topics, timestamp}, _version, w) {
		w.int32(-1); // ReplicaId: a client
		w.int8(isolationLevel);
		w.compactArray(topics, (t, w) => {
			w.compactString(t.topic);
			w.compactArray(t.partitions, (partition, w) => {
				w.int32(partition);
				w.int32(-1); // CurrentLeaderEpoch: unknown
				w.int64(timestamp);
				w.emptyTaggedFields();
			});
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const topics = r.compactArray(r => {
			const topic = r.compactString();
			const partitions = r.compactArray(r => {
				const partition = r.int32();
				const errorCode = r.int16();
				r.skip(8); // Timestamp
				const offset = r.int64();
				r.int32(); // LeaderEpoch
				r.taggedFields();
				return {partition, errorCode, offset};
			});
			r.taggedFields();
			return {topic, partitions};
		});
		r.taggedFields();
		return topics;
	},
};

/**
 * The same answer as columns, one entry per partition in the order the broker listed them: no object per
 * partition. The explorer's watermarks of every partition are read so on each refresh.
 */
export type OffsetColumns = {
	topics: string[];
	/** Index into `topics`. */
	topic: number[];
	partition: number[];
	errorCode: number[];
	offset: number[];
};

export const listOffsetColumns: RawApi<ListOffsetsRequest, OffsetColumns> = {
	...listOffsets,
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const columns: OffsetColumns = {topics: [], topic: [], partition: [], errorCode: [], offset: []};
		const topicCount = r.uvarint() - 1;
		for (let t = 0; t < topicCount; t++) {
			columns.topics.push(r.compactString());
			const partitionCount = r.uvarint() - 1;
			for (let i = 0; i < partitionCount; i++) {
				columns.topic.push(t);
				columns.partition.push(r.int32());
				columns.errorCode.push(r.int16());
				r.skip(8); // Timestamp
				columns.offset.push(r.int64());
				r.int32(); // LeaderEpoch
				r.taggedFields();
			}
			r.taggedFields();
		}
		r.taggedFields();
		return columns;
	},
};

/** An answer kafkajs decoded (brokers older than our codec) as columns. */
export const offsetColumnsOf = (response: ListOffsetsResponse): OffsetColumns => {
	const columns: OffsetColumns = {topics: [], topic: [], partition: [], errorCode: [], offset: []};
	response.forEach((t, i) => {
		columns.topics.push(t.topic);
		for (const p of t.partitions) {
			columns.topic.push(i);
			columns.partition.push(p.partition);
			columns.errorCode.push(p.errorCode);
			columns.offset.push(p.offset);
		}
	});
	return columns;
};
