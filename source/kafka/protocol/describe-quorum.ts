import type {RawApi} from './api.js';
import type {Reader} from './reader.js';

// DescribeQuorum (API 55): the KRaft metadata quorum. Any broker answers by forwarding to the controllers.

export type QuorumReplica = {replicaId: number; logEndOffset: number};

export type QuorumPartition = {
	partition: number;
	errorCode: number;
	leaderId: number;
	leaderEpoch: number;
	highWatermark: number;
	voters: QuorumReplica[];
	observers: QuorumReplica[];
};

export type DescribeQuorumResponse = {errorCode: number; partitions: QuorumPartition[]};

export const METADATA_TOPIC = '__cluster_metadata';

const readReplica = (r: Reader, version: number): QuorumReplica => {
	const replicaId = r.int32();
	const logEndOffset = r.int64();
	if (version >= 1) {
		r.int64(); // LastFetchTimestamp
		r.int64(); // LastCaughtUpTimestamp
	}
	r.taggedFields();
	return {replicaId, logEndOffset};
};

export const describeQuorum: RawApi<Record<string, never>, DescribeQuorumResponse> = {
	apiKey: 55,
	apiName: 'DescribeQuorum',
	minVersion: 0,
	// Version 2 only adds endpoints and error messages; 1 is what 3.3+ and 4.x all speak.
	maxVersion: 1,
	encode(_request, _version, w) {
		w.compactArray([METADATA_TOPIC], (topic, w) => {
			w.compactString(topic);
			w.compactArray([0], (partition, w) => w.int32(partition).emptyTaggedFields());
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	decode(r, version) {
		const errorCode = r.int16();
		const partitions: QuorumPartition[] = [];
		r.compactArray(r => {
			r.compactString(); // TopicName
			r.compactArray(r => {
				const partition = r.int32();
				const partitionErrorCode = r.int16();
				const leaderId = r.int32();
				const leaderEpoch = r.int32();
				const highWatermark = r.int64();
				const voters = r.compactArray(r => readReplica(r, version));
				const observers = r.compactArray(r => readReplica(r, version));
				r.taggedFields();
				partitions.push({
					partition,
					errorCode: partitionErrorCode,
					leaderId,
					leaderEpoch,
					highWatermark,
					voters,
					observers,
				});
			});
			r.taggedFields();
		});
		return {errorCode, partitions};
	},
};
