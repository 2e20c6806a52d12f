import type {Message} from '../../kafka/types.js';

// The messages the viewer holds: per partition a contiguous stretch of the log [first, next), merged across
// partitions by timestamp. Pure, so loading in both directions, the bound on memory and the merge are tested
// without a cluster.

export type Span = {
	partition: number;
	/**
	 * Retained range of the partition as last seen: offsets low .. high-1, where high is the last stable offset (a
	 * read-committed reader goes no further; it is the high watermark unless a transaction is open).
	 */
	low: number;
	high: number;
	/** Offsets past `high` written in a transaction still open: held back until it commits or aborts. */
	pending?: number;
	/** The loaded stretch: reading from `first` up to `next` gave `messages` (offsets may skip: compaction, markers). */
	first: number;
	next: number;
	messages: Message[];
};

export type MessageWindow = {topic: string; spans: Span[]; cap: number};

export const messageKey = (m: Pick<Message, 'partition' | 'offset'>) => `${m.partition}:${m.offset}`;

export const hasMoreBefore = (w: MessageWindow) => w.spans.some(s => s.first > s.low);
export const hasMoreAfter = (w: MessageWindow) => w.spans.some(s => s.next < s.high);
export const loadedCount = (w: MessageWindow) => w.spans.reduce((n, s) => n + s.messages.length, 0);

const before = (a: Message, b: Message) =>
	a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.partition < b.partition);

/**
 * All partitions' messages in one list, by timestamp, each partition kept in offset order (a k-way merge). The list
 * stops where a partition that has more to load runs out: past that point a message of that partition, not yet
 * loaded, could belong anywhere.
 */
export const mergedMessages = (w: MessageWindow): Message[] => {
	const spans = w.spans.filter(s => s.messages.length > 0 || s.next < s.high);
	const at = spans.map(() => 0);
	const out: Message[] = [];
	for (;;) {
		let best = -1;
		for (let i = 0; i < spans.length; i++) {
			const s = spans[i]!;
			if (at[i]! >= s.messages.length) {
				if (s.next < s.high) return out;
				continue;
			}
			if (best < 0 || before(s.messages[at[i]!]!, spans[best]!.messages[at[best]!]!)) best = i;
		}
		if (best < 0) return out;
		out.push(spans[best]!.messages[at[best]!]!);
		at[best]! += 1;
	}
};

const replace = (w: MessageWindow, partition: number, update: (s: Span) => Span): MessageWindow => ({
	...w,
	spans: w.spans.map(s => (s.partition === partition ? update(s) : s)),
});

/** New messages read from `s.next` on; `next` is where reading stopped. */
export const appendAfter = (
	w: MessageWindow,
	partition: number,
	messages: Message[],
	next: number,
	high?: number,
): MessageWindow =>
	replace(w, partition, s => ({
		...s,
		messages: [...s.messages, ...messages.filter(m => m.offset >= s.next)],
		next: Math.max(s.next, next),
		high: Math.max(high ?? s.high, next),
	}));

/** Messages read from `first` up to the old `s.first`. */
export const prependBefore = (w: MessageWindow, partition: number, messages: Message[], first: number): MessageWindow =>
	replace(w, partition, s => ({
		...s,
		messages: [...messages.filter(m => m.offset < s.first), ...s.messages],
		first: Math.min(s.first, first),
	}));

/** The retained ranges as seen now; a stretch that retention removed is moved up to what remains. */
export const updateRanges = (
	w: MessageWindow,
	ranges: Map<number, {low: number; high: number; pending?: number}>,
): MessageWindow => ({
	...w,
	spans: w.spans.map(s => {
		const r = ranges.get(s.partition);
		if (!r) return s;
		const first = Math.max(s.first, r.low);
		return {
			...s,
			low: r.low,
			high: Math.max(r.high, s.next),
			pending: r.pending ?? 0,
			first,
			next: Math.max(s.next, first),
			messages: s.messages.filter(m => m.offset >= first),
		};
	}),
});

/**
 * Keeps at most `cap` messages, dropping from the end away from the reader: 'top' drops the oldest shown (the
 * reader is at the bottom, as in a tail), 'bottom' the newest. Each partition loses a prefix or a suffix, so its
 * stretch stays contiguous and can be read again when the reader comes back.
 */
export const trim = (w: MessageWindow, drop: 'top' | 'bottom'): MessageWindow => {
	const excess = loadedCount(w) - w.cap;
	if (excess <= 0) return w;
	const merged = mergedMessages(w);
	// From the bottom, messages loaded past the merge's end (never shown) go first, so what stays is a prefix.
	const gone =
		drop === 'top'
			? new Set(merged.slice(0, excess).map(messageKey))
			: (() => {
					const kept = new Set(merged.slice(0, w.cap).map(messageKey));
					return new Set(w.spans.flatMap(s => s.messages.map(messageKey)).filter(k => !kept.has(k)));
				})();
	return {
		...w,
		spans: w.spans.map(s => {
			const kept = s.messages.filter(m => !gone.has(messageKey(m)));
			if (kept.length === s.messages.length) return s;
			if (drop === 'top') {
				const lastGone = s.messages[s.messages.length - kept.length - 1]!;
				return {...s, messages: kept, first: lastGone.offset + 1};
			}
			const firstGone = s.messages[kept.length]!;
			return {...s, messages: kept, next: firstGone.offset};
		}),
	};
};
