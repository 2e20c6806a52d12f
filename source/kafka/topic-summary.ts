import type {PartitionInfo, TopicSummary} from './types.js';

/** What a topic's partitions add up to; shared by `topics()` and the snapshot so both count the same way. */
export const summarizeTopic = (name: string, internal: boolean, partitions: PartitionInfo[]): TopicSummary => {
	let approx: number | null = 0;
	for (const p of partitions) {
		if (p.lowWatermark === null || p.highWatermark === null) approx = null;
		else if (approx !== null && p.highWatermark >= p.lowWatermark) approx += p.highWatermark - p.lowWatermark;
	}
	return {
		name,
		internal,
		partitionCount: partitions.length,
		replicationFactor: Math.max(0, ...partitions.map(p => p.replicas.length)),
		underReplicatedPartitions: partitions.filter(p => p.isr.length < p.replicas.length).length,
		offlinePartitions: partitions.filter(p => p.leader < 0).length,
		approxMessageCount: approx,
	};
};
