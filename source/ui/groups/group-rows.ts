import type {GroupLagResult} from '../../kafka/types.js';
import {age} from '../kit/format.js';
import type {Clearing} from '../../shared/catch-up.js';
import {
	clearingOf,
	groupHealth,
	groupTimeLag,
	sparkline,
	trend,
	type History,
	type TimeLag,
	type Trend,
	type Verdict,
} from './lag-history.js';

// The rows of the groups list: one per group, with what the history adds (lag in time, trend, health).

export type GroupRow = {
	key: string;
	groupId: string;
	type: string;
	state: string;
	members: number;
	topics: string[];
	totalLag: number | null;
	withoutCommit: number;
	timeLag: TimeLag;
	trend: Trend;
	spark: string;
	health: Verdict;
	/** When the lag clears at the rates sampled: the slowest partition's estimate. */
	clearing: Clearing;
	error: string | null;
};

// A bound under a second is what a view just opened knows of any lag ("≥0s"): it says nothing yet.
export const timeLagText = (t: TimeLag): string =>
	t.kind === 'caught-up'
		? '0s'
		: t.kind === 'estimate'
			? `~${age(t.ms)}`
			: t.kind === 'at-least'
				? t.ms < 1000
					? '…'
					: `≥${age(t.ms)}`
				: '-';

export const groupRows = (results: GroupLagResult[], history: History, now: number): GroupRow[] =>
	results.map(r => {
		if (!r.ok) {
			return {
				key: r.groupId,
				groupId: r.groupId,
				type: '?',
				state: 'error',
				members: 0,
				topics: [],
				totalLag: null,
				withoutCommit: 0,
				timeLag: {kind: 'unknown'},
				trend: 'unknown',
				spark: '',
				health: {health: 'UNKNOWN', why: r.error},
				clearing: {kind: 'unknown', why: r.error},
				error: r.error,
			};
		}
		const {lag} = r;
		const lags = (history.groups.get(lag.group.groupId) ?? []).map(s => s.totalLag);
		return {
			key: lag.group.groupId,
			groupId: lag.group.groupId,
			type: lag.group.type,
			state: lag.group.state,
			members: lag.group.members.length,
			topics: [...new Set(lag.partitions.map(p => p.topic))].sort(),
			totalLag: lag.totalLag,
			withoutCommit: lag.partitionsWithoutCommit,
			timeLag: groupTimeLag(history, lag, now),
			trend: trend(lags),
			spark: sparkline(lags, 6),
			health: groupHealth(history, lag).group,
			clearing: clearingOf(history, lag).group,
			error: null,
		};
	});

export type GroupSort = 'name' | 'lag';

export const sortRows = (rows: GroupRow[], sort: GroupSort): GroupRow[] =>
	sort === 'name'
		? [...rows].sort((a, b) => a.groupId.localeCompare(b.groupId))
		: [...rows].sort((a, b) => (b.totalLag ?? -1) - (a.totalLag ?? -1) || a.groupId.localeCompare(b.groupId));
