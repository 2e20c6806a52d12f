import type {Message} from '../../kafka/types.js';
import {unreadableText} from '../../format/unreadable.js';
import {isUtf8} from 'node:buffer';
import {safeBytes, safeEscaped, safeString} from '../../format/safe-text.js';

// A message value as lines for the detail view: JSON pretty-printed and coloured, text, or a hex dump. Every line
// is made safe here; nothing from the message reaches the terminal as a control sequence. Lines are wrapped to the
// width, so a value of megabytes becomes many lines that the view windows, not one line that freezes it.

export type ValueMode = 'auto' | 'json' | 'text' | 'hex';
export const VALUE_MODES: ValueMode[] = ['auto', 'json', 'text', 'hex'];

export type Segment = {text: string; color?: string};
export type Line = Segment[];

/** Lines are produced on demand: a hex dump of megabytes is hundreds of thousands of lines, of which a screenful shows. */
export type ValueLines = {
	mode: Exclude<ValueMode, 'auto'>;
	count: number;
	line: (index: number) => Line;
	note?: string;
};

const fromArray = (mode: ValueLines['mode'], lines: Line[], note?: string): ValueLines => ({
	mode,
	count: lines.length,
	line: i => lines[i] ?? [],
	note,
});

const HEX_PER_LINE = 16;

const hexLine = (bytes: Buffer, start: number): Line => {
	const chunk = bytes.subarray(start, start + HEX_PER_LINE);
	const hex = [...chunk].map(b => b.toString(16).padStart(2, '0')).join(' ');
	const ascii = [...chunk].map(b => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
	return [
		{text: start.toString(16).padStart(8, '0'), color: 'gray'},
		{text: `  ${hex.padEnd(HEX_PER_LINE * 3 - 1)}  `},
		{text: ascii, color: 'cyan'},
	];
};

const wrap = (line: string, width: number): string[] => {
	if (line.length <= width) return [line];
	const out: string[] = [];
	for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
	return out;
};

// Keys, strings, numbers and literals of pretty-printed JSON, for colour.
const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|\b(true|false|null)\b/g;

const colourJson = (line: string): Line => {
	const out: Line = [];
	let last = 0;
	for (const m of line.matchAll(TOKEN)) {
		if (m.index! > last) out.push({text: line.slice(last, m.index)});
		if (m[1]) {
			out.push({text: m[1], color: m[2] ? 'cyan' : 'green'});
			if (m[2]) out.push({text: m[2]});
		} else out.push({text: m[0], color: m[3] ? 'yellow' : 'magenta'});
		last = m.index! + m[0].length;
	}
	if (last < line.length) out.push({text: line.slice(last)});
	return out;
};

const parsedJson = new WeakMap<Buffer, {ok: true; value: unknown} | {ok: false}>();

const parseJson = (bytes: Buffer): {ok: true; value: unknown} | {ok: false} => {
	let result = parsedJson.get(bytes);
	if (!result) {
		try {
			result = isUtf8(bytes) ? {ok: true, value: JSON.parse(bytes.toString('utf8'))} : {ok: false};
		} catch {
			result = {ok: false};
		}
		parsedJson.set(bytes, result);
	}
	return result;
};

/** The mode 'auto' picks: JSON when it parses as an object or array, text when it is UTF-8, else hex. */
export const autoMode = (bytes: Buffer): Exclude<ValueMode, 'auto'> => {
	const json = parseJson(bytes);
	if (json.ok && typeof json.value === 'object' && json.value !== null) return 'json';
	return isUtf8(bytes) ? 'text' : 'hex';
};

/** What the detail shows of a message: its value, or for a batch that could not be read, why (in full, wrapped). */
export const messageValueLines = (m: Message, requested: ValueMode, width: number): ValueLines =>
	m.unreadable
		? fromArray(
				'text',
				wrap(unreadableText(m), Math.max(10, width)).map(text => [{text, color: 'red'}]),
			)
		: m.decoded?.value?.ok && (requested === 'auto' || requested === 'json')
			? jsonLines(m.decoded.value.json, width, 'decoded with its schema; hex shows the bytes')
			: valueLines(m.value, requested, width);

/** A JSON value pretty-printed, escaped and coloured. */
const jsonLines = (value: unknown, width: number, note?: string): ValueLines => {
	const pretty = JSON.stringify(value, null, 2) ?? 'null';
	const lines = pretty.split('\n').flatMap(l => wrap(safeEscaped(l), Math.max(10, width)));
	// Colouring is per line and only for lines shown.
	return {mode: 'json', count: lines.length, line: i => (lines[i] === undefined ? [] : colourJson(lines[i]!)), note};
};

export const valueLines = (bytes: Buffer | null, requested: ValueMode, width: number): ValueLines => {
	if (bytes === null)
		return fromArray('text', [[{text: 'null (no value: a tombstone on a compacted topic)', color: 'gray'}]]);
	if (bytes.length === 0) return fromArray('text', [[{text: '(empty value)', color: 'gray'}]]);
	const mode = requested === 'auto' ? autoMode(bytes) : requested;
	const room = Math.max(10, width);
	if (mode === 'hex')
		return {mode, count: Math.ceil(bytes.length / HEX_PER_LINE), line: i => hexLine(bytes, i * HEX_PER_LINE)};
	if (mode === 'json') {
		const json = parseJson(bytes);
		if (!json.ok) return {...valueLines(bytes, 'text', width), note: 'not valid JSON: shown as text'};
		return jsonLines(json.value, width);
	}
	if (!isUtf8(bytes))
		return fromArray(
			'text',
			wrap(safeBytes(bytes), room).map(text => [{text}]),
			'not UTF-8: bytes shown as \\xNN',
		);
	const text = bytes.toString('utf8');
	return fromArray(
		mode,
		text
			.split('\n')
			.flatMap(l => wrap(safeString(l.replace(/\t/g, '    ')), room))
			.map(t => [{text: t}]),
	);
};
