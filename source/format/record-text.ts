import type {BatchSink, Message, RecordView} from '../kafka/types.js';
import {headersOf} from '../kafka/record-batch.js';
import {headersText, isoTime} from './message-line.js';
import {bytesToJson} from './message-json.js';
import {safeBytes} from './safe-text.js';

// `kex consume` output written straight from the fetched bytes into buffers: the same text as messageLine() and
// JSON.stringify(messageToJson()), byte for byte, without a Message, a string or a Buffer view per record. Keys and
// values that are printable ASCII (nearly all text keys and JSON values) are copied as they are; anything else takes
// the general path through safeBytes() or bytesToJson(), so there is one definition of what is safe.

const CHUNK = 256 * 1024;
// Chunks kept to be written into again: what a fetch prints between two recycles, at most.
const SPARE = 16;
const bytes = (text: string) => Buffer.from(text, 'utf8');
const OFFSET = bytes(',"offset":');
const TIMESTAMP = bytes(',"timestamp":');
const CREATE_KEY = bytes(',"timestampType":"create","key":');
const LOG_APPEND_KEY = bytes(',"timestampType":"log-append","key":');
const VALUE = bytes(',"value":');
const HEADERS = bytes(',"headers":');
const END = bytes('}\n');
const NO_HEADERS_END = bytes(',"headers":[]}\n');
const NULL_LINE = bytes('(null)');
const NULL_JSON = bytes('null');
const DAY = 86_400_000;

/**
 * Growing output in chunks, with a mark to take back what a batch wrote when the batch turns out unreadable. Chunks
 * the caller says it is done with are written into again: a million records print some 150 MB, and a new buffer for
 * each 256 KB of it is memory V8 gives back only at its next collection.
 */
class Chunks {
	private done: Buffer[] = [];
	private buf: Buffer = Buffer.allocUnsafe(CHUNK);
	private pos = 0;
	private mark = {count: 0, buf: this.buf, pos: 0};
	/** Whole chunks handed out since the last recycle(), and those free to be written into again. */
	private handed = new Set<ArrayBufferLike>();
	private spare: Buffer[] = [];

	private room(bytes: number) {
		if (this.pos + bytes <= this.buf.length) return;
		if (this.pos > 0) this.done.push(this.buf.subarray(0, this.pos));
		this.buf = bytes <= CHUNK ? (this.spare.pop() ?? Buffer.allocUnsafe(CHUNK)) : Buffer.allocUnsafe(bytes);
		this.pos = 0;
	}

	/** A whole buffer: a memory copy, with no view made. */
	bytes(from: Buffer) {
		this.room(from.length);
		this.buf.set(from, this.pos);
		this.pos += from.length;
	}

	text(text: string) {
		this.room(Buffer.byteLength(text));
		this.pos += this.buf.write(text, this.pos, 'utf8');
	}

	byte(b: number) {
		this.room(1);
		this.buf[this.pos++] = b;
	}

	/**
	 * Copies bytes that are printable ASCII needing no escape (in a line, no backslash; in JSON, no quote either),
	 * checked as they are copied, between quotes for JSON; false, with nothing written, at the first other byte.
	 */
	copyPrintable(from: Buffer, start: number, end: number, json: boolean): boolean {
		this.room(end - start + 2);
		const buf = this.buf;
		const quote = json ? 0x22 : -1;
		let p = this.pos;
		if (json) buf[p++] = 0x22;
		for (let i = start; i < end; i++) {
			const c = from[i]!;
			if (c < 0x20 || c > 0x7e || c === 0x5c || c === quote) return false;
			buf[p++] = c;
		}
		if (json) buf[p++] = 0x22;
		this.pos = p;
		return true;
	}

	/** A whole number as String() writes it. */
	integer(n: number) {
		if (!Number.isSafeInteger(n)) return this.text(String(n));
		this.room(17);
		if (n < 0) {
			this.buf[this.pos++] = 0x2d;
			n = -n;
		}
		let digits = 1;
		for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
		for (let i = this.pos + digits - 1; i >= this.pos; i--) {
			this.buf[i] = 0x30 + (n % 10);
			n = Math.floor(n / 10);
		}
		this.pos += digits;
	}

	setMark() {
		this.mark = {count: this.done.length, buf: this.buf, pos: this.pos};
	}

	backToMark() {
		this.done.length = this.mark.count;
		this.buf = this.mark.buf;
		this.pos = this.mark.pos;
	}

	/** The chunks filled since the last take, without the one being written. */
	takeFilled(): Buffer[] {
		const out = this.done;
		this.done = [];
		this.setMark();
		this.hand(out);
		return out;
	}

	/** What was written since the last take; what is left of the current chunk is written on. */
	take(): Buffer[] {
		const out = this.done;
		if (this.pos > 0) out.push(this.buf.subarray(0, this.pos));
		this.done = [];
		this.buf =
			this.buf.length - this.pos >= 4096
				? this.buf.subarray(this.pos)
				: (this.spare.pop() ?? Buffer.allocUnsafe(CHUNK));
		this.pos = 0;
		this.setMark();
		this.hand(out);
		return out;
	}

	private hand(chunks: Buffer[]) {
		for (const c of chunks) if (c.buffer.byteLength === CHUNK) this.handed.add(c.buffer);
	}

	/**
	 * Everything taken so far is no longer read by anyone (written, and the stream holds none of it): the chunks it
	 * came in are written into again, but for the one being written on and any holding bytes not taken yet.
	 */
	recycle() {
		const inUse = new Set([this.buf.buffer, this.mark.buf.buffer, ...this.done.map(c => c.buffer)]);
		for (const b of this.handed)
			if (!inUse.has(b) && this.spare.length < SPARE) this.spare.push(Buffer.from(b as ArrayBuffer, 0, CHUNK));
		this.handed.clear();
	}
}

/** ISO times, by the day: records of one batch are mostly written within the same second. */
const isoWriter = () => {
	let dayStart = Number.NaN;
	let dayText = '';
	const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
	return (ms: number): string => {
		const day = Math.floor(ms / DAY) * DAY;
		if (day !== dayStart) {
			const iso = isoTime(ms);
			if (!iso.includes('T')) return iso;
			dayStart = day;
			dayText = iso.slice(0, iso.indexOf('T') + 1);
		}
		const inDay = ms - day;
		const millis = inDay % 1000;
		const seconds = Math.floor(inDay / 1000);
		return `${dayText}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
	};
};

/**
 * A sink that writes each record as `kex consume` prints it, lines or NDJSON; an unreadable batch is handed to
 * `onUnreadable` (said on stderr) and prints nothing. Filled chunks go to `emit` as soon as the batches they hold
 * are known to be whole, so what a fetch brings is printed while it is read, not kept until its end (a fetch's
 * NDJSON is twice its size); take() gives the rest.
 */
export const recordTextSink = (
	format: 'lines' | 'json',
	onUnreadable: (m: Message) => void,
	emit: (chunks: Buffer[]) => void,
	/**
	 * Consulted for each record first: its text written instead (a value decoded through a schema), 'skip' for
	 * nothing written now, or null for the text made here from the bytes.
	 */
	custom?: (v: RecordView) => string | 'skip' | null,
): BatchSink<Buffer[]> & {recycle(): void} => {
	const out = new Chunks();
	const iso = isoWriter();
	let lastIso = {ms: Number.NaN, bytes: Buffer.alloc(0)};
	const time = (ms: number) => {
		if (ms !== lastIso.ms) lastIso = {ms, bytes: bytes(iso(ms))};
		out.bytes(lastIso.bytes);
	};
	// What every record repeats is made into bytes once.
	const topics = new Map<string, Buffer>();
	const topicHead = (topic: string) => {
		let head = topics.get(topic);
		if (head === undefined) topics.set(topic, (head = bytes(`{"topic":${JSON.stringify(topic)},"partition":`)));
		return head;
	};

	const lineField = (buf: Buffer, start: number, end: number) => {
		if (start < 0) out.bytes(NULL_LINE);
		else if (!out.copyPrintable(buf, start, end, false)) out.text(safeBytes(buf.subarray(start, end)));
	};
	const jsonField = (buf: Buffer, start: number, end: number) => {
		if (start < 0) out.bytes(NULL_JSON);
		else if (!out.copyPrintable(buf, start, end, true)) out.text(JSON.stringify(bytesToJson(buf.subarray(start, end))));
	};

	const line = (v: RecordView) => {
		out.integer(v.partition);
		out.byte(0x09);
		out.integer(v.offset);
		out.byte(0x09);
		time(v.timestamp);
		out.byte(0x09);
		lineField(v.buf, v.keyStart, v.keyEnd);
		out.byte(0x09);
		lineField(v.buf, v.valueStart, v.valueEnd);
		if (v.headerCount > 0) {
			const text = headersText(headersOf(v));
			if (text) out.text(`\t${text}`);
		}
		out.byte(0x0a);
	};
	let lastStamp = {ms: Number.NaN, bytes: Buffer.alloc(0)};
	// The keys in messageToJson's order.
	const json = (v: RecordView) => {
		out.bytes(topicHead(v.topic));
		out.integer(v.partition);
		out.bytes(OFFSET);
		out.integer(v.offset);
		out.bytes(TIMESTAMP);
		if (v.timestamp !== lastStamp.ms) lastStamp = {ms: v.timestamp, bytes: bytes(String(v.timestamp))};
		out.bytes(lastStamp.bytes);
		out.bytes(v.timestampType === 'create' ? CREATE_KEY : LOG_APPEND_KEY);
		jsonField(v.buf, v.keyStart, v.keyEnd);
		out.bytes(VALUE);
		jsonField(v.buf, v.valueStart, v.valueEnd);
		if (v.headerCount === 0) out.bytes(NO_HEADERS_END);
		else {
			out.bytes(HEADERS);
			out.text(JSON.stringify(headersOf(v).map(h => ({key: h.key, value: bytesToJson(h.value)}))));
			out.bytes(END);
		}
	};

	return {
		beginBatch: () => {
			const filled = out.takeFilled();
			if (filled.length > 0) emit(filled);
		},
		abandonBatch: () => out.backToMark(),
		record: custom
			? (v: RecordView) => {
					const text = custom(v);
					if (text === null) (format === 'json' ? json : line)(v);
					else if (text !== 'skip') out.text(text);
				}
			: format === 'json'
				? json
				: line,
		unreadable: onUnreadable,
		take: () => out.take(),
		recycle: () => out.recycle(),
	};
};
