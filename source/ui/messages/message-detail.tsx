import {Box, Text} from 'ink';
import {safeBytes, safeString} from '../../format/safe-text.js';
import type {Decoded, Message} from '../../kafka/types.js';
import {labelText} from '../../schema/schemas.js';
import {fit, rule} from '../kit/text-fit.js';
import {formatTime, sizeText} from './messages-pane.js';
import type {ValueLines, ValueMode} from './value-lines.js';

/** The batch that carried the message: its codec, its offsets, and its records' size stored and decompressed. */
const batchLine = ({batch}: Message): string => {
	const offsets =
		batch.lastOffset > batch.baseOffset
			? `offsets ${batch.baseOffset}-${batch.lastOffset}`
			: `offset ${batch.baseOffset}`;
	if (batch.compression === 'none') return `batch: uncompressed, ${offsets}, records ${sizeText(batch.storedBytes)}`;
	const unpacked =
		batch.recordsBytes === null
			? 'not decompressed'
			: `${sizeText(batch.recordsBytes)} decompressed (${(batch.recordsBytes / Math.max(1, batch.storedBytes)).toFixed(1)}x)`;
	return `batch: ${batch.compression}, ${offsets}, records ${sizeText(batch.storedBytes)} compressed, ${unpacked}`;
};

/** Which schema decoded it, or why it could not be decoded (the value is then shown as its bytes). */
const schemaLine = (d: Decoded) =>
	d.ok ? labelText(d.schema) : `not decoded (schema id ${d.id}): ${safeString(d.reason)}`;

/** The lines above the value: where the message is, when, its key, headers and sizes. */
export const detailHeader = (m: Message, value: ValueLines, requested: ValueMode = 'auto'): string[] => {
	const where = `${safeString(m.topic)}  partition ${m.partition}  offset ${m.offset}`;
	const time = `timestamp ${formatTime(m.timestamp)} (${m.timestamp} ms, ${m.timestampType === 'create' ? 'CreateTime: set by the producer' : 'LogAppendTime: set by the broker'})`;
	// A batch that could not be read has no key, headers or value to show: what is known of the batch, then why.
	if (m.unreadable) return [where, time, batchLine(m), 'this batch could not be read; why:'];
	return [
		where,
		time,
		`key ${m.key === null ? 'null' : m.decoded?.key?.ok ? safeString(JSON.stringify(m.decoded.key.json)) : safeBytes(m.key)}`,
		...(m.decoded?.key ? [`key schema: ${schemaLine(m.decoded.key)}`] : []),
		...(m.decoded?.value ? [`value schema: ${schemaLine(m.decoded.value)}`] : []),
		...(m.headers.length === 0
			? ['headers: none']
			: [
					`headers (${m.headers.length}):`,
					...m.headers.map(h => `  ${safeString(h.key)}: ${h.value === null ? 'null' : safeBytes(h.value)}`),
				]),
		`sizes: key ${sizeText(m.key?.length ?? 0)}, value ${sizeText(m.value?.length ?? 0)}, record ${sizeText(m.recordBytes)}`,
		batchLine(m),
		`value as ${value.mode}${requested === 'auto' ? ' (auto)' : ''}${value.note ? `, ${value.note}` : ''}; v switches auto/json/text/hex`,
	];
};

export type MessageDetailProps = {
	message: Message;
	value: ValueLines;
	mode: ValueMode;
	scroll: number;
	width: number;
	height: number;
};

/** One message in full. The header is cut to at most half the height; the value scrolls under it. */
export const MessageDetail = ({message, value, mode, scroll, width, height}: MessageDetailProps) => {
	const header = detailHeader(message, value, mode).slice(0, Math.floor(height / 2));
	const room = Math.max(1, height - header.length - 1);
	const lines = Array.from({length: Math.min(room, Math.max(0, value.count - scroll))}, (_, i) =>
		value.line(scroll + i),
	);
	const where =
		value.count > room ? ` lines ${scroll + 1}-${Math.min(value.count, scroll + room)} of ${value.count}` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color="cyan" bold wrap="truncate">
				{rule(`message${where}`, width)}
			</Text>
			{header.map((line, i) => (
				<Text key={`h${i}`} wrap="truncate" dimColor={i > 0}>
					{fit(line, width)}
				</Text>
			))}
			{lines.map((segments, i) => (
				<Text key={scroll + i} wrap="truncate">
					{segments.map((seg, j) => (
						<Text key={j} color={seg.color}>
							{seg.text}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
};

export const detailValueHeight = (message: Message, value: ValueLines, height: number) =>
	Math.max(1, height - Math.min(detailHeader(message, value).length, Math.floor(height / 2)) - 1);
