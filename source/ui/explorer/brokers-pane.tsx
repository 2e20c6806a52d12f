import type {BrokerRow} from './explorer-lists.js';
import {count} from '../kit/format.js';
import {ListPane, type ListPaneProps} from '../kit/list-pane.js';
import type {Column} from '../kit/table.js';

const COLUMNS: Column<BrokerRow>[] = [
	{title: 'ID', width: 6, align: 'right', cell: b => String(b.id)},
	{
		title: 'HOST:PORT',
		width: 'flex',
		minWidth: 16,
		maxWidth: 48,
		cell: b =>
			!b.online
				? {text: 'offline (replicas name it, metadata does not)', color: 'red'}
				: b.silent
					? {text: `not answering: ${b.host}:${b.port}`, color: 'red'}
					: `${b.host}:${b.port}`,
	},
	{title: 'RACK', width: 10, cell: b => b.rack ?? '-'},
	{title: 'CONTROLLER', width: 10, cell: b => (b.controller ? {text: 'active', color: 'green'} : '')},
	{title: 'LEADERS', width: 8, align: 'right', cell: b => count(b.leaderPartitions)},
	{title: 'REPLICAS', width: 8, align: 'right', cell: b => count(b.replicaPartitions)},
];

export const BrokersPane = (props: ListPaneProps<BrokerRow>) => (
	<ListPane
		{...props}
		name="brokers"
		columns={COLUMNS}
		empty={props.filter ? 'no broker matches the filter' : 'no brokers'}
	/>
);
