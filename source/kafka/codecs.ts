import {createRequire} from 'node:module';
import {gunzipSync, gzipSync} from 'node:zlib';
import type * as ZstdWasm from '@bokuweb/zstd-wasm';
import type Snappy from 'snappyjs';
import {KexError} from './errors.js';
import type {Compression} from './message-types.js';

// The compression codecs of record batches, by Kafka's codec numbers. Each codec is a library's:
// gzip is Node's zlib; snappy is snappyjs (pure JS) with the xerial framing the Java client wraps it in;
// lz4 frames are lz4-napi's (lz4_flex, prebuilt for each platform on npm); zstd is read and written by zstd's own C
// code as WebAssembly, which loads asynchronously: readers call prepareDecompression() for the codecs a fetch holds.

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
let zstdWasmLib: typeof ZstdWasm | null = null;
const zstdWasm = () => (zstdWasmLib ??= load('@bokuweb/zstd-wasm') as typeof ZstdWasm);
let zstdReady: Promise<void> | null = null;
let zstdLoaded = false;
const loadZstd = () =>
	(zstdReady ??= zstdWasm()
		.init()
		.then(() => void (zstdLoaded = true)));

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

// Java's and librdkafka's streaming writers leave the size out of a batch's zstd frame, and zstd's one-call
// decompression then needs room at least as large as what comes out: tried with the room the largest batch so far
// needed (at least a megabyte), doubled while zstd says it is too small, up to a size no Kafka batch reaches.
const ZSTD_TOO_SMALL = -70; // ZSTD_error_dstSize_tooSmall
const ZSTD_MOST = 256 * 1024 * 1024;
let zstdRoom = 1024 * 1024;
const zstdCode = (error: unknown) => Number(/code (-?\d+)/.exec(error instanceof Error ? error.message : '')?.[1]);

const unzstd = (data: Buffer): Buffer => {
	if (!zstdLoaded) throw new Error('the zstd decoder is not loaded yet');
	for (let room = Math.max(zstdRoom, data.length * 4); ; room *= 2) {
		try {
			const out = asBuffer(zstdWasm().decompress(data, {defaultHeapSize: room}));
			zstdRoom = room;
			return out;
		} catch (error) {
			const code = zstdCode(error);
			if (code !== ZSTD_TOO_SMALL) throw new Error(`zstd cannot decompress it (zstd error ${-code || '?'})`);
			if (room >= ZSTD_MOST) throw new Error(`it decompresses to more than ${ZSTD_MOST / 1024 / 1024} MB`);
		}
	}
};

/** Whether decompressing `codec` waits for its library to load (see prepareDecompression). */
export const decompressionNeedsLoading = (codec: number): boolean => codec === 4 && !zstdLoaded;

/** Loads what decompressing `codec` needs; at once when it is loaded already, or needs nothing loaded. */
export const prepareDecompression = async (codec: number): Promise<void> => {
	if (codec === 4) await loadZstd();
};

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
			return unzstd(data);
		default:
			throw new Error(`unknown compression codec ${codec}`);
	}
};

/** Loads what compressing with `compression` needs (zstd's WebAssembly); call before `compress`. */
export const prepareCompression = async (compression: Compression): Promise<void> => {
	if (compression === 'zstd') await loadZstd();
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
