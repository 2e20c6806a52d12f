import {KexError} from '../kafka/errors.js';
import type {Header, StartPosition} from '../kafka/types.js';

// Parsing of what people type on the command line; every failure says what was expected.

const usage = (message: string) => new KexError('invalid-input', message);

const RELATIVE = /^-(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** A point in time: ISO 8601, epoch milliseconds, or relative to now such as -15m, -2h, -1d. */
export const parseTime = (text: string, now = Date.now()): number | null => {
	const relative = RELATIVE.exec(text);
	if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!]!;
	if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? null : ms;
	}
	return null;
};

/**
 * --from: oldest, newest, an offset (a whole number), or a time (ISO 8601, -15m, or @<epoch ms>).
 * A bare number is an offset; epoch milliseconds need the @ so the two can never be confused.
 */
export const parseFrom = (text: string | undefined, limit: number | undefined): StartPosition => {
	if (text === undefined || text === 'oldest' || text === 'beginning') return {kind: 'oldest'};
	if (text === 'newest' || text === 'end') return {kind: 'newest', count: limit ?? 10};
	if (/^\d+$/.test(text)) return {kind: 'offset', offset: Number(text)};
	if (/^@\d+$/.test(text)) return {kind: 'timestamp', timestamp: Number(text.slice(1))};
	const time = parseTime(text);
	if (time !== null) return {kind: 'timestamp', timestamp: time};
	throw usage(
		`invalid --from "${text}": use oldest, newest, an offset (42), a time (2024-05-01T12:00:00Z, -15m, -2h, -1d) or @<epoch ms>`,
	);
};

export const parseNonNegative = (name: string, value: unknown): number | undefined => {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		throw usage(`invalid ${name} "${String(value)}": expected a whole number, 0 or more`);
	return n;
};

/** --header name=value; `name=` is an empty value and `name` alone (no =) is a null value. */
export const parseHeader = (text: string): Header => {
	const eq = text.indexOf('=');
	const key = eq < 0 ? text : text.slice(0, eq);
	if (key.length === 0) throw usage(`invalid --header "${text}": expected name=value with a non-empty name`);
	return {key, value: eq < 0 ? null : Buffer.from(text.slice(eq + 1), 'utf8')};
};

export const parseBrokers = (text: string): string[] => {
	const brokers = text
		.split(',')
		.map(s => s.trim())
		.filter(Boolean);
	for (const b of brokers) {
		if (!/^[^\s:]+:\d{1,5}$/.test(b) && !/^\[[0-9a-f:]+\]:\d{1,5}$/i.test(b)) {
			throw usage(`invalid broker address "${b}": expected HOST:PORT`);
		}
	}
	if (brokers.length === 0) throw usage('no broker address given: expected HOST:PORT[,HOST:PORT...]');
	return brokers;
};

/** --refresh: seconds (5, 0.5) or with a unit (500ms, 10s, 2m); between half a second and an hour. */
export const parseRefresh = (text: string | undefined): number => {
	if (text === undefined) return 5000;
	const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
	const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 's']! : Number.NaN;
	if (!(ms >= 500 && ms <= 3_600_000))
		throw usage(`--refresh must be between 0.5 and 3600 seconds (such as 5, 500ms or 2m), not "${text}"`);
	return ms;
};
