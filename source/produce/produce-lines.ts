import {KexError} from '../kafka/errors.js';
import {SEND_BYTES, type RecordSet} from '../kafka/record-set.js';
import type {BatchOutcome, Compression, KafkaService, ProduceResult} from '../kafka/types.js';
import {lineRecord, parseNdjson, parseTextLine, type FileFormat, type LineDefaults} from './parse-line.js';

// Many messages from lines (a file or stdin), in batches, each batch written before the next is read on. When
// something goes wrong the report says which line, why, and exactly what was written: every line before the batch
// in flight, what of that batch was written, refused or left unknown, and that nothing after it was sent.

export type Progress = {lines: number; sent: number; startedAt: number};

export type ProduceLinesOptions = {
	service: KafkaService;
	topic: string;
	/** The bytes to read lines from (a file or stdin stream). */
	input: AsyncIterable<Buffer | string>;
	format: FileFormat;
	defaults: LineDefaults;
	onProgress?: (progress: Progress) => void;
	/** Each batch's written messages, in line order, once the batch is settled. */
	onWritten?: (results: ProduceResult[]) => Promise<void> | void;
	signal?: AbortSignal;
	/** Messages per request; bigger batches are faster, smaller ones lose less to a failure. */
	batchSize?: number;
	compression?: Compression;
};

export type ProduceLinesResult = {
	sent: number;
	lines: number;
	skipped: number;
	cancelled: boolean;
	partitions: Map<number, number>;
};

const n = (x: number) => x.toLocaleString('en-US');

export const produceLines = async ({
	service,
	topic,
	input: source,
	format,
	defaults,
	onProgress,
	onWritten,
	signal,
	batchSize = 5000,
	compression,
}: ProduceLinesOptions): Promise<ProduceLinesResult> => {
	// Start reading before the first await: a stream's iterator must exist before it has data to give.
	const iterator = source[Symbol.asyncIterator]();
	const chunks = {[Symbol.asyncIterator]: () => iterator};
	// Unknown topic, or a partition it does not have: said before anything is sent.
	const detail = await service.topic(topic);
	const partitionCount = detail.partitions.length;
	const parseAs = format === 'ndjson' ? parseNdjson : parseTextLine;
	const record = lineRecord();
	const startedAt = Date.now();
	const written = new Map<number, number>();
	let sent = 0;
	let lineNo = 0;
	let skipped = 0;
	// The records of the next send, encoded as the lines are read, and the lines it holds.
	let set: RecordSet = await service.records(topic);
	// A line without a timestamp of its own is created when its send is gathered.
	let now = Date.now();
	let firstLine = 0;
	let lastLine = 0;
	let lastProgress = 0;

	// Up to three sends are in flight: the broker answers the requests of a connection in order, and the producer
	// gives each partition's batches their sequence numbers in call order, so a partition keeps the file's order.
	const MAX_IN_FLIGHT = 3;
	type InFlight = {from: number; count: number; result: Promise<BatchOutcome[] | Error>};
	const inFlight: InFlight[] = [];
	let lastQueued = 0;
	// The first trouble, and what became of every line from the send it was in on.
	let trouble: {line: number; reason: string; from: number; written: number; refused: number; unknown: number} | null =
		null;

	const account = async (send: InFlight) => {
		const result = await send.result;
		const outcomes: BatchOutcome[] | null = result instanceof Error ? null : result;
		let ok = 0;
		let refused = 0;
		let unknown = 0;
		// The first line (in the file) that was not written, and why.
		let first: {line: number; reason: string} | null =
			result instanceof Error ? {line: send.from, reason: result.message} : null;
		if (result instanceof Error) refused = send.count;
		for (const o of outcomes ?? []) {
			if (o.status === 'written') {
				ok += o.count;
				written.set(o.partition, (written.get(o.partition) ?? 0) + o.count);
				continue;
			}
			if (o.status === 'failed') refused += o.count;
			else unknown += o.count;
			if (!first || o.lines[0]! < first.line) first = {line: o.lines[0]!, reason: o.error};
		}
		sent += ok;
		if (first && !trouble) trouble = {...first, from: send.from, written: 0, refused: 0, unknown: 0};
		if (onWritten && outcomes) await onWritten(inLineOrder(outcomes));
		if (trouble) {
			trouble.written += ok;
			trouble.refused += refused;
			trouble.unknown += unknown;
		}
	};

	/** Settles every send in flight; after trouble, says exactly what was written, refused or left unknown. */
	const drain = async () => {
		while (inFlight.length > 0) await account(inFlight.shift()!);
		if (!trouble) return;
		const t = trouble as NonNullable<typeof trouble>;
		const range = `lines ${n(t.from)}-${n(lastQueued)}`;
		throw new KexError(
			t.unknown > 0 ? 'unreachable' : 'broker-error',
			[
				`line ${n(t.line)}: ${t.reason}.`,
				`Written: ${n(sent)} messages${t.from > 1 ? `: every line before ${n(t.from)}` : ''}${t.written > 0 ? `${t.from > 1 ? ', and' : ':'} ${n(t.written)} of ${range}` : ''}.`,
				t.refused > 0 ? `Not written: ${n(t.refused)} of ${range}.` : '',
				t.unknown > 0 ? `No answer for ${n(t.unknown)} of ${range}: they may or may not have been written.` : '',
				`Nothing after line ${n(lastQueued)} was sent.`,
			]
				.filter(Boolean)
				.join(' '),
		);
	};

	const flush = async () => {
		if (set.count === 0) return;
		const current = set;
		const from = firstLine;
		set = await service.records(topic);
		now = Date.now();
		lastQueued = lastLine;
		inFlight.push({
			from,
			count: current.count,
			result: service
				.sendRecords(current, {compression})
				.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
		});
		if (inFlight.length >= MAX_IN_FLIGHT) await account(inFlight.shift()!);
		// Stop reading on after trouble: what is in flight settles, nothing more is sent.
		if (trouble) await drain();
	};

	/** Adds the line just read to the next send; when its partition's batch is full, sends first. */
	const add = (partition: number): Promise<void> | undefined => {
		const r = record;
		const timestamp = r.timestamp ?? now;
		const added = set.add(partition, r, timestamp, lineNo);
		if (added) {
			if (set.count === 1) firstLine = lineNo;
			lastLine = lineNo;
			return set.count >= batchSize || set.bytes >= SEND_BYTES ? flush() : undefined;
		}
		// The record is still in the line's bytes: sent first what was gathered, then it goes into the next send.
		const line = lineNo;
		return flush().then(() => {
			set.add(partition, r, timestamp, line);
			firstLine = lastLine = line;
		});
	};

	// Most lines only join the next send: those return nothing, and the loop awaits only a flush or a failure (an
	// await a line costs a promise a line).
	const onLine = (data: Buffer, start: number, end: number): Promise<void> | undefined => {
		const parsed = parseAs(data, start, end, defaults, record);
		// A schema the line names is fetched once; then the line is read again.
		if (parsed.ok === 'wait') return parsed.until.then(() => onLine(data, start, end));
		lineNo += 1;
		if (parsed.ok === 'skip') {
			skipped += 1;
			return undefined;
		}
		let problem = parsed.ok ? null : parsed.error;
		const asked = record.partition;
		if (!problem && asked !== undefined && asked >= partitionCount)
			problem = `${topic} has no partition ${asked} (it has ${partitionCount}: 0 to ${partitionCount - 1})`;
		if (problem) {
			const line = lineNo;
			// What came before the bad line is sent, so the report is simple: all before it, nothing from it on.
			return (async () => {
				await flush();
				await drain();
				throw new KexError(
					'invalid-input',
					`line ${n(line)}: ${problem}. Written: ${n(sent)} messages, every line before it; nothing from line ${n(line)} on was sent.`,
				);
			})();
		}
		return add(set.partitionOf(asked, record));
	};

	// Lines are split here, in the chunk as read, and each record copied into its batch at once: a chunk may be
	// read into again once the next is asked for (fileChunks), so only a line that runs over is kept, as a copy.
	let rest: Buffer | null = null;
	// A line's end without the carriage return of a Windows file.
	const endOf = (data: Buffer, end: number) => (end > 0 && data[end - 1] === 0x0d ? end - 1 : end);
	for await (const piece of chunks) {
		if (signal?.aborted) break;
		const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
		let start = 0;
		if (rest) {
			const end = chunk.indexOf(0x0a);
			const joined: Buffer = Buffer.concat([rest, end < 0 ? chunk : chunk.subarray(0, end)]);
			rest = end < 0 ? joined : null;
			if (end < 0) continue;
			const waiting = onLine(joined, 0, endOf(joined, joined.length));
			if (waiting) await waiting;
			start = end + 1;
		}
		for (let end = chunk.indexOf(0x0a, start); end >= 0; end = chunk.indexOf(0x0a, start)) {
			const waiting = onLine(chunk, start, endOf(chunk, end));
			if (waiting) await waiting;
			start = end + 1;
		}
		rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : null;
		if (onProgress && Date.now() - lastProgress > 100) {
			lastProgress = Date.now();
			onProgress({lines: lineNo, sent, startedAt});
		}
	}
	if (rest && rest.length > 0 && !signal?.aborted) await onLine(rest, 0, endOf(rest, rest.length));
	await flush();
	await drain();
	onProgress?.({lines: lineNo, sent, startedAt});
	return {sent, lines: lineNo, skipped, cancelled: signal?.aborted ?? false, partitions: written};
};

/** What a send wrote, a message a line, in the order of the lines. */
const inLineOrder = (outcomes: BatchOutcome[]): ProduceResult[] => {
	const results: Array<{line: number; result: ProduceResult}> = [];
	for (const o of outcomes) {
		if (o.status !== 'written') continue;
		for (let i = 0; i < o.count; i++) {
			const timestamp = o.logAppendTime >= 0 ? o.logAppendTime : o.timestampOf(i);
			results.push({
				line: o.lines[i]!,
				result: {topic: o.topic, partition: o.partition, offset: o.baseOffset + i, timestamp},
			});
		}
	}
	return results.sort((a, b) => a.line - b.line).map(r => r.result);
};
