import type {TopicRow} from './explorer-lists.js';
import {count} from '../kit/format.js';
import {ListPane, type ListPaneProps} from '../kit/list-pane.js';
import {marked} from '../kit/change-mark.js';
import type {Column} from '../kit/table.js';

const COLUMNS: Column<TopicRow>[] = [
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
	{title: 'MESSAGES~', width: 14, align: 'right', cell: t => marked(count(t.approxMessageCount), t.messagesChange)},
];

export const TopicsPane = ({showInternal, ...props}: ListPaneProps<TopicRow> & {showInternal: boolean}) => (
	<ListPane
		{...props}
		name="topics"
		detail={showInternal ? '+internal' : undefined}
		columns={COLUMNS}
		empty={props.filter ? 'no topic matches the filter (Esc clears it)' : 'no topics'}
	/>
);
