import type {ClusterSnapshot, EarlyAnswer, KafkaService} from './types.js';

// The explorer's first look at the cluster, asked for before the explorer's code is even loaded: connecting and
// Metadata take as long as loading and first drawing the explorer, so they now run side by side. The explorer's
// first snapshot() gets this one, its early answer included, as if it had asked itself.

export const warmStart = (service: KafkaService): KafkaService => {
	let early: ClusterSnapshot | null = null;
	let onEarly: EarlyAnswer | undefined;
	let first: Promise<ClusterSnapshot> | null = service.snapshot(partial => {
		early = partial;
		onEarly?.(partial);
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
			else onEarly = give;
			return pending;
		},
	};
};
