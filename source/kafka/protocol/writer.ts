// Encoding of Kafka's "flexible" (KIP-482) message versions, which kafkajs never learned:
// compact strings and arrays carry length+1 as an unsigned varint, and every struct ends in tagged fields.

export class Writer {
	private readonly chunks: Buffer[] = [];

	int8(value: number): this {
		const b = Buffer.alloc(1);
		b.writeInt8(value);
		return this.push(b);
	}

	int16(value: number): this {
		const b = Buffer.alloc(2);
		b.writeInt16BE(value);
		return this.push(b);
	}

	int32(value: number): this {
		const b = Buffer.alloc(4);
		b.writeInt32BE(value);
		return this.push(b);
	}

	int64(value: number): this {
		const b = Buffer.alloc(8);
		b.writeBigInt64BE(BigInt(value));
		return this.push(b);
	}

	bool(value: boolean): this {
		return this.int8(value ? 1 : 0);
	}

	uvarint(value: number): this {
		const bytes: number[] = [];
		let v = value >>> 0;
		while (v >= 0x80) {
			bytes.push((v & 0x7f) | 0x80);
			v >>>= 7;
		}
		bytes.push(v);
		return this.push(Buffer.from(bytes));
	}

	compactString(value: string | null): this {
		if (value === null) return this.uvarint(0);
		const b = Buffer.from(value, 'utf8');
		return this.uvarint(b.length + 1).push(b);
	}

	compactBytes(value: Buffer | null): this {
		if (value === null) return this.uvarint(0);
		return this.uvarint(value.length + 1).push(value);
	}

	compactArray<T>(items: T[] | null, write: (item: T, w: this) => void): this {
		if (items === null) return this.uvarint(0);
		this.uvarint(items.length + 1);
		for (const item of items) write(item, this);
		return this;
	}

	/** We never send tagged fields: an empty set is one zero byte. */
	emptyTaggedFields(): this {
		return this.uvarint(0);
	}

	buffer(): Buffer {
		return Buffer.concat(this.chunks);
	}

	private push(b: Buffer): this {
		this.chunks.push(b);
		return this;
	}
}
