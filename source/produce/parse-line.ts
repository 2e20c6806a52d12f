import {jsonToBytes} from '../format/message-json.js';
import type {Header, ProduceRequest} from '../kafka/types.js';
import type {SchemaEncoder} from '../schema/schemas.js';

// One line of a file to produce: NDJSON in the export format (what `kex consume --json` and the viewer's export
// write), or a value a line with an optional key before a separator.

export type FileFormat = 'ndjson' | 'lines';

export type LineDefaults = {
	/** The topic every line goes to: part of each request from the start, so none is reshaped later. */
	topic: string;
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

export type ParsedLine =
	| {ok: true; request: ProduceRequest}
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

export const parseNdjson = (data: Buffer, start: number, end: number, defaults: LineDefaults): ParsedLine => {
	const text = data.toString('utf8', start, end);
	if (text.trim() === '') return {ok: 'skip'};
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		return {ok: false, error: `not JSON: ${(error as Error).message}`};
	}
	if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
		return {ok: false, error: 'expected an object such as {"key": "k", "value": "v", "headers": []}'};
	const m = doc as Record<string, unknown>;
	if (!('value' in m)) return {ok: false, error: 'no "value" (null sends a tombstone)'};
	try {
		const headers = m['headers'] ?? [];
		if (!Array.isArray(headers)) return {ok: false, error: '"headers" must be a list of {"key", "value"}'};
		const parsedHeaders = headers.map((h: unknown, i) => {
			const header = h as {key?: unknown; value?: unknown};
			if (typeof header?.key !== 'string' || header.key === '') throw new Error(`header ${i + 1} has no name ("key")`);
			return {key: header.key, value: field(`headers[${i}].value`, header.value)};
		});
		const partition = m['partition'];
		if (
			defaults.keepPartitions &&
			partition !== undefined &&
			!(Number.isInteger(partition) && (partition as number) >= 0)
		) {
			return {ok: false, error: `"partition" must be a whole number, not ${JSON.stringify(partition)}`};
		}
		const timestamp = m['timestamp'];
		const keyEncoder = namedEncoder(defaults.encoding, m['keySchema']);
		const valueEncoder = defaults.encoding?.value ?? namedEncoder(defaults.encoding, m['valueSchema']);
		return {
			ok: true,
			request: {
				topic: defaults.topic,
				key: keyEncoder && m['key'] !== null ? encodeWith('key', keyEncoder, m['key']) : field('key', m['key']),
				value:
					valueEncoder && m['value'] !== null
						? encodeWith('value', valueEncoder, m['value'])
						: field('value', m['value']),
				headers: parsedHeaders,
				partition: defaults.keepPartitions && typeof partition === 'number' ? partition : defaults.partition,
				timestamp: defaults.keepTimestamps && typeof timestamp === 'number' ? timestamp : undefined,
			},
		};
	} catch (error) {
		if (error instanceof Wait) return {ok: 'wait', until: error.until};
		return {ok: false, error: (error as Error).message};
	}
};

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

/** A value a line, bytes as they are in the file; with a separator, the key is what comes before it. */
export const parseTextLine = (data: Buffer, start: number, end: number, defaults: LineDefaults): ParsedLine => {
	const encoder = defaults.encoding?.value;
	if (encoder) {
		if (data.subarray(start, end).toString('utf8').trim() === '') return {ok: 'skip'};
		const at = defaults.keySeparator ? data.indexOf(separatorBytes(defaults.keySeparator), start) : -1;
		if (defaults.keySeparator && (at < 0 || at >= end))
			return {ok: false, error: `no key separator "${defaults.keySeparator}" in the line`};
		const valueStart = at < 0 ? start : at + separatorBytes(defaults.keySeparator!).length;
		const value = jsonValue(data.subarray(valueStart, end), encoder);
		if (!Buffer.isBuffer(value)) return value;
		const key = at < 0 ? defaults.key : data.subarray(start, at);
		return {
			ok: true,
			request: {topic: defaults.topic, key, value, headers: defaults.headers, partition: defaults.partition},
		};
	}
	if (!defaults.keySeparator)
		return {
			ok: true,
			request: {
				topic: defaults.topic,
				key: defaults.key,
				value: data.subarray(start, end),
				headers: defaults.headers,
				partition: defaults.partition,
			},
		};
	// A one-byte separator is searched for as a byte, much faster than as a string.
	const separator = separatorBytes(defaults.keySeparator);
	const at = separator.length === 1 ? data.indexOf(separator[0]!, start) : data.indexOf(separator, start);
	if (at < 0 || at >= end) return {ok: false, error: `no key separator "${defaults.keySeparator}" in the line`};
	const value = data.subarray(at + separator.length, end);
	return {
		ok: true,
		request: {
			topic: defaults.topic,
			key: data.subarray(start, at),
			value,
			headers: defaults.headers,
			partition: defaults.partition,
		},
	};
};

export const formatFor = (file: string): FileFormat => (/\.(nd)?jsonl?$/i.test(file) ? 'ndjson' : 'lines');
