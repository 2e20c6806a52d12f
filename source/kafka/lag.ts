import type {GroupDescription, GroupLag, PartitionLag} from './types.js';

export type CommittedOffset = {topic: string; partition: number; offset: number; metadata: string | null};

export type LagInput = {
	group: GroupDescription;
	/** Every partition of the topics the group has committed to or is assigned. */
	partitions: Array<{topic: string; partition: number}>;
	committed: CommittedOffset[];
	watermarks: (topic: string, partition: number) => {low: number; high: number} | null;
};

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Lag per partition, from committed offsets and log-end offsets (high watermarks, as Kafka's own tool uses).
 * A partition the group never committed has no lag figure: counting it as zero or as the whole log would both lie.
 */
export const groupLag = ({group, partitions, committed, watermarks}: LagInput): GroupLag => {
	const commits = new Map<string, CommittedOffset>();
	// OffsetFetch answers -1 for a partition that has no commit.
	for (const c of committed) if (c.offset >= 0) commits.set(key(c.topic, c.partition), c);

	const owners = new Map<string, PartitionLag['owner']>();
	for (const m of group.members) {
		for (const a of m.assignment)
			owners.set(key(a.topic, a.partition), {memberId: m.memberId, clientId: m.clientId, host: m.host});
	}

	const rows: PartitionLag[] = partitions
		.map(({topic, partition}) => {
			const commit = commits.get(key(topic, partition)) ?? null;
			const mark = watermarks(topic, partition);
			const logEndOffset = mark?.high ?? -1;
			return {
				topic,
				partition,
				committedOffset: commit?.offset ?? null,
				logStartOffset: mark?.low ?? -1,
				logEndOffset,
				lag: commit && mark ? logEndOffset - commit.offset : null,
				owner: owners.get(key(topic, partition)) ?? null,
				metadata: commit?.metadata ?? null,
			};
		})
		.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);

	return {
		group,
		partitions: rows,
		totalLag: rows.reduce((sum, r) => sum + (r.lag ?? 0), 0),
		partitionsWithoutCommit: rows.filter(r => r.committedOffset === null).length,
	};
};
