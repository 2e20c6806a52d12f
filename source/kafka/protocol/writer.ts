// Encoding of Kafka's "flexible" (KIP-482) message versions, which kafkajs never learned:
// compact strings and arrays carry length+1 as an unsigned varint, and every struct ends in tagged fields.
// One growing buffer: requests for tens of thousands of partitions would otherwise be tens of thousands of Buffers.
// Numbers are written through a DataView, as the Reader reads them (see reader.ts), with Buffer's range checks.

// Request bodies of a size worth keeping (a Produce request of record batches), kept once the request is answered
// for the next one to be written into (see release). Each is otherwise a new buffer outside the heap, and those
// pile up between collections: writing a file, they were most of kex's memory.
const spare: Buffer[] = [];
const SPARE_COUNT = 4;
const WORTH_KEEPING = 64 * 1024;
const LARGEST_KEPT = 4 * 1024 * 1024;

const inRange = (value: number, min: number, max: number, what: string) => {
	if (!(value >= min && value <= max)) throw new RangeError(`${what} must be >= ${min} and <= ${max}, not ${value}`);
};

export class Writer {
	private buf: Buffer;
	private view: DataView;
	private length = 0;

	/** initialSize: what the request will about take, when it is known (a Produce request of record batches). */
	constructor(initialSize = 256) {
		const reused = initialSize >= WORTH_KEEPING ? spare.findIndex(b => b.length >= initialSize) : -1;
		this.buf = reused >= 0 ? spare.splice(reused, 1)[0]! : Buffer.allocUnsafe(initialSize);
		this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
	}

	/** A body made by buffer() that nothing reads any more (its request was answered): the next may reuse it. */
	static release(body: Buffer) {
		const whole = Buffer.from(body.buffer, body.byteOffset, body.buffer.byteLength - body.byteOffset);
		if (body.byteOffset !== 0 || whole.length < WORTH_KEEPING || whole.length > LARGEST_KEPT) return;
		if (spare.length >= SPARE_COUNT) spare.shift();
		spare.push(whole);
	}

	int8(value: number): this {
		inRange(value, -0x80, 0x7f, 'int8');
		this.room(1);
		this.view.setInt8(this.length, value);
		this.length += 1;
		return this;
	}

	int16(value: number): this {
		inRange(value, -0x8000, 0x7fff, 'int16');
		this.room(2);
		this.view.setInt16(this.length, value);
		this.length += 2;
		return this;
	}

	int32(value: number): this {
		inRange(value, -0x80000000, 0x7fffffff, 'int32');
		this.room(4);
		this.view.setInt32(this.length, value);
		this.length += 4;
		return this;
	}

	/** A whole number, as two 32-bit halves (no BigInt made for each). */
	int64(value: number): this {
		if (!Number.isInteger(value)) throw new RangeError(`int64 must be a whole number, not ${value}`);
		this.room(8);
		const high = Math.floor(value / 4294967296);
		inRange(high, -0x80000000, 0x7fffffff, 'int64');
		this.view.setInt32(this.length, high);
		this.view.setUint32(this.length + 4, value - high * 4294967296);
		this.length += 8;
		return this;
	}

	bool(value: boolean): this {
		return this.int8(value ? 1 : 0);
	}

	/** Bytes as they are, such as a UUID. */
	raw(bytes: Buffer): this {
		this.room(bytes.length);
		this.length += bytes.copy(this.buf, this.length);
		return this;
	}

	uvarint(value: number): this {
		this.room(5);
		let v = value >>> 0;
		while (v >= 0x80) {
			this.buf[this.length++] = (v & 0x7f) | 0x80;
			v >>>= 7;
		}
		this.buf[this.length++] = v;
		return this;
	}

	compactString(value: string | null): this {
		if (value === null) return this.uvarint(0);
		const size = Buffer.byteLength(value, 'utf8');
		this.uvarint(size + 1).room(size);
		this.length += this.buf.write(value, this.length, 'utf8');
		return this;
	}

	compactBytes(value: Buffer | null): this {
		if (value === null) return this.uvarint(0);
		return this.uvarint(value.length + 1).raw(value);
	}

	compactArray<T>(items: T[] | null, write: (item: T, w: this) => void): this {
		if (items === null) return this.uvarint(0);
		this.uvarint(items.length + 1);
		for (const item of items) write(item, this);
		return this;
	}

	/** A non-flexible version's string: an int16 length. */
	string(value: string): this {
		const size = Buffer.byteLength(value, 'utf8');
		this.int16(size).room(size);
		this.length += this.buf.write(value, this.length, 'utf8');
		return this;
	}

	/** A non-flexible version's array: an int32 count. */
	array<T>(items: T[], write: (item: T, w: this) => void): this {
		this.int32(items.length);
		for (const item of items) write(item, this);
		return this;
	}

	/** We never send tagged fields: an empty set is one zero byte. */
	emptyTaggedFields(): this {
		return this.uvarint(0);
	}

	buffer(): Buffer {
		return this.buf.subarray(0, this.length);
	}

	private room(bytes: number): this {
		if (this.length + bytes <= this.buf.length) return this;
		const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + bytes));
		this.buf.copy(grown, 0, 0, this.length);
		this.buf = grown;
		this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
		return this;
	}
}
