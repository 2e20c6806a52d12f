import type {GroupLagResult} from '../../kafka/types.js';
import {estimateTimeLag, partitionKey, type History, type TimeLag} from '../groups/lag-history.js';

// Who reads each topic, from the batched groups round the groups view uses: how many groups, the largest lag among
// them (a group's lag on the topic is the sum over its partitions), and, where the samples tell, that group's lag in
// time (how old the oldest message it has not read is). Pure.

export type TopicReaders = {groups: number; maxLag: number; timeLag: TimeLag};

export const topicReaders = (
	results: GroupLagResult[] | null,
	history: History,
	now: number,
): Map<string, TopicReaders> => {
	const out = new Map<string, TopicReaders>();
	for (const r of results ?? []) {
		if (!r.ok) continue;
		const byTopic = new Map<string, {lag: number; time: TimeLag}>();
		for (const p of r.lag.partitions) {
			const seen = byTopic.get(p.topic) ?? {lag: 0, time: {kind: 'caught-up'} as TimeLag};
			seen.lag += p.lag ?? 0;
			if (p.committedOffset !== null && (p.lag ?? 0) > 0) {
				const t = estimateTimeLag(
					p.committedOffset,
					history.logEnds.get(partitionKey(p.topic, p.partition)) ?? [],
					now,
				);
				if ('ms' in t && (!('ms' in seen.time) || t.ms > seen.time.ms)) seen.time = t;
				else if (t.kind === 'unknown' && seen.time.kind === 'caught-up') seen.time = t;
			}
			byTopic.set(p.topic, seen);
		}
		for (const [topic, {lag, time}] of byTopic) {
			const current = out.get(topic);
			if (!current) out.set(topic, {groups: 1, maxLag: lag, timeLag: time});
			else {
				current.groups += 1;
				if (lag > current.maxLag) {
					current.maxLag = lag;
					current.timeLag = time;
				}
			}
		}
	}
	return out;
};
