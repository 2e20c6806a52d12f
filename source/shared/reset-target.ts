import type {ResetTarget} from '../kafka/change-types.js';
import {KexError} from '../kafka/errors.js';
import {parseTime} from './start-position.js';

// Where a group's offsets go, as people type it (kex group reset --to, and the reset form): the same words as
// --from, plus shift:N.

export const RESET_TARGET_HELP =
	'oldest, newest, an offset (42), a time (2024-05-01T12:00:00Z, -15m, @<epoch ms>) or shift:N (shift:-100)';

export const parseResetTarget = (text: string): ResetTarget => {
	const t = text.trim();
	if (t === 'oldest' || t === 'earliest' || t === 'beginning') return {kind: 'oldest'};
	if (t === 'newest' || t === 'latest' || t === 'end') return {kind: 'newest'};
	if (/^\d+$/.test(t)) return {kind: 'offset', offset: Number(t)};
	const shift = /^shift:([+-]?\d+)$/.exec(t);
	if (shift) return {kind: 'shift', by: Number(shift[1])};
	if (/^@\d+$/.test(t)) return {kind: 'timestamp', timestamp: Number(t.slice(1))};
	const time = parseTime(t);
	if (time !== null) return {kind: 'timestamp', timestamp: time};
	throw new KexError('invalid-input', `invalid reset target "${text}": use ${RESET_TARGET_HELP}`);
};

export const resetTargetText = (target: ResetTarget) =>
	target.kind === 'oldest' || target.kind === 'newest'
		? target.kind
		: target.kind === 'offset'
			? `offset ${target.offset}`
			: target.kind === 'shift'
				? `shift by ${target.by}`
				: new Date(target.timestamp).toISOString();
