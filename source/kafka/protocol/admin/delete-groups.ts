import type {RawApi} from '../api.js';

// DeleteGroups (API 42) v2 (flexible): deletes groups without members, with their committed offsets.

export type DeleteGroupsResponse = Array<{groupId: string; errorCode: number}>;

export const deleteGroups: RawApi<{groupIds: string[]}, DeleteGroupsResponse> = {
	apiKey: 42,
	apiName: 'DeleteGroups',
	minVersion: 2,
	maxVersion: 2,
	encode(request, _version, w) {
		w.compactArray(request.groupIds, (id, w) => w.compactString(id)).emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const results = r.compactArray(r => {
			const result = {groupId: r.compactString(), errorCode: r.int16()};
			r.taggedFields();
			return result;
		});
		r.taggedFields();
		return results;
	},
};
