import {headersOf, messageOf} from '../../kafka/record-batch.js';
import type {BatchSink, Decoded, Message, RecordView} from '../../kafka/types.js';
import {jsonText, type MessageTest, type Probe} from './message-filter.js';

// The viewer's search past what is loaded: every record is tested where it lies in the fetched bytes, its text
// decoded only as far as the test asks, and only the one that matches is made a Message.

export type ScanProgress = {scanned: number; found: Message | null};

const text = (buf: Buffer, start: number, end: number) => (start < 0 ? null : buf.toString('utf8', start, end));

/** How a scan decodes registry-framed values: the viewer's schemas, when a registry is configured. */
export type ScanDecode = (bytes: Buffer, context: {topic: string; part: 'key' | 'value'}) => Decoded | null;

export const scanSink = (test: MessageTest, decode?: ScanDecode): BatchSink<ScanProgress> => {
	let scanned = 0;
	let found: Message | null = null;
	let view: RecordView | null = null;
	// The record's decoded value, worked out once whether the test asks for its text, its JSON or both (the view is
	// reused for every record: the count of records says which one it is).
	let decodedAt = -1;
	let decoded: Decoded | null = null;
	const decodedValue = (): Decoded | null => {
		if (!decode || view!.valueStart < 0) return null;
		if (decodedAt !== scanned) {
			decoded = decode(view!.buf.subarray(view!.valueStart, view!.valueEnd), {topic: view!.topic, part: 'value'});
			decodedAt = scanned;
		}
		return decoded;
	};
	const decodedKey = (): string | null => {
		if (!decode || view!.keyStart < 0) return null;
		const d = decode(view!.buf.subarray(view!.keyStart, view!.keyEnd), {topic: view!.topic, part: 'key'});
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
		unreadable: () => {
			if (!found) scanned += 1;
		},
		record: v => {
			if (found) return;
			scanned += 1;
			view = v;
			if (test.probe(probe)) found = messageOf(v);
		},
		take: () => ({scanned, found}),
	};
};
