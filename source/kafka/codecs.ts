import {createRequire} from 'node:module';
import {gunzipSync, gzipSync} from 'node:zlib';
import type * as ZstdWasm from '@bokuweb/zstd-wasm';
import type * as Fzstd from 'fzstd';
import type Snappy from 'snappyjs';
import {KexError} from './errors.js';
import type {Compression} from './message-types.js';

// The compression codecs of record batches, by Kafka's codec numbers. Each codec is a library's:
// gzip is Node's zlib; snappy is snappyjs (pure JS) with the xerial framing the Java client wraps it in;
// lz4 frames are lz4-napi's (lz4_flex, prebuilt for each platform on npm); zstd is read by fzstd (pure JS,
// frames of unknown size as Java's streaming writer makes them) and written by zstd's own C code as WebAssembly.

export const CODECS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export const codecName = (codec: number): string => CODECS[codec] ?? `codec ${codec}`;

export const parseCompression = (text: string): Compression => {
	const name = text.trim().toLowerCase();
	const found = CODECS.find(c => c === name);
	if (found) return found;
	throw new KexError('invalid-input', `compression is one of ${CODECS.join(', ')}, not "${text}"`);
};

// Each codec's library is loaded when a batch first needs it: most commands never do, and start the faster.
const load = createRequire(import.meta.url);
let snappyLib: typeof Snappy | null = null;
const snappy = () => (snappyLib ??= load('snappyjs') as typeof Snappy);
let fzstd: typeof Fzstd | null = null;
const zstdDecompress = (data: Buffer) => (fzstd ??= load('fzstd') as typeof Fzstd).decompress(data);
let zstdWasmLib: typeof ZstdWasm | null = null;
const zstdWasm = () => (zstdWasmLib ??= load('@bokuweb/zstd-wasm') as typeof ZstdWasm);

// lz4-napi is a native module: loaded when an lz4 batch first appears, so a platform without its prebuilt
// binary can still read and write everything else, and is told why lz4 cannot.
type Lz4 = {decompressFrameSync(data: Buffer): Buffer; compressFrameSync(data: Buffer): Buffer};
let lz4: Lz4 | null = null;
const lz4Codec = (): Lz4 => {
	if (lz4) return lz4;
	try {
		lz4 = load('lz4-napi') as Lz4;
		return lz4;
	} catch (error) {
		throw new Error(`the lz4 library could not be loaded on ${process.platform}-${process.arch}: ${String(error)}`);
	}
};

/** Java's SnappyOutputStream (xerial) frames snappy blocks behind this header; librdkafka writes raw snappy. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER = 16;
const XERIAL_BLOCK = 32 * 1024;

const unsnappy = (data: Buffer): Buffer => {
	if (data.length < XERIAL_HEADER || !data.subarray(0, 8).equals(XERIAL_MAGIC)) {
		return Buffer.from(snappy().uncompress(data));
	}
	const blocks: Buffer[] = [];
	let pos = XERIAL_HEADER;
	while (pos < data.length) {
		if (pos + 4 > data.length) throw new Error('xerial snappy block length cut short');
		const length = data.readInt32BE(pos);
		pos += 4;
		if (length < 0 || pos + length > data.length) throw new Error('xerial snappy block runs past the batch');
		blocks.push(Buffer.from(snappy().uncompress(data.subarray(pos, pos + length))));
		pos += length;
	}
	return blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks);
};

const snappyFramed = (data: Buffer): Buffer => {
	const header = Buffer.alloc(XERIAL_HEADER);
	XERIAL_MAGIC.copy(header);
	header.writeInt32BE(1, 8); // version
	header.writeInt32BE(1, 12); // oldest compatible version
	const parts: Buffer[] = [header];
	for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK) {
		const block = Buffer.from(snappy().compress(data.subarray(pos, pos + XERIAL_BLOCK)));
		const length = Buffer.alloc(4);
		length.writeInt32BE(block.length);
		parts.push(length, block);
	}
	return Buffer.concat(parts);
};

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The records section of a batch compressed with `codec`, decompressed; throws with the library's reason. */
export const decompress = (codec: number, data: Buffer): Buffer => {
	switch (codec) {
		case 1:
			return gunzipSync(data);
		case 2:
			return unsnappy(data);
		case 3:
			return lz4Codec().decompressFrameSync(data);
		case 4:
			return asBuffer(zstdDecompress(data));
		default:
			throw new Error(`unknown compression codec ${codec}`);
	}
};

let zstdReady: Promise<void> | null = null;

/** Loads what compressing with `compression` needs (zstd's WebAssembly); call before `compress`. */
export const prepareCompression = async (compression: Compression): Promise<void> => {
	if (compression === 'zstd') await (zstdReady ??= zstdWasm().init());
	if (compression === 'lz4') lz4Codec();
};

/** The records section compressed as Kafka's producers do it for this codec. */
export const compress = (compression: Compression, data: Buffer): Buffer => {
	switch (compression) {
		case 'none':
			return data;
		case 'gzip':
			return gzipSync(data);
		case 'snappy':
			return snappyFramed(data);
		case 'lz4':
			return lz4Codec().compressFrameSync(data);
		case 'zstd':
			// Level 3 is zstd's and Kafka's default.
			return asBuffer(zstdWasm().compress(data, 3));
	}
};

export const codecNumber = (compression: Compression): number => CODECS.indexOf(compression);
