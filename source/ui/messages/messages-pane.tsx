import type {Message} from '../../kafka/types.js';
import {safeBytes} from '../../format/safe-text.js';
import {listTitle} from '../components/brokers-pane.js';
import {Pane} from '../components/pane.js';
import {Table, type Column} from '../components/table.js';
import {count} from '../format.js';
import {PANE_CHROME, type Box} from '../layout.js';
import {resolveIndex, visibleOffset, type ListPosition} from '../state/list-window.js';

/** A row shows a preview: a few hundred bytes are decoded, not a whole value of megabytes. */
const PREVIEW_BYTES = 400;

export const formatTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ');

const preview = (bytes: Buffer | null, nullText: string) => safeBytes(bytes && bytes.length > PREVIEW_BYTES ? bytes.subarray(0, PREVIEW_BYTES) : bytes, nullText);

const size = (n: number) => (n < 1024 ? `${n}B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)}K` : `${(n / 1024 / 1024).toFixed(1)}M`);

const COLUMNS: Column<Message>[] = [
	{title: 'P', width: 3, align: 'right', cell: m => String(m.partition)},
	{title: 'OFFSET', width: 10, align: 'right', cell: m => String(m.offset)},
	{title: 'TIMESTAMP (UTC)', width: 24, cell: m => formatTime(m.timestamp)},
	{title: 'KEY', width: 16, cell: m => (m.key === null ? {text: 'null', dim: true} : preview(m.key, 'null'))},
	{title: 'VALUE', width: 'flex', minWidth: 12, cell: m => (m.value === null ? {text: 'null (tombstone)', dim: true} : preview(m.value, 'null'))},
	{title: 'SIZE', width: 6, align: 'right', cell: m => size(m.value?.length ?? 0)},
];

export type MessagesPaneProps = {
	rows: Message[];
	keys: string[];
	total: number;
	position: ListPosition;
	filter: string;
	title: string;
	status: string;
	box: Box;
	stale: boolean;
};

export const MessagesPane = ({rows, keys, total, position, filter, title, status, box, stale}: MessagesPaneProps) => {
	const height = box.height - PANE_CHROME;
	const selected = resolveIndex(position, keys);
	return (
		<Pane title={`${listTitle('messages', {rows, keys, total})} ${title}${status ? `  ${status}` : ''}`} filter={filter} focused stale={stale} width={box.width} height={box.height}>
			<Table
				columns={COLUMNS}
				rows={rows}
				selected={selected}
				offset={visibleOffset(position.offset, selected, height, rows.length)}
				height={height}
				width={box.width}
				focused
				empty={filter ? `no loaded message matches (n scans on through the topic)` : 'no messages here'}
			/>
		</Pane>
	);
};

export const sizeText = size;
export const countText = count;
