import {createWriteStream, existsSync} from 'node:fs';
import {useCallback, useEffect, useRef, useState} from 'react';
import {messageToJson} from '../../format/message-json.js';
import type {KafkaService, Message, StartPosition} from '../../kafka/types.js';
import {
	appendAfter,
	hasMoreAfter,
	hasMoreBefore,
	prependBefore,
	trim,
	updateRanges,
	type MessageWindow,
	type Span,
} from './message-window.js';
import type {MessageTest} from './message-filter.js';

// Loads the viewer's messages through the service: a page of each partition at the start position, more pages
// after or before as the reader scrolls, a live tail, a forward scan for a search, and export to a file. Only
// this hook talks to the service; the window it keeps is bounded (see message-window.ts).

export type ViewerTarget = {topic: string; partition: number | null; start: StartPosition};

export type Task = {kind: 'scan' | 'export'; scanned: number; matched: number; startedAt: number; file?: string};

export type SourceState = {
	window: MessageWindow | null;
	loading: 'open' | 'after' | 'before' | null;
	error: string | null;
	following: boolean;
	task: Task | null;
	/** A message to select once shown (after a scan found it). */
	focusKey: string | null;
	/** Said once when something finishes: "exported 12 messages to x.ndjson". */
	notice: string | null;
};

/** Messages per partition in one page. */
export const PAGE = 100;
/** How many messages a search scans before it gives up. */
export const SCAN_LIMIT = 1_000_000;

const targetKey = (t: ViewerTarget) => JSON.stringify([t.topic, t.partition, t.start]);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// Fetched keys and values are views into a fetch response of up to megabytes; a kept message owns its bytes.
const own = (m: Message): Message => ({
	...m,
	key: m.key && Buffer.from(m.key),
	value: m.value && Buffer.from(m.value),
	headers: m.headers.map(h => ({key: h.key, value: h.value && Buffer.from(h.value)})),
});

const byPartition = (messages: Message[]) => {
	const out = new Map<number, Message[]>();
	for (const m of messages) out.set(m.partition, [...(out.get(m.partition) ?? []), own(m)]);
	return out;
};

export const useMessageSource = (service: KafkaService, target: ViewerTarget | null, cap: number) => {
	const [state, setState] = useState<SourceState>({
		window: null,
		loading: null,
		error: null,
		following: false,
		task: null,
		focusKey: null,
		notice: null,
	});
	const current = useRef(state);
	current.current = state;
	const update = (change: (s: SourceState) => SourceState) => {
		current.current = change(current.current);
		setState(current.current);
	};
	const generation = useRef(0);
	const opened = useRef<string | null>(null);
	const follow = useRef<AbortController | null>(null);
	const task = useRef<AbortController | null>(null);

	const collect = async (request: Parameters<KafkaService['read']>[0]) => {
		const all: Message[] = [];
		for await (const batch of service.read(request)) all.push(...batch);
		return all;
	};

	const ranges = async (topic: string) =>
		new Map(
			(await service.topic(topic)).partitions.map(p => [
				p.partition,
				{low: p.lowWatermark ?? 0, high: p.highWatermark ?? 0},
			]),
		);

	const stopFollowing = () => {
		follow.current?.abort();
		follow.current = null;
		update(s => ({...s, following: false}));
	};

	/** Opens the viewer at a target; false (with the error said) when it cannot, and what was shown stays. */
	const open = useCallback(
		async (t: ViewerTarget, focusKey: string | null = null): Promise<boolean> => {
			opened.current = targetKey(t);
			const mine = ++generation.current;
			stopFollowing();
			update(s => ({...s, loading: 'open', error: null}));
			try {
				const detail = await service.topic(t.topic);
				const partitions = detail.partitions.filter(p => t.partition === null || p.partition === t.partition);
				if (partitions.length === 0)
					throw new Error(`${t.topic} has no partition ${t.partition} (it has ${detail.partitions.length})`);
				const from = t.start;
				if (from.kind === 'offset' && t.partition !== null) {
					const p = partitions[0]!;
					const [low, high] = [p.lowWatermark ?? 0, p.highWatermark ?? 0];
					if (from.offset < low || from.offset > high) {
						throw new Error(
							`offset ${from.offset} is out of range: partition ${p.partition} holds ${high > low ? `offsets ${low} to ${high - 1}` : `no messages (next offset ${high})`}`,
						);
					}
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
					partitions.map(p => [p.partition, startOf(p.lowWatermark ?? 0, p.highWatermark ?? 0)]),
				);
				const read =
					from.kind === 'timestamp'
						? await collect({topic: t.topic, partition: t.partition ?? undefined, from, limitPerPartition: PAGE})
						: await collect({
								topic: t.topic,
								from: {kind: 'offsets', offsets},
								limitPerPartition: from.kind === 'newest' ? from.count : PAGE,
							});
				if (mine !== generation.current) return false;
				const got = byPartition(read);
				const spans: Span[] = partitions.map(p => {
					const low = p.lowWatermark ?? 0;
					const high = p.highWatermark ?? 0;
					const messages = got.get(p.partition) ?? [];
					const first = messages[0]?.offset ?? (from.kind === 'timestamp' ? high : offsets[p.partition]!);
					const last = messages.at(-1);
					const limit = from.kind === 'newest' ? from.count : PAGE;
					const next = last
						? messages.length >= limit
							? last.offset + 1
							: Math.max(last.offset + 1, high)
						: Math.max(first, high);
					return {
						partition: p.partition,
						low,
						high: Math.max(high, next),
						first: Math.min(first, next),
						next,
						messages,
					};
				});
				update(s => ({...s, window: {topic: t.topic, spans, cap}, loading: null, focusKey}));
				return true;
			} catch (error) {
				if (mine === generation.current) update(s => ({...s, loading: null, error: message(error)}));
				return false;
			}
		},
		[service, cap],
	);

	const loadAfter = useCallback(async () => {
		const s = current.current;
		if (!s.window || s.loading || s.following || s.task) return;
		const mine = generation.current;
		update(x => ({...x, loading: 'after'}));
		try {
			let w = updateRanges(s.window, await ranges(s.window.topic));
			const offsets = Object.fromEntries(w.spans.filter(sp => sp.next < sp.high).map(sp => [sp.partition, sp.next]));
			if (Object.keys(offsets).length > 0) {
				const got = byPartition(
					await collect({topic: w.topic, from: {kind: 'offsets', offsets}, limitPerPartition: PAGE}),
				);
				for (const sp of w.spans) {
					if (offsets[sp.partition] === undefined) continue;
					const list = got.get(sp.partition) ?? [];
					const last = list.at(-1);
					w = appendAfter(
						w,
						sp.partition,
						list,
						last ? (list.length >= PAGE ? last.offset + 1 : Math.max(last.offset + 1, sp.high)) : sp.high,
					);
				}
			}
			if (mine === generation.current) update(x => ({...x, window: trim(w, 'top'), loading: null}));
		} catch (error) {
			if (mine === generation.current) update(x => ({...x, loading: null, error: message(error)}));
		}
	}, []);

	const loadBefore = useCallback(async () => {
		const s = current.current;
		if (!s.window || s.loading || s.task || !hasMoreBefore(s.window)) return;
		const mine = generation.current;
		update(x => ({...x, loading: 'before'}));
		try {
			let w = s.window;
			const starts = w.spans
				.filter(sp => sp.first > sp.low)
				.map(sp => ({partition: sp.partition, start: Math.max(sp.low, sp.first - PAGE), first: sp.first}));
			const got = byPartition(
				await collect({
					topic: w.topic,
					from: {kind: 'offsets', offsets: Object.fromEntries(starts.map(x => [x.partition, x.start]))},
					limitPerPartition: PAGE,
				}),
			);
			for (const x of starts)
				w = prependBefore(
					w,
					x.partition,
					(got.get(x.partition) ?? []).filter(m => m.offset < x.first),
					x.start,
				);
			if (mine === generation.current) update(y => ({...y, window: trim(w, 'bottom'), loading: null}));
		} catch (error) {
			if (mine === generation.current) update(y => ({...y, loading: null, error: message(error)}));
		}
	}, []);

	/** Live tail: from the newest messages on, new ones appear as they arrive; the oldest shown are let go. */
	const startFollowing = useCallback(async () => {
		const s = current.current;
		if (!s.window || !target || s.following) return;
		if (hasMoreAfter(s.window)) await open({...target, start: {kind: 'newest', count: PAGE}});
		const w0 = current.current.window;
		if (!w0) return;
		const controller = new AbortController();
		follow.current = controller;
		const mine = generation.current;
		update(x => ({...x, following: true, error: null}));
		try {
			const offsets = Object.fromEntries(w0.spans.map(sp => [sp.partition, sp.next]));
			for await (const batch of service.read({
				topic: w0.topic,
				from: {kind: 'offsets', offsets},
				follow: true,
				signal: controller.signal,
			})) {
				if (controller.signal.aborted || mine !== generation.current) break;
				update(x => {
					if (!x.window) return x;
					let w = x.window;
					for (const [partition, list] of byPartition(batch))
						w = appendAfter(w, partition, list, list.at(-1)!.offset + 1);
					return {...x, window: trim(w, 'top')};
				});
			}
		} catch (error) {
			if (!controller.signal.aborted) update(x => ({...x, error: `live tail stopped: ${message(error)}`}));
		} finally {
			if (follow.current === controller) {
				follow.current = null;
				update(x => ({...x, following: false}));
			}
		}
	}, [service, target, open]);

	const cancelTask = useCallback(() => {
		task.current?.abort();
	}, []);

	/** Reads on from the end of what is loaded until a message passes `test`, then opens the viewer there. */
	const scan = useCallback(
		async (test: MessageTest) => {
			const s = current.current;
			if (!s.window || !target || s.task) return;
			stopFollowing();
			const controller = new AbortController();
			task.current = controller;
			const started = Date.now();
			update(x => ({...x, error: null, task: {kind: 'scan', scanned: 0, matched: 0, startedAt: started}}));
			let scanned = 0;
			let found: Message | null = null;
			let lastUpdate = 0;
			try {
				const offsets = Object.fromEntries(s.window.spans.map(sp => [sp.partition, sp.next]));
				for await (const batch of service.read({
					topic: s.window.topic,
					from: {kind: 'offsets', offsets},
					limit: SCAN_LIMIT,
					signal: controller.signal,
				})) {
					for (const m of batch) {
						scanned += 1;
						if (test(m)) {
							found = m;
							break;
						}
					}
					if (found || controller.signal.aborted) break;
					if (Date.now() - lastUpdate > 100) {
						lastUpdate = Date.now();
						update(x => ({...x, task: {kind: 'scan', scanned, matched: 0, startedAt: started}}));
					}
				}
			} catch (error) {
				update(x => ({...x, error: `search stopped: ${message(error)}`}));
			} finally {
				task.current = null;
				update(x => ({...x, task: null}));
			}
			const rate = Math.round(scanned / Math.max(0.001, (Date.now() - started) / 1000));
			if (found) {
				const at = found;
				update(x => ({
					...x,
					notice: `found after scanning ${scanned.toLocaleString('en-US')} messages (${rate.toLocaleString('en-US')}/s)`,
				}));
				const start: StartPosition =
					target.partition === null
						? {kind: 'timestamp', timestamp: at.timestamp}
						: {kind: 'offset', offset: at.offset};
				await open({...target, start}, `${at.partition}:${at.offset}`);
			} else if (!controller.signal.aborted) {
				update(x => ({
					...x,
					notice: `no match in the next ${scanned.toLocaleString('en-US')} messages${scanned >= SCAN_LIMIT ? ' (the scan limit)' : ' (to the end of the topic)'}`,
				}));
			} else update(x => ({...x, notice: `search cancelled after ${scanned.toLocaleString('en-US')} messages`}));
		},
		[service, target, open],
	);

	/** Writes NDJSON (the `kex consume --json` format): the messages given, or every match from the loaded start to the end. */
	const exportTo = useCallback(
		async (file: string, what: {messages: Message[]} | {test: MessageTest | null}) => {
			const s = current.current;
			if (!s.window || s.task) return;
			if (existsSync(file)) {
				update(x => ({...x, error: `${file} exists; choose another name`}));
				return false;
			}
			const controller = new AbortController();
			task.current = controller;
			const started = Date.now();
			update(x => ({...x, error: null, task: {kind: 'export', scanned: 0, matched: 0, startedAt: started, file}}));
			const out = createWriteStream(file, {flags: 'wx'});
			const failed = new Promise<never>((_, reject) => out.once('error', reject));
			let scanned = 0;
			let matched = 0;
			const write = async (m: Message) => {
				matched += 1;
				if (!out.write(`${JSON.stringify(messageToJson(m))}\n`))
					await Promise.race([new Promise<void>(r => out.once('drain', () => r())), failed]);
			};
			try {
				if ('messages' in what) for (const m of what.messages) await write(m);
				else {
					const offsets = Object.fromEntries(s.window.spans.map(sp => [sp.partition, sp.first]));
					let lastUpdate = 0;
					for await (const batch of service.read({
						topic: s.window.topic,
						from: {kind: 'offsets', offsets},
						signal: controller.signal,
					})) {
						for (const m of batch) {
							scanned += 1;
							if (!what.test || what.test(m)) await write(m);
						}
						if (Date.now() - lastUpdate > 100) {
							lastUpdate = Date.now();
							update(x => ({...x, task: {kind: 'export', scanned, matched, startedAt: started, file}}));
						}
					}
				}
				await Promise.race([new Promise<void>(resolve => out.end(() => resolve())), failed]);
				const how = controller.signal.aborted ? 'cancelled: wrote' : 'exported';
				update(x => ({
					...x,
					notice: `${how} ${matched.toLocaleString('en-US')} message${matched === 1 ? '' : 's'} to ${file}${scanned > 0 ? ` (of ${scanned.toLocaleString('en-US')} read)` : ''}`,
				}));
				return true;
			} catch (error) {
				out.destroy();
				update(x => ({...x, error: `export to ${file} failed after ${matched} messages: ${message(error)}`}));
				return false;
			} finally {
				task.current = null;
				update(x => ({...x, task: null}));
			}
		},
		[service],
	);

	// The target changes when the viewer opens, and after a goto that `open` already loaded: not twice.
	useEffect(() => {
		if (target && targetKey(target) !== opened.current) void open(target);
		else if (!target) {
			opened.current = null;
			generation.current += 1;
			stopFollowing();
			update(s => ({...s, window: null, error: null}));
		}
	}, [target, open]);

	useEffect(
		() => () => {
			follow.current?.abort();
			task.current?.abort();
		},
		[],
	);

	const clearNotice = useCallback(() => update(s => ({...s, notice: null, error: null})), []);
	const clearFocus = useCallback(() => update(s => ({...s, focusKey: null})), []);

	return {
		...state,
		open,
		loadAfter,
		loadBefore,
		startFollowing,
		stopFollowing,
		scan,
		cancelTask,
		exportTo,
		clearNotice,
		clearFocus,
	};
};

export type MessageSource = ReturnType<typeof useMessageSource>;
