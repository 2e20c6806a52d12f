import type {RawApi} from '../api.js';

// DeleteRecords (API 21) v2 (flexible): moves partitions' log start offsets forward; sent to their leader.

export type DeleteRecordsRequest = {
	topic: string;
	partitions: Array<{partition: number; offset: number}>;
	timeoutMs: number;
};

export type DeletedRecords = Array<{partition: number; lowWatermark: number; errorCode: number}>;

export const deleteRecords: RawApi<DeleteRecordsRequest, DeletedRecords> = {
	apiKey: 21,
	apiName: 'DeleteRecords',
	minVersion: 2,
	maxVersion: 2,
	encode(request, _version, w) {
		w.compactArray([request], (t, w) => {
			w.compactString(t.topic);
			w.compactArray(t.partitions, (p, w) => w.int32(p.partition).int64(p.offset).emptyTaggedFields());
			w.emptyTaggedFields();
		});
		w.int32(request.timeoutMs).emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const result = r
			.compactArray(r => {
				r.compactString(); // Name
				const partitions = r.compactArray(r => {
					const p = {partition: r.int32(), lowWatermark: r.int64(), errorCode: r.int16()};
					r.taggedFields();
					return p;
				});
				r.taggedFields();
				return partitions;
			})
			.flat();
		r.taggedFields();
		return result;
	},
};
