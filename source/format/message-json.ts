import {isUtf8} from 'node:buffer';
import type {Decoded, Message, SchemaLabel} from '../kafka/types.js';

// The NDJSON form of a message, shared by `kex consume --json` and (later) export and replay. Bytes that are valid
// UTF-8 are a string; other bytes are {"base64": "..."}; null stays null, so every message round-trips exactly.

export type JsonBytes = string | {base64: string} | null;

export type MessageJson = {
	topic: string;
	partition: number;
	offset: number;
	timestamp: number;
	timestampType: Message['timestampType'];
	key: JsonBytes;
	value: JsonBytes;
	headers: Array<{key: string; value: JsonBytes}>;
	/** Set when the key was decoded with a registry's schema: `key` is then the decoded value, not its bytes. */
	keySchema?: SchemaLabel;
	valueSchema?: SchemaLabel;
	/** Why a key or value in a registry's wire format was not decoded (it is then its bytes, as without a registry). */
	keyDecodeError?: string;
	valueDecodeError?: string;
};

export const bytesToJson = (bytes: Buffer | null): JsonBytes => {
	if (bytes === null) return null;
	return isUtf8(bytes) ? bytes.toString('utf8') : {base64: bytes.toString('base64')};
};

export const jsonToBytes = (value: unknown): Buffer | null => {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return Buffer.from(value, 'utf8');
	if (typeof value === 'object' && typeof (value as {base64?: unknown}).base64 === 'string') {
		return Buffer.from((value as {base64: string}).base64, 'base64');
	}
	throw new Error('expected a string, null, or {"base64": "..."}');
};

const part = (name: 'key' | 'value', bytes: Buffer | null, decoded: Decoded | undefined) =>
	decoded?.ok
		? {[name]: decoded.json, [`${name}Schema`]: decoded.schema}
		: {[name]: bytesToJson(bytes), ...(decoded ? {[`${name}DecodeError`]: decoded.reason} : {})};

export const messageToJson = (m: Message): MessageJson => {
	const base = {
		topic: m.topic,
		partition: m.partition,
		offset: m.offset,
		timestamp: m.timestamp,
		timestampType: m.timestampType,
		key: bytesToJson(m.key),
		value: bytesToJson(m.value),
		headers: m.headers.map(h => ({key: h.key, value: bytesToJson(h.value)})),
	};
	if (!m.decoded) return base;
	return {...base, ...part('key', m.key, m.decoded.key), ...part('value', m.value, m.decoded.value)} as MessageJson;
};
