import {createRequire} from 'node:module';

// CRC-32C (Castagnoli), which record batches carry over everything after the CRC field. Node has only CRC-32.
// @node-rs/crc32 computes it with the CPU's own instruction (prebuilt for each platform on npm), several times faster
// than any JavaScript; where its binary is missing, slice-by-8 here does it: eight tables, eight bytes a step.

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

/** The JavaScript CRC-32C, for platforms without the native one (and to check it against). */
export const crc32cJs = (buf: Buffer, start = 0, end = buf.length): number => {
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

type Native = {crc32c(input: Buffer, initialState?: number): number};
const native = ((): Native | null => {
	try {
		return createRequire(import.meta.url)('@node-rs/crc32') as Native;
	} catch {
		return null;
	}
})();

export const crc32c = native
	? (buf: Buffer, start = 0, end = buf.length): number =>
			native.crc32c(start === 0 && end === buf.length ? buf : buf.subarray(start, end)) >>> 0
	: crc32cJs;
