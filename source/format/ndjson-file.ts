import {createWriteStream} from 'node:fs';
import type {Message} from '../kafka/types.js';
import {messageToJson} from './message-json.js';

// Messages written to a new file as NDJSON, in the `kex consume --json` format, with backpressure. An existing
// file is never overwritten: people choose another name.

export type NdjsonFile = {
	write(message: Message): Promise<void>;
	/** Flushes and closes; fails if anything could not be written. */
	close(): Promise<void>;
	/** Closes without flushing, after a failure. */
	destroy(): void;
};

export const createNdjsonFile = (path: string): NdjsonFile => {
	const out = createWriteStream(path, {flags: 'wx'});
	const failed = new Promise<never>((_, reject) => out.once('error', reject));
	// Nobody may be waiting when the stream fails (between writes); the next write or close says it.
	failed.catch(() => {});
	return {
		async write(message) {
			if (!out.write(`${JSON.stringify(messageToJson(message))}\n`)) {
				await Promise.race([new Promise<void>(resolve => out.once('drain', () => resolve())), failed]);
			}
		},
		close: () => Promise.race([new Promise<void>(resolve => out.end(() => resolve())), failed]),
		destroy: () => out.destroy(),
	};
};
