import {safeString} from '../format/safe-text.js';

// Plain aligned columns, like `kafka-topics --describe` or `kubectl get`: easy to read and to grep.

export type Column<T> = {title: string; value: (row: T) => string | number; align?: 'right'};

export const renderTable = <T>(rows: T[], columns: Column<T>[]): string => {
	const cells = rows.map(row => columns.map(c => safeString(String(c.value(row)))));
	const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map(r => r[i]!.length)));
	const line = (values: string[]) =>
		values
			.map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
			.join('  ')
			.trimEnd();
	return [line(columns.map(c => c.title)), ...cells.map(line)].join('\n') + '\n';
};
