// CRC-32C (Castagnoli), which record batches carry over everything after the CRC field. Node has only CRC-32.
// Slice-by-8: eight tables, eight bytes a step; a megabyte batch is checksummed in about a millisecond.

const TABLES = (() => {
	const tables = Array.from({length: 8}, () => new Int32Array(256));
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
		tables[0]![n] = c;
	}
	for (let n = 0; n < 256; n++) {
		for (let t = 1; t < 8; t++) tables[t]![n] = tables[0]![tables[t - 1]![n]! & 0xff]! ^ (tables[t - 1]![n]! >>> 8);
	}
	return tables;
})();
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES as [
	Int32Array,
	Int32Array,
	Int32Array,
	Int32Array,
	Int32Array,
	Int32Array,
	Int32Array,
	Int32Array,
];

export const crc32c = (buf: Buffer, start = 0, end = buf.length): number => {
	let crc = -1;
	let i = start;
	for (; i + 8 <= end; i += 8) {
		const a = crc ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24));
		crc =
			T7[a & 0xff]! ^
			T6[(a >>> 8) & 0xff]! ^
			T5[(a >>> 16) & 0xff]! ^
			T4[a >>> 24]! ^
			T3[buf[i + 4]!]! ^
			T2[buf[i + 5]!]! ^
			T1[buf[i + 6]!]! ^
			T0[buf[i + 7]!]!;
	}
	for (; i < end; i++) crc = T0[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
};
