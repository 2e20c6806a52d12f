import {BatchWriter, headerBlock, type Sequencing} from './batch-writer.js';
import type {Compression, Header} from './types.js';

// A list of records made one record batch (magic 2), through the same writer a send uses: for the in-memory
// service and the codec tests, which have their records as objects.

/** A record to write; without a timestamp it takes the batch's `now`. */
export type OutgoingRecord = {key: Buffer | null; value: Buffer | null; headers: Header[]; timestamp?: number};

const NONE = Buffer.alloc(0);

export const encodeRecordBatch = (
	records: readonly OutgoingRecord[],
	compression: Compression = 'none',
	sequencing: Sequencing | null = null,
	now = Date.now(),
): Buffer => {
	const writer = new BatchWriter(0);
	records.forEach((r, i) => {
		const key = r.key ?? NONE;
		const value = r.value ?? NONE;
		writer.add(
			key,
			r.key ? 0 : -1,
			key.length,
			value,
			r.value ? 0 : -1,
			value.length,
			headerBlock(r.headers),
			r.timestamp ?? now,
			i,
		);
	});
	return writer.finish(compression, sequencing);
};
