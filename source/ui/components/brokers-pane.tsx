import type {BrokerRow, Listed} from '../explorer-lists.js';
import {count} from '../format.js';
import {PANE_CHROME, type Box} from '../layout.js';
import type {ListPosition} from '../state/list-window.js';
import {resolveIndex, visibleOffset} from '../state/list-window.js';
import {Pane} from './pane.js';
import {Table, type Column} from './table.js';

const COLUMNS: Column<BrokerRow>[] = [
	{title: 'ID', width: 6, align: 'right', cell: b => String(b.id)},
	{title: 'HOST:PORT', width: 'flex', minWidth: 16, maxWidth: 48, cell: b => (b.online ? `${b.host}:${b.port}` : {text: 'offline (replicas name it, metadata does not)', color: 'red'})},
	{title: 'RACK', width: 10, cell: b => b.rack ?? '-'},
	{title: 'CONTROLLER', width: 10, cell: b => (b.controller ? {text: 'active', color: 'green'} : '')},
	{title: 'LEADERS', width: 8, align: 'right', cell: b => count(b.leaderPartitions)},
	{title: 'REPLICAS', width: 8, align: 'right', cell: b => count(b.replicaPartitions)},
];

export type ListPaneProps<Row> = {
	list: Listed<Row>;
	position: ListPosition;
	filter: string;
	focused: boolean;
	stale: boolean;
	box: Box;
};

export const listTitle = (name: string, list: Listed<unknown>) =>
	`${name}(${list.rows.length === list.total ? count(list.total) : `${count(list.rows.length)}/${count(list.total)}`})`;

export const BrokersPane = ({list, position, filter, focused, stale, box}: ListPaneProps<BrokerRow>) => {
	const height = box.height - PANE_CHROME;
	const selected = resolveIndex(position, list.keys);
	return (
		<Pane title={listTitle('brokers', list)} filter={filter} focused={focused} stale={stale} width={box.width} height={box.height}>
			<Table
				columns={COLUMNS}
				rows={list.rows}
				selected={selected}
				offset={visibleOffset(position.offset, selected, height, list.rows.length)}
				height={height}
				width={box.width}
				focused={focused}
				empty={filter ? 'no broker matches the filter' : 'no brokers'}
			/>
		</Pane>
	);
};
