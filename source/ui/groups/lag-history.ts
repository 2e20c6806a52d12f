import type {GroupLag, GroupLagResult} from '../../kafka/types.js';
import {groupClearingOf} from '../../shared/catch-up.js';

// What the groups view learns by sampling: lag over time per group, committed and log-end offsets per partition.
// From it come the trend (a sparkline), lag in time estimated from when the log reached the committed offset, and
// health by the sliding-window rules Burrow made standard. Pure, so each rule is tested on made-up samples.

export type PartitionSample = {committed: number | null; logEnd: number; lag: number | null};
export type GroupSample = {
	at: number;
	totalLag: number;
	state: string;
	members: number;
	partitions: Map<string, PartitionSample>;
};

export type History = {
	groups: Map<string, GroupSample[]>;
	/** Log-end offsets seen per partition, shared by all groups that read it. */
	logEnds: Map<string, Array<{at: number; logEnd: number}>>;
};

export const MAX_SAMPLES = 120;
/** Samples the health rules look at (about a minute at the default refresh). */
export const WINDOW = 10;
/** Samples needed before a health is given. */
export const MIN_SAMPLES = 3;

export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export const emptyHistory = (): History => ({groups: new Map(), logEnds: new Map()});

const capped = <T>(list: T[], item: T) => [...list.slice(-(MAX_SAMPLES - 1)), item];

/** Adds one round of results; a new History, the old one untouched. */
export const addSamples = (history: History, results: GroupLagResult[], at: number): History => {
	const groups = new Map(history.groups);
	const logEnds = new Map(history.logEnds);
	for (const r of results) {
		if (!r.ok) continue;
		const {lag} = r;
		const partitions = new Map<string, PartitionSample>();
		for (const p of lag.partitions) {
			const key = partitionKey(p.topic, p.partition);
			partitions.set(key, {committed: p.committedOffset, logEnd: p.logEndOffset, lag: p.lag});
			const seen = logEnds.get(key) ?? [];
			if (seen.at(-1)?.at !== at) logEnds.set(key, capped(seen, {at, logEnd: p.logEndOffset}));
		}
		groups.set(
			lag.group.groupId,
			capped(groups.get(lag.group.groupId) ?? [], {
				at,
				totalLag: lag.totalLag,
				state: lag.group.state,
				members: lag.group.members.length,
				partitions,
			}),
		);
	}
	return {groups, logEnds};
};

const BARS = '▁▂▃▄▅▆▇█';

export const sparkline = (values: number[], width: number): string => {
	const shown = values.slice(-width);
	if (shown.length === 0) return '';
	const max = Math.max(...shown);
	const min = Math.min(...shown);
	return shown
		.map(v => (max === min ? BARS[max === 0 ? 0 : 3] : BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))]))
		.join('');
};

export type Trend = 'growing' | 'shrinking' | 'flat' | 'unknown';

/**
 * Over the last samples: growing or shrinking when lag moved one way in every sample, or by more than 5% overall;
 * flat otherwise.
 */
export const trend = (values: number[]): Trend => {
	const recent = values.slice(-WINDOW);
	if (recent.length < 2) return 'unknown';
	const first = recent[0]!;
	const last = recent.at(-1)!;
	if (first === last) return 'flat';
	const steady = recent.every((v, i) => i === 0 || (last > first ? v >= recent[i - 1]! : v <= recent[i - 1]!));
	if (!steady && Math.abs(last - first) <= Math.max(1, first * 0.05)) return 'flat';
	return last > first ? 'growing' : 'shrinking';
};

export type TimeLag =
	{kind: 'caught-up'} | {kind: 'estimate'; ms: number} | {kind: 'at-least'; ms: number} | {kind: 'unknown'};

/**
 * How long ago the log reached the committed offset, from log-end offsets sampled over time: that is about how old
 * the oldest message not yet consumed is. Interpolated between the two samples around it; when the committed
 * offset is older than every sample, only a lower bound is known.
 */
export const estimateTimeLag = (
	committed: number | null,
	samples: Array<{at: number; logEnd: number}>,
	now: number,
): TimeLag => {
	if (committed === null || samples.length === 0) return {kind: 'unknown'};
	const latest = samples.at(-1)!;
	if (committed >= latest.logEnd) return {kind: 'caught-up'};
	const first = samples[0]!;
	if (committed < first.logEnd) return {kind: 'at-least', ms: now - first.at};
	for (let i = samples.length - 1; i > 0; i--) {
		const after = samples[i]!;
		const before = samples[i - 1]!;
		if (before.logEnd <= committed && after.logEnd > committed) {
			const share = (committed - before.logEnd) / (after.logEnd - before.logEnd);
			return {kind: 'estimate', ms: now - (before.at + share * (after.at - before.at))};
		}
	}
	return {kind: 'at-least', ms: now - first.at};
};

export type Health = 'OK' | 'WARN' | 'STALL' | 'STOP' | 'REWIND' | 'UNKNOWN';
const SEVERITY: Health[] = ['UNKNOWN', 'OK', 'WARN', 'STALL', 'STOP', 'REWIND'];

export type Verdict = {health: Health; why: string};

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Burrow's rules on one partition's recent samples (oldest first). */
export const partitionHealth = (
	samples: Array<{at: number; p: PartitionSample | undefined; members: number}>,
): Verdict => {
	const window = samples.slice(-WINDOW).filter(s => s.p !== undefined) as Array<{
		at: number;
		p: PartitionSample;
		members: number;
	}>;
	if (window.length < MIN_SAMPLES)
		return {health: 'UNKNOWN', why: `collecting samples (${window.length} of ${MIN_SAMPLES})`};
	const span = seconds(window.at(-1)!.at - window[0]!.at);
	const last = window.at(-1)!;
	for (let i = 1; i < window.length; i++) {
		const a = window[i - 1]!.p.committed;
		const b = window[i]!.p.committed;
		if (a !== null && b !== null && b < a)
			return {health: 'REWIND', why: `the committed offset went back from ${a} to ${b}: messages will be read again`};
	}
	if (last.p.committed === null) return {health: 'UNKNOWN', why: 'never committed: no offset to judge'};
	if ((last.p.lag ?? 0) <= 0) return {health: 'OK', why: 'caught up'};
	const moved = window.some(s => s.p.committed !== window[0]!.p.committed);
	if (!moved) {
		return last.members === 0
			? {
					health: 'STOP',
					why: `no consumer: the committed offset has not moved in ${span} while ${last.p.lag} messages wait`,
				}
			: {
					health: 'STALL',
					why: `consumers are connected but the committed offset has not moved in ${span} while ${last.p.lag} messages wait`,
				};
	}
	const lags = window.map(s => s.p.lag ?? 0);
	const growing = lags.every((v, i) => i === 0 || v >= lags[i - 1]!) && lags.at(-1)! > lags[0]!;
	if (growing)
		return {
			health: 'WARN',
			why: `consuming, but lag grew in every sample, from ${lags[0]} to ${lags.at(-1)} in ${span}`,
		};
	return {health: 'OK', why: `consuming: the committed offset moved in the last ${span}`};
};

export const worst = (verdicts: Verdict[]): Verdict =>
	verdicts.length === 0
		? {health: 'UNKNOWN', why: 'no partitions'}
		: verdicts.reduce((w, v) => (SEVERITY.indexOf(v.health) > SEVERITY.indexOf(w.health) ? v : w));

/** Health of every partition of a group and of the group (its worst partition, as Burrow reports it). */
export const groupHealth = (history: History, lag: GroupLag): {group: Verdict; partitions: Map<string, Verdict>} => {
	const samples = history.groups.get(lag.group.groupId) ?? [];
	const partitions = new Map<string, Verdict>();
	for (const p of lag.partitions) {
		const key = partitionKey(p.topic, p.partition);
		partitions.set(key, partitionHealth(samples.map(s => ({at: s.at, p: s.partitions.get(key), members: s.members}))));
	}
	const judged = [...partitions.values()].filter(v => v.health !== 'UNKNOWN');
	const group = judged.length > 0 ? worst(judged) : worst([...partitions.values()]);
	return {group, partitions};
};

/** The group's lag in time in the list: the oldest estimate over its partitions. */
export const groupTimeLag = (history: History, lag: GroupLag, now: number): TimeLag => {
	let result: TimeLag = {kind: 'caught-up'};
	for (const p of lag.partitions) {
		if (p.committedOffset === null || (p.lag ?? 0) <= 0) continue;
		const t = estimateTimeLag(p.committedOffset, history.logEnds.get(partitionKey(p.topic, p.partition)) ?? [], now);
		if (t.kind === 'unknown') continue;
		if (t.kind === 'caught-up') continue;
		if (result.kind === 'caught-up' || t.ms > (result as {ms: number}).ms) result = t;
	}
	return result;
};

/** Each partition's time to clear its lag at the rates sampled, and the group's (its slowest partition's). */
export const clearingOf = (history: History, lag: GroupLag) => {
	const samples = history.groups.get(lag.group.groupId) ?? [];
	return groupClearingOf(lag, (topic, partition) => {
		const key = partitionKey(topic, partition);
		return samples.flatMap(s => {
			const at = s.partitions.get(key);
			return at ? [{at: s.at, committed: at.committed, logEnd: at.logEnd}] : [];
		});
	});
};
