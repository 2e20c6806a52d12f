import {headersOf, messageOf} from '../../kafka/record-batch.js';
import type {BatchSink, Decoded, Message, RecordView} from '../../kafka/types.js';
import {jsonText, type MessageTest, type Probe} from './message-filter.js';

// The viewer's search past what is loaded: every record is tested where it lies in the fetched bytes, its text
// decoded only as far as the test asks, and only the one that matches is made a Message.

export type ScanProgress = {
	scanned: number;
	found: Message | null;
	/**
	 * Set when a record's schema is not fetched yet: the scan stopped at it (a value tested as bytes could miss a
	 * match on its decoded fields). Fetch these values' schemas, then read on from `next`.
	 */
	missing: Buffer[] | null;
	/** By partition, the offset after the last record tested (or of the record the scan stopped at). */
	next: Record<number, number>;
};

const text = (buf: Buffer, start: number, end: number) => (start < 0 ? null : buf.toString('utf8', start, end));

/** How a scan decodes registry-framed values: the viewer's schemas, when a registry is configured. */
export type ScanDecoder = {
	decode(bytes: Buffer, context: {topic: string; part: 'key' | 'value'}): Decoded | null;
	/** Whether the value can be decoded now (not framed, or its schema fetched). */
	ready(bytes: Buffer): boolean;
};

export const scanSink = (test: MessageTest, decoder?: ScanDecoder): BatchSink<ScanProgress> => {
	let scanned = 0;
	let found: Message | null = null;
	let view: RecordView | null = null;
	let missing: Buffer[] | null = null;
	const next: Record<number, number> = {};
	const unready = (v: RecordView) =>
		decoder !== undefined &&
		((v.valueStart >= 0 && !decoder.ready(v.buf.subarray(v.valueStart, v.valueEnd))) ||
			(v.keyStart >= 0 && !decoder.ready(v.buf.subarray(v.keyStart, v.keyEnd))));
	// The record's decoded value, worked out once whether the test asks for its text, its JSON or both (the view is
	// reused for every record: the count of records says which one it is).
	let decodedAt = -1;
	let decoded: Decoded | null = null;
	const decodedValue = (): Decoded | null => {
		if (!decoder || view!.valueStart < 0) return null;
		if (decodedAt !== scanned) {
			decoded = decoder.decode(view!.buf.subarray(view!.valueStart, view!.valueEnd), {
				topic: view!.topic,
				part: 'value',
			});
			decodedAt = scanned;
		}
		return decoded;
	};
	const decodedKey = (): string | null => {
		if (!decoder || view!.keyStart < 0) return null;
		const d = decoder.decode(view!.buf.subarray(view!.keyStart, view!.keyEnd), {topic: view!.topic, part: 'key'});
		return d?.ok ? JSON.stringify(d.json) : null;
	};
	const probe: Probe = {
		key: () => decodedKey() ?? text(view!.buf, view!.keyStart, view!.keyEnd),
		value: () => {
			const d = decodedValue();
			return d?.ok ? JSON.stringify(d.json) : text(view!.buf, view!.valueStart, view!.valueEnd);
		},
		headerValues: () =>
			view!.headerCount === 0
				? []
				: headersOf(view!).flatMap(h => (h.value === null ? [] : [h.value.toString('utf8')])),
		json: () => {
			const d = decodedValue();
			return d?.ok ? d.json : jsonText(text(view!.buf, view!.valueStart, view!.valueEnd));
		},
	};
	return {
		beginBatch: () => {},
		abandonBatch: () => {},
		// A batch that cannot be read holds nothing to match.
		unreadable: m => {
			if (found || missing) return;
			scanned += 1;
			next[m.partition] = m.batch.lastOffset + 1;
		},
		record: v => {
			// After a stop the rest of the fetch is read again once the schema is here.
			if (found || missing) return;
			if (unready(v)) {
				missing = [v.valueStart, v.keyStart].flatMap(start =>
					start < 0 ? [] : [Buffer.from(v.buf.subarray(start, start === v.valueStart ? v.valueEnd : v.keyEnd))],
				);
				next[v.partition] = v.offset;
				return;
			}
			scanned += 1;
			view = v;
			next[v.partition] = v.offset + 1;
			if (test.probe(probe)) found = messageOf(v);
		},
		take: () => {
			const step = {scanned, found, missing, next: {...next}};
			missing = null;
			return step;
		},
	};
};
