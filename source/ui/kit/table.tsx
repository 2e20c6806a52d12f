import {Box, Text} from 'ink';
import {fit} from './text-fit.js';

export type Cell = {text: string; color?: string; dim?: boolean};

export type Column<Row> = {
	title: string;
	/** Columns wide, or 'flex': the flex columns share what is left, each up to its maxWidth. */
	width: number | 'flex';
	minWidth?: number;
	/** For the flex column: never wider, the rest of the line stays empty. */
	maxWidth?: number;
	align?: 'left' | 'right';
	cell: (row: Row) => Cell | string;
};

export type TableProps<Row> = {
	columns: Column<Row>[];
	rows: Row[];
	/** The selected row, or -1. */
	selected: number;
	offset: number;
	/** Rows of data shown (the header line comes on top). */
	height: number;
	width: number;
	focused: boolean;
	empty?: string;
};

/**
 * Column widths for `width`: fixed ones as given, flex ones share the rest (what one cannot take past its
 * maxWidth goes to the others); columns that do not fit are dropped from the right.
 */
export const columnWidths = <Row,>(columns: Column<Row>[], width: number): number[] => {
	const fixed =
		columns.reduce((sum, c) => sum + (c.width === 'flex' ? (c.minWidth ?? 8) : c.width), 0) + columns.length - 1;
	if (fixed > width && columns.length > 1) return [...columnWidths(columns.slice(0, -1), width), 0];
	const widths = columns.map(c => (c.width === 'flex' ? (c.minWidth ?? 8) : c.width));
	let spare = Math.max(0, width - fixed);
	let open = columns.map((c, i) => i).filter(i => columns[i]!.width === 'flex');
	while (spare > 0 && open.length > 0) {
		const share = Math.max(1, Math.floor(spare / open.length));
		for (const i of open) {
			const give = Math.min(share, spare, (columns[i]!.maxWidth ?? Infinity) - widths[i]!);
			widths[i]! += give;
			spare -= give;
		}
		open = open.filter(i => widths[i]! < (columns[i]!.maxWidth ?? Infinity));
	}
	return widths;
};

const asCell = (value: Cell | string): Cell => (typeof value === 'string' ? {text: value} : value);

/** A windowed table: only the rows on screen are rendered, so a list of 5,000 costs what a list of 20 does. */
export const Table = <Row,>({columns, rows, selected, offset, height, width, focused, empty}: TableProps<Row>) => {
	const widths = columnWidths(columns, width);
	const shown = columns.map((c, i) => ({c, w: widths[i]!})).filter(x => x.w > 0);
	const header = shown.map(({c, w}) => fit(c.title, w, c.align)).join(' ');
	const visible = rows.slice(offset, offset + height);
	return (
		<Box flexDirection="column" width={width} height={height + 1}>
			<Text dimColor bold wrap="truncate">
				{fit(header, width)}
			</Text>
			{visible.length === 0 && empty ? (
				<Text dimColor wrap="truncate">
					{fit(empty, width)}
				</Text>
			) : null}
			{visible.map((row, i) => {
				const isSelected = offset + i === selected;
				return (
					<Text key={offset + i} wrap="truncate" inverse={isSelected && focused} bold={isSelected && !focused}>
						{shown.map(({c, w}, j) => {
							const cell = asCell(c.cell(row));
							return (
								<Text key={j} color={isSelected && focused ? undefined : cell.color} dimColor={cell.dim}>
									{fit(cell.text, w, c.align)}
									{j < shown.length - 1 ? ' ' : ''}
								</Text>
							);
						})}
					</Text>
				);
			})}
		</Box>
	);
};
