import type {ReactNode} from 'react';
import type {Listed} from './list-types.js';
import {count} from './format.js';
import {PANE_CHROME, type Box} from './box.js';
import {resolveIndex, visibleOffset, type ListPosition} from './list-window.js';
import {Pane} from './pane.js';
import {Table, type Column} from './table.js';

// Every list in kex is the same thing: a titled pane with a windowed table, the selection kept by key. The panes
// differ in their columns, the words of the title and what an empty list says.

export type ListPaneProps<Row> = {
	list: Listed<Row>;
	position: ListPosition;
	filter: string;
	focused: boolean;
	stale: boolean;
	box: Box;
};

export const listTitle = (name: string, list: Pick<Listed<unknown>, 'rows' | 'total'>) =>
	`${name}(${list.rows.length === list.total ? count(list.total) : `${count(list.rows.length)}/${count(list.total)}`})`;

type Props<Row> = ListPaneProps<Row> & {
	name: string;
	/** Said after the counts: "+internal", "of orders", "sorted by lag". */
	detail?: string;
	columns: Column<Row>[];
	empty: string;
	/** One line under the table, such as a legend. */
	footer?: ReactNode;
};

export const ListPane = <Row,>({
	list,
	position,
	filter,
	focused,
	stale,
	box,
	name,
	detail,
	columns,
	empty,
	footer,
}: Props<Row>) => {
	const height = box.height - PANE_CHROME - (footer ? 1 : 0);
	const selected = resolveIndex(position, list.keys);
	return (
		<Pane
			title={`${listTitle(name, list)}${detail ? ` ${detail}` : ''}`}
			filter={filter}
			focused={focused}
			stale={stale}
			width={box.width}
			height={box.height}
		>
			<Table
				columns={columns}
				rows={list.rows}
				selected={selected}
				offset={visibleOffset(position.offset, selected, height, list.rows.length)}
				height={height}
				width={box.width}
				focused={focused}
				empty={empty}
			/>
			{footer}
		</Pane>
	);
};
