import type {RawApi} from '../api.js';

// OffsetCommit (API 8), flexible v8+ (v9 is the same request, and what KIP-848 brokers expect). Sent as an admin:
// generation -1 and no member, which the coordinator accepts only while the group has no members.

export type OffsetCommitRequest = {
	groupId: string;
	topics: Array<{topic: string; partitions: Array<{partition: number; offset: number}>}>;
};

export type OffsetCommitResponse = Array<{topic: string; partition: number; errorCode: number}>;

export const offsetCommit: RawApi<OffsetCommitRequest, OffsetCommitResponse> = {
	apiKey: 8,
	apiName: 'OffsetCommit',
	minVersion: 8,
	maxVersion: 9,
	encode(request, _version, w) {
		w.compactString(request.groupId).int32(-1).compactString('').compactString(null); // generation, member, instance
		w.compactArray(request.topics, (t, w) => {
			w.compactString(t.topic);
			w.compactArray(t.partitions, (p, w) =>
				// LeaderEpoch -1: no truncation check; no metadata.
				w.int32(p.partition).int64(p.offset).int32(-1).compactString(null).emptyTaggedFields(),
			);
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const result = r
			.compactArray(r => {
				const topic = r.compactString();
				const partitions = r.compactArray(r => {
					const p = {topic, partition: r.int32(), errorCode: r.int16()};
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
