import type {GroupLag} from '../kafka/types.js';
import {groupClearingOf, RATE_WINDOW_MS, ratesOf, type Clearing} from '../shared/catch-up.js';

// `kex lag --sample` and `--watch`: the group's lag sampled over time, with each partition's rates and the time to
// clear, for scripts (JSON) and for people without the TUI. The numbers are the groups view's (shared/catch-up.ts).

export type Sampled = {at: number; lag: GroupLag};

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
	const offsets = (topic: string, partition: number) =>
		samples.flatMap(s => {
			const at = s.lag.partitions.find(q => q.topic === topic && q.partition === partition);
			return at ? [{at: s.at, committed: at.committedOffset, logEnd: at.logEndOffset}] : [];
		});
	return {at: latest.at, lag: latest.lag, samples: samples.length, ...groupClearingOf(latest.lag, offsets, windowMs)};
};

export type LagReport = ReturnType<typeof lagReport>;

export const reportJson = (r: LagReport) => ({
	at: new Date(r.at).toISOString(),
	...r.lag,
	partitions: r.partitions.map(({partition, clearing}) => ({
		...partition,
		consumeRate: ratesOf(clearing)?.consume ?? null,
		produceRate: ratesOf(clearing)?.produce ?? null,
		timeToClear: clearingJson(clearing),
	})),
	timeToClear: {
		...clearingJson(r.group),
		partition: r.slowest ? {topic: r.slowest.topic, partition: r.slowest.partition} : null,
	},
	samples: r.samples,
});
