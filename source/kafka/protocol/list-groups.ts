import type {RawApi} from './api.js';

// ListGroups (API 16) in its flexible versions: v4 adds the state, v5 the group type (classic or consumer).
// kafkajs speaks v2, which gives neither, and knowing the type is what lets us describe KIP-848 groups correctly.

export type ListedGroup = {groupId: string; protocolType: string; state: string | null; type: string | null};

export type ListGroupsResponse = {errorCode: number; groups: ListedGroup[]};

export const listGroups: RawApi<Record<string, never>, ListGroupsResponse> = {
	apiKey: 16,
	apiName: 'ListGroups',
	minVersion: 3,
	maxVersion: 5,
	encode(_request, version, w) {
		if (version >= 4) w.compactArray([], () => {}); // StatesFilter: all
		if (version >= 5) w.compactArray([], () => {}); // TypesFilter: all
		w.emptyTaggedFields();
	},
	decode(r, version) {
		r.int32(); // ThrottleTimeMs
		const errorCode = r.int16();
		const groups = r.compactArray(r => {
			const groupId = r.compactString();
			const protocolType = r.compactString();
			const state = version >= 4 ? r.compactString() : null;
			const type = version >= 5 ? r.compactString() : null;
			r.taggedFields();
			return {groupId, protocolType, state, type};
		});
		r.taggedFields();
		return {errorCode, groups};
	},
};
