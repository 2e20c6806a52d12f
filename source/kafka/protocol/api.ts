import {Reader} from './reader.js';
import {Writer} from './writer.js';

/**
 * A Kafka API that kafkajs lacks, described as data: its key, the flexible versions we speak, and how to encode a
 * request body and decode a response body. Both sides of the header's tagged fields are handled in `frameRequest`
 * and `unframeResponse`, so the codecs only see the body.
 */
export type RawApi<Request, Response> = {
	apiKey: number;
	apiName: string;
	minVersion: number;
	maxVersion: number;
	/** The first flexible version (header v2, tagged fields); absent when every version we speak is flexible. */
	flexibleFrom?: number;
	encode(request: Request, version: number, w: Writer): void;
	/** About how many bytes a request takes, for those large enough that growing the buffer as it goes costs. */
	sizeOf?(request: Request): number;
	decode(r: Reader, version: number): Response;
};

const isFlexible = (api: RawApi<never, unknown>, version: number) => version >= (api.flexibleFrom ?? 0);

/** kafkajs writes a v1 request header (through client id); the empty tagged fields that follow make it v2. */
export const frameRequest = <Req>(api: RawApi<Req, unknown>, request: Req, version: number): Buffer => {
	const w = new Writer(api.sizeOf?.(request));
	if (isFlexible(api, version)) w.emptyTaggedFields();
	api.encode(request, version, w);
	return w.buffer();
};

/** kafkajs strips the correlation id; what is left starts with the v1 response header's tagged fields. */
export const unframeResponse = <Res>(api: RawApi<unknown, Res>, payload: Buffer, version: number): Res => {
	const r = new Reader(payload);
	if (isFlexible(api, version)) r.taggedFields();
	return api.decode(r, version);
};

/** The highest version both sides speak, or null when the broker supports none of ours. */
export const negotiateVersion = (
	api: RawApi<never, unknown>,
	broker: {minVersion: number; maxVersion: number} | undefined,
): number | null => {
	if (!broker) return null;
	const version = Math.min(api.maxVersion, broker.maxVersion);
	return version >= Math.max(api.minVersion, broker.minVersion) ? version : null;
};
