import {codecName, decompress, decompressionNeedsLoading, prepareDecompression} from './codecs.js';
import {crc32c} from './crc32c.js';
import {KexError} from './errors.js';
import type {AbortedTransaction} from './protocol/fetch.js';
import type {BatchInfo, BatchSink, Header, Message, RecordSink, RecordView} from './types.js';

// Decodes the record batches (magic 2) of one partition in a Fetch response into a sink, in one pass. The sink is
// shown each record through one reused view (no allocation per record): the Message sink makes Messages whose
// key/value buffers are views into the response or the batch's decompressed records; consume's text sink copies
// the bytes straight into its output. A batch that cannot be read becomes one unreadable entry, so reading goes on.

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

const readVarintSlow = (c: Cursor): number => {
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

const readVarint = (c: Cursor): number => {
	// Lengths and deltas nearly always fit in one to three bytes: those are read with 32-bit arithmetic.
	const buf = c.buf;
	const start = c.pos;
	let byte = buf[start]!;
	let result = byte & 0x7f;
	if ((byte & 0x80) === 0) {
		c.pos = start + 1;
		return (result >>> 1) ^ -(result & 1);
	}
	byte = buf[start + 1]!;
	result |= (byte & 0x7f) << 7;
	if ((byte & 0x80) === 0) {
		c.pos = start + 2;
		return (result >>> 1) ^ -(result & 1);
	}
	byte = buf[start + 2]!;
	result |= (byte & 0x7f) << 14;
	if ((byte & 0x80) === 0) {
		c.pos = start + 3;
		return (result >>> 1) ^ -(result & 1);
	}
	return readVarintSlow(c);
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
	/** Records at or after this offset are not given to the sink (the end reading began with). */
	endOffset?: number;
	/** At most this many records (unreadable batches included) are given to the sink. */
	max?: number;
};

export type DecodeResult = {
	/** The offset after the last complete batch: where the next fetch starts, even when all it held was skipped. */
	nextOffset: number;
	/** What the batches hold once decompressed, in bytes (the records' size in memory, near enough). */
	unpackedBytes: number;
	/** Entries given to the sink: records and unreadable batches. */
	count: number;
};

const bytesAt = (buf: Buffer, start: number, end: number) => (start < 0 ? null : buf.subarray(start, end));

/** The headers of a record seen through a view. */
export const headersOf = (view: RecordView): Header[] => {
	const headers: Header[] = [];
	const c: Cursor = {buf: view.buf, pos: view.headersStart};
	for (let h = 0; h < view.headerCount; h++) {
		const headerKey = readBytes(c);
		headers.push({key: headerKey ? headerKey.toString('utf8') : '', value: readBytes(c)});
	}
	return headers;
};

export const keyOf = (view: RecordView) => bytesAt(view.buf, view.keyStart, view.keyEnd);
export const valueOf = (view: RecordView) => bytesAt(view.buf, view.valueStart, view.valueEnd);

/** A record as a Message of its own (its bytes still views into the fetch). */
export const messageOf = (v: RecordView): Message => ({
	topic: v.topic,
	partition: v.partition,
	offset: v.offset,
	timestamp: v.timestamp,
	timestampType: v.timestampType,
	key: keyOf(v),
	value: valueOf(v),
	headers: v.headerCount === 0 ? [] : headersOf(v),
	batch: v.batch,
	recordBytes: v.recordBytes,
});

/** A sink that keeps each record as a Message, handed over a fetch at a time. */
export const messageSink = (): BatchSink<Message[]> => {
	const messages: Message[] = [];
	let before = 0;
	return {
		beginBatch: () => void (before = messages.length),
		abandonBatch: () => void (messages.length = before),
		unreadable: m => void messages.push(m),
		record: v => void messages.push(messageOf(v)),
		take: () => messages.splice(0),
	};
};

const skipBytes = (c: Cursor) => {
	const length = readVarint(c);
	if (length > 0) c.pos += length;
};

/**
 * Loads what decompressing the batches in `records` needs and is not loaded yet (zstd's decoder loads
 * asynchronously); null when there is nothing to wait for, as for nearly every fetch.
 */
export const prepareBatches = (records: Buffer): Promise<void> | null => {
	// A length too short for a batch (a corrupt one, which decoding will say) still moves on.
	for (let pos = 0; pos + 61 <= records.length; pos += 12 + Math.max(49, records.readInt32BE(pos + 8))) {
		const codec = records.readInt16BE(pos + 21) & 0x07;
		if (decompressionNeedsLoading(codec))
			return prepareDecompression(codec).then(() => prepareBatches(records) ?? undefined);
	}
	return null;
};

/** Decodes the batches of one partition into a sink, in offset order. */
export const visitRecordBatches = (records: Buffer, options: DecodeOptions, sink: RecordSink): DecodeResult => {
	let nextOffset = options.fromOffset;
	let unpackedBytes = 0;
	let count = 0;
	const endOffset = options.endOffset ?? Number.POSITIVE_INFINITY;
	const max = options.max ?? Number.POSITIVE_INFINITY;
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
		const recordCount = records.readInt32BE(pos + 57);
		const codec = attributes & 0x07;
		const logAppendTime = (attributes & 0x08) !== 0;
		const transactional = (attributes & 0x10) !== 0;
		const control = (attributes & 0x20) !== 0;
		nextOffset = Math.max(nextOffset, baseOffset + lastOffsetDelta + 1);

		if (control) {
			// Transaction markers are not messages; an abort marker closes an aborted transaction.
			if (options.aborted && recordCount > 0) {
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
		// Past the end, or enough given: what is left of this fetch is read again by nobody.
		if (count >= max || Math.max(baseOffset, options.fromOffset) >= endOffset) {
			pos = end;
			continue;
		}

		const unpacked = recordsOf(records, pos, end, codec);
		const firstOffset = Math.max(baseOffset, options.fromOffset);
		const timestampType = logAppendTime ? 'log-append' : 'create';
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
			timestamp: logAppendTime ? maxTimestamp : baseTimestamp,
			timestampType,
			key: null,
			value: null,
			headers: [],
			batch,
			recordBytes: 0,
			unreadable: reason,
		});
		unpackedBytes += 61 + (typeof unpacked === 'string' ? batch.storedBytes : unpacked.length);
		if (typeof unpacked === 'string') {
			if (batch.lastOffset >= options.fromOffset) {
				sink.unreadable(unreadable(unpacked));
				count += 1;
			}
			pos = end;
			continue;
		}
		const c: Cursor = {buf: unpacked, pos: 0};
		const view: RecordView = {
			topic: options.topic,
			partition: options.partition,
			buf: unpacked,
			offset: 0,
			timestamp: 0,
			timestampType,
			keyStart: -1,
			keyEnd: -1,
			valueStart: -1,
			valueEnd: -1,
			headersStart: 0,
			headerCount: 0,
			recordBytes: 0,
			batch,
		};
		const countBefore = count;
		sink.beginBatch();
		try {
			for (let i = 0; i < recordCount && count < max; i++) {
				const length = readVarint(c);
				const recordStart = c.pos;
				const recordEnd = c.pos + length;
				c.pos += 1; // attributes, unused
				const timestampDelta = readVarint(c);
				const offset = baseOffset + readVarint(c);
				const keyLength = readVarint(c);
				view.keyStart = keyLength < 0 ? -1 : c.pos;
				if (keyLength > 0) c.pos += keyLength;
				view.keyEnd = c.pos;
				const valueLength = readVarint(c);
				view.valueStart = valueLength < 0 ? -1 : c.pos;
				if (valueLength > 0) c.pos += valueLength;
				view.valueEnd = c.pos;
				const headerCount = readVarint(c);
				view.headersStart = c.pos;
				for (let h = 0; h < headerCount; h++) {
					skipBytes(c);
					skipBytes(c);
				}
				if (c.pos > recordEnd || recordEnd > unpacked.length)
					throw new Error(`record ${i + 1} of ${recordCount} runs past its end`);
				c.pos = recordEnd;
				if (offset < options.fromOffset) continue;
				if (offset >= endOffset) break;
				view.offset = offset;
				view.timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
				view.headerCount = headerCount;
				view.recordBytes = recordEnd - recordStart;
				sink.record(view);
				count += 1;
			}
		} catch (error) {
			// What was read of the batch is left out too: the records after a bad one cannot be trusted either.
			sink.abandonBatch();
			count = countBefore;
			if (batch.lastOffset >= options.fromOffset) {
				sink.unreadable(unreadable(`batch could not be decoded: ${reasonOf(error)}`));
				count += 1;
			}
		}
		pos = end;
	}
	return {nextOffset, unpackedBytes, count};
};

/** The batches of one partition as Messages. */
export const decodeRecordBatches = (records: Buffer, options: DecodeOptions) => {
	const sink = messageSink();
	return {...visitRecordBatches(records, options, sink), messages: sink.take()};
};
