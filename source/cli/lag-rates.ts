import type {GroupLag} from '../kafka/types.js';
import {groupClearing, partitionClearing, RATE_WINDOW_MS, type Clearing} from '../shared/catch-up.js';

// `kex lag --sample` and `--watch`: the group's lag sampled over time, with each partition's rates and the time to
// clear, for scripts (JSON) and for people without the TUI. The numbers are the groups view's (shared/catch-up.ts).

export type Sampled = {at: number; lag: GroupLag};

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** A clearing as JSON: the kind, and what belongs to it. */
export const clearingJson = (c: Clearing) => ({
	kind: c.kind,
	...(c.kind === 'clears' ? {ms: Math.round(c.ms), estimate: true} : {}),
	...(c.kind === 'falling-behind' ? {perSecond: c.perSecond} : {}),
	...(c.kind === 'unknown' ? {why: c.why} : {}),
});

/** The newest sample, with per partition the rates over the window and when its lag clears, and the group's. */
export const lagReport = (samples: Sampled[], windowMs = RATE_WINDOW_MS) => {
	const latest = samples.at(-1)!;
	const {lag} = latest;
	const group = {members: lag.group.members.length, state: lag.group.state};
	const partitions = lag.partitions.map(p => {
		const k = key(p.topic, p.partition);
		const offsets = samples.flatMap(s => {
			const at = s.lag.partitions.find(q => key(q.topic, q.partition) === k);
			return at ? [{at: s.at, committed: at.committedOffset, logEnd: at.logEndOffset}] : [];
		});
		const clearing = partitionClearing(p.lag, offsets, group, windowMs);
		const rates = clearing.kind === 'clears' || clearing.kind === 'falling-behind' ? clearing.rates : null;
		return {partition: p, clearing, rates};
	});
	const slowest = groupClearing(partitions.map(p => ({key: p.partition, clearing: p.clearing})));
	return {at: latest.at, lag, partitions, group: slowest.clearing, slowest: slowest.key, samples: samples.length};
};

export type LagReport = ReturnType<typeof lagReport>;

export const reportJson = (r: LagReport) => ({
	at: new Date(r.at).toISOString(),
	...r.lag,
	partitions: r.partitions.map(({partition, clearing, rates}) => ({
		...partition,
		consumeRate: rates?.consume ?? null,
		produceRate: rates?.produce ?? null,
		timeToClear: clearingJson(clearing),
	})),
	timeToClear: {
		...clearingJson(r.group),
		partition: r.slowest ? {topic: r.slowest.topic, partition: r.slowest.partition} : null,
	},
	samples: r.samples,
});
