import assert from 'node:assert/strict';
import {test} from 'node:test';
import {produceLines} from '../source/produce/produce-lines.js';
import {FakeService, partitions, snapshotOf, topic} from './helpers/fake-service.js';

// How a file's bytes become lines, whatever the chunks it is read in: a line split across chunks (or across many),
// Windows line ends, a last line without its newline; and a chunk's buffer read into again once the next is asked
// for, as fileChunks does, must not change a line already read.

const lines = {key: null, headers: [], keySeparator: '|', keepPartitions: false, keepTimestamps: false};

/** The bytes of text cut at the given byte offsets (one of them inside the € of "vierund€"). */
const cut = (text: string, at: number[]) => {
	const bytes = Buffer.from(text, 'utf8');
	return [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length));
};

const produce = async (chunks: Buffer[], reuse: boolean) => {
	const service = new FakeService(snapshotOf([topic('t', partitions(1))]));
	// One buffer for every chunk when reuse is set: what a chunk held is overwritten by the next.
	const shared = Buffer.alloc(64);
	async function* input() {
		for (const bytes of chunks) {
			if (!reuse) yield bytes;
			else {
				bytes.copy(shared);
				yield shared.subarray(0, bytes.length);
				shared.fill(0x23);
			}
		}
	}
	const result = await produceLines({service, topic: 't', input: input(), format: 'lines', defaults: lines});
	return {result, sent: service.produced.map(m => `${m.key?.toString()}=${m.value?.toString()}`)};
};

for (const reuse of [false, true]) {
	test(`lines split across chunks arrive whole${reuse ? ' from a buffer read into again' : ''}`, async () => {
		const text = 'a|1\nb|zwei\r\nc|3\nd|vierund€';
		const {result, sent} = await produce(cut(text, [6, 8, 11, 16, 25, 26]), reuse);
		assert.deepEqual(sent, ['a=1', 'b=zwei', 'c=3', 'd=vierund€']);
		assert.deepEqual([result.lines, result.sent], [4, 4]);
	});
}
