import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import narrowWidth, {NARROW} from '../source/ui/kit/narrow-width.js';

// The bundle measures every frame's text with narrow-width instead of string-width: a column miscounted would shift
// or cut what the screen shows, so both must always give the same answer.

const boxAndBlocks = Array.from({length: 0x25a0 - 0x2500}, (_, i) => String.fromCodePoint(0x2500 + i));

test('each character kex draws is one column, as string-width says', () => {
	for (const c of [...NARROW, ...boxAndBlocks]) {
		assert.equal(stringWidth(c), 1, `string-width of U+${c.codePointAt(0)!.toString(16)}`);
		assert.equal(narrowWidth(c), 1, `narrow-width of U+${c.codePointAt(0)!.toString(16)}`);
	}
});

test('lines, coloured or not, measure as string-width measures them', () => {
	const lines = [
		'',
		'── topics(5,000) </orders> ─────────',
		'bench-t-00025        2   1    0      0              …',
		'\u001B[2m…\u001B[22m \u001B[36m── brokers(3) ──\u001B[39m',
		'1 broker  controller 1  ● connected  refreshed 0s ago',
		'lag ▁▃▆▆█ ↑  ✖ ✗ ▸ ▶ › ≥ ← → ↓ ·',
		// Outside the narrow set: wide, combining, emoji, escapes left as they are.
		'topic-日本語',
		'cafe\u0301 ☕ 👍🏽',
		'tab\tand bell\u0007',
		'\u009B31mred\u009B0m ─',
	];
	for (const line of lines) assert.equal(narrowWidth(line), stringWidth(line), JSON.stringify(line));
});

test('options that change the answer are left to string-width', () => {
	assert.equal(narrowWidth('── …', {ambiguousIsNarrow: false}), stringWidth('── …', {ambiguousIsNarrow: false}));
	assert.equal(narrowWidth('── …', {ambiguousIsNarrow: false}), 7);
	const coloured = '\u001B[2m──\u001B[22m';
	assert.equal(
		narrowWidth(coloured, {countAnsiEscapeCodes: true}),
		stringWidth(coloured, {countAnsiEscapeCodes: true}),
	);
});
