import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {MessageWindow} from '../source/ui/messages/message-window.js';
import {
	initialViewerState,
	selectionOf,
	viewerReducer,
	type ViewerAction,
	type ViewerState,
} from '../source/ui/messages/viewer-state.js';

// The viewer's store as the reader meets it: where the selection goes when a view opens, while the tail brings new
// rows, after a scan found a message; and that a goto which fails leaves the view as it was.

const window: MessageWindow = {topic: 'orders', spans: [], cap: 100};
const target = {topic: 'orders', partition: null, start: {kind: 'newest' as const, count: 100}};
const run = (...actions: ViewerAction[]) => actions.reduce(viewerReducer, initialViewerState());
const keys = (n: number) => Array.from({length: n}, (_, i) => `0:${i}`);

describe('viewer store', () => {
	test('a view opened at the newest selects the last row, and keeps it there only while following', () => {
		let s: ViewerState = run({type: 'opening', target}, {type: 'loaded', target, window, place: 'reset'});
		assert.equal(selectionOf(s, keys(5)).selectedKey, '0:4');
		assert.equal(selectionOf(s, keys(7)).selectedKey, '0:6', 'rows that arrive before the reader moves');
		s = viewerReducer(s, {type: 'move', shape: {keys: keys(7), height: 5}, delta: -1});
		assert.equal(selectionOf(s, keys(9)).selectedKey, '0:5', 'moved up: the selection stays on its message');
		s = viewerReducer(s, {type: 'following', on: true});
		assert.equal(selectionOf(s, keys(9)).selectedKey, '0:8', 'f goes to the newest');
		assert.equal(selectionOf(s, keys(12)).selectedKey, '0:11', 'and stays there as the tail brings rows');
		s = viewerReducer(s, {type: 'move', shape: {keys: keys(12), height: 5}, delta: -2});
		assert.equal(selectionOf(s, keys(15)).selectedKey, '0:9', 'the reader moved away: new rows do not move it');
	});

	test('a scan that found a message selects it; a failed goto keeps what was shown', () => {
		const oldest = {...target, start: {kind: 'oldest' as const}};
		let s = run({type: 'opening', target: oldest}, {type: 'loaded', target: oldest, window, place: 'reset'});
		assert.equal(selectionOf(s, keys(3)).selectedKey, null, 'from the oldest: the first row, by position');
		s = viewerReducer(s, {type: 'loaded', target: oldest, window, place: {key: '0:2'}});
		assert.equal(selectionOf(s, keys(3)).selectedKey, '0:2');
		s = viewerReducer(s, {type: 'opening'});
		assert.equal(s.window, window, 'a goto loads before it replaces anything');
		s = viewerReducer(s, {type: 'failed', error: 'offset 5000 is out of range'});
		assert.deepEqual([s.target, s.window, s.loading, s.error], [oldest, window, null, 'offset 5000 is out of range']);
	});
});
