import {open} from 'node:fs/promises';

// A file to produce, read a megabyte at a time into one buffer: each chunk's lines are copied into their batches
// before the next chunk is asked for, so a file of any size is read without a new buffer for every chunk.

/** The file's bytes in chunks; each chunk is valid only until the next one is asked for. */
export async function* fileChunks(path: string, size = 1024 * 1024): AsyncGenerator<Buffer> {
	const file = await open(path);
	try {
		const buf = Buffer.allocUnsafe(size);
		for (;;) {
			const {bytesRead} = await file.read(buf, 0, size, null);
			if (bytesRead === 0) return;
			yield buf.subarray(0, bytesRead);
		}
	} finally {
		await file.close();
	}
}
