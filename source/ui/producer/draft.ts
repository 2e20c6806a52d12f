import type {ProduceRequest} from '../../kafka/types.js';
import {checkJson} from './json-check.js';

// What the producer form holds, and how it becomes a message. The draft is kept exactly as typed; only sending
// reads it, and a problem names the field (and for JSON the line and column) without changing it.

export type Draft = {
	topic: string;
	/** Empty or "auto": the key decides; else a partition number. */
	partition: string;
	key: string;
	value: string;
	/** One header a line, "name: value"; a name alone sends a null value. Order and repeats are kept. */
	headers: string;
	/**
	 * A registry schema to encode the value with (it is then JSON): a subject (its latest version), subject@N, or
	 * id:N. Empty: the value is sent as typed.
	 */
	schema: string;
	/** Send no value at all: a tombstone on a compacted topic. */
	tombstone: boolean;
	/** Check the value is JSON before sending. */
	json: boolean;
	/** The key and value are base64 (binary messages brought over from the viewer). */
	base64: boolean;
};

export type FieldId =
	'topic' | 'partition' | 'key' | 'value' | 'schema' | 'headers' | 'tombstone' | 'json' | 'compression';
export const FIELDS: FieldId[] = [
	'topic',
	'partition',
	'key',
	'value',
	'schema',
	'headers',
	'tombstone',
	'json',
	'compression',
];

/** What the schema field names: a subject's latest version, one of its versions, or a schema id. */
export const schemaTarget = (text: string): {subject: string; version?: number} | {id: number} | null => {
	const t = text.trim();
	if (t === '') return null;
	const id = /^id:\s*(\d+)$/.exec(t);
	if (id) return {id: Number(id[1])};
	const versioned = /^(.+)@(\d+)$/.exec(t);
	return versioned ? {subject: versioned[1]!, version: Number(versioned[2])} : {subject: t};
};

export const emptyDraft = (topic = ''): Draft => ({
	topic,
	partition: '',
	key: '',
	value: '',
	headers: '',
	schema: '',
	tombstone: false,
	json: false,
	base64: false,
});

export type DraftProblem = {field: FieldId | null; message: string};

const bytes = (text: string, base64: boolean) => (base64 ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'));

export const toRequest = (
	draft: Draft,
	topics: ReadonlyMap<string, number>,
): {ok: true; request: ProduceRequest} | {ok: false; problem: DraftProblem} => {
	const topic = draft.topic.trim();
	if (topic === '') return {ok: false, problem: {field: 'topic', message: 'choose a topic'}};
	const partitions = topics.get(topic);
	if (partitions === undefined)
		return {
			ok: false,
			problem: {field: 'topic', message: `no topic named ${topic} (kex never creates one by writing to it)`},
		};
	let partition: number | undefined;
	const p = draft.partition.trim();
	if (p !== '' && p !== 'auto') {
		if (!/^\d+$/.test(p))
			return {
				ok: false,
				problem: {field: 'partition', message: `partition is a number or empty (the key decides), not "${p}"`},
			};
		partition = Number(p);
		if (partition >= partitions)
			return {
				ok: false,
				problem: {
					field: 'partition',
					message: `${topic} has ${partitions} partition${partitions === 1 ? '' : 's'}: 0 to ${partitions - 1}`,
				},
			};
	}
	const headers = [];
	const lines = draft.headers.split('\n');
	for (const [i, line] of lines.entries()) {
		if (line.trim() === '') continue;
		const colon = line.indexOf(':');
		const name = (colon < 0 ? line : line.slice(0, colon)).trim();
		if (name === '')
			return {ok: false, problem: {field: 'headers', message: `header line ${i + 1} has no name (write name: value)`}};
		headers.push({key: name, value: colon < 0 ? null : Buffer.from(line.slice(colon + 1).replace(/^ /, ''), 'utf8')});
	}
	if (!draft.tombstone && draft.json && !draft.base64) {
		const check = checkJson(draft.value);
		if (!check.ok)
			return {
				ok: false,
				problem: {field: 'value', message: `not JSON at line ${check.line}, column ${check.column}: ${check.message}`},
			};
	}
	return {
		ok: true,
		request: {
			topic,
			partition,
			key: draft.key === '' ? null : bytes(draft.key, draft.base64),
			value: draft.tombstone ? null : bytes(draft.value, draft.base64),
			headers,
		},
	};
};
