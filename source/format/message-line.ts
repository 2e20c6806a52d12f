import type {Decoded, Message} from '../kafka/types.js';
import {safeBytes, safeString} from './safe-text.js';

// The line form of a message that `kex consume` prints: partition, offset, time, key, value and headers, tab
// separated, every byte made safe for a terminal.

/**
 * A timestamp as ISO-8601 UTC. A record may carry any 64-bit time, far outside what a date can show: that one is
 * printed as the number it is, rather than stopping the output.
 */
export const isoTime = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

export const headersText = (headers: Message['headers']) =>
	headers.map(h => `${safeString(h.key)}=${safeBytes(h.value, '(null)')}`).join(',');

/** A key or value: decoded with its schema as compact JSON, else its bytes. */
const shown = (bytes: Buffer | null, decoded: Decoded | undefined) =>
	decoded?.ok ? safeString(JSON.stringify(decoded.json)) : safeBytes(bytes, '(null)');

export const messageLine = (m: Message) => {
	const headers = headersText(m.headers);
	return `${m.partition}\t${m.offset}\t${isoTime(m.timestamp)}\t${shown(m.key, m.decoded?.key)}\t${shown(m.value, m.decoded?.value)}${headers ? `\t${headers}` : ''}\n`;
};
