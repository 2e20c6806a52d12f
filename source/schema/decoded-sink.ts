import {messageOf} from '../kafka/record-batch.js';
import type {BatchSink, Message, RecordView} from '../kafka/types.js';
import type {Schemas} from './schemas.js';

// `kex consume` with a registry: each record decoded and printed as it is read from the fetched bytes, so a fetch
// of a hundred thousand small records never stands in memory as Messages with their decoded values. A record whose
// schema is not fetched yet waits, with the rest of its partition's records in that fetch (their order is kept),
// until the consume loop has fetched it; other partitions print on.

export type DecodedStep = {text: string; pending: Message[]};

export const decodedTextSink = (
	schemas: Schemas,
	render: (m: Message) => string,
	onUnreadable: (m: Message) => void,
): BatchSink<DecodedStep> => {
	let text: string[] = [];
	let pending: Message[] = [];
	// What the batch being read gave, kept apart until the next batch begins: a batch found unreadable takes it back.
	let batchText: string[] = [];
	let batchPending: Message[] = [];
	const waiting = new Set<number>();
	const commit = () => {
		if (batchText.length > 0) text.push(...batchText);
		if (batchPending.length > 0) pending.push(...batchPending);
		batchText = [];
		batchPending = [];
	};
	return {
		beginBatch: commit,
		abandonBatch: () => {
			batchText = [];
			batchPending = [];
		},
		unreadable: m => onUnreadable(m),
		record: (v: RecordView) => {
			const m = messageOf(v);
			if (waiting.has(v.partition) || !schemas.ready(m.key) || !schemas.ready(m.value)) {
				waiting.add(v.partition);
				batchPending.push(m);
				return;
			}
			schemas.decodeMessage(m);
			batchText.push(render(m));
		},
		take: () => {
			commit();
			const step = {text: text.join(''), pending};
			text = [];
			pending = [];
			waiting.clear();
			return step;
		},
	};
};
