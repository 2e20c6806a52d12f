import type {RawApi} from './api.js';

// OffsetFetch (API 9) v8, flexible: the committed offsets of many groups in one request (KIP-709). kafkajs asks
// one group per request; a view of 200 groups would be 200 round trips.

export type OffsetFetchRequest = {groupIds: string[]};

export type OffsetFetchGroup = {
	groupId: string;
	errorCode: number;
	topics: Array<{
		topic: string;
		partitions: Array<{partition: number; offset: number; metadata: string | null; errorCode: number}>;
	}>;
};

export const offsetFetch: RawApi<OffsetFetchRequest, OffsetFetchGroup[]> = {
	apiKey: 9,
	apiName: 'OffsetFetch',
	minVersion: 8,
	maxVersion: 8,
	encode({groupIds}, _version, w) {
		w.compactArray(groupIds, (groupId, w) => {
			w.compactString(groupId);
			w.compactArray(null, () => {}); // Topics: null, every topic the group committed
			w.emptyTaggedFields();
		});
		w.bool(false); // RequireStable
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const groups = r.compactArray(r => {
			const groupId = r.compactString();
			const topics = r.compactArray(r => {
				const topic = r.compactString();
				const partitions = r.compactArray(r => {
					const partition = r.int32();
					const offset = r.int64();
					r.int32(); // CommittedLeaderEpoch
					const metadata = r.compactNullableString();
					const errorCode = r.int16();
					r.taggedFields();
					return {partition, offset, metadata, errorCode};
				});
				r.taggedFields();
				return {topic, partitions};
			});
			const errorCode = r.int16();
			r.taggedFields();
			return {groupId, errorCode, topics};
		});
		r.taggedFields();
		return groups;
	},
};
