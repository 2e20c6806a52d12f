import {messageOf} from '../kafka/record-batch.js';
import type {BatchSink, Message, RecordView} from '../kafka/types.js';
import {recordTextSink} from '../format/record-text.js';
import type {Schemas} from './schemas.js';
import {mayBeFramed} from './wire-format.js';

// `kex consume` with a registry: written from the fetched bytes as without one (the same fast text for keys and
// values in no wire format), a record in a registry's wire format decoded and printed as it is read, so a fetch of a
// hundred thousand small records never stands in memory as Messages with their decoded values. A record whose
// schema is not fetched yet waits, with the rest of its partition's records in that fetch (their order is kept),
// until the consume loop has fetched it; other partitions print on.

export type DecodedStep = {chunks: Buffer[]; pending: Message[]};

export const decodedTextSink = (
	schemas: Schemas,
	format: 'lines' | 'json',
	render: (m: Message) => string,
	onUnreadable: (m: Message) => void,
	emit: (chunks: Buffer[]) => void,
): BatchSink<DecodedStep> => {
	let pending: Message[] = [];
	// Waiting records of the batch being read, kept apart until the next batch begins: a batch found unreadable
	// takes them back.
	let batchPending: Message[] = [];
	const waiting = new Set<number>();
	const commit = () => {
		if (batchPending.length > 0) pending.push(...batchPending);
		batchPending = [];
	};
	const custom = (v: RecordView): string | 'skip' | null => {
		const mayDecode =
			(v.keyStart >= 0 && mayBeFramed(v.buf, v.keyStart, v.keyEnd)) ||
			(v.valueStart >= 0 && mayBeFramed(v.buf, v.valueStart, v.valueEnd));
		if (!mayDecode && !waiting.has(v.partition)) return null;
		const m = messageOf(v);
		if (waiting.has(v.partition) || !schemas.ready(m.key) || !schemas.ready(m.value)) {
			waiting.add(v.partition);
			batchPending.push(m);
			return 'skip';
		}
		schemas.decodeMessage(m);
		return render(m);
	};
	const text = recordTextSink(format, onUnreadable, emit, custom);
	return {
		beginBatch: () => {
			commit();
			text.beginBatch();
		},
		abandonBatch: () => {
			batchPending = [];
			text.abandonBatch();
		},
		unreadable: m => text.unreadable(m),
		record: v => text.record(v),
		take: () => {
			commit();
			const step = {chunks: text.take(), pending};
			pending = [];
			waiting.clear();
			return step;
		},
	};
};
