import type {PartitionRow} from '../explorer-lists.js';
import {count, idList} from '../format.js';
import {PANE_CHROME} from '../layout.js';
import {resolveIndex, visibleOffset} from '../state/list-window.js';
import {listTitle, type ListPaneProps} from './brokers-pane.js';
import {marked} from './change-mark.js';
import {Pane} from './pane.js';
import {Table, type Column} from './table.js';

const messages = (p: PartitionRow) =>
	p.lowWatermark === null || p.highWatermark === null ? null : Math.max(0, p.highWatermark - p.lowWatermark);

const COLUMNS: Column<PartitionRow>[] = [
	{title: 'P', width: 4, align: 'right', cell: p => String(p.partition)},
	{title: 'LEADER', width: 6, align: 'right', cell: p => (p.leader < 0 ? {text: 'none', color: 'red'} : String(p.leader))},
	{title: 'REPLICAS', width: 'flex', minWidth: 8, maxWidth: 24, cell: p => idList(p.replicas)},
	{
		title: 'ISR',
		width: 12,
		cell: p =>
			p.outOfSync.length > 0
				? {text: `${idList(p.isr)} ✗${idList(p.outOfSync)}`, color: 'red'}
				: marked(idList(p.isr), p.isrChange),
	},
	{title: 'LOW', width: 12, align: 'right', cell: p => marked(count(p.lowWatermark), p.lowChange)},
	{title: 'HIGH', width: 12, align: 'right', cell: p => marked(count(p.highWatermark), p.highChange)},
	{title: 'MESSAGES~', width: 12, align: 'right', cell: p => count(messages(p))},
];

export const PartitionsPane = ({list, position, filter, focused, stale, box, topic}: ListPaneProps<PartitionRow> & {topic: string | null}) => {
	const height = box.height - PANE_CHROME;
	const selected = resolveIndex(position, list.keys);
	return (
		<Pane
			title={`${listTitle('partitions', list)}${topic ? ` of ${topic}` : ''}`}
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
				empty={topic ? (filter ? 'no partition matches the filter' : 'no partitions') : 'select a topic'}
			/>
		</Pane>
	);
};
