import {codecNumber, compress} from './codecs.js';
import {crc32c} from './crc32c.js';
import type {Compression, Header} from './types.js';

// Encodes one record batch (magic 2) for a partition: key, value and headers go out byte for byte, null header
// values and repeated header names included; the records compressed with the codec asked for (the caller has
// prepared it, see prepareCompression).

export type OutgoingRecord = {key: Buffer | null; value: Buffer | null; headers: Header[]; timestamp: number};

const varintSize = (value: number) => {
	let v = value >= 0 ? value * 2 : -value * 2 - 1;
	let size = 1;
	while (v >= 0x80) {
		v = Math.floor(v / 128);
		size++;
	}
	return size;
};

const writeVarint = (buf: Buffer, pos: number, value: number): number => {
	let v = value >= 0 ? value * 2 : -value * 2 - 1;
	while (v >= 0x80) {
		buf[pos++] = (v % 128) | 0x80;
		v = Math.floor(v / 128);
	}
	buf[pos++] = v;
	return pos;
};

const bytesSize = (b: Buffer | null) => (b === null ? varintSize(-1) : varintSize(b.length) + b.length);

const writeBytes = (buf: Buffer, pos: number, b: Buffer | null): number => {
	if (b === null) return writeVarint(buf, pos, -1);
	pos = writeVarint(buf, pos, b.length);
	b.copy(buf, pos);
	return pos + b.length;
};

const HEADER_SIZE = 61;

/** An idempotent producer's identity and the sequence number of the batch's first record. */
export type Sequencing = {producerId: number; producerEpoch: number; baseSequence: number};

export const encodeRecordBatch = (
	records: OutgoingRecord[],
	compression: Compression = 'none',
	sequencing: Sequencing | null = null,
): Buffer => {
	const baseTimestamp = records[0]?.timestamp ?? Date.now();
	const headerKeys = records.map(r => r.headers.map(h => Buffer.from(h.key, 'utf8')));
	const bodies = records.map((r, i) => {
		let size = 1 + varintSize(r.timestamp - baseTimestamp) + varintSize(i) + bytesSize(r.key) + bytesSize(r.value);
		size += varintSize(r.headers.length);
		r.headers.forEach((h, j) => {
			size += bytesSize(headerKeys[i]![j]!) + bytesSize(h.value);
		});
		return size;
	});
	const total = HEADER_SIZE + bodies.reduce((sum, size) => sum + varintSize(size) + size, 0);
	const buf = Buffer.alloc(total);
	buf.writeBigInt64BE(0n, 0); // base offset: the broker assigns
	buf.writeInt32BE(total - 12, 8); // batch length
	buf.writeInt32BE(-1, 12); // partition leader epoch
	buf.writeInt8(2, 16); // magic
	buf.writeInt16BE(0, 21); // attributes: no compression, create time, not transactional
	buf.writeInt32BE(records.length - 1, 23); // last offset delta
	buf.writeBigInt64BE(BigInt(baseTimestamp), 27);
	buf.writeBigInt64BE(BigInt(records.reduce((max, r) => Math.max(max, r.timestamp), baseTimestamp)), 35);
	buf.writeBigInt64BE(BigInt(sequencing?.producerId ?? -1), 43); // producer id (-1: not idempotent)
	buf.writeInt16BE(sequencing?.producerEpoch ?? -1, 51);
	buf.writeInt32BE(sequencing?.baseSequence ?? -1, 53);
	buf.writeInt32BE(records.length, 57);
	let pos = HEADER_SIZE;
	records.forEach((r, i) => {
		pos = writeVarint(buf, pos, bodies[i]!);
		buf[pos++] = 0; // record attributes
		pos = writeVarint(buf, pos, r.timestamp - baseTimestamp);
		pos = writeVarint(buf, pos, i);
		pos = writeBytes(buf, pos, r.key);
		pos = writeBytes(buf, pos, r.value);
		pos = writeVarint(buf, pos, r.headers.length);
		r.headers.forEach((h, j) => {
			pos = writeBytes(buf, pos, headerKeys[i]![j]!);
			pos = writeBytes(buf, pos, h.value);
		});
	});
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
};
