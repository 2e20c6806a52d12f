import {KexError} from '../kafka/errors.js';
import type {StartPosition} from '../kafka/types.js';

// Where reading starts and points in time, as people type them: on the command line (--from) and in the viewer
// (t, :goto). Neither face owns this; both use it, so both understand the same words.

const RELATIVE = /^-(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Milliseconds in each unit people write after a number: 500ms, 10s, 15m, 2h, 1d. */
export const UNIT_MS: Readonly<Record<string, number>> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

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
 * oldest, newest, an offset (a whole number), or a time (ISO 8601, -15m, or @<epoch ms>). A bare number is an
 * offset; epoch milliseconds need the @ so the two can never be confused.
 */
export const parseFrom = (text: string | undefined, limit: number | undefined): StartPosition => {
	if (text === undefined || text === 'oldest' || text === 'beginning') return {kind: 'oldest'};
	if (text === 'newest' || text === 'end') return {kind: 'newest', count: limit ?? 10};
	if (/^\d+$/.test(text)) return {kind: 'offset', offset: Number(text)};
	if (/^@\d+$/.test(text)) return {kind: 'timestamp', timestamp: Number(text.slice(1))};
	const time = parseTime(text);
	if (time !== null) return {kind: 'timestamp', timestamp: time};
	throw new KexError(
		'invalid-input',
		`invalid --from "${text}": use oldest, newest, an offset (42), a time (2024-05-01T12:00:00Z, -15m, -2h, -1d) or @<epoch ms>`,
	);
};

/** How a start position reads in a title: "oldest", "newest 100/partition", "offset 42", a time. */
export const startText = (start: StartPosition) =>
	start.kind === 'oldest'
		? 'oldest'
		: start.kind === 'newest'
			? `newest ${start.count}/partition`
			: start.kind === 'offset'
				? `offset ${start.offset}`
				: start.kind === 'timestamp'
					? new Date(start.timestamp).toISOString()
					: 'saved offsets';
