import type {RawApi} from './api.js';

// Fetch (API 1) at version 12, the last that names topics rather than topic ids, spoken by Kafka 2.7 to 4.x.
// We read with our own fetch rather than a kafkajs consumer: a consumer needs a group, and reading must leave none.

export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

export type FetchPartitionRequest = {partition: number; fetchOffset: number; maxBytes: number};

export type FetchRequest = {
	maxWaitMs: number;
	minBytes: number;
	maxBytes: number;
	isolationLevel: number;
	topics: Array<{topic: string; partitions: FetchPartitionRequest[]}>;
};

export type AbortedTransaction = {producerId: number; firstOffset: number};

export type FetchPartitionResponse = {
	partition: number;
	errorCode: number;
	highWatermark: number;
	lastStableOffset: number;
	logStartOffset: number;
	abortedTransactions: AbortedTransaction[] | null;
	records: Buffer | null;
};

export type FetchResponse = {
	errorCode: number;
	topics: Array<{topic: string; partitions: FetchPartitionResponse[]}>;
};

export const fetch: RawApi<FetchRequest, FetchResponse> = {
	apiKey: 1,
	apiName: 'Fetch',
	minVersion: 12,
	maxVersion: 12,
	encode(request, _version, w) {
		w.int32(-1); // ReplicaId: a consumer, not a follower
		w.int32(request.maxWaitMs);
		w.int32(request.minBytes);
		w.int32(request.maxBytes);
		w.int8(request.isolationLevel);
		w.int32(0); // SessionId: no incremental fetch session
		w.int32(-1); // SessionEpoch: -1 asks for a full fetch without creating a session
		w.compactArray(request.topics, (t, w) => {
			w.compactString(t.topic);
			w.compactArray(t.partitions, (p, w) => {
				w.int32(p.partition);
				w.int32(-1); // CurrentLeaderEpoch: unknown
				w.int64(p.fetchOffset);
				w.int32(-1); // LastFetchedEpoch
				w.int64(-1); // LogStartOffset: only followers send it
				w.int32(p.maxBytes);
				w.emptyTaggedFields();
			});
			w.emptyTaggedFields();
		});
		w.compactArray([], () => {}); // ForgottenTopicsData
		w.compactString(''); // RackId
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const errorCode = r.int16();
		r.int32(); // SessionId
		const topics = r.compactArray(r => {
			const topic = r.compactString();
			const partitions = r.compactArray((r): FetchPartitionResponse => {
				const partition = r.int32();
				const partitionError = r.int16();
				const highWatermark = r.int64();
				const lastStableOffset = r.int64();
				const logStartOffset = r.int64();
				const abortedCount = r.uvarint();
				let abortedTransactions: AbortedTransaction[] | null = null;
				if (abortedCount > 0) {
					abortedTransactions = [];
					for (let i = 0; i < abortedCount - 1; i++) {
						const producerId = r.int64();
						const firstOffset = r.int64();
						r.taggedFields();
						abortedTransactions.push({producerId, firstOffset});
					}
				}
				r.int32(); // PreferredReadReplica
				const records = r.compactBytes();
				r.taggedFields();
				return {
					partition,
					errorCode: partitionError,
					highWatermark,
					lastStableOffset,
					logStartOffset,
					abortedTransactions,
					records,
				};
			});
			r.taggedFields();
			return {topic, partitions};
		});
		r.taggedFields();
		return {errorCode, topics};
	},
};
