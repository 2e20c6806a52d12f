import {KexError} from '../kafka/errors.js';
import type {Header} from '../kafka/types.js';
import {UNIT_MS} from '../shared/start-position.js';

// Parsing of what people type on the command line; every failure says what was expected.

const usage = (message: string) => new KexError('invalid-input', message);

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

/** --refresh: seconds (5, 0.5) or with a unit (500ms, 10s, 2m); between half a second and an hour. */
export const parseRefresh = (text: string | undefined): number => {
	if (text === undefined) return 5000;
	const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
	const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 's']! : Number.NaN;
	if (!(ms >= 500 && ms <= 3_600_000))
		throw usage(`--refresh must be between 0.5 and 3600 seconds (such as 5, 500ms or 2m), not "${text}"`);
	return ms;
};

/** An interval as people write it: 10s, 500ms, 2m, or seconds; at least a second and at most an hour. */
export const parseInterval = (name: string, text: string): number => {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
	const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 's']! : Number.NaN;
	if (!(ms >= 1000 && ms <= 3_600_000))
		throw usage(`${name} is between 1 second and an hour (such as 10s or 2m), not "${text}"`);
	return ms;
};
