// Decoding of flexible message versions. Tagged fields are skipped: none we read carries data we show.
//
// Numbers are read through a DataView: its getters are built into V8 and fast from the first call, where Buffer's
// readInt32BE is JavaScript that runs interpreted until it warms up; a Metadata answer read at start-up (the
// explorer's first frame) holds tens of thousands of them. Strings are decoded from the buffer in place.

export class Reader {
	private offset = 0;
	private readonly view: DataView;

	constructor(private readonly buf: Buffer) {
		this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
	}

	int8(): number {
		const v = this.view.getInt8(this.offset);
		this.offset += 1;
		return v;
	}

	int16(): number {
		const v = this.view.getInt16(this.offset);
		this.offset += 2;
		return v;
	}

	int32(): number {
		const v = this.view.getInt32(this.offset);
		this.offset += 4;
		return v;
	}

	// As two 32-bit halves: a BigInt for each of tens of thousands of offsets would be most of a refresh's garbage.
	// The sum rounds as Number(bigint) does, and is exact below 2^53, where every offset and time is.
	int64(): number {
		const high = this.view.getInt32(this.offset);
		const low = this.view.getUint32(this.offset + 4);
		this.offset += 8;
		return high * 4294967296 + low;
	}

	skip(length: number): void {
		this.offset += length;
	}

	bool(): boolean {
		return this.int8() !== 0;
	}

	uuid(): string {
		const hex = this.bytes(16).toString('hex');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	}

	uvarint(): number {
		let result = 0;
		let shift = 0;
		for (;;) {
			const byte = this.view.getUint8(this.offset++);
			result += (byte & 0x7f) * 2 ** shift;
			if ((byte & 0x80) === 0) return result;
			shift += 7;
			if (shift > 28) throw new Error('malformed varint in Kafka response');
		}
	}

	compactString(): string {
		const s = this.compactNullableString();
		if (s === null) throw new Error('unexpected null string in Kafka response');
		return s;
	}

	compactNullableString(): string | null {
		const n = this.uvarint();
		if (n === 0) return null;
		return this.text(n - 1);
	}

	compactBytes(): Buffer | null {
		const n = this.uvarint();
		return n === 0 ? null : this.bytes(n - 1);
	}

	compactArray<T>(read: (r: Reader) => T): T[] {
		const n = this.uvarint();
		if (n <= 1) return [];
		// Made to size: tens of thousands of small arrays (replicas, ISR) grown by push each reserve room for 17.
		const items = new Array<T>(n - 1);
		for (let i = 0; i < n - 1; i++) items[i] = read(this);
		return items;
	}

	/** A non-flexible version's string: an int16 length. */
	string(): string {
		const n = this.int16();
		if (n < 0) throw new Error('unexpected null string in Kafka response');
		return this.text(n);
	}

	/** A non-flexible version's array: an int32 count. */
	array<T>(read: (r: Reader) => T): T[] {
		const n = this.int32();
		if (n <= 0) return [];
		const items = new Array<T>(n);
		for (let i = 0; i < n; i++) items[i] = read(this);
		return items;
	}

	/** What is left to read, as it is (not copied). */
	rest(): Buffer {
		return this.buf.subarray(this.offset);
	}

	taggedFields(): void {
		const count = this.uvarint();
		for (let i = 0; i < count; i++) {
			this.uvarint(); // tag
			this.offset += this.uvarint();
		}
	}

	private text(n: number): string {
		const start = this.take(n);
		return this.buf.toString('utf8', start, start + n);
	}

	private bytes(n: number): Buffer {
		const start = this.take(n);
		return this.buf.subarray(start, start + n);
	}

	/** Moves past `n` bytes, which must be there; where they start. */
	private take(n: number): number {
		if (this.offset + n > this.buf.length) throw new Error('truncated Kafka response');
		const start = this.offset;
		this.offset += n;
		return start;
	}
}
