import {codecNumber, compress} from './codecs.js';
import {crc32c} from './crc32c.js';
import type {Compression, Header} from './types.js';

// Encodes one record batch (magic 2) for a partition: key, value and headers go out byte for byte, null header
// values and repeated header names included; the records compressed with the codec asked for (the caller has
// prepared it, see prepareCompression).

/** A record to write; without a timestamp it takes the batch's `now`. */
export type OutgoingRecord = {key: Buffer | null; value: Buffer | null; headers: Header[]; timestamp?: number};

const zigzag = (value: number) => (value >= 0 ? value * 2 : -value * 2 - 1);

const varintSize = (value: number) => {
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

const bytesSize = (b: Buffer | null) => (b === null ? 1 : varintSize(b.length) + b.length);

const writeBytes = (buf: Buffer, pos: number, b: Buffer | null): number => {
	if (b === null) return writeVarint(buf, pos, -1);
	pos = writeVarint(buf, pos, b.length);
	// A typed-array copy: no view is made, unlike Buffer.copy.
	buf.set(b, pos);
	return pos + b.length;
};

const HEADER_SIZE = 61;

/** An idempotent producer's identity and the sequence number of the batch's first record. */
export type Sequencing = {producerId: number; producerEpoch: number; baseSequence: number};

const timestampOf = (r: OutgoingRecord, now: number) => r.timestamp ?? now;

export const encodeRecordBatch = (
	records: readonly OutgoingRecord[],
	compression: Compression = 'none',
	sequencing: Sequencing | null = null,
	now = Date.now(),
): Buffer => {
	const baseTimestamp = records[0] ? timestampOf(records[0], now) : now;
	let maxTimestamp = baseTimestamp;
	// Header names as bytes, only for records that have headers (most have none).
	const headerKeys = new Map<number, Buffer[]>();
	const bodies = new Array<number>(records.length);
	let total = HEADER_SIZE;
	for (let i = 0; i < records.length; i++) {
		const r = records[i]!;
		const timestamp = timestampOf(r, now);
		if (timestamp > maxTimestamp) maxTimestamp = timestamp;
		let size = 1 + varintSize(timestamp - baseTimestamp) + varintSize(i) + bytesSize(r.key) + bytesSize(r.value);
		size += varintSize(r.headers.length);
		if (r.headers.length > 0) {
			const keys = r.headers.map(h => Buffer.from(h.key, 'utf8'));
			headerKeys.set(i, keys);
			r.headers.forEach((h, j) => {
				size += bytesSize(keys[j]!) + bytesSize(h.value);
			});
		}
		bodies[i] = size;
		total += varintSize(size) + size;
	}
	// Every byte is written below.
	const buf = Buffer.allocUnsafe(total);
	buf.writeBigInt64BE(0n, 0); // base offset: the broker assigns
	buf.writeInt32BE(total - 12, 8); // batch length
	buf.writeInt32BE(-1, 12); // partition leader epoch
	buf.writeInt8(2, 16); // magic
	buf.writeInt16BE(0, 21); // attributes: no compression, create time, not transactional
	buf.writeInt32BE(records.length - 1, 23); // last offset delta
	buf.writeBigInt64BE(BigInt(baseTimestamp), 27);
	buf.writeBigInt64BE(BigInt(maxTimestamp), 35);
	buf.writeBigInt64BE(BigInt(sequencing?.producerId ?? -1), 43); // producer id (-1: not idempotent)
	buf.writeInt16BE(sequencing?.producerEpoch ?? -1, 51);
	buf.writeInt32BE(sequencing?.baseSequence ?? -1, 53);
	buf.writeInt32BE(records.length, 57);
	let pos = HEADER_SIZE;
	for (let i = 0; i < records.length; i++) {
		const r = records[i]!;
		pos = writeVarint(buf, pos, bodies[i]!);
		buf[pos++] = 0; // record attributes
		pos = writeVarint(buf, pos, timestampOf(r, now) - baseTimestamp);
		pos = writeVarint(buf, pos, i);
		pos = writeBytes(buf, pos, r.key);
		pos = writeBytes(buf, pos, r.value);
		pos = writeVarint(buf, pos, r.headers.length);
		const keys = r.headers.length > 0 ? headerKeys.get(i)! : null;
		for (let j = 0; j < r.headers.length; j++) {
			pos = writeBytes(buf, pos, keys![j]!);
			pos = writeBytes(buf, pos, r.headers[j]!.value);
		}
	}
	buf.writeUInt32BE(0, 17); // the CRC field, written last
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
