import {open} from 'node:fs/promises';
import {KexError} from '../kafka/errors.js';

// A file to produce, read a megabyte at a time into one buffer: each chunk's lines are copied into their batches
// before the next chunk is asked for, so a file of any size is read without a new buffer for every chunk.

const reasons: Record<string, string> = {
	ENOENT: 'no such file',
	EISDIR: 'not a file',
	EACCES: 'not allowed to read',
	EPERM: 'not allowed to read',
};

/** Why the file cannot be read, in words; the caller names the file. */
const unreadable = (error: unknown) => {
	const code = (error as NodeJS.ErrnoException).code ?? '';
	return new KexError('invalid-input', reasons[code] ?? `cannot read it (${code || String(error)})`);
};

/** The file's bytes in chunks; each chunk is valid only until the next one is asked for. */
export async function* fileChunks(path: string, size = 1024 * 1024): AsyncGenerator<Buffer> {
	const file = await open(path).catch((error: unknown) => {
		throw unreadable(error);
	});
	try {
		const buf = Buffer.allocUnsafe(size);
		for (;;) {
			const {bytesRead} = await file.read(buf, 0, size, null).catch((error: unknown) => {
				throw unreadable(error);
			});
			if (bytesRead === 0) return;
			yield buf.subarray(0, bytesRead);
		}
	} finally {
		await file.close();
	}
}
