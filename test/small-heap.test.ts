import assert from 'node:assert/strict';
import {test} from 'node:test';
import {freeDeadBuffers} from '../source/shared/small-heap.js';

// kex consume frees each printed fetch's buffers at once rather than when V8 next collects (see small-heap.ts).

const MB = 1024 * 1024;
const arrayBuffers = () => process.memoryUsage().arrayBuffers;
const pause = new Int32Array(new SharedArrayBuffer(4));

test('freeing dead buffers gives back the memory of buffers nothing holds any more', () => {
	const before = arrayBuffers();
	for (let i = 0; i < 20; i++) Buffer.alloc(MB, i);
	// Twenty dead megabytes: fewer than make V8 collect by itself.
	assert.ok(arrayBuffers() >= before + 20 * MB, 'the dead buffers are counted before');
	freeDeadBuffers();
	// V8 frees what it collected on a thread of its own: polled without running JavaScript, which could make V8
	// collect by itself.
	const deadline = Date.now() + 5000;
	while (arrayBuffers() > before + 2 * MB && Date.now() < deadline) Atomics.wait(pause, 0, 0, 5);
	assert.ok(arrayBuffers() <= before + 2 * MB, `${((arrayBuffers() - before) / MB).toFixed(1)} MB still counted`);
});
