import {useMemo} from 'react';
import {timeLagText} from '../groups/group-rows.js';
import type {TopicReaders} from './topic-readers.js';
import type {TopicRow} from './explorer-lists.js';
import {count, COUNTING} from '../kit/format.js';
import {ListPane, type ListPaneProps} from '../kit/list-pane.js';
import {marked} from '../kit/change-mark.js';
import type {Column} from '../kit/table.js';

// While the first snapshot's watermarks are read, the message counts show … instead of ?.
const columnsOf = (counting: boolean): Column<TopicRow>[] => [
	{title: 'TOPIC', width: 'flex', minWidth: 16, cell: t => (t.internal ? {text: t.name, dim: true} : t.name)},
	{title: 'PARTS', width: 5, align: 'right', cell: t => String(t.partitionCount)},
	{title: 'RF', width: 3, align: 'right', cell: t => String(t.replicationFactor)},
	{
		title: 'URP',
		width: 5,
		align: 'right',
		cell: t =>
			marked(String(t.underReplicatedPartitions), t.urpChange, t.underReplicatedPartitions > 0 ? 'red' : undefined),
	},
	{
		title: 'OFFLN',
		width: 5,
		align: 'right',
		cell: t => (t.offlinePartitions > 0 ? {text: String(t.offlinePartitions), color: 'red'} : '0'),
	},
	{
		title: 'MESSAGES~',
		width: 14,
		align: 'right',
		cell: t => (counting ? COUNTING : marked(count(t.approxMessageCount), t.messagesChange)),
	},
];

/** Who reads the topic: groups, their largest lag and its age; blank until the first groups round is in. */
const readerColumns = (readers: Map<string, TopicReaders> | null): Column<TopicRow>[] => {
	const of = (t: TopicRow) => readers?.get(t.name);
	const none = () => ({text: readers ? '-' : '', dim: true});
	return [
		{title: 'GROUPS', width: 6, align: 'right', cell: t => (of(t) ? String(of(t)!.groups) : none())},
		{title: 'MAX LAG', width: 9, align: 'right', cell: t => (of(t) ? count(of(t)!.maxLag) : none())},
		{title: 'LAG T', width: 7, align: 'right', cell: t => (of(t) ? timeLagText(of(t)!.timeLag) : none())},
	];
};

export type TopicsPaneProps = ListPaneProps<TopicRow> & {
	showInternal: boolean;
	counting: boolean;
	/** Groups reading each topic; null until the first groups round answered. */
	readers: Map<string, TopicReaders> | null;
};

export const TopicsPane = ({showInternal, counting, readers, ...props}: TopicsPaneProps) => {
	const columns = useMemo(() => [...columnsOf(counting), ...readerColumns(readers)], [counting, readers]);
	return (
		<ListPane
			{...props}
			name="topics"
			detail={showInternal ? '+internal' : undefined}
			columns={columns}
			empty={props.filter ? 'no topic matches the filter (Esc clears it)' : 'no topics'}
		/>
	);
};
