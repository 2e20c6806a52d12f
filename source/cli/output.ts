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

	async flush(): Promise<void> {
		if (this.chunk.length === 0 || this.closed) return;
		const text = this.chunk;
		this.chunk = '';
		if (!this.stream.write(text)) {
			await new Promise<void>(resolve => {
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
}
