import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Message} from '../source/kafka/types.js';
import {
	appendAfter,
	hasMoreAfter,
	hasMoreBefore,
	mergedMessages,
	prependBefore,
	trim,
	type MessageWindow,
} from '../source/ui/messages/message-window.js';

const msg = (partition: number, offset: number, timestamp: number): Message => ({
	topic: 't',
	partition,
	offset,
	timestamp,
	timestampType: 'create',
	key: null,
	value: Buffer.from(`${partition}/${offset}`),
	headers: [],
	batch: {compression: 'none', baseOffset: offset, lastOffset: offset, storedBytes: 70, recordsBytes: 70},
	recordBytes: 10,
});
const ids = (list: Message[]) => list.map(m => `${m.partition}/${m.offset}`);

describe('the viewer window', () => {
	test('merges partitions by time, keeps each partition in offset order, and stops where a partition has more to load', () => {
		const w: MessageWindow = {
			topic: 't',
			cap: 100,
			spans: [
				{partition: 0, low: 0, high: 10, first: 0, next: 3, messages: [msg(0, 0, 10), msg(0, 1, 30), msg(0, 2, 50)]},
				{partition: 1, low: 0, high: 2, first: 0, next: 2, messages: [msg(1, 0, 20), msg(1, 1, 60)]},
			],
		};
		// Partition 0 has more after offset 2: partition 1's message at t=60 must wait until that is known.
		assert.deepEqual(ids(mergedMessages(w)), ['0/0', '1/0', '0/1', '0/2']);
		assert.ok(hasMoreAfter(w) && !hasMoreBefore(w));
		const more = appendAfter(w, 0, [msg(0, 3, 40), msg(0, 4, 70)], 10);
		assert.deepEqual(
			ids(mergedMessages(more)),
			['0/0', '1/0', '0/1', '0/2', '0/3', '1/1', '0/4'],
			'a late timestamp stays in partition order',
		);
		assert.ok(!hasMoreAfter(more));
	});

	test('bounded: trimming from the top or bottom keeps each partition contiguous, and what was dropped can be read again', () => {
		let w: MessageWindow = {
			topic: 't',
			cap: 4,
			spans: [
				{partition: 0, low: 0, high: 100, first: 10, next: 14, messages: [10, 11, 12, 13].map(o => msg(0, o, o * 10))},
				{partition: 1, low: 0, high: 100, first: 10, next: 13, messages: [10, 11, 12].map(o => msg(1, o, o * 10 + 5))},
			],
		};
		const top = trim(w, 'top');
		assert.equal(
			top.spans.reduce((n, s) => n + s.messages.length, 0),
			4,
		);
		assert.deepEqual(
			top.spans.map(s => [s.first, s.next]),
			[
				[12, 14],
				[11, 13],
			],
			'the three oldest in merged order go',
		);
		assert.deepEqual(ids(top.spans[0]!.messages), ['0/12', '0/13']);
		const bottom = trim(w, 'bottom');
		assert.deepEqual(
			bottom.spans.map(s => [s.first, s.next]),
			[
				[10, 12],
				[10, 12],
			],
		);
		w = prependBefore(top, 0, [msg(0, 11, 110)], 11);
		assert.deepEqual([w.spans[0]!.first, ids(w.spans[0]!.messages)], [11, ['0/11', '0/12', '0/13']]);
		assert.ok(hasMoreBefore(w));
	});
});
