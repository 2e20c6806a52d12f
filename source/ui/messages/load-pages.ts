import type {KafkaService, Message, PartitionInfo, ReadRequest} from '../../kafka/types.js';
import {appendAfter, prependBefore, trim, updateRanges, type MessageWindow, type Span} from './message-window.js';
import type {ViewerTarget} from './viewer-state.js';

// Pages of messages through the service: the first pages at a start position, and the next page after or before
// what a window holds. Each returns the new window; nothing here keeps state.

/** Messages per partition in one page. */
export const PAGE = 100;

// Fetched keys and values are views into a fetch response of up to megabytes; a kept message owns its bytes.
const own = (m: Message): Message => ({
	...m,
	key: m.key && Buffer.from(m.key),
	value: m.value && Buffer.from(m.value),
	headers: m.headers.map(h => ({key: h.key, value: h.value && Buffer.from(h.value)})),
});

export const byPartition = (messages: Message[]) => {
	const out = new Map<number, Message[]>();
	for (const m of messages) {
		const list = out.get(m.partition);
		if (list) list.push(own(m));
		else out.set(m.partition, [own(m)]);
	}
	return out;
};

/**
 * What a read-committed reader can read of a partition: up to the last stable offset, which an open transaction
 * holds below the high watermark; `pending` is how far the log goes past it meanwhile.
 */
const readable = (p: PartitionInfo) => {
	const high = p.highWatermark ?? 0;
	const stable = Math.min(p.lastStableOffset ?? high, high);
	return {low: p.lowWatermark ?? 0, high: stable, pending: high - stable};
};

const collect = async (service: KafkaService, request: ReadRequest) => {
	const all: Message[] = [];
	for await (const batch of service.read(request)) all.push(...batch);
	return all;
};

const outOfRange = (partition: number, low: number, high: number, offset: number) =>
	new Error(
		`offset ${offset} is out of range: partition ${partition} holds ${high > low ? `offsets ${low} to ${high - 1}` : `no messages (next offset ${high})`}`,
	);

/** The first pages at the target's start: a page of each partition (the newest N of each when starting there). */
export const loadOpen = async (service: KafkaService, t: ViewerTarget, cap: number): Promise<MessageWindow> => {
	const detail = await service.topic(t.topic);
	const partitions = detail.partitions.filter(p => t.partition === null || p.partition === t.partition);
	if (partitions.length === 0) {
		throw new Error(`${t.topic} has no partition ${t.partition} (it has ${detail.partitions.length})`);
	}
	const from = t.start;
	const rangeOf = readable;
	if (from.kind === 'offset' && t.partition !== null) {
		const {low, high} = rangeOf(partitions[0]!);
		if (from.offset < low || from.offset > high) throw outOfRange(partitions[0]!.partition, low, high, from.offset);
	}
	// Across partitions an offset is each one's: past the end of them all it would show nothing, said as nothing.
	if (from.kind === 'offset' && t.partition === null && partitions.every(p => from.offset > rangeOf(p).high)) {
		const lasts = partitions.map(p => rangeOf(p).high - 1);
		const [least, most] = [Math.min(...lasts), Math.max(...lasts)];
		throw new Error(
			`offset ${from.offset} is past every partition's end (last: ${least === most ? most : `${least} to ${most}`})`,
		);
	}
	const startOf = (low: number, high: number) =>
		from.kind === 'oldest'
			? low
			: from.kind === 'newest'
				? Math.max(low, high - from.count)
				: from.kind === 'offset'
					? Math.min(high, Math.max(low, from.offset))
					: high;
	const offsets = Object.fromEntries(
		partitions.map(p => {
			const {low, high} = rangeOf(p);
			return [p.partition, startOf(low, high)];
		}),
	);
	const limit = from.kind === 'newest' ? from.count : PAGE;
	const read =
		from.kind === 'timestamp'
			? await collect(service, {topic: t.topic, partition: t.partition ?? undefined, from, limitPerPartition: PAGE})
			: await collect(service, {topic: t.topic, from: {kind: 'offsets', offsets}, limitPerPartition: limit});
	const got = byPartition(read);
	const spans: Span[] = partitions.map(p => {
		const {low, high} = rangeOf(p);
		const messages = got.get(p.partition) ?? [];
		const first = messages[0]?.offset ?? (from.kind === 'timestamp' ? high : offsets[p.partition]!);
		const last = messages.at(-1);
		const next = last
			? messages.length >= limit
				? last.offset + 1
				: Math.max(last.offset + 1, high)
			: Math.max(first, high);
		const pending = rangeOf(p).pending;
		return {
			partition: p.partition,
			low,
			high: Math.max(high, next),
			pending,
			first: Math.min(first, next),
			next,
			messages,
		};
	});
	return {topic: t.topic, spans, cap};
};

/** The next page of each partition after what the window holds; the oldest rows go when the window is full. */
export const loadAfter = async (service: KafkaService, window: MessageWindow): Promise<MessageWindow> => {
	const ranges = new Map((await service.topic(window.topic)).partitions.map(p => [p.partition, readable(p)]));
	let w = updateRanges(window, ranges);
	const offsets = Object.fromEntries(w.spans.filter(sp => sp.next < sp.high).map(sp => [sp.partition, sp.next]));
	if (Object.keys(offsets).length > 0) {
		const got = byPartition(
			await collect(service, {topic: w.topic, from: {kind: 'offsets', offsets}, limitPerPartition: PAGE}),
		);
		for (const sp of w.spans) {
			if (offsets[sp.partition] === undefined) continue;
			const list = got.get(sp.partition) ?? [];
			const last = list.at(-1);
			const next = last ? (list.length >= PAGE ? last.offset + 1 : Math.max(last.offset + 1, sp.high)) : sp.high;
			w = appendAfter(w, sp.partition, list, next);
		}
	}
	return trim(w, 'top');
};

/** The page of each partition before what the window holds; the newest rows go when the window is full. */
export const loadBefore = async (service: KafkaService, window: MessageWindow): Promise<MessageWindow> => {
	let w = window;
	const starts = w.spans
		.filter(sp => sp.first > sp.low)
		.map(sp => ({partition: sp.partition, start: Math.max(sp.low, sp.first - PAGE), first: sp.first}));
	const offsets = Object.fromEntries(starts.map(x => [x.partition, x.start]));
	const got = byPartition(
		await collect(service, {topic: w.topic, from: {kind: 'offsets', offsets}, limitPerPartition: PAGE}),
	);
	for (const x of starts) {
		w = prependBefore(
			w,
			x.partition,
			(got.get(x.partition) ?? []).filter(m => m.offset < x.first),
			x.start,
		);
	}
	return trim(w, 'bottom');
};

/** New messages of a live tail added at the end; the oldest go when the window is full. */
export const appendTail = (window: MessageWindow, batch: Message[]): MessageWindow => {
	let w = window;
	for (const [partition, list] of byPartition(batch)) w = appendAfter(w, partition, list, list.at(-1)!.offset + 1);
	return trim(w, 'top');
};
