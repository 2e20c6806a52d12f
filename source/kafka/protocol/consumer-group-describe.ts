import type {RawApi} from './api.js';
import type {Reader} from './reader.js';

// ConsumerGroupDescribe (API 69): the describe call for groups on the Kafka 4 consumer protocol (KIP-848).
// DescribeGroups, which kafkajs speaks, reports such a group as Dead with no members.

export type ConsumerGroupMember = {
	memberId: string;
	instanceId: string | null;
	rackId: string | null;
	memberEpoch: number;
	clientId: string;
	clientHost: string;
	subscribedTopicNames: string[];
	assignment: Array<{topic: string; partitions: number[]}>;
};

export type DescribedConsumerGroup = {
	errorCode: number;
	errorMessage: string | null;
	groupId: string;
	state: string;
	groupEpoch: number;
	assignor: string;
	members: ConsumerGroupMember[];
};

const readAssignment = (r: Reader) => {
	const topics = r.compactArray(r => {
		r.uuid(); // TopicId
		const topic = r.compactString();
		const partitions = r.compactArray(r => r.int32());
		r.taggedFields();
		return {topic, partitions};
	});
	r.taggedFields();
	return topics;
};

export const consumerGroupDescribe: RawApi<{groupIds: string[]}, DescribedConsumerGroup[]> = {
	apiKey: 69,
	apiName: 'ConsumerGroupDescribe',
	minVersion: 0,
	maxVersion: 0,
	encode({groupIds}, _version, w) {
		w.compactArray(groupIds, (id, w) => w.compactString(id));
		w.bool(false); // IncludeAuthorizedOperations
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const groups = r.compactArray((r): DescribedConsumerGroup => {
			const errorCode = r.int16();
			const errorMessage = r.compactNullableString();
			const groupId = r.compactString();
			const state = r.compactString();
			const groupEpoch = r.int32();
			r.int32(); // AssignmentEpoch
			const assignor = r.compactString();
			const members = r.compactArray((r): ConsumerGroupMember => {
				const memberId = r.compactString();
				const instanceId = r.compactNullableString();
				const rackId = r.compactNullableString();
				const memberEpoch = r.int32();
				const clientId = r.compactString();
				const clientHost = r.compactString();
				const subscribedTopicNames = r.compactArray(r => r.compactString());
				r.compactNullableString(); // SubscribedTopicRegex
				const assignment = readAssignment(r);
				readAssignment(r); // TargetAssignment
				r.taggedFields();
				return {memberId, instanceId, rackId, memberEpoch, clientId, clientHost, subscribedTopicNames, assignment};
			});
			r.int32(); // AuthorizedOperations
			r.taggedFields();
			return {errorCode, errorMessage, groupId, state, groupEpoch, assignor, members};
		});
		r.taggedFields();
		return groups;
	},
};
