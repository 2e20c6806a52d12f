import type {GroupLag} from '../kafka/types.js';
import {age} from './age.js';

// Will a consumer group catch up, and when? From offsets sampled over time, per partition: how fast the group
// consumes (its committed offset moving) and how fast producers write (the log-end offset moving), over a sliding
// window long enough to smooth commits that come in bursts. The time to clear a partition's lag is
// lag / (consume - produce) while the group gains on the log; the group's is its slowest partition's, because skew
// decides and not the average. It is an estimate (said with ~), and whatever makes a number one we cannot stand
// behind (too few samples, a rewind or reset, a rebalance) is said in words instead. Pure: shared by the groups
// view and `kex lag --sample`.

export type OffsetSample = {at: number; committed: number | null; logEnd: number};

/** How far back the rates look; a view younger than this uses what it has. */
export const RATE_WINDOW_MS = 60_000;
/** A consumer this close to the newest message (in seconds of what arrives) that reads as fast keeps pace. */
export const KEEPING_PACE_S = 5;
/** Samples needed, at the least, for a rate. */
export const MIN_RATE_SAMPLES = 2;

export type Rates = {
	/** Messages a second the committed offset moved. */
	consume: number;
	/** Messages a second the log-end offset moved. */
	produce: number;
	samples: number;
	spanMs: number;
};

export type RatesResult = {ok: true; rates: Rates} | {ok: false; why: string};

/** The rates over the window ending at the newest sample (oldest first in `samples`). */
export const partitionRates = (samples: OffsetSample[], windowMs = RATE_WINDOW_MS): RatesResult => {
	const last = samples.at(-1);
	if (!last) return {ok: false, why: 'no samples yet'};
	const window = samples.filter(s => s.at >= last.at - windowMs);
	if (window.length < MIN_RATE_SAMPLES) return {ok: false, why: `one sample so far: a rate needs ${MIN_RATE_SAMPLES}`};
	const first = window[0]!;
	if (last.committed === null || first.committed === null) return {ok: false, why: 'never committed'};
	for (let i = 1; i < window.length; i++) {
		const a = window[i - 1]!;
		const b = window[i]!;
		if (a.committed !== null && b.committed !== null && b.committed < a.committed)
			return {ok: false, why: 'the committed offset went back (a reset or a rewind): no rate until it settles'};
		if (b.logEnd < a.logEnd) return {ok: false, why: 'the log end went back (the partition was truncated)'};
	}
	const spanMs = last.at - first.at;
	if (spanMs <= 0) return {ok: false, why: 'the samples are all at one time'};
	return {
		ok: true,
		rates: {
			consume: ((last.committed - first.committed) * 1000) / spanMs,
			produce: ((last.logEnd - first.logEnd) * 1000) / spanMs,
			samples: window.length,
			spanMs,
		},
	};
};

export type Clearing =
	| {kind: 'caught-up'}
	| {kind: 'keeping-pace'; rates: Rates}
	| {kind: 'clears'; ms: number; rates: Rates}
	| {kind: 'falling-behind'; perSecond: number; rates: Rates}
	| {kind: 'no-consumer'}
	| {kind: 'unknown'; why: string};

/** States in which a group's members and assignments are changing: no rate means anything then. */
const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Reconciling', 'Assigning']);

/** One partition: when its lag clears at the present rates, or why that cannot be said. */
export const partitionClearing = (
	lag: number | null,
	samples: OffsetSample[],
	group: {members: number; state: string},
	windowMs = RATE_WINDOW_MS,
): Clearing => {
	if (lag === null) return {kind: 'unknown', why: 'never committed'};
	if (lag <= 0) return {kind: 'caught-up'};
	if (REBALANCING.has(group.state)) return {kind: 'unknown', why: `the group is rebalancing (${group.state})`};
	const measured = partitionRates(samples, windowMs);
	if (!measured.ok) return {kind: 'unknown', why: measured.why};
	const {rates} = measured;
	if (rates.consume === 0 && group.members === 0) return {kind: 'no-consumer'};
	const gain = rates.consume - rates.produce;
	// Reading as fast as messages arrive (to within what sampling cannot tell apart) and within a few seconds of the
	// newest: that lag is what is in flight between a write and the next commit, not a backlog to clear (a "time to
	// clear" of 2 messages at a gain of 0.07/s would be noise), and nothing is lost.
	const asFast = rates.consume > 0 && Math.abs(gain) <= Math.max(0.5, rates.produce * 0.05);
	if (asFast && lag <= Math.max(1, rates.produce * KEEPING_PACE_S)) return {kind: 'keeping-pace', rates};
	if (gain > 0) return {kind: 'clears', ms: (lag / gain) * 1000, rates};
	return {kind: 'falling-behind', perSecond: -gain, rates};
};

const ORDER: Record<Clearing['kind'], number> = {
	'caught-up': 0,
	'keeping-pace': 0.5,
	clears: 1,
	unknown: 2,
	'falling-behind': 3,
	'no-consumer': 4,
};

/**
 * The group: its slowest partition decides. A partition that falls behind or has no consumer makes the whole group
 * so; among partitions that clear, the longest time; a partition whose estimate is unknown makes the group unknown
 * unless another already says worse.
 */
export const groupClearing = <P>(
	partitions: Array<{key: P; clearing: Clearing}>,
): {key: P | null; clearing: Clearing} => {
	let worst: {key: P | null; clearing: Clearing} = {key: null, clearing: {kind: 'caught-up'}};
	for (const p of partitions) {
		const a = ORDER[p.clearing.kind];
		const b = ORDER[worst.clearing.kind];
		const longer =
			p.clearing.kind === 'clears' && worst.clearing.kind === 'clears' && p.clearing.ms > worst.clearing.ms;
		const faster =
			p.clearing.kind === 'falling-behind' &&
			worst.clearing.kind === 'falling-behind' &&
			p.clearing.perSecond > worst.clearing.perSecond;
		if (a > b || longer || faster) worst = p;
	}
	return worst;
};

/** The rates an estimate rests on, when it rests on any. */
export const ratesOf = (c: Clearing): Rates | null =>
	c.kind === 'clears' || c.kind === 'falling-behind' || c.kind === 'keeping-pace' ? c.rates : null;

/** Every partition of a group with when it clears, and the group's: its slowest partition's, which is named. */
export const groupClearingOf = (
	lag: GroupLag,
	samplesOf: (topic: string, partition: number) => OffsetSample[],
	windowMs = RATE_WINDOW_MS,
) => {
	const group = {members: lag.group.members.length, state: lag.group.state};
	const partitions = lag.partitions.map(p => ({
		partition: p,
		clearing: partitionClearing(p.lag, samplesOf(p.topic, p.partition), group, windowMs),
	}));
	const slowest = groupClearing(partitions.map(p => ({key: p.partition, clearing: p.clearing})));
	return {partitions, group: slowest.clearing, slowest: slowest.key};
};

/** A rate in messages a second: whole above ten, one decimal below. */
export const rateText = (n: number) => (n >= 10 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

/** At most nine characters, for a column: "~4m10s", "behind", "no reader", "caught up", "…". */
export const clearingShort = (c: Clearing): string =>
	c.kind === 'caught-up'
		? 'caught up'
		: c.kind === 'keeping-pace'
			? 'keeps up'
			: c.kind === 'clears'
				? `~${age(c.ms)}`
				: c.kind === 'falling-behind'
					? 'behind'
					: c.kind === 'no-consumer'
						? 'no reader'
						: '…';

/**
 * In words, with what it rests on; the partition that decides, when given, named before the rates (so that a
 * narrow screen cuts the rates, not the partition).
 */
export const clearingText = (c: Clearing, decidedBy?: {topic: string; partition: number} | null): string => {
	const by = decidedBy && c.kind !== 'caught-up' ? `, set by ${decidedBy.topic}/${decidedBy.partition}` : '';
	const rates = ratesOf(c);
	const basis = rates
		? ` (consuming ${rateText(rates.consume)}/s, producing ${rateText(rates.produce)}/s, from ${rates.samples} samples over ${age(rates.spanMs)})`
		: '';
	const headline =
		c.kind === 'caught-up'
			? 'caught up'
			: c.kind === 'keeping-pace'
				? 'keeping pace: reads as fast as messages arrive, within seconds of the newest'
				: c.kind === 'clears'
					? `clears in ~${age(c.ms)}`
					: c.kind === 'falling-behind'
						? `falling behind at ${rateText(c.perSecond)} msg/s`
						: c.kind === 'no-consumer'
							? 'no consumer: nobody reads, the lag stays'
							: `no estimate: ${c.why}`;
	return `${headline}${by}${basis}`;
};
