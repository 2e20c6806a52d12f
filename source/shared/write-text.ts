// Text written into a buffer as UTF-8, where millions of short strings are (a file of JSON lines to produce): short
// ASCII by hand, the rest through Buffer's own utf8Write, which its public write() calls once it has sorted out
// its arguments. Measured on a million lines: the hand loop is several times faster than write() for a short key,
// utf8Write a third faster for a 100-character value. The caller makes room first (3 bytes a character at most).

type Utf8Write = (this: Buffer, text: string, offset: number) => number;
const utf8Write: Utf8Write =
	(Buffer.prototype as unknown as {utf8Write?: Utf8Write}).utf8Write ??
	function (this: Buffer, text: string, offset: number) {
		return this.write(text, offset, 'utf8');
	};

/** Writes text at `at`; returns how many bytes it took. */
export const writeText = (buf: Buffer, at: number, text: string): number => {
	const n = text.length;
	if (n < 32) {
		let i = 0;
		for (; i < n; i++) {
			const c = text.charCodeAt(i);
			if (c >= 0x80) break;
			buf[at + i] = c;
		}
		if (i === n) return n;
	}
	return utf8Write.call(buf, text, at);
};
