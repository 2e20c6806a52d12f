// The registry wire formats: Confluent's (a zero byte, a 4-byte schema id; for Protobuf then the message indexes)
// and Apicurio's (a zero byte, an 8-byte global id). Confluent's ids start at 1, so four zero bytes after the magic
// byte can only be the high half of Apicurio's long.

export type Frame = {framing: 'confluent' | 'apicurio'; id: number; payloadStart: number};

/** Whether bytes (from start to end of buf) may be in a wire format: the magic zero byte and room for an id. */
export const mayBeFramed = (buf: Buffer, start: number, end: number) => end - start >= 5 && buf[start] === 0;

export const readFrame = (bytes: Buffer | null): Frame | null => {
	if (!bytes || !mayBeFramed(bytes, 0, bytes.length)) return null;
	const id = bytes.readUInt32BE(1);
	if (id !== 0) return {framing: 'confluent', id, payloadStart: 5};
	if (bytes.length < 9) return null;
	const global = bytes.readUInt32BE(5);
	return global === 0 ? null : {framing: 'apicurio', id: global, payloadStart: 9};
};

/** Protobuf's message indexes: a zigzag varint count, then each index; a lone 0 stands for [0]. */
export const readMessageIndexes = (bytes: Buffer, start: number): {indexes: number[]; end: number} => {
	let at = start;
	const varint = () => {
		let result = 0;
		let shift = 0;
		for (;;) {
			if (at >= bytes.length) throw new Error('the message indexes run past the end of the value');
			const b = bytes[at++]!;
			result |= (b & 0x7f) << shift;
			if ((b & 0x80) === 0) break;
			shift += 7;
			if (shift > 28) throw new Error('a message index is too long');
		}
		return (result >>> 1) ^ -(result & 1);
	};
	const count = varint();
	if (count < 0 || count > 100) throw new Error('the message indexes are not valid');
	if (count === 0) return {indexes: [0], end: at};
	const indexes = Array.from({length: count}, varint);
	return {indexes, end: at};
};

const zigzag = (n: number): number[] => {
	let v = (n << 1) ^ (n >> 31);
	const out: number[] = [];
	while (v > 0x7f) {
		out.push((v & 0x7f) | 0x80);
		v >>>= 7;
	}
	out.push(v);
	return out;
};

/** The Confluent header for a schema id (and for Protobuf, its message indexes). */
export const frameHeader = (id: number, indexes?: number[]): Buffer => {
	const header = Buffer.alloc(5);
	header.writeUInt32BE(id, 1);
	if (!indexes) return header;
	const tail = indexes.length === 1 && indexes[0] === 0 ? [0] : [...zigzag(indexes.length), ...indexes.flatMap(zigzag)];
	return Buffer.concat([header, Buffer.from(tail)]);
};
