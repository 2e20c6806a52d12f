import {codecNumber, compress} from './codecs.js';
import {crc32c} from './crc32c.js';
import {writeText} from '../shared/write-text.js';
import type {Compression, Header} from './message-types.js';

// One partition's record batch (magic 2), encoded as its records are added: a file of a million lines becomes
// batches without a Buffer view, a request object or a copy per line. Keys, values and headers go out byte for
// byte, null header values and repeated header names included.

const HEADER_SIZE = 61;

/** An idempotent producer's identity and the sequence number of the batch's first record. */
export type Sequencing = {producerId: number; producerEpoch: number; baseSequence: number};

const zigzag = (value: number) => (value >= 0 ? value * 2 : -value * 2 - 1);

export const varintSize = (value: number) => {
	let v = zigzag(value);
	if (v < 0x80) return 1;
	if (v < 0x4000) return 2;
	let size = 3;
	v = Math.floor(v / 0x4000);
	while (v >= 0x80) {
		v = Math.floor(v / 128);
		size++;
	}
	return size;
};

const writeVarint = (buf: Buffer, pos: number, value: number): number => {
	let v = zigzag(value);
	while (v >= 0x80) {
		buf[pos++] = (v % 128) | 0x80;
		v = Math.floor(v / 128);
	}
	buf[pos++] = v;
	return pos;
};

/**
 * Bytes from start to end of src into buf at pos: a few by hand, more through a plain Uint8Array view (measured
 * several times faster than Buffer's subarray or copy, which make a Buffer view and check their arguments).
 */
const copyInto = (buf: Buffer, pos: number, src: Uint8Array, start: number, end: number): number => {
	if (end - start < 16) for (let i = start; i < end; i++) buf[pos++] = src[i]!;
	else {
		buf.set(new Uint8Array(src.buffer, src.byteOffset + start, end - start), pos);
		pos += end - start;
	}
	return pos;
};

const bytesSize = (b: Buffer | null) => (b === null ? 1 : varintSize(b.length) + b.length);

const writeBytes = (buf: Buffer, pos: number, b: Buffer | null): number =>
	b === null ? writeVarint(buf, pos, -1) : copyInto(buf, writeVarint(buf, pos, b.length), b, 0, b.length);

/** A record's headers as they follow its value: their count, then each name and value. Made once per header list. */
export const headerBlock = (headers: readonly Header[]): Buffer => {
	if (headers.length === 0) return NO_HEADERS;
	const names = headers.map(h => Buffer.from(h.key, 'utf8'));
	let size = varintSize(headers.length);
	headers.forEach((h, i) => (size += bytesSize(names[i]!) + bytesSize(h.value)));
	const block = Buffer.allocUnsafe(size);
	let pos = writeVarint(block, 0, headers.length);
	headers.forEach((h, i) => {
		pos = writeBytes(block, pos, names[i]!);
		pos = writeBytes(block, pos, h.value);
	});
	return block;
};
const NO_HEADERS = Buffer.from([0]);

/**
 * A record's bytes where they lie: key and value from start to end of their sources (a start below zero is null;
 * a value may be text, valueEnd then its length in UTF-8, written straight into the batch), headers a headerBlock.
 * A file's lines are one reused object of this shape, so adding a record makes nothing.
 */
export type RecordBytes = {
	key: Uint8Array;
	keyStart: number;
	keyEnd: number;
	value: Uint8Array | string;
	valueStart: number;
	valueEnd: number;
	headers: Buffer;
};

const NONE = Buffer.alloc(0);

/** A record given as Buffers or null, as a message is. */
export const bytesOf = (key: Buffer | null, value: Buffer | null, headers: readonly Header[]): RecordBytes => ({
	key: key ?? NONE,
	keyStart: key ? 0 : -1,
	keyEnd: key?.length ?? 0,
	value: value ?? NONE,
	valueStart: value ? 0 : -1,
	valueEnd: value?.length ?? 0,
	headers: headerBlock(headers),
});
const EMPTY = Buffer.alloc(0);

const grow = <T extends Float64Array | Uint32Array>(array: T, size: number): T => {
	const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
	bigger.set(array);
	return bigger;
};

// Buffers of batches that were sent, for the next batches to be written into: a file of a million lines then
// reuses a few buffers instead of growing new ones for every send (each a megabyte or so outside the heap, which
// the garbage collector counts and answers with collections).
const spare: Buffer[] = [];
const SPARE_BYTES = 16 * 1024 * 1024;
const SPARE_LARGEST = 2 * 1024 * 1024;
let spareBytes = 0;

/** One partition's batch being written: add records, then finish it once, with its codec and sequence numbers. */
export class BatchWriter {
	count = 0;
	/** The largest key plus value, to say it when the broker refuses the batch as too large. */
	largest = 0;
	/** Each record's line of the file (or index in a send), to account for it after the send. */
	lines = new Uint32Array(64);
	/** Each record's create time, kept only once they differ (most batches have one for all). */
	private stamps: Float64Array | null = null;
	private buf: Buffer;
	private pos = HEADER_SIZE;
	private baseTimestamp = 0;
	private maxTimestamp = 0;

	constructor(readonly partition: number) {
		const reused = spare.pop();
		if (reused) spareBytes -= reused.length;
		this.buf = reused ?? Buffer.allocUnsafe(16 * 1024);
	}

	/** Done with: the batch has been answered for (its bytes were copied into the request), its buffer is reused. */
	release() {
		const buf = this.buf;
		if (buf.length > SPARE_LARGEST || spareBytes + buf.length > SPARE_BYTES) return;
		spare.push(buf);
		spareBytes += buf.length;
		this.buf = EMPTY;
	}

	/** Its records as an outcome names them (BatchOutcome): partition, count, each one's line and create time. */
	account(topic: string) {
		return {
			topic,
			partition: this.partition,
			count: this.count,
			lines: this.lines.subarray(0, this.count),
			timestampOf: (i: number) => this.timestampOf(i),
		};
	}

	/** The create time of the record at index i. */
	timestampOf(i: number) {
		return this.stamps ? this.stamps[i]! : this.baseTimestamp;
	}

	/** The bytes of the batch so far. */
	get size() {
		return this.pos;
	}

	private bodySize(keyLength: number, valueLength: number, headers: Buffer, timestamp: number) {
		const delta = this.count === 0 ? 0 : timestamp - this.baseTimestamp;
		return (
			1 +
			varintSize(delta) +
			varintSize(this.count) +
			(keyLength < 0 ? 1 : varintSize(keyLength) + keyLength) +
			(valueLength < 0 ? 1 : varintSize(valueLength) + valueLength) +
			headers.length
		);
	}

	/**
	 * Adds a record (see RecordBytes). False, adding nothing, when the batch has records and this one would take it
	 * past `limit` bytes.
	 */
	add(r: RecordBytes, timestamp: number, line: number, limit = Infinity): boolean {
		const keyLength = r.keyStart < 0 ? -1 : r.keyEnd - r.keyStart;
		const valueLength = r.valueStart < 0 ? -1 : r.valueEnd - r.valueStart;
		const body = this.bodySize(keyLength, valueLength, r.headers, timestamp);
		const need = this.pos + varintSize(body) + body;
		if (this.count > 0 && need > limit) return false;
		if (this.count === 0) this.baseTimestamp = this.maxTimestamp = timestamp;
		else if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
		if (need > this.buf.length) {
			const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
			this.buf.copy(bigger, 0, 0, this.pos);
			this.buf = bigger;
		}
		if (this.count === this.lines.length) {
			this.lines = grow(this.lines, this.count + 1);
			if (this.stamps) this.stamps = grow(this.stamps, this.count + 1);
		}
		if (!this.stamps && timestamp !== this.baseTimestamp) {
			this.stamps = new Float64Array(this.lines.length).fill(this.baseTimestamp);
		}
		const buf = this.buf;
		let pos = writeVarint(buf, this.pos, body);
		buf[pos++] = 0; // record attributes
		pos = writeVarint(buf, pos, timestamp - this.baseTimestamp);
		pos = writeVarint(buf, pos, this.count);
		pos = writeVarint(buf, pos, keyLength);
		if (keyLength > 0) pos = copyInto(buf, pos, r.key, r.keyStart, r.keyEnd);
		pos = writeVarint(buf, pos, valueLength);
		if (typeof r.value === 'string') pos += writeText(buf, pos, r.value);
		else if (valueLength > 0) pos = copyInto(buf, pos, r.value, r.valueStart, r.valueEnd);
		this.pos = copyInto(buf, pos, r.headers, 0, r.headers.length);
		this.lines[this.count] = line;
		if (this.stamps) this.stamps[this.count] = timestamp;
		this.count += 1;
		const bytes = Math.max(keyLength, 0) + Math.max(valueLength, 0);
		if (bytes > this.largest) this.largest = bytes;
		return true;
	}

	/** The batch as it goes to the broker: header filled in, records compressed with the codec asked for. */
	finish(compression: Compression, sequencing: Sequencing | null): Buffer {
		const buf = this.buf.subarray(0, this.pos);
		buf.writeInt32BE(0, 0); // base offset: the broker assigns
		buf.writeInt32BE(0, 4);
		buf.writeInt32BE(buf.length - 12, 8); // batch length
		buf.writeInt32BE(-1, 12); // partition leader epoch
		buf.writeInt8(2, 16); // magic
		buf.writeInt16BE(0, 21); // attributes: no compression, create time, not transactional
		buf.writeInt32BE(this.count - 1, 23); // last offset delta
		writeInt64(buf, 27, this.baseTimestamp);
		writeInt64(buf, 35, this.maxTimestamp);
		writeInt64(buf, 43, sequencing?.producerId ?? -1); // producer id (-1: not idempotent)
		buf.writeInt16BE(sequencing?.producerEpoch ?? -1, 51);
		buf.writeInt32BE(sequencing?.baseSequence ?? -1, 53);
		buf.writeInt32BE(this.count, 57);
		if (compression === 'none') {
			buf.writeUInt32BE(crc32c(buf, 21), 17);
			return buf;
		}
		const packed = compress(compression, buf.subarray(HEADER_SIZE));
		const out = Buffer.allocUnsafe(HEADER_SIZE + packed.length);
		buf.copy(out, 0, 0, HEADER_SIZE);
		packed.copy(out, HEADER_SIZE);
		out.writeInt32BE(out.length - 12, 8);
		out.writeInt16BE(codecNumber(compression), 21); // attributes: the codec in the low three bits
		out.writeUInt32BE(crc32c(out, 21), 17);
		return out;
	}
}

/** A 64-bit integer (a timestamp or producer id, all well inside 2^53) as two 32-bit halves, without a BigInt. */
const writeInt64 = (buf: Buffer, at: number, value: number) => {
	const high = Math.floor(value / 0x1_0000_0000);
	buf.writeInt32BE(high, at);
	buf.writeUInt32BE(value - high * 0x1_0000_0000, at + 4);
};
