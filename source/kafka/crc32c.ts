// CRC-32C (Castagnoli), which record batches carry over everything after the CRC field. Node has only CRC-32.

const TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

export const crc32c = (buf: Buffer, start = 0, end = buf.length): number => {
	let crc = -1;
	for (let i = start; i < end; i++) crc = TABLE[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
};
