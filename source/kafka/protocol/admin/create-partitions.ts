import type {RawApi} from '../api.js';
import type {TopicOutcome} from './delete-topics.js';

// CreatePartitions (API 37), flexible v2+: grows a topic to `count` partitions, or only checks that it could.

export type CreatePartitionsRequest = {topic: string; count: number; validateOnly: boolean; timeoutMs: number};

export const createPartitions: RawApi<CreatePartitionsRequest, TopicOutcome> = {
	apiKey: 37,
	apiName: 'CreatePartitions',
	minVersion: 2,
	maxVersion: 3,
	encode(request, _version, w) {
		w.compactArray([request], (t, w) => {
			w.compactString(t.topic)
				.int32(t.count)
				.compactArray(null, () => {}); // Assignments: the controller's
			w.emptyTaggedFields();
		});
		w.int32(request.timeoutMs).bool(request.validateOnly).emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const [topic] = r.compactArray(r => {
			const name = r.compactString();
			const errorCode = r.int16();
			const errorMessage = r.compactNullableString();
			r.taggedFields();
			return {name, errorCode, errorMessage};
		});
		r.taggedFields();
		if (!topic) throw new Error('CreatePartitions answered without the topic');
		return topic;
	},
};
