import type {Writable} from 'node:stream';

// Buffered writing to stdout that waits when the reader is slower than we are, so memory stays flat however much
// is printed, and that ends quietly when the reader goes away (`kex consume ... | head`).

export class Output {
	private chunk = '';
	closed = false;

	constructor(private readonly stream: NodeJS.WritableStream = process.stdout) {
		stream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EPIPE') this.closed = true;
			else throw error;
		});
	}

	async write(text: string): Promise<void> {
		this.chunk += text;
		if (this.chunk.length >= 256 * 1024) await this.flush();
	}

	/**
	 * Bytes made elsewhere (consume's output), after the text written before them, handed to the stream at once:
	 * a reader that keeps up takes them as they come; settle() then waits for one that does not.
	 */
	pushBytes(chunks: Buffer[]): void {
		if (this.chunk.length > 0) {
			this.stream.write(this.chunk);
			this.chunk = '';
		}
		for (const chunk of chunks) if (!this.closed) this.stream.write(chunk);
	}

	/** Waits until the stream has taken what it was given (a slow reader of a pipe holds us here). */
	async settle(): Promise<void> {
		await this.flush();
		// The stream knows whether a drain is still owed, even if it came and went since the push.
		if (!this.closed && (this.stream as Partial<Writable>).writableNeedDrain) await this.drained();
	}

	/** Whether the stream holds none of what it was given: written bytes may then be written over. */
	get idle(): boolean {
		return (this.stream as Partial<Writable>).writableLength === 0;
	}

	async flush(): Promise<void> {
		if (this.chunk.length === 0) return;
		const text = this.chunk;
		this.chunk = '';
		await this.send(text);
	}

	private async send(data: string | Buffer): Promise<void> {
		if (this.closed) return;
		if (!this.stream.write(data)) await this.drained();
	}

	private drained(): Promise<void> {
		return new Promise<void>(resolve => {
			const done = () => {
				this.stream.off('drain', done);
				this.stream.off('close', done);
				resolve();
			};
			this.stream.on('drain', done);
			this.stream.on('close', done);
		});
	}
}
