import type {PartitionRow} from './explorer-lists.js';
import {count, COUNTING, idList} from '../kit/format.js';
import {ListPane, type ListPaneProps} from '../kit/list-pane.js';
import {marked} from '../kit/change-mark.js';
import type {Column} from '../kit/table.js';

const messages = (p: PartitionRow) =>
	p.lowWatermark === null || p.highWatermark === null ? null : Math.max(0, p.highWatermark - p.lowWatermark);

// While the first snapshot's watermarks are read, the columns that need them show … instead of ?.
const columnsOf = (counting: boolean): Column<PartitionRow>[] => [
	{title: 'P', width: 4, align: 'right', cell: p => String(p.partition)},
	{
		title: 'LEADER',
		width: 6,
		align: 'right',
		cell: p => (p.leader < 0 ? {text: 'none', color: 'red'} : String(p.leader)),
	},
	{title: 'REPLICAS', width: 'flex', minWidth: 8, maxWidth: 24, cell: p => idList(p.replicas)},
	{
		title: 'ISR',
		width: 12,
		cell: p =>
			p.outOfSync.length > 0
				? {text: `${idList(p.isr)} ✗${idList(p.outOfSync)}`, color: 'red'}
				: marked(idList(p.isr), p.isrChange),
	},
	{
		title: 'LOW',
		width: 12,
		align: 'right',
		cell: p => (counting ? COUNTING : marked(count(p.lowWatermark), p.lowChange)),
	},
	{
		title: 'HIGH',
		width: 12,
		align: 'right',
		cell: p => (counting ? COUNTING : marked(count(p.highWatermark), p.highChange)),
	},
	{title: 'MESSAGES~', width: 12, align: 'right', cell: p => (counting ? COUNTING : count(messages(p)))},
];

const COLUMNS = columnsOf(false);
const COUNTING_COLUMNS = columnsOf(true);

export const PartitionsPane = ({
	topic,
	counting,
	...props
}: ListPaneProps<PartitionRow> & {topic: string | null; counting: boolean}) => (
	<ListPane
		{...props}
		name="partitions"
		detail={topic ? `of ${topic}` : undefined}
		columns={counting ? COUNTING_COLUMNS : COLUMNS}
		empty={topic ? (props.filter ? 'no partition matches the filter' : 'no partitions') : 'select a topic'}
	/>
);
