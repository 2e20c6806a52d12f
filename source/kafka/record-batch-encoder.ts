import {BatchWriter, bytesOf, type Sequencing} from './batch-writer.js';
import type {Compression, Header} from './types.js';

// A list of records made one record batch (magic 2), through the same writer a send uses: for the in-memory
// service and the codec tests, which have their records as objects.

/** A record to write; without a timestamp it takes the batch's `now`. */
export type OutgoingRecord = {key: Buffer | null; value: Buffer | null; headers: Header[]; timestamp?: number};

export const encodeRecordBatch = (
	records: readonly OutgoingRecord[],
	compression: Compression = 'none',
	sequencing: Sequencing | null = null,
	now = Date.now(),
): Buffer => {
	const writer = new BatchWriter(0);
	records.forEach((r, i) => writer.add(bytesOf(r.key, r.value, r.headers), r.timestamp ?? now, i));
	return writer.finish(compression, sequencing);
};
