import {codecName, decompress} from './codecs.js';
import {crc32c} from './crc32c.js';
import {KexError} from './errors.js';
import type {AbortedTransaction} from './protocol/fetch.js';
import type {BatchInfo, Header, Message} from './types.js';

// Decodes the record batches (magic 2) of one partition in a Fetch response. Written for speed: one pass, no
// per-record allocation beyond the message itself, and key/value/header buffers are views into the response
// (or into the batch's decompressed records). A batch that cannot be read becomes one unreadable entry, so
// reading goes on after it.

/** Tracks transactions to leave out when reading committed data (KIP-98): the consumer's own bookkeeping. */
export class AbortedFilter {
	private readonly pending: AbortedTransaction[];
	private readonly aborted = new Set<number>();

	constructor(list: AbortedTransaction[] | null) {
		this.pending = (list ?? []).slice().sort((a, b) => a.firstOffset - b.firstOffset);
	}

	/** Whether a transactional batch of this producer, starting at this offset, belongs to an aborted transaction. */
	isAborted(producerId: number, baseOffset: number): boolean {
		while (this.pending.length > 0 && this.pending[0]!.firstOffset <= baseOffset) {
			this.aborted.add(this.pending.shift()!.producerId);
		}
		return this.aborted.has(producerId);
	}

	/** An abort marker ends the producer's aborted transaction. */
	onAbortMarker(producerId: number): void {
		this.aborted.delete(producerId);
	}
}

type Cursor = {buf: Buffer; pos: number};

const readVarint = (c: Cursor): number => {
	// Zigzag varint as used inside records; values fit comfortably in a double for everything Kafka writes here.
	let result = 0;
	let shift = 0;
	for (;;) {
		const byte = c.buf[c.pos++]!;
		result += (byte & 0x7f) * 2 ** shift;
		if ((byte & 0x80) === 0) break;
		shift += 7;
		if (shift > 63) throw new Error('malformed varint in record');
	}
	// Zigzag decode without 32-bit overflow.
	return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
};

const readBytes = (c: Cursor): Buffer | null => {
	const length = readVarint(c);
	if (length < 0) return null;
	const b = c.buf.subarray(c.pos, c.pos + length);
	c.pos += length;
	return b;
};

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** The records of a batch, decompressed; or why they cannot be. The CRC is checked first on compressed batches:
 * a corrupt snappy or lz4 block may otherwise decompress into garbage without complaint. */
const recordsOf = (records: Buffer, pos: number, end: number, codec: number): Buffer | string => {
	const body = records.subarray(pos + 61, end);
	if (codec === 0) return body;
	const name = codecName(codec);
	if (crc32c(records, pos + 21, end) !== records.readUInt32BE(pos + 17)) {
		return `${name} batch is corrupt (its checksum does not match)`;
	}
	try {
		return decompress(codec, body);
	} catch (error) {
		return `${name} batch could not be decompressed: ${reasonOf(error)}`;
	}
};

export type DecodeOptions = {
	topic: string;
	partition: number;
	/** Records before this offset are dropped: a fetch returns whole batches, which may start earlier. */
	fromOffset: number;
	aborted: AbortedFilter | null;
};

export type DecodeResult = {
	messages: Message[];
	/** The offset after the last complete batch: where the next fetch starts, even when all it held was skipped. */
	nextOffset: number;
	/** What the batches hold once decompressed, in bytes (the records' size in memory, near enough). */
	unpackedBytes: number;
};

export const decodeRecordBatches = (records: Buffer, options: DecodeOptions): DecodeResult => {
	const messages: Message[] = [];
	let nextOffset = options.fromOffset;
	let unpackedBytes = 0;
	let pos = 0;
	// A fetch may end with a partial batch (it is cut at the byte limit): stop before it.
	while (pos + 61 <= records.length) {
		const baseOffset = Number(records.readBigInt64BE(pos));
		const batchLength = records.readInt32BE(pos + 8);
		const end = pos + 12 + batchLength;
		if (end > records.length) break;
		const magic = records.readInt8(pos + 16);
		if (magic !== 2) {
			throw new KexError('not-supported', `message format v${magic} (Kafka before 0.11) cannot be read`);
		}
		const attributes = records.readInt16BE(pos + 21);
		const lastOffsetDelta = records.readInt32BE(pos + 23);
		const baseTimestamp = Number(records.readBigInt64BE(pos + 27));
		const maxTimestamp = Number(records.readBigInt64BE(pos + 35));
		const producerId = Number(records.readBigInt64BE(pos + 43));
		const count = records.readInt32BE(pos + 57);
		const codec = attributes & 0x07;
		const logAppendTime = (attributes & 0x08) !== 0;
		const transactional = (attributes & 0x10) !== 0;
		const control = (attributes & 0x20) !== 0;
		nextOffset = Math.max(nextOffset, baseOffset + lastOffsetDelta + 1);

		if (control) {
			// Transaction markers are not messages; an abort marker closes an aborted transaction.
			if (options.aborted && count > 0) {
				const key = records.subarray(pos + 61, end);
				const c: Cursor = {buf: key, pos: 0};
				readVarint(c); // record length
				c.pos += 1; // attributes
				readVarint(c); // timestamp delta
				readVarint(c); // offset delta
				const markerKey = readBytes(c);
				if (markerKey && markerKey.length >= 4 && markerKey.readInt16BE(2) === 0) {
					options.aborted.onAbortMarker(producerId);
				}
			}
			pos = end;
			continue;
		}
		if (transactional && options.aborted?.isAborted(producerId, baseOffset)) {
			pos = end;
			continue;
		}

		const unpacked = recordsOf(records, pos, end, codec);
		const firstOffset = Math.max(baseOffset, options.fromOffset);
		const timestampOf = (delta: number) => (logAppendTime ? maxTimestamp : baseTimestamp + delta);
		const batch: BatchInfo = {
			compression: codecName(codec) as BatchInfo['compression'],
			baseOffset,
			lastOffset: baseOffset + lastOffsetDelta,
			storedBytes: end - pos - 61,
			recordsBytes: typeof unpacked === 'string' ? null : unpacked.length,
		};
		const unreadable = (reason: string): Message => ({
			topic: options.topic,
			partition: options.partition,
			offset: firstOffset,
			timestamp: timestampOf(0),
			timestampType: logAppendTime ? 'log-append' : 'create',
			key: null,
			value: null,
			headers: [],
			batch,
			recordBytes: 0,
			unreadable: reason,
		});
		unpackedBytes += 61 + (typeof unpacked === 'string' ? batch.storedBytes : unpacked.length);
		if (typeof unpacked === 'string') {
			if (batch.lastOffset >= options.fromOffset) messages.push(unreadable(unpacked));
			pos = end;
			continue;
		}
		const c: Cursor = {buf: unpacked, pos: 0};
		const before = messages.length;
		try {
			for (let i = 0; i < count; i++) {
				const length = readVarint(c);
				const recordStart = c.pos;
				const recordEnd = c.pos + length;
				c.pos += 1; // attributes, unused
				const timestampDelta = readVarint(c);
				const offset = baseOffset + readVarint(c);
				const key = readBytes(c);
				const value = readBytes(c);
				const headerCount = readVarint(c);
				const headers: Header[] = [];
				for (let h = 0; h < headerCount; h++) {
					const headerKey = readBytes(c);
					headers.push({key: headerKey ? headerKey.toString('utf8') : '', value: readBytes(c)});
				}
				if (c.pos > recordEnd || recordEnd > unpacked.length)
					throw new Error(`record ${i + 1} of ${count} runs past its end`);
				c.pos = recordEnd;
				if (offset < options.fromOffset) continue;
				messages.push({
					topic: options.topic,
					partition: options.partition,
					offset,
					timestamp: timestampOf(timestampDelta),
					timestampType: logAppendTime ? 'log-append' : 'create',
					key,
					value,
					headers,
					batch,
					recordBytes: recordEnd - recordStart,
				});
			}
		} catch (error) {
			// What was read of the batch is left out too: the records after a bad one cannot be trusted either.
			messages.length = before;
			if (batch.lastOffset >= options.fromOffset)
				messages.push(unreadable(`batch could not be decoded: ${reasonOf(error)}`));
		}
		pos = end;
	}
	return {messages, nextOffset, unpackedBytes};
};
