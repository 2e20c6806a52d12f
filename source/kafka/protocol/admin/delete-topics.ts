import type {RawApi} from '../api.js';

// DeleteTopics (API 20), flexible v4+; v5 adds the broker's error message.

export type DeleteTopicsRequest = {names: string[]; timeoutMs: number};
export type TopicOutcome = {name: string; errorCode: number; errorMessage: string | null};

export const deleteTopics: RawApi<DeleteTopicsRequest, TopicOutcome[]> = {
	apiKey: 20,
	apiName: 'DeleteTopics',
	minVersion: 4,
	maxVersion: 5,
	encode(request, _version, w) {
		w.compactArray(request.names, (name, w) => w.compactString(name));
		w.int32(request.timeoutMs).emptyTaggedFields();
	},
	decode(r, version) {
		r.int32(); // ThrottleTimeMs
		const topics = r.compactArray(r => {
			const name = r.compactNullableString() ?? '';
			const errorCode = r.int16();
			const errorMessage = version >= 5 ? r.compactNullableString() : null;
			r.taggedFields();
			return {name, errorCode, errorMessage};
		});
		r.taggedFields();
		return topics;
	},
};
