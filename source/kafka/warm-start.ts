import type {ClusterSnapshot, EarlyAnswer, KafkaService} from './types.js';

// The explorer's first look at the cluster, asked for before the explorer's code is even loaded: connecting and
// Metadata take as long as loading and first drawing the explorer, so they now run side by side. The explorer's
// first snapshot() gets this one, its early answer included, as if it had asked itself.
//
// The watermarks (encoding thousands of partitions into ListOffsets, then reading the answers) wait until the
// explorer has its early answer and a turn of the event loop to draw it: on one busy thread they would otherwise
// come before the first frame, which only needs the topics.

const aTurn = () => new Promise<void>(resolve => setImmediate(resolve));

export const warmStart = (service: KafkaService): KafkaService => {
	let early: ClusterSnapshot | null = null;
	let onEarly: EarlyAnswer | undefined;
	let explorerAsked: () => void = () => {};
	const asked = new Promise<void>(resolve => (explorerAsked = resolve));
	let first: Promise<ClusterSnapshot> | null = service.snapshot(async partial => {
		early = partial;
		if (onEarly) await onEarly(partial);
		else await asked;
		await aTurn();
	});
	// Said when the explorer asks for it (an unreachable cluster is its first screen); never unhandled meanwhile.
	first.catch(() => {});
	return {
		...service,
		firstLook: () => (first ? early : null),
		snapshot: give => {
			if (!first) return service.snapshot(give);
			const pending = first;
			first = null;
			if (early) give?.(early);
			else onEarly = give ?? (() => {});
			explorerAsked();
			return pending;
		},
		close: async () => {
			// Closing before the explorer asked (it failed to start): the watermarks need not wait for it.
			explorerAsked();
			await service.close();
		},
	};
};
