import type {RawApi} from './api.js';

// Produce (API 0) at version 9, the first flexible one (Kafka 2.8+). kafkajs' producer cannot send a header with
// a null value and folds headers into an object, so we send our own record batches.

export type ProduceRequest = {
	acks: number;
	timeoutMs: number;
	topics: Array<{topic: string; partitions: Array<{partition: number; records: Buffer}>}>;
};

export type ProducePartitionResponse = {
	partition: number;
	errorCode: number;
	baseOffset: number;
	logAppendTime: number;
	errorMessage: string | null;
	recordErrors: string[];
};

export type ProduceResponse = Array<{topic: string; partitions: ProducePartitionResponse[]}>;

export const produce: RawApi<ProduceRequest, ProduceResponse> = {
	apiKey: 0,
	apiName: 'Produce',
	minVersion: 9,
	maxVersion: 9,
	encode(request, _version, w) {
		w.compactString(null); // TransactionalId
		w.int16(request.acks);
		w.int32(request.timeoutMs);
		w.compactArray(request.topics, (t, w) => {
			w.compactString(t.topic);
			w.compactArray(t.partitions, (p, w) => {
				w.int32(p.partition);
				w.compactBytes(p.records);
				w.emptyTaggedFields();
			});
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	sizeOf: request =>
		64 +
		request.topics.reduce(
			(size, t) => size + 8 + t.topic.length * 3 + t.partitions.reduce((sum, p) => sum + 16 + p.records.length, 0),
			0,
		),
	decode(r) {
		const topics = r.compactArray(r => {
			const topic = r.compactString();
			const partitions = r.compactArray((r): ProducePartitionResponse => {
				const partition = r.int32();
				const errorCode = r.int16();
				const baseOffset = r.int64();
				const logAppendTime = r.int64();
				r.int64(); // LogStartOffset
				const recordErrors = r.compactArray(r => {
					const index = r.int32();
					const message = r.compactNullableString();
					r.taggedFields();
					return `record ${index}: ${message ?? 'rejected'}`;
				});
				const errorMessage = r.compactNullableString();
				r.taggedFields();
				return {partition, errorCode, baseOffset, logAppendTime, errorMessage, recordErrors};
			});
			r.taggedFields();
			return {topic, partitions};
		});
		r.int32(); // ThrottleTimeMs
		r.taggedFields();
		return topics;
	},
};
