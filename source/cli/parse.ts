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

/**
 * The command line with `--from -15m` written `--from=-15m`: a value after a space that starts with a dash and a
 * digit (a time ago, a negative offset) is otherwise taken for a flag of its own and refused. No kex flag is a dash
 * and a digit, so such a word after a flag that takes a value can only be its value.
 */
export const negativeValuesJoined = (argv: readonly string[], valueFlags: ReadonlySet<string>): string[] => {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		const next = argv[i + 1];
		if (word === '--') return [...out, ...argv.slice(i)];
		if (next !== undefined && /^-\d/.test(next) && word.startsWith('--') && valueFlags.has(word.slice(2))) {
			out.push(`${word}=${next}`);
			i++;
		} else out.push(word);
	}
	return out;
};

/** A flag of the flag table as typed on the command line: key-separator for keySeparator. */
const typedFlag = (name: string) => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);

/** The flags of a flag table that take a value, as typed on the command line. */
export const valueFlagsOf = (flags: Record<string, {type: string}>): Set<string> =>
	new Set(
		Object.entries(flags)
			.filter(([, f]) => f.type === 'string')
			.map(([name]) => typedFlag(name)),
	);

const distance = (a: string, b: string): number => {
	let row = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const next = [i];
		for (let j = 1; j <= b.length; j++)
			next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		row = next;
	}
	return row[b.length]!;
};

// What Kafka's own tools and kcat's users type first, and kex's word for it.
const KAFKA_WORDS: Record<string, string> = {
	offset: 'from',
	'bootstrap-server': 'brokers',
	'bootstrap-servers': 'brokers',
	'max-messages': 'limit',
	'from-beginning': 'from oldest',
};

/**
 * The first word of the command line that is an option kex does not have, with the nearest one it has when it is
 * near (a typo), or null. Words after `--` and negative numbers are values, as the parser takes them.
 */
export const unknownOption = (
	argv: readonly string[],
	flags: Record<string, {type: string}>,
): {word: string; nearest: string | null} | null => {
	const known = new Set(['help', 'version']);
	for (const [name, flag] of Object.entries(flags)) {
		const typed = typedFlag(name);
		known.add(typed);
		if (flag.type === 'boolean') known.add(`no-${typed}`);
	}
	for (const word of argv) {
		if (word === '--') return null;
		if (word.length < 2 || !word.startsWith('-') || /^-(\d+|\d*\.\d+)$/.test(word)) continue;
		const name = word.startsWith('--') ? word.slice(2).split('=')[0]! : '';
		if (known.has(name)) continue;
		const typedWord = word.split('=')[0]!;
		if (name === '') return {word: typedWord, nearest: null};
		if (KAFKA_WORDS[name]) return {word: typedWord, nearest: `--${KAFKA_WORDS[name]}`};
		let nearest: string | null = null;
		let best = 3;
		for (const candidate of known) {
			const d = distance(name, candidate);
			if (d < best) [nearest, best] = [`--${candidate}`, d];
		}
		return {word: typedWord, nearest};
	}
	return null;
};
