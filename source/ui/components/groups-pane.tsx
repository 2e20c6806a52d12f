import type {GroupListing} from '../../kafka/types.js';
import {PANE_CHROME, type Box} from '../layout.js';
import type {Listed} from '../explorer-lists.js';
import {resolveIndex, visibleOffset, type ListPosition} from '../state/list-window.js';
import {listTitle} from './brokers-pane.js';
import {Pane} from './pane.js';
import {Table, type Column} from './table.js';

export type GroupRow = GroupListing & {key: string};

const STATE_COLOR: Record<string, string> = {Stable: 'green', Empty: 'yellow', Dead: 'red', PreparingRebalance: 'yellow', CompletingRebalance: 'yellow', Reconciling: 'yellow', Assigning: 'yellow'};

const COLUMNS: Column<GroupRow>[] = [
	{title: 'GROUP', width: 'flex', minWidth: 16, cell: g => g.groupId},
	{title: 'PROTOCOL', width: 9, cell: g => g.type},
	{title: 'KIND', width: 9, cell: g => g.protocolType || '-'},
	{title: 'STATE', width: 20, cell: g => ({text: g.state, color: STATE_COLOR[g.state]})},
	{title: 'COORDINATOR', width: 11, align: 'right', cell: g => String(g.coordinatorId)},
];

export type GroupsPaneProps = {list: Listed<GroupRow>; position: ListPosition; filter: string; focused: boolean; stale: boolean; box: Box; loading: boolean};

export const GroupsPane = ({list, position, filter, focused, stale, box, loading}: GroupsPaneProps) => {
	const height = box.height - PANE_CHROME;
	const selected = resolveIndex(position, list.keys);
	return (
		<Pane title={listTitle('groups', list)} filter={filter} focused={focused} stale={stale} width={box.width} height={box.height}>
			<Table
				columns={COLUMNS}
				rows={list.rows}
				selected={selected}
				offset={visibleOffset(position.offset, selected, height, list.rows.length)}
				height={height}
				width={box.width}
				focused={focused}
				empty={loading ? 'loading groups ...' : filter ? 'no group matches the filter' : 'no consumer groups'}
			/>
		</Pane>
	);
};
