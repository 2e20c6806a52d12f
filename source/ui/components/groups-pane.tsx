import {Text} from 'ink';
import {count} from '../format.js';
import {fit} from '../text-fit.js';
import {PANE_CHROME, type Box} from '../layout.js';
import type {Listed} from '../explorer-lists.js';
import {resolveIndex, visibleOffset, type ListPosition} from '../state/list-window.js';
import {timeLagText, type GroupRow, type GroupSort} from '../groups/group-rows.js';
import {listTitle} from './brokers-pane.js';
import {Pane} from './pane.js';
import {Table, type Column} from './table.js';

export const STATE_COLOR: Record<string, string> = {Stable: 'green', Empty: 'yellow', Dead: 'red', error: 'red', PreparingRebalance: 'yellow', CompletingRebalance: 'yellow', Reconciling: 'yellow', Assigning: 'yellow'};
export const HEALTH_COLOR: Record<string, string> = {OK: 'green', WARN: 'yellow', STALL: 'red', STOP: 'red', REWIND: 'magenta', UNKNOWN: 'gray'};
const LEGEND = 'LAG TIME ~ estimated from log-end offsets sampled while this view is open, ≥ older than the first sample; * partitions never committed; s sorts, Enter opens';

const TREND_MARK = {growing: '↑', shrinking: '↓', flat: '→', unknown: ' '};

const COLUMNS: Column<GroupRow>[] = [
	// Fits 80 columns with every column; a wide terminal gives the rest to the group name.
	{title: 'GROUP', width: 'flex', minWidth: 10, cell: g => g.groupId},
	{title: 'PROTOCOL', width: 8, cell: g => g.type},
	{title: 'STATE', width: 9, cell: g => ({text: g.state, color: STATE_COLOR[g.state]})},
	{title: 'MEMB', width: 4, align: 'right', cell: g => String(g.members)},
	{title: 'TOPICS', width: 10, cell: g => (g.error ? {text: g.error, color: 'red'} : g.topics.join(',') || '-')},
	{title: 'LAG', width: 9, align: 'right', cell: g => (g.totalLag === null ? '?' : `${count(g.totalLag)}${g.withoutCommit > 0 ? '*' : ''}`)},
	{title: 'LAG TIME', width: 8, align: 'right', cell: g => timeLagText(g.timeLag)},
	{title: 'TREND', width: 8, cell: g => ({text: `${g.spark.padStart(6)} ${TREND_MARK[g.trend]}`, color: g.trend === 'growing' ? 'yellow' : g.trend === 'shrinking' ? 'green' : undefined})},
	{title: 'HEALTH', width: 6, cell: g => ({text: g.health.health === 'UNKNOWN' ? '…' : g.health.health, color: HEALTH_COLOR[g.health.health]})},
];

export type GroupsPaneProps = {
	list: Listed<GroupRow>;
	position: ListPosition;
	filter: string;
	focused: boolean;
	stale: boolean;
	box: Box;
	loading: boolean;
	sort: GroupSort;
	topic: string | null;
};

export const GroupsPane = ({list, position, filter, focused, stale, box, loading, sort, topic}: GroupsPaneProps) => {
	const height = box.height - PANE_CHROME - 1;
	const selected = resolveIndex(position, list.keys);
	return (
		<Pane
			title={`${listTitle('groups', list)}${topic ? ` reading ${topic}` : ''}  sorted by ${sort}`}
			filter={filter}
			focused={focused}
			stale={stale}
			width={box.width}
			height={box.height}
		>
			<Table
				columns={COLUMNS}
				rows={list.rows}
				selected={selected}
				offset={visibleOffset(position.offset, selected, height, list.rows.length)}
				height={height}
				width={box.width}
				focused={focused}
				empty={loading ? 'loading groups and their lag ...' : filter || topic ? 'no group matches' : 'no consumer groups'}
			/>
			<Text dimColor wrap="truncate">
				{fit(LEGEND, box.width)}
			</Text>
		</Pane>
	);
};
