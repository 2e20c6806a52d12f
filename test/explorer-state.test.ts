import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {complete, parseCommand} from '../source/ui/shell/command-line.js';
import {explorerLayout} from '../source/ui/explorer/explorer-layout.js';
import {screenLayout} from '../source/ui/shell/layout.js';
import {
	INITIAL_POSITION,
	moveSelection,
	pageSelection,
	resolveIndex,
	visibleOffset,
} from '../source/ui/kit/list-window.js';
import {initialLiveState, liveReducer, nextDelay} from '../source/ui/kit/live-state.js';

// The pure parts behind the explorer: windowing, completion, layout, the connection's life.

const keys = Array.from({length: 100}, (_, i) => `t${i}`);

describe('explorer logic', () => {
	test('the selection follows its key when rows are added or removed, and falls back to its place when it is gone', () => {
		const at = moveSelection(INITIAL_POSITION, keys, 10, {to: 50});
		assert.equal(resolveIndex(at, ['new', ...keys]), 51);
		assert.equal(
			resolveIndex(
				at,
				keys.filter(k => k !== 't50'),
			),
			50,
			'gone: the same place, now t51',
		);
		assert.equal(resolveIndex(at, ['a', 'b']), 1, 'a shorter list clamps');
		assert.equal(resolveIndex(at, []), -1);
	});

	test('the window scrolls only as far as needed, pages move by a screen, and ends are clamped', () => {
		let p = moveSelection(INITIAL_POSITION, keys, 10, {to: 9});
		assert.equal(p.offset, 0);
		p = moveSelection(p, keys, 10, {delta: 1});
		assert.equal(p.offset, 1, 'one past the bottom scrolls one row');
		p = pageSelection(p, keys, 10, 1);
		assert.deepEqual([p.index, p.offset], [19, 10]);
		p = moveSelection(p, keys, 10, {delta: 1000});
		assert.deepEqual([p.index, p.offset], [99, 90]);
		p = pageSelection(p, keys, 10, -1);
		assert.equal(p.index, 90);
		assert.equal(visibleOffset(90, 5, 10, 100), 5, 'a selection above the window pulls it up');
		assert.equal(visibleOffset(95, 3, 10, 8), 0, 'a list shorter than the window never scrolls');
	});

	test('command completion: commands, then topic names; ambiguous input lists the candidates', () => {
		assert.deepEqual(complete('gr', []), {line: 'groups', candidates: []});
		assert.deepEqual(complete('top', []), {line: 'topic', candidates: ['topics', 'topic']});
		assert.deepEqual(complete('topic ', ['orders', 'orders-dlq', 'payments']), {
			line: 'topic ',
			candidates: ['orders', 'orders-dlq', 'payments'],
		});
		assert.deepEqual(complete('topic or', ['orders', 'orders-dlq', 'payments']), {
			line: 'topic orders',
			candidates: ['orders', 'orders-dlq'],
		});
		assert.deepEqual(complete('topic pa', ['orders', 'payments']), {line: 'topic payments', candidates: []});
		assert.deepEqual(parseCommand('q', []), {ok: true, name: 'quit', argument: ''});
		assert.deepEqual(parseCommand('topic nope', ['orders']), {ok: false, error: 'no topic named nope'});
		assert.deepEqual(parseCommand('gro', []), {ok: false, error: 'unknown command :gro (did you mean :groups?)'});
	});

	test('layout: the frame is one line shorter than the terminal, panes add up to the body, tiny is refused', () => {
		for (const [columns, rows] of [
			[80, 24],
			[60, 15],
			[200, 60],
		] as const) {
			const screen = screenLayout(columns, rows);
			assert.ok(!screen.tooSmall);
			assert.equal(screen.frameHeight, rows - 1);
			const boxes = explorerLayout(columns, screen.bodyHeight, 3, 500, 12);
			const used =
				boxes.brokers.height + boxes.topics.height + (boxes.arrangement === 'stacked' ? boxes.partitions.height : 0);
			assert.equal(used, screen.bodyHeight, `${columns}x${rows}`);
			assert.ok(boxes.topics.height >= 3 && boxes.partitions.height >= 3);
		}
		assert.equal(explorerLayout(200, 55, 3, 500, 12).arrangement, 'split');
		const few = explorerLayout(80, 19, 1, 2, 3);
		assert.deepEqual([few.topics.height, few.partitions.height], [4, 12], 'few topics: the partitions get the room');
		assert.ok(screenLayout(59, 24).tooSmall);
		assert.ok(screenLayout(80, 14).tooSmall);
	});

	test('connection: reconnecting after a failure with data, lost after three, backoff doubles to 8 s, success resets', () => {
		let s = liveReducer(initialLiveState<number>(), {type: 'failed', error: 'x', retryAt: 1});
		assert.equal(s.status, 'connecting', 'no data yet: still connecting');
		s = liveReducer(s, {type: 'succeeded', data: 1, at: 10});
		s = liveReducer(s, {type: 'failed', error: 'x', retryAt: 1});
		assert.deepEqual([s.status, s.data], ['reconnecting', 1]);
		s = liveReducer(liveReducer(s, {type: 'failed', error: 'x', retryAt: 1}), {type: 'failed', error: 'x', retryAt: 1});
		assert.deepEqual([s.status, s.data, s.lastGoodAt], ['lost', 1, 10]);
		s = liveReducer(s, {type: 'succeeded', data: 2, at: 20});
		assert.deepEqual([s.status, s.previous, s.failures], ['connected', 1, 0]);
		assert.deepEqual(
			[1, 2, 3, 6, 9].map(f => nextDelay(f, 5000)),
			[1000, 2000, 4000, 8000, 8000],
		);
		assert.equal(nextDelay(0, 5000), 5000);
	});
});
