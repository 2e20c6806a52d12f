import type {PartitionInfo, TopicOverview, TopicSummary} from './types.js';

/** What a topic's partitions add up to; shared by `topics()` and the snapshot so both count the same way. */
export const summarizeTopic = (name: string, internal: boolean, partitions: PartitionInfo[]): TopicSummary => {
	const {partitions: _, ...summary} = overviewOf(name, internal, partitions);
	return summary;
};

/**
 * The topic with its partitions and what they add up to. One pass and one object: made for thousands of topics on
 * every refresh, and for the explorer's first frame.
 */
export const overviewOf = (name: string, internal: boolean, partitions: PartitionInfo[]): TopicOverview => {
	let approx: number | null = 0;
	let replicationFactor = 0;
	let underReplicated = 0;
	let offline = 0;
	for (const p of partitions) {
		if (p.lowWatermark === null || p.highWatermark === null) approx = null;
		else if (approx !== null && p.highWatermark >= p.lowWatermark) approx += p.highWatermark - p.lowWatermark;
		if (p.replicas.length > replicationFactor) replicationFactor = p.replicas.length;
		if (p.isr.length < p.replicas.length) underReplicated++;
		if (p.leader < 0) offline++;
	}
	return {
		name,
		internal,
		partitionCount: partitions.length,
		replicationFactor,
		underReplicatedPartitions: underReplicated,
		offlinePartitions: offline,
		approxMessageCount: approx,
		partitions,
	};
};
