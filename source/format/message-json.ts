import {isUtf8} from 'node:buffer';
import type {Message} from '../kafka/types.js';

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

export const messageToJson = (m: Message): MessageJson => ({
	topic: m.topic,
	partition: m.partition,
	offset: m.offset,
	timestamp: m.timestamp,
	timestampType: m.timestampType,
	key: bytesToJson(m.key),
	value: bytesToJson(m.value),
	headers: m.headers.map(h => ({key: h.key, value: bytesToJson(h.value)})),
});
