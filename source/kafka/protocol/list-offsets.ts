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
