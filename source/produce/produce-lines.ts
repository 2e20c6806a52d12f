import {KexError} from '../kafka/errors.js';
import type {Compression, KafkaService, ProduceRequest, ProduceResult} from '../kafka/types.js';
import {parseNdjson, parseTextLine, type FileFormat, type LineDefaults} from './parse-line.js';

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
	defaults: Omit<LineDefaults, 'topic'>;
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
	const lineDefaults: LineDefaults = {...defaults, topic};
	const parse = (data: Buffer, start: number, end: number) => parseAs(data, start, end, lineDefaults);
	const startedAt = Date.now();
	const written = new Map<number, number>();
	let sent = 0;
	let lineNo = 0;
	let skipped = 0;
	let batch: ProduceRequest[] = [];
	let batchLines: number[] = [];
	let lastProgress = 0;

	// Up to three batches are in flight: kafkajs keeps one connection per broker and the broker answers the
	// requests of a connection in order, so messages of a partition stay in file order (nothing is retried).
	const MAX_IN_FLIGHT = 3;
	type Outcomes = Awaited<ReturnType<KafkaService['send']>>;
	type InFlight = {lines: number[]; result: Promise<Outcomes | Error>};
	const inFlight: InFlight[] = [];
	let lastQueued = 0;
	// The first trouble, and what became of every line from the batch it was in on.
	let trouble: {line: number; reason: string; from: number; written: number; refused: number; unknown: number} | null =
		null;

	const account = async (batch_: InFlight) => {
		const result = await batch_.result;
		const outcomes: Outcomes =
			result instanceof Error ? batch_.lines.map(() => ({status: 'failed', error: result.message})) : result;
		let ok = 0;
		outcomes.forEach((o, i) => {
			if (o.status === 'written') {
				ok += 1;
				written.set(o.partition, (written.get(o.partition) ?? 0) + 1);
			} else if (!trouble)
				trouble = {line: batch_.lines[i]!, reason: o.error, from: batch_.lines[0]!, written: 0, refused: 0, unknown: 0};
		});
		sent += ok;
		if (onWritten)
			await onWritten(
				outcomes.flatMap(o =>
					o.status === 'written'
						? [{topic: o.topic, partition: o.partition, offset: o.offset, timestamp: o.timestamp}]
						: [],
				),
			);
		if (trouble) {
			trouble.written += ok;
			trouble.refused += outcomes.filter(o => o.status === 'failed').length;
			trouble.unknown += outcomes.filter(o => o.status === 'unknown').length;
		}
	};

	/** Settles every batch in flight; after trouble, says exactly what was written, refused or left unknown. */
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
		if (batch.length === 0) return;
		const current = batch;
		const lines = batchLines;
		batch = [];
		batchLines = [];
		lastQueued = lines.at(-1)!;
		inFlight.push({
			lines,
			result: service
				.send(current, {compression})
				.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
		});
		if (inFlight.length >= MAX_IN_FLIGHT) await account(inFlight.shift()!);
		// Stop reading on after trouble: what is in flight settles, nothing more is sent.
		if (trouble) await drain();
	};

	// Most lines only join the batch: those return nothing, and the loop awaits only a flush or a failure (an
	// await a line costs a promise a line).
	const onLine = (data: Buffer, start: number, end: number): Promise<void> | undefined => {
		const parsed = parse(data, start, end);
		// A schema the line names is fetched once; then the line is read again.
		if (parsed.ok === 'wait') return parsed.until.then(() => onLine(data, start, end));
		lineNo += 1;
		if (parsed.ok === 'skip') {
			skipped += 1;
			return undefined;
		}
		let problem = parsed.ok ? null : parsed.error;
		const partition = parsed.ok ? parsed.request.partition : undefined;
		if (!problem && partition !== undefined && partition >= partitionCount)
			problem = `${topic} has no partition ${partition} (it has ${partitionCount}: 0 to ${partitionCount - 1})`;
		if (problem || parsed.ok !== true) {
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
		batch.push(parsed.request);
		batchLines.push(lineNo);
		return batch.length >= batchSize ? flush() : undefined;
	};

	// Lines are split here, in the chunk as read: values are views into it, sent as they are in the file.
	let rest: Buffer | null = null;
	for await (const piece of chunks) {
		if (signal?.aborted) break;
		const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
		const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
		let start = 0;
		for (let end = data.indexOf(0x0a, start); end >= 0; end = data.indexOf(0x0a, start)) {
			const waiting = onLine(data, start, end > start && data[end - 1] === 0x0d ? end - 1 : end);
			if (waiting) await waiting;
			start = end + 1;
		}
		rest = start < data.length ? data.subarray(start) : null;
		if (onProgress && Date.now() - lastProgress > 100) {
			lastProgress = Date.now();
			onProgress({lines: lineNo, sent, startedAt});
		}
	}
	if (rest && rest.length > 0 && !signal?.aborted)
		await onLine(rest, 0, rest[rest.length - 1] === 0x0d ? rest.length - 1 : rest.length);
	await flush();
	await drain();
	onProgress?.({lines: lineNo, sent, startedAt});
	return {sent, lines: lineNo, skipped, cancelled: signal?.aborted ?? false, partitions: written};
};
