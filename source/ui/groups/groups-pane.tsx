import {clearingShort, type Clearing} from '../../shared/catch-up.js';
import {Text} from 'ink';
import {count} from '../kit/format.js';
import {fit} from '../kit/text-fit.js';
import {timeLagText, type GroupRow, type GroupSort} from './group-rows.js';
import {ListPane, type ListPaneProps} from '../kit/list-pane.js';
import type {Column} from '../kit/table.js';

export const STATE_COLOR: Record<string, string> = {
	Stable: 'green',
	Empty: 'yellow',
	Dead: 'red',
	error: 'red',
	PreparingRebalance: 'yellow',
	CompletingRebalance: 'yellow',
	Reconciling: 'yellow',
	Assigning: 'yellow',
};
export const HEALTH_COLOR: Record<string, string> = {
	OK: 'green',
	WARN: 'yellow',
	STALL: 'red',
	STOP: 'red',
	REWIND: 'magenta',
	UNKNOWN: 'gray',
};
const LEGEND =
	'LAG TIME ~ estimated from log-end offsets sampled while this view is open, ≥ older than the first sample; * partitions never committed; s sorts, Enter opens';
// What an 80-column terminal has room for: the marks, without the how.
const SHORT_LEGEND = 'LAG TIME ~ estimated, ≥ at least that; * partitions never committed';

const TREND_MARK = {growing: '↑', shrinking: '↓', flat: '→', unknown: ' '};

const CLEARING_COLOR: Record<Clearing['kind'], string | undefined> = {
	'caught-up': 'green',
	'keeping-pace': 'green',
	clears: undefined,
	'falling-behind': 'yellow',
	'no-consumer': 'red',
	unknown: 'gray',
};

const COLUMNS: Column<GroupRow>[] = [
	// Fits 80 columns with every column but the trend; a wide terminal gives the rest to the group name.
	{title: 'GROUP', width: 'flex', minWidth: 10, cell: g => g.groupId},
	{title: 'PROTOCOL', width: 8, cell: g => g.type},
	{title: 'STATE', width: 9, cell: g => ({text: g.state, color: STATE_COLOR[g.state]})},
	{title: 'MEMB', width: 4, align: 'right', cell: g => String(g.members)},
	{
		title: 'TOPICS',
		width: 'flex',
		minWidth: 10,
		cell: g => (g.error ? {text: g.error, color: 'red'} : g.topics.join(',') || '-'),
	},
	{
		title: 'LAG',
		width: 9,
		align: 'right',
		cell: g => (g.totalLag === null ? '?' : `${count(g.totalLag)}${g.withoutCommit > 0 ? '*' : ''}`),
	},
	{title: 'LAG T', width: 7, align: 'right', cell: g => timeLagText(g.timeLag)},
	{
		title: 'CLEARS',
		width: 9,
		align: 'right',
		cell: g => ({text: clearingShort(g.clearing), color: CLEARING_COLOR[g.clearing.kind]}),
	},
	{
		title: 'HEALTH',
		width: 6,
		cell: g => ({text: g.health.health === 'UNKNOWN' ? '…' : g.health.health, color: HEALTH_COLOR[g.health.health]}),
	},
	// Last, so that it is the column a narrow terminal lets go (the detail has the trend too).
	{
		title: 'TREND',
		width: 8,
		cell: g => ({
			text: `${g.spark.padStart(6)} ${TREND_MARK[g.trend]}`,
			color: g.trend === 'growing' ? 'yellow' : g.trend === 'shrinking' ? 'green' : undefined,
		}),
	},
];

export type GroupsPaneProps = ListPaneProps<GroupRow> & {loading: boolean; sort: GroupSort; topic: string | null};

export const GroupsPane = ({loading, sort, topic, ...props}: GroupsPaneProps) => (
	<ListPane
		{...props}
		name="groups"
		detail={`${topic ? `reading ${topic} ` : ''} sorted by ${sort}`}
		columns={COLUMNS}
		empty={
			loading
				? 'loading groups and their lag ...'
				: props.filter
					? 'no group matches'
					: topic
						? `no group reads ${topic}; Esc lists every group`
						: 'no consumer groups'
		}
		footer={
			<Text dimColor wrap="truncate">
				{fit(LEGEND.length <= props.box.width ? LEGEND : SHORT_LEGEND, props.box.width)}
			</Text>
		}
	/>
);
