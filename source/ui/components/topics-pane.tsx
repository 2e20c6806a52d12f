import type {TopicRow} from '../explorer-lists.js';
import {count} from '../format.js';
import {PANE_CHROME} from '../layout.js';
import {resolveIndex, visibleOffset} from '../state/list-window.js';
import {listTitle, type ListPaneProps} from './brokers-pane.js';
import {marked} from './change-mark.js';
import {Pane} from './pane.js';
import {Table, type Column} from './table.js';

const COLUMNS: Column<TopicRow>[] = [
	{title: 'TOPIC', width: 'flex', minWidth: 16, cell: t => (t.internal ? {text: t.name, dim: true} : t.name)},
	{title: 'PARTS', width: 5, align: 'right', cell: t => String(t.partitionCount)},
	{title: 'RF', width: 3, align: 'right', cell: t => String(t.replicationFactor)},
	{
		title: 'URP',
		width: 5,
		align: 'right',
		cell: t => marked(String(t.underReplicatedPartitions), t.urpChange, t.underReplicatedPartitions > 0 ? 'red' : undefined),
	},
	{title: 'OFFLN', width: 5, align: 'right', cell: t => (t.offlinePartitions > 0 ? {text: String(t.offlinePartitions), color: 'red'} : '0')},
	{title: 'MESSAGES~', width: 14, align: 'right', cell: t => marked(count(t.approxMessageCount), t.messagesChange)},
];

export const TopicsPane = ({list, position, filter, focused, stale, box, showInternal}: ListPaneProps<TopicRow> & {showInternal: boolean}) => {
	const height = box.height - PANE_CHROME;
	const selected = resolveIndex(position, list.keys);
	return (
		<Pane
			title={`${listTitle('topics', list)}${showInternal ? ' +internal' : ''}`}
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
				empty={filter ? 'no topic matches the filter (Esc clears it)' : 'no topics'}
			/>
		</Pane>
	);
};
