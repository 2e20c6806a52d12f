import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseHeader} from '../source/cli/parse.js';
import {parseFrom, parseTime} from '../source/shared/start-position.js';
import snappy from 'snappyjs';
import {crc32c, crc32cJs} from '../source/kafka/crc32c.js';
import {Reader} from '../source/kafka/protocol/reader.js';
import {Writer} from '../source/kafka/protocol/writer.js';
import {metadata} from '../source/kafka/protocol/metadata.js';
import {decompress, prepareCompression} from '../source/kafka/codecs.js';
import {decodeRecordBatches, prepareBatches, visitRecordBatches} from '../source/kafka/record-batch.js';
import {encodeRecordBatch} from '../source/kafka/record-batch-encoder.js';
import {safeBytes} from '../source/format/safe-text.js';
import {bytesToJson, jsonToBytes, messageToJson} from '../source/format/message-json.js';
import {messageLine} from '../source/format/message-line.js';
import {recordTextSink} from '../source/format/record-text.js';

// Pure pieces whose mistakes the broker would not always catch for us.

test('CRC-32C matches the standard check value, natively and in JavaScript, over any range', () => {
	assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
	assert.equal(crc32cJs(Buffer.from('123456789')), 0xe3069283);
	const bytes = Buffer.from(Array.from({length: 5000}, (_, i) => (i * 7919) % 251));
	for (const [start, end] of [
		[0, 5000],
		[21, 4999],
		[3, 3],
		[100, 117],
	] as const)
		assert.equal(crc32c(bytes, start, end), crc32cJs(bytes, start, end), `${start}-${end}`);
});

test('a record batch we encode decodes to the same records, from any start offset', () => {
	const records = [
		{key: null, value: Buffer.from('a'), headers: [], timestamp: 1000},
		{
			key: Buffer.from('k'),
			value: null,
			headers: [
				{key: 'h', value: null},
				{key: 'h', value: Buffer.alloc(300, 7)},
			],
			timestamp: 1500,
		},
		{key: Buffer.alloc(0), value: Buffer.alloc(70_000, 1), headers: [], timestamp: 999},
	];
	const batch = encodeRecordBatch(records);
	batch.writeBigInt64BE(40n, 0); // as if the broker had assigned base offset 40
	const all = decodeRecordBatches(batch, {topic: 't', partition: 0, fromOffset: 40, aborted: null});
	assert.equal(all.nextOffset, 43);
	assert.deepEqual(
		all.messages.map(m => [m.offset, m.timestamp, m.key, m.value, m.headers]),
		records.map((r, i) => [40 + i, r.timestamp, r.key, r.value, r.headers]),
	);
	assert.deepEqual(
		decodeRecordBatches(batch, {topic: 't', partition: 0, fromOffset: 42, aborted: null}).messages.map(m => m.offset),
		[42],
	);
	// A batch cut short at the end of a fetch is left for the next fetch.
	assert.deepEqual(
		decodeRecordBatches(batch.subarray(0, batch.length - 1), {topic: 't', partition: 0, fromOffset: 40, aborted: null})
			.messages,
		[],
	);
});

test('bytes render safely and JSON round-trips every byte', () => {
	assert.equal(safeBytes(Buffer.from('ok\u001b[2J\n')), 'ok\\x1b[2J\\n');
	assert.equal(safeBytes(Buffer.from([0x41, 0xff, 0x00])), 'A\\xff\\x00');
	assert.equal(safeBytes(null), 'null');
	for (const b of [Buffer.from('text ✓'), Buffer.from([0xff, 0, 1]), Buffer.alloc(0), null]) {
		assert.deepEqual(jsonToBytes(JSON.parse(JSON.stringify(bytesToJson(b)))), b);
	}
});

test('start positions and headers parse as a user types them', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	assert.equal(parseTime('-15m', now), now - 15 * 60_000);
	assert.equal(parseTime('-1d', now), now - 86_400_000);
	assert.deepEqual(parseFrom('42', undefined), {kind: 'offset', offset: 42});
	assert.deepEqual(parseFrom('newest', 5), {kind: 'newest', count: 5});
	assert.deepEqual(parseFrom('2026-01-01T00:00:00Z', undefined), {kind: 'timestamp', timestamp: now});
	assert.deepEqual(parseFrom('@1700000000000', undefined), {kind: 'timestamp', timestamp: 1700000000000});
	assert.throws(() => parseFrom('2026-13-45', undefined), /invalid --from/);
	assert.deepEqual(parseHeader('a=b=c'), {key: 'a', value: Buffer.from('b=c')});
	assert.deepEqual(parseHeader('flag'), {key: 'flag', value: null});
});

test('batches kex compresses with each codec decode to the same records; raw snappy (librdkafka) reads too', async () => {
	const records = Array.from({length: 50}, (_, i) => ({
		key: i % 2 ? null : Buffer.from(`k${i}`),
		value: Buffer.from(`value ${i} ${'repeat '.repeat(i)}`),
		headers: [{key: 'h', value: i % 3 ? Buffer.from('x') : null}],
		timestamp: 1000 + i,
	}));
	const expected = records.map((r, i) => [7 + i, r.key, r.value, r.headers]);
	for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
		await prepareCompression(codec);
		const batch = encodeRecordBatch(records, codec);
		batch.writeBigInt64BE(7n, 0);
		const decoded = decodeRecordBatches(batch, {topic: 't', partition: 0, fromOffset: 7, aborted: null});
		assert.deepEqual(
			decoded.messages.map(m => [m.offset, m.key, m.value, m.headers]),
			expected,
			codec,
		);
		const info = decoded.messages[0]!.batch;
		assert.equal(info.compression, codec);
		assert.ok(info.storedBytes < info.recordsBytes!, `${codec} made the records smaller`);
	}
	// librdkafka's snappy has no xerial frame around it.
	const framed = encodeRecordBatch(records, 'none');
	const raw = Buffer.from(snappy.compress(framed.subarray(61)));
	assert.deepEqual(decompress(2, raw), framed.subarray(61));
});

test('a compressed batch whose checksum does not match is one unreadable entry, and the batches after it still read', async () => {
	const one = (value: string) =>
		encodeRecordBatch([{key: null, value: Buffer.from(value), headers: [], timestamp: 5}], 'gzip');
	const [a, b, c] = [one('a'), one('b'), one('c')];
	[a, b, c].forEach((batch, i) => batch.writeBigInt64BE(BigInt(i), 0));
	b[b.length - 3]! ^= 0xff; // a flipped bit in the compressed records, the CRC left as it was
	const decoded = decodeRecordBatches(Buffer.concat([a, b, c]), {
		topic: 't',
		partition: 3,
		fromOffset: 0,
		aborted: null,
	});
	assert.deepEqual(
		decoded.messages.map(m => m.unreadable ?? m.value!.toString()),
		['a', 'gzip batch is corrupt (its checksum does not match)', 'c'],
	);
	assert.equal(decoded.nextOffset, 3);
});

test("consume's text, written from the fetched bytes, is what each Message makes, byte for byte", () => {
	const hostile = [
		{key: null, value: Buffer.from('plain'), headers: [], timestamp: 1_700_000_000_000},
		{key: Buffer.alloc(0), value: Buffer.from('esc \u001b[2J\\ "quoted" \u202e'), headers: [], timestamp: 5},
		{key: Buffer.from('ünï ✓'), value: Buffer.from([0xff, 0x00, 0x41]), headers: [], timestamp: -1},
		{
			key: Buffer.from('k'),
			value: null,
			headers: [
				{key: 'h\u001b', value: null},
				{key: 'h', value: Buffer.from('v"\\')},
			],
			timestamp: 4e18, // far past what a date shows: printed as the number
		},
	];
	// Enough records to fill several output chunks, across batches.
	const many = Array.from({length: 3000}, (_, i) => ({
		key: Buffer.from(`k${i}`),
		value: Buffer.from(`${i}`.padEnd(200, 'v')),
		headers: [],
		timestamp: 1_700_000_000_000 + i * 997,
	}));
	const batches = [
		encodeRecordBatch(hostile),
		encodeRecordBatch(many.slice(0, 1500)),
		encodeRecordBatch(many.slice(1500)),
	];
	// A batch whose count promises a record it does not hold: all of it is left out, as one unreadable entry.
	const short = encodeRecordBatch(many.slice(0, 3));
	short.writeInt32BE(4, 57);
	const all = [batches[0]!, short, batches[1]!, batches[2]!];
	let base = 0;
	for (const b of all) {
		b.writeBigInt64BE(BigInt(base), 0);
		base += b.readInt32BE(57);
	}
	const records = Buffer.concat(all);
	const options = {topic: 'orders', partition: 2, fromOffset: 1, aborted: null};
	const messages = decodeRecordBatches(records, options).messages;
	assert.equal(messages.filter(m => m.unreadable).length, 1);
	const readable = messages.filter(m => !m.unreadable);
	assert.equal(readable.length, 3 + 3000);

	for (const format of ['lines', 'json'] as const) {
		const out: Buffer[] = [];
		const unreadable: string[] = [];
		const sink = recordTextSink(
			format,
			m => unreadable.push(m.unreadable!),
			chunks => out.push(...chunks),
		);
		visitRecordBatches(records, options, sink);
		out.push(...sink.take());
		const expected = readable
			.map(m => (format === 'json' ? `${JSON.stringify(messageToJson(m))}\n` : messageLine(m)))
			.join('');
		assert.equal(Buffer.concat(out).toString('utf8'), expected, format);
		assert.ok(out.length > 2, 'the output came in several chunks');
		assert.deepEqual(unreadable, ['batch could not be decoded: record 4 of 4 runs past its end']);
	}
	assert.equal(messageLine(readable[0]!), '2\t1\t1970-01-01T00:00:00.005Z\t\tesc \\x1b[2J\\\\ "quoted" \\u{202e}\n');
	assert.equal(messageLine(readable[2]!), '2\t3\t4000000000000000000\tk\t(null)\th\\x1b=(null),h=v"\\\\\n');
});

test("consume's output chunks are written into again only once recycled, and never while still unwritten", () => {
	const fetch = (from: number) => {
		const batch = encodeRecordBatch(
			Array.from({length: 4000}, (_, i) => ({
				key: Buffer.from(`k${from + i}`),
				value: Buffer.from(`${from + i}`.padEnd(150, 'v')),
				headers: [],
				timestamp: 1_700_000_000_000 + i,
			})),
		);
		batch.writeBigInt64BE(BigInt(from), 0);
		return batch;
	};
	const handed: Buffer[] = [];
	const sink = recordTextSink(
		'lines',
		() => assert.fail('no batch is unreadable'),
		chunks => handed.push(...chunks),
	);
	const printed = (from: number) => {
		const start = handed.length;
		visitRecordBatches(fetch(from), {topic: 't', partition: 0, fromOffset: from, aborted: null}, sink);
		handed.push(...sink.take());
		const step = handed.slice(start);
		const expected = decodeRecordBatches(fetch(from), {topic: 't', partition: 0, fromOffset: from, aborted: null})
			.messages.map(m => messageLine(m))
			.join('');
		assert.equal(Buffer.concat(step).toString('utf8'), expected);
		return {step, copy: Buffer.concat(step)};
	};
	const first = printed(0);
	assert.ok(first.step.length > 2, 'a fetch fills several chunks');
	// Not recycled: what the next fetch writes goes elsewhere, and the first fetch's chunks keep their text.
	const second = printed(4000);
	assert.deepEqual(Buffer.concat(first.step), first.copy);
	// All but the chunk being written on now, which the next fetch continues.
	const current = second.step.at(-1)!.buffer;
	const retired = new Set([...first.step, ...second.step].map(c => c.buffer).filter(b => b !== current));
	sink.recycle();
	const third = printed(8000);
	assert.ok(
		third.step.some(c => retired.has(c.buffer)),
		'chunks handed out before the recycle are written into again',
	);
	printed(12000);
	assert.deepEqual(Buffer.concat(third.step), third.copy, 'and are not written over again before the next recycle');
});

test('looking for the decoders a fetch needs ends, even past a batch whose length is no batch length', () => {
	const batch = encodeRecordBatch([{key: null, value: Buffer.from('v'), headers: [], timestamp: 1}]);
	const broken = Buffer.from(batch);
	broken.writeInt32BE(-12, 8);
	// Uncompressed batches need nothing loaded.
	assert.equal(prepareBatches(Buffer.concat([batch, broken, batch])), null);
	assert.equal(prepareBatches(Buffer.alloc(0)), null);
});

test('64-bit integers in requests and answers are the bytes BigInt would write, both ways', () => {
	const values = [
		0,
		1,
		-1,
		-2,
		2 ** 31,
		-(2 ** 31),
		2 ** 32 + 5,
		-(2 ** 32) - 7,
		1_796_160_274_990,
		2 ** 53 - 1,
		-(2 ** 62),
	];
	for (const value of values) {
		const written = new Writer().int64(value).buffer();
		const expected = Buffer.alloc(8);
		expected.writeBigInt64BE(BigInt(value));
		assert.deepEqual(written, expected, String(value));
		assert.equal(new Reader(expected).int64(), value);
	}
	const max = Buffer.alloc(8);
	max.writeBigInt64BE(2n ** 63n - 1n);
	assert.equal(new Reader(max).int64(), Number(2n ** 63n - 1n));
	assert.throws(() => new Writer().int64(1.5), /whole number/);
});

/** A Metadata v12 answer body as a broker writes it: one broker, topic 'orders' with two partitions led by `leader`. */
const metadataAnswer = (leader: number) => {
	const w = new Writer();
	w.int32(0); // ThrottleTimeMs
	w.compactArray([1], (id, w) =>
		w.int32(id).compactString('127.0.0.1').int32(9092).compactString(null).emptyTaggedFields(),
	);
	w.compactString('cluster-a').int32(1);
	w.compactArray(['orders'], (topic, w) => {
		w.int16(0).compactString(topic).raw(Buffer.alloc(16)).bool(false);
		w.compactArray([0, 1], (partition, w) => {
			w.int16(0).int32(partition).int32(leader).int32(0);
			w.compactArray([1, 2], (id, w) => w.int32(id));
			w.compactArray([1, 2], (id, w) => w.int32(id));
			w.compactArray([], (id: number, w) => w.int32(id));
			w.emptyTaggedFields();
		});
		w.int32(0).emptyTaggedFields();
	});
	w.emptyTaggedFields();
	return Buffer.from(w.buffer());
};

test('a Metadata answer decodes to its brokers and partitions; the same bytes again are the same answer, changed ones are read anew', () => {
	const first = metadata.decode(new Reader(metadataAnswer(1)), 12);
	assert.deepEqual(first.brokers, [{nodeId: 1, host: '127.0.0.1', port: 9092, rack: null}]);
	assert.equal(first.clusterId, 'cluster-a');
	const [p0, p1] = first.topicMetadata[0]!.partitionMetadata;
	assert.deepEqual(
		[p0, p1].map(p => [p!.partitionId, p!.leader, p!.replicas, p!.isr, p!.offlineReplicas]),
		[
			[0, 1, [1, 2], [1, 2], []],
			[1, 1, [1, 2], [1, 2], []],
		],
	);
	assert.equal(p0!.replicas, p1!.isr, 'one array for one set of brokers');
	assert.equal(metadata.decode(new Reader(metadataAnswer(1)), 12), first, 'the same bytes: the same answer');
	const moved = metadata.decode(new Reader(metadataAnswer(2)), 12);
	assert.notEqual(moved, first);
	assert.deepEqual(
		moved.topicMetadata[0]!.partitionMetadata.map(p => p.leader),
		[2, 2],
		'a new leader is read, not taken from the last answer',
	);
});
