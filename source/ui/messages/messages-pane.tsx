import type {Decoded, Message} from '../../kafka/types.js';
import {safeBytes, safeString} from '../../format/safe-text.js';
import {unreadableText} from '../../format/unreadable.js';
import {ListPane} from '../kit/list-pane.js';
import type {Column} from '../kit/table.js';
import type {Listed} from '../kit/list-types.js';
import type {Box} from '../kit/box.js';
import type {ListPosition} from '../kit/list-window.js';
import {isoTime} from '../../format/message-line.js';

/** A row shows a preview: a few hundred bytes are decoded, not a whole value of megabytes. */
const PREVIEW_BYTES = 400;

export const formatTime = (ms: number) => isoTime(ms).replace('T', ' ');

const preview = (bytes: Buffer | null, nullText: string, decoded?: Decoded) =>
	decoded?.ok
		? safeString(JSON.stringify(decoded.json).slice(0, PREVIEW_BYTES))
		: safeBytes(bytes && bytes.length > PREVIEW_BYTES ? bytes.subarray(0, PREVIEW_BYTES) : bytes, nullText);

const size = (n: number) =>
	n < 1024 ? `${n}B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)}K` : `${(n / 1024 / 1024).toFixed(1)}M`;

const COLUMNS: Column<Message>[] = [
	{title: 'P', width: 3, align: 'right', cell: m => String(m.partition)},
	{title: 'OFFSET', width: 10, align: 'right', cell: m => String(m.offset)},
	{title: 'TIMESTAMP (UTC)', width: 24, cell: m => formatTime(m.timestamp)},
	{
		title: 'KEY',
		width: 16,
		cell: m =>
			m.unreadable
				? {text: 'unreadable', color: 'red'}
				: m.key === null
					? {text: 'null', dim: true}
					: preview(m.key, 'null', m.decoded?.key),
	},
	{
		title: 'VALUE',
		width: 'flex',
		minWidth: 12,
		cell: m =>
			m.unreadable
				? {text: unreadableText(m), color: 'red'}
				: m.value === null
					? {text: 'null (tombstone)', dim: true}
					: preview(m.value, 'null', m.decoded?.value),
	},
	{title: 'SIZE', width: 6, align: 'right', cell: m => (m.unreadable ? '-' : size(m.value?.length ?? 0))},
];

export type MessagesPaneProps = {
	list: Listed<Message>;
	position: ListPosition;
	filter: string;
	/** Which topic and partition, from where, and what the viewer is doing. */
	detail: string;
	box: Box;
};

/** The viewer's list: always the focused pane, never stale (its messages are what was read). */
export const MessagesPane = ({list, position, filter, detail, box}: MessagesPaneProps) => (
	<ListPane
		list={list}
		position={position}
		filter={filter}
		focused
		stale={false}
		box={box}
		name="messages"
		detail={detail}
		columns={COLUMNS}
		empty={filter ? 'no loaded message matches (n scans on through the topic)' : 'no messages here'}
	/>
);

export const sizeText = size;
