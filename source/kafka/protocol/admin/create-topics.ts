import type {RawApi} from '../api.js';
import type {Reader} from '../reader.js';

// CreateTopics (API 19), flexible v5+: kafkajs drops the broker's error message, and the message is what tells a
// person why ("Replication factor: 3 larger than available brokers: 1."). v5+ also answers with the configs the
// topic gets, so a validate-only request shows them before anything changes.

export type CreateTopicRequest = {
	name: string;
	partitions: number;
	replicationFactor: number;
	configs: Array<{name: string; value: string}>;
	validateOnly: boolean;
	timeoutMs: number;
};

export type CreatedConfig = {name: string; value: string | null; source: number; sensitive: boolean};

export type CreateTopicResult = {
	name: string;
	errorCode: number;
	errorMessage: string | null;
	partitions: number;
	replicationFactor: number;
	configs: CreatedConfig[];
};

const readConfig = (r: Reader): CreatedConfig => {
	const name = r.compactString();
	const value = r.compactNullableString();
	r.bool(); // ReadOnly
	const source = r.int8();
	const sensitive = r.bool();
	r.taggedFields();
	return {name, value, source, sensitive};
};

export const createTopics: RawApi<CreateTopicRequest, CreateTopicResult> = {
	apiKey: 19,
	apiName: 'CreateTopics',
	minVersion: 5,
	maxVersion: 7,
	encode(request, _version, w) {
		w.compactArray([request], (t, w) => {
			w.compactString(t.name).int32(t.partitions).int16(t.replicationFactor);
			w.compactArray([], () => {}); // Assignments: the controller places the replicas
			w.compactArray(t.configs, (c, w) => w.compactString(c.name).compactString(c.value).emptyTaggedFields());
			w.emptyTaggedFields();
		});
		w.int32(request.timeoutMs).bool(request.validateOnly).emptyTaggedFields();
	},
	decode(r, version) {
		r.int32(); // ThrottleTimeMs
		const [topic] = r.compactArray(r => {
			const name = r.compactString();
			if (version >= 7) r.uuid();
			const errorCode = r.int16();
			const errorMessage = r.compactNullableString();
			const partitions = r.int32();
			const replicationFactor = r.int16();
			const configs = r.compactArray(readConfig);
			r.taggedFields();
			return {name, errorCode, errorMessage, partitions, replicationFactor, configs};
		});
		r.taggedFields();
		if (!topic) throw new Error('CreateTopics answered without the topic');
		return topic;
	},
};
