import type {RawApi} from '../api.js';

// OffsetDelete (API 47) v0, the only version, and not a flexible one: drops a group's committed offsets of
// partitions it no longer reads.

export type OffsetDeleteRequest = {groupId: string; topic: string; partitions: number[]};
export type OffsetDeleteResponse = {errorCode: number; partitions: Array<{partition: number; errorCode: number}>};

export const offsetDelete: RawApi<OffsetDeleteRequest, OffsetDeleteResponse> = {
	apiKey: 47,
	apiName: 'OffsetDelete',
	minVersion: 0,
	maxVersion: 0,
	flexibleFrom: Number.POSITIVE_INFINITY,
	encode(request, _version, w) {
		w.string(request.groupId);
		w.array([request], (t, w) => w.string(t.topic).array(t.partitions, (p, w) => w.int32(p)));
	},
	decode(r) {
		const errorCode = r.int16();
		r.int32(); // ThrottleTimeMs
		const partitions = r
			.array(r => {
				r.string(); // Name
				return r.array(r => ({partition: r.int32(), errorCode: r.int16()}));
			})
			.flat();
		return {errorCode, partitions};
	},
};
