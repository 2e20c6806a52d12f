import {Box, Text} from 'ink';
import type {GroupLag, PartitionLag} from '../../kafka/types.js';
import {HEALTH_COLOR, STATE_COLOR} from './groups-pane.js';
import {Table, type Column} from '../kit/table.js';
import {age, count} from '../kit/format.js';
import type {ListPosition} from '../kit/list-window.js';
import {resolveIndex, visibleOffset} from '../kit/list-window.js';
import {fit, rule} from '../kit/text-fit.js';
import {
	clearingOf,
	estimateTimeLag,
	groupHealth,
	partitionKey,
	sparkline,
	trend,
	type History,
	type Verdict,
} from './lag-history.js';
import {timeLagText} from './group-rows.js';
import {clearingShort, clearingText, groupClearing, ratesOf, rateText, type Clearing} from '../../shared/catch-up.js';

type Row = PartitionLag & {key: string; timeText: string; timeMs: number | null; verdict: Verdict; clearing: Clearing};

const perSecond = (c: Clearing, which: 'consume' | 'produce') => {
	const rates = ratesOf(c);
	return rates ? rateText(rates[which]) : {text: '-', dim: true};
};

const COLUMNS: Column<Row>[] = [
	// Fits 80 columns up to the health; a wider terminal adds both rates and gives the rest to the topic and owner.
	{title: 'TOPIC', width: 'flex', minWidth: 10, cell: p => p.topic},
	{title: 'P', width: 3, align: 'right', cell: p => String(p.partition)},
	{
		title: 'COMMITTED',
		width: 9,
		align: 'right',
		cell: p => (p.committedOffset === null ? {text: 'none', color: 'yellow'} : count(p.committedOffset)),
	},
	{title: 'LOG-END', width: 9, align: 'right', cell: p => count(p.logEndOffset)},
	{title: 'LAG', width: 8, align: 'right', cell: p => (p.lag === null ? {text: 'n/a', color: 'yellow'} : count(p.lag))},
	{title: 'LAG TIME', width: 8, align: 'right', cell: p => p.timeText},
	{title: 'CLEARS', width: 9, align: 'right', cell: p => clearingShort(p.clearing)},
	{
		title: 'OWNER',
		width: 'flex',
		minWidth: 8,
		cell: p => (p.owner ? `${p.owner.clientId}@${p.owner.host}` : {text: '-', dim: true}),
	},
	{
		title: 'HEALTH',
		width: 6,
		cell: p => ({text: p.verdict.health === 'UNKNOWN' ? '…' : p.verdict.health, color: HEALTH_COLOR[p.verdict.health]}),
	},
	{title: 'CONSUME/s', width: 9, align: 'right', cell: p => perSecond(p.clearing, 'consume')},
	{title: 'PRODUCE/s', width: 9, align: 'right', cell: p => perSecond(p.clearing, 'produce')},
];

export const detailRows = (lag: GroupLag, history: History, times: Map<string, number>, now: number): Row[] => {
	const {partitions} = groupHealth(history, lag);
	const clearing = new Map(
		clearingOf(history, lag).partitions.map(c => [partitionKey(c.partition.topic, c.partition.partition), c.clearing]),
	);
	return lag.partitions.map(p => {
		const key = partitionKey(p.topic, p.partition);
		const exact = times.get(key);
		const estimate =
			p.committedOffset === null ? null : estimateTimeLag(p.committedOffset, history.logEnds.get(key) ?? [], now);
		const timeMs =
			p.committedOffset === null || (p.lag ?? 0) <= 0
				? null
				: exact !== undefined
					? now - exact
					: estimate && 'ms' in estimate
						? estimate.ms
						: null;
		const timeText =
			p.committedOffset === null
				? '-'
				: (p.lag ?? 0) <= 0
					? '0s'
					: exact !== undefined
						? age(now - exact)
						: timeLagText(estimate!);
		return {
			...p,
			key,
			timeText,
			timeMs,
			verdict: partitions.get(key) ?? {health: 'UNKNOWN', why: ''},
			clearing: clearing.get(key) ?? {kind: 'unknown', why: 'no samples yet'},
		};
	});
};

/** Rows of the partitions table and of the members list, for the view and for paging through it. */
export const detailLayout = (memberCount: number, height: number) => {
	const memberLines = Math.min(memberCount, Math.max(1, Math.floor(height / 5)));
	// Title, four header lines, two of health, the table's header, the members' title.
	return {memberLines, tableHeight: Math.max(1, height - 1 - 4 - 2 - 1 - 1 - memberLines)};
};

export type GroupDetailProps = {
	lag: GroupLag;
	rows: Row[];
	history: History;
	position: ListPosition;
	width: number;
	height: number;
	now: number;
};

export const GroupDetail = ({lag, rows, history, position, width, height, now}: GroupDetailProps) => {
	const {group} = lag;
	const health = groupHealth(history, lag).group;
	const lags = (history.groups.get(group.groupId) ?? []).map(s => s.totalLag);
	const t = trend(lags);
	const oldestMs = rows.reduce((max, r) => Math.max(max, r.timeMs ?? 0), 0);
	const oldest = oldestMs > 0 ? age(oldestMs) : '0s';
	const members = group.members.map(
		m => `${m.clientId}@${m.host}${m.instanceId ? ` (${m.instanceId})` : ''}: ${summarize(m.assignment)}`,
	);
	const head = [
		`${group.type === 'consumer' ? 'consumer protocol (KIP-848)' : `classic protocol${group.protocolType ? ` (${group.protocolType})` : ''}`}${group.assignor ? `, assignor ${group.assignor}` : ''}, coordinator ${group.coordinatorId}, ${group.members.length} member(s)`,
		`total lag ${count(lag.totalLag)}${lag.partitionsWithoutCommit > 0 ? ` (+${lag.partitionsWithoutCommit} partition(s) never committed, not counted)` : ''}; oldest unconsumed ${oldest}${lag.deletedTopics?.length ? `; topics deleted: ${lag.deletedTopics.join(', ')}` : ''}`,
		`trend ${sparkline(lags, Math.max(10, Math.min(40, width - 40)))} ${t}${lags.length > 0 ? ` over ${lags.length} sample(s) since ${age(now - (history.groups.get(group.groupId)?.[0]?.at ?? now))} ago` : ''}`,
	];
	const {memberLines, tableHeight} = detailLayout(group.members.length, height);
	const selected = resolveIndex(
		position,
		rows.map(r => r.key),
	);
	const focusedRow = rows[selected];
	// When the lag clears: the slowest partition's estimate decides, and is named; the focused one's beside it.
	const clears = groupClearing(rows.map(r => ({key: r, clearing: r.clearing})));
	const focusedClearing =
		focusedRow && focusedRow !== clears.key && focusedRow.clearing.kind !== 'caught-up'
			? `; this partition: ${clearingText(focusedRow.clearing)}`
			: '';
	head.push(`time to clear: ${clearingText(clears.clearing, clears.key)}${focusedClearing}`);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text color="cyan" bold wrap="truncate">
				{rule(`group ${group.groupId}`, width)}
			</Text>
			<Text wrap="truncate">
				<Text color={STATE_COLOR[group.state]}>{group.state}</Text>
				{fit(`  ${head[0]}`, width - group.state.length)}
			</Text>
			{head.slice(1).map((line, i) => (
				<Text key={i} wrap="truncate">
					{fit(line, width)}
				</Text>
			))}
			<Box height={2} width={width} overflow="hidden">
				<Text wrap="wrap">
					<Text color={HEALTH_COLOR[health.health]} bold>
						{health.health === 'UNKNOWN' ? 'health: …' : `health ${health.health}`}
					</Text>
					{`  ${focusedRow && focusedRow.verdict.health !== health.health ? `group: ${health.why}; this partition: ${focusedRow.verdict.why}` : health.why}`}
				</Text>
			</Box>
			<Table
				columns={COLUMNS}
				rows={rows}
				selected={selected}
				offset={visibleOffset(position.offset, selected, tableHeight, rows.length)}
				height={tableHeight}
				width={width}
				focused
				empty="no partitions: the group has no offsets and no assignment"
			/>
			<Text dimColor wrap="truncate">
				{fit(`members (${group.members.length}): Enter on a partition opens the viewer at its committed offset`, width)}
			</Text>
			{members.slice(0, memberLines).map((line, i) => (
				<Text key={i} wrap="truncate">
					{fit(`  ${line}`, width)}
				</Text>
			))}
		</Box>
	);
};

const summarize = (assignment: Array<{topic: string; partition: number}>) => {
	const byTopic = new Map<string, number[]>();
	for (const a of assignment) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), a.partition]);
	return [...byTopic].map(([t, ps]) => `${t}[${ps.sort((a, b) => a - b).join(',')}]`).join(' ') || 'nothing assigned';
};
