import type {MetadataResponse} from './protocol/metadata.js';
import type {Watermarks} from './offsets.js';
import type {PartitionInfo, TopicOverview} from './types.js';

// A refresh of thousands of topics mostly finds them as they were. Handing back the last refresh's objects for
// those keeps what is kept small (the previous snapshot and the new one share them) and lets the UI skip them, and
// nothing new is made for a topic that did not change: V8 would carry it into the old generation, since a snapshot
// lives for a whole refresh interval.

type TopicMetadata = MetadataResponse['topicMetadata'][number];
type PartitionMetadata = TopicMetadata['partitionMetadata'][number];

const sameIds = (a: number[], b: number[]) => {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
};

const samePartition = (old: PartitionInfo | undefined, p: PartitionMetadata, marks: Watermarks, topic: string) => {
	if (!old || old.partition !== p.partitionId || old.leader !== p.leader) return false;
	if (!sameIds(old.replicas, p.replicas) || !sameIds(old.isr, p.isr)) return false;
	if (!sameIds(old.offlineReplicas, p.offlineReplicas ?? [])) return false;
	const mark = marks.lookup(topic, p.partitionId);
	const stable = mark && mark.stable >= 0 ? mark.stable : undefined;
	return (
		old.lowWatermark === (mark?.low ?? null) &&
		old.highWatermark === (mark?.high ?? null) &&
		old.lastStableOffset === stable
	);
};

/** The last refresh's topic when nothing about it changed: its partitions, their leaders, replicas and watermarks. */
export const unchangedTopic = (
	old: TopicOverview | undefined,
	t: TopicMetadata,
	marks: Watermarks,
): TopicOverview | undefined => {
	if (!old || old.internal !== t.isInternal || old.partitions.length !== t.partitionMetadata.length) return undefined;
	for (const p of t.partitionMetadata) {
		if (!samePartition(old.partitions[p.partitionId], p, marks, t.topic)) return undefined;
	}
	return old;
};

/** The last refresh's list itself when every topic in it came back unchanged and in the same order. */
export const unchangedList = (old: TopicOverview[] | undefined, topics: TopicOverview[]) => {
	if (!old || old.length !== topics.length) return topics;
	for (let i = 0; i < topics.length; i++) if (old[i] !== topics[i]) return topics;
	return old;
};
