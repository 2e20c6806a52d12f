import {jsonToBytes} from '../format/message-json.js';
import {bytesOf, headerBlock, type RecordBytes} from '../kafka/batch-writer.js';
import {writeText} from '../shared/write-text.js';
import type {Header} from '../kafka/types.js';
import type {SchemaEncoder} from '../schema/schemas.js';

// One line of a file to produce: NDJSON in the export format (what `kex consume --json` and the viewer's export
// write), or a value a line with an optional key before a separator. A line read well is left in a LineRecord that
// every line reuses: its key and value are ranges of the file's bytes (or of a scratch buffer), so reading a
// million lines makes no object a line beyond what JSON.parse makes.

export type FileFormat = 'ndjson' | 'lines';

export type LineDefaults = {
	key: Buffer | null;
	headers: Header[];
	partition?: number;
	/** lines: the key is what comes before the first separator. */
	keySeparator?: string;
	/** ndjson: send to the partition the line names (else the key decides). */
	keepPartitions: boolean;
	/** ndjson: keep the line's timestamp (else now). */
	keepTimestamps: boolean;
	/** Values written through a registry's schema. */
	encoding?: LineEncoding;
};

export type LineEncoding = {
	/** --subject or --schema-id: every value is JSON, encoded with this schema. */
	value: SchemaEncoder | null;
	/**
	 * NDJSON lines that name their schema (consume --json --decode and the viewer's export write keySchema and
	 * valueSchema): the encoder of an id, why there is none, or a promise that fetches it.
	 */
	byId(id: number): SchemaEncoder | string | Promise<unknown>;
};

/** A line read well, valid until the next line is read: where its record's bytes lie, and where it goes. */
export type LineRecord = RecordBytes & {partition: number | undefined; timestamp: number | undefined};

export const lineRecord = (): LineRecord => ({
	...bytesOf(null, null, []),
	partition: undefined,
	timestamp: undefined,
});

const NONE = Buffer.alloc(0);
const OK = {ok: true} as const;

export type ParsedLine =
	| typeof OK
	| {ok: false; error: string}
	| {ok: 'skip'}
	/** The line needs a schema that is being fetched: parse it again once this settles. */
	| {ok: 'wait'; until: Promise<unknown>};

class Wait {
	constructor(readonly until: Promise<unknown>) {}
}

/** A JSON value through a schema: its bytes in the registry's wire format, or why it does not fit. */
const encodeWith = (what: string, encoder: SchemaEncoder, value: unknown): Buffer => {
	const problem = encoder.check(value);
	if (problem) throw new Error(`"${what}" does not fit ${encoder.label.name} (id ${encoder.label.id}): ${problem}`);
	return encoder.encode(value);
};

/** The encoder a line's keySchema or valueSchema names, if it names one. */
const namedEncoder = (encoding: LineEncoding | undefined, label: unknown): SchemaEncoder | null => {
	if (!encoding || label === undefined) return null;
	const id = (label as {id?: unknown})?.id;
	if (!Number.isInteger(id)) throw new Error('a schema label ("keySchema", "valueSchema") has no "id"');
	const found = encoding.byId(id as number);
	if (found instanceof Promise) throw new Wait(found);
	if (typeof found === 'string') throw new Error(found);
	return found;
};

const field = (name: string, value: unknown) => {
	try {
		return jsonToBytes(value);
	} catch (error) {
		throw new Error(`"${name}": ${(error as Error).message}`);
	}
};

const SKIP = {ok: 'skip'} as const;

// A line's key and value given as JSON text are written here, not made a Buffer each; grown for a long line (the
// old one stays as long as the key in it is in use).
let scratch = Buffer.allocUnsafe(64 * 1024);

/** A JSON key or value ("text", {"base64": ...} or null) into out as bytes, text written at `at` of the scratch. */
const setBytes = (out: LineRecord, which: 'key' | 'value', raw: unknown, at: number) => {
	let source: Uint8Array = NONE;
	let from = -1;
	let to = 0;
	if (typeof raw === 'string') {
		if (at + raw.length * 3 > scratch.length) {
			scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, raw.length * 3 + 1024));
			at = 0;
		}
		source = scratch;
		from = at;
		to = at + writeText(scratch, at, raw);
	} else if (raw !== null && raw !== undefined) {
		source = field(which, raw)!;
		from = 0;
		to = source.length;
	}
	setRange(out, which, source, from, to);
	return to;
};

const setRange = (out: LineRecord, which: 'key' | 'value', source: Uint8Array | string, start: number, end: number) => {
	if (which === 'key') {
		out.key = source as Uint8Array;
		out.keyStart = start;
		out.keyEnd = end;
	} else {
		out.value = source;
		out.valueStart = start;
		out.valueEnd = end;
	}
};

/** Bytes made by a schema (or null) as a key or value. */
const setBuffer = (out: LineRecord, which: 'key' | 'value', bytes: Buffer | null) =>
	setRange(out, which, bytes ?? NONE, bytes ? 0 : -1, bytes?.length ?? 0);

export const parseNdjson = (
	data: Buffer,
	start: number,
	end: number,
	defaults: LineDefaults,
	out: LineRecord,
): ParsedLine => {
	const text = data.toString('utf8', start, end);
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		// A blank line is skipped; it is only looked for when a line is not JSON, not on every line.
		if (text.trim() === '') return SKIP;
		return {ok: false, error: `not JSON: ${(error as Error).message}`};
	}
	if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
		return {ok: false, error: 'expected an object such as {"key": "k", "value": "v", "headers": []}'};
	const m = doc as Record<string, unknown>;
	if (!('value' in m)) return {ok: false, error: 'no "value" (null sends a tombstone)'};
	try {
		const headers = m['headers'] ?? [];
		if (!Array.isArray(headers)) return {ok: false, error: '"headers" must be a list of {"key", "value"}'};
		const partition = m['partition'];
		if (
			defaults.keepPartitions &&
			partition !== undefined &&
			!(Number.isInteger(partition) && (partition as number) >= 0)
		) {
			return {ok: false, error: `"partition" must be a whole number, not ${JSON.stringify(partition)}`};
		}
		const keyEncoder = namedEncoder(defaults.encoding, m['keySchema']);
		const valueEncoder = defaults.encoding?.value ?? namedEncoder(defaults.encoding, m['valueSchema']);
		out.headers =
			headers.length === 0
				? NO_HEADERS
				: headerBlock(
						headers.map((h: unknown, i) => {
							const header = h as {key?: unknown; value?: unknown};
							if (typeof header?.key !== 'string' || header.key === '')
								throw new Error(`header ${i + 1} has no name ("key")`);
							return {key: header.key, value: field(`headers[${i}].value`, header.value)};
						}),
					);
		let at = 0;
		if (keyEncoder && m['key'] !== null) setBuffer(out, 'key', encodeWith('key', keyEncoder, m['key']));
		else at = setBytes(out, 'key', m['key'], 0);
		if (valueEncoder && m['value'] !== null) setBuffer(out, 'value', encodeWith('value', valueEncoder, m['value']));
		else if (typeof m['value'] === 'string') setRange(out, 'value', m['value'], 0, Buffer.byteLength(m['value']));
		else setBytes(out, 'value', m['value'], at);
		out.partition = defaults.keepPartitions && typeof partition === 'number' ? partition : defaults.partition;
		const timestamp = m['timestamp'];
		out.timestamp = defaults.keepTimestamps && typeof timestamp === 'number' ? timestamp : undefined;
		return OK;
	} catch (error) {
		if (error instanceof Wait) return {ok: 'wait', until: error.until};
		return {ok: false, error: (error as Error).message};
	}
};

const NO_HEADERS = headerBlock([]);

/** A line's value as JSON for a schema: the document, or why it is not one. */
const jsonValue = (bytes: Buffer, encoder: SchemaEncoder): ParsedLine | Buffer => {
	let doc: unknown;
	try {
		doc = JSON.parse(bytes.toString('utf8'));
	} catch (error) {
		return {ok: false, error: `not JSON (the value is encoded with a schema): ${(error as Error).message}`};
	}
	try {
		return encodeWith('value', encoder, doc);
	} catch (error) {
		return {ok: false, error: (error as Error).message};
	}
};

let lastSeparator: {text: string; bytes: Buffer} | null = null;
const separatorBytes = (text: string) => {
	if (lastSeparator?.text !== text) lastSeparator = {text, bytes: Buffer.from(text, 'utf8')};
	return lastSeparator.bytes;
};

let lastHeaders: {of: Header[]; block: Buffer} | null = null;
/** The same --header flags on every line: made a header block once. */
const headersOf = (headers: Header[]) => {
	if (lastHeaders?.of !== headers) lastHeaders = {of: headers, block: headerBlock(headers)};
	return lastHeaders.block;
};

/** A value a line, bytes as they are in the file; with a separator, the key is what comes before it. */
export const parseTextLine = (
	data: Buffer,
	start: number,
	end: number,
	defaults: LineDefaults,
	out: LineRecord,
): ParsedLine => {
	out.headers = headersOf(defaults.headers);
	out.partition = defaults.partition;
	out.timestamp = undefined;
	const encoder = defaults.encoding?.value;
	const separator = defaults.keySeparator === undefined ? null : separatorBytes(defaults.keySeparator);
	// A one-byte separator is searched for as a byte, much faster than as a string.
	const at =
		separator === null
			? -1
			: separator.length === 1
				? data.indexOf(separator[0]!, start)
				: data.indexOf(separator, start);
	if (separator !== null && (at < 0 || at >= end)) {
		if (encoder && data.subarray(start, end).toString('utf8').trim() === '') return SKIP;
		return {ok: false, error: `no key separator "${defaults.keySeparator}" in the line`};
	}
	if (separator === null) setBuffer(out, 'key', defaults.key);
	else setRange(out, 'key', data, start, at);
	const valueStart = separator === null ? start : at + separator.length;
	if (!encoder) {
		setRange(out, 'value', data, valueStart, end);
		return OK;
	}
	if (data.subarray(start, end).toString('utf8').trim() === '') return SKIP;
	const value = jsonValue(data.subarray(valueStart, end), encoder);
	if (!Buffer.isBuffer(value)) return value;
	setBuffer(out, 'value', value);
	return OK;
};

export const formatFor = (file: string): FileFormat => (/\.(nd)?jsonl?$/i.test(file) ? 'ndjson' : 'lines');
