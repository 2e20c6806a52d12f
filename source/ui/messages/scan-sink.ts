import {headersOf, messageOf} from '../../kafka/record-batch.js';
import type {BatchSink, Message, RecordView} from '../../kafka/types.js';
import {jsonText, type MessageTest, type Probe} from './message-filter.js';

// The viewer's search past what is loaded: every record is tested where it lies in the fetched bytes, its text
// decoded only as far as the test asks, and only the one that matches is made a Message.

export type ScanProgress = {scanned: number; found: Message | null};

const text = (buf: Buffer, start: number, end: number) => (start < 0 ? null : buf.toString('utf8', start, end));

export const scanSink = (test: MessageTest): BatchSink<ScanProgress> => {
	let scanned = 0;
	let found: Message | null = null;
	let view: RecordView | null = null;
	const probe: Probe = {
		key: () => text(view!.buf, view!.keyStart, view!.keyEnd),
		value: () => text(view!.buf, view!.valueStart, view!.valueEnd),
		headerValues: () =>
			view!.headerCount === 0
				? []
				: headersOf(view!).flatMap(h => (h.value === null ? [] : [h.value.toString('utf8')])),
		json: () => jsonText(text(view!.buf, view!.valueStart, view!.valueEnd)),
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
