import {useEffect, useRef, useState} from 'react';
import type {GroupLag, KafkaService} from '../../kafka/types.js';
import {partitionKey} from './lag-history.js';

/**
 * For one group: the timestamp of the message at each committed offset (the next one the group will read), read
 * as the viewer reads (no group, no commit). Now minus it is how far behind the group is, exactly. A message is
 * read once: while a committed offset stands still, refreshes ask for nothing.
 */
export const useGroupTimes = (service: KafkaService, lag: GroupLag | null) => {
	const [times, setTimes] = useState<Map<string, number>>(new Map());
	// Timestamps by partition and offset, for the group open now.
	const known = useRef({groupId: '', at: new Map<string, number>()});
	useEffect(() => {
		if (!lag) return;
		let cancelled = false;
		if (known.current.groupId !== lag.group.groupId) known.current = {groupId: lag.group.groupId, at: new Map()};
		const cache = known.current.at;
		const behind = lag.partitions.filter(p => p.committedOffset !== null && (p.lag ?? 0) > 0);
		const at = (topic: string, partition: number, offset: number) => `${partitionKey(topic, partition)}\u0000${offset}`;
		const byTopic = new Map<string, Record<number, number>>();
		for (const p of behind) {
			if (cache.has(at(p.topic, p.partition, p.committedOffset!))) continue;
			byTopic.set(p.topic, {...(byTopic.get(p.topic) ?? {}), [p.partition]: p.committedOffset!});
		}
		void (async () => {
			await Promise.all(
				[...byTopic].map(async ([topic, offsets]) => {
					try {
						for await (const batch of service.read({topic, from: {kind: 'offsets', offsets}, limitPerPartition: 1})) {
							// The message found may sit past the committed offset (compaction, retention): it is still the next one.
							for (const m of batch) cache.set(at(m.topic, m.partition, offsets[m.partition]!), m.timestamp);
						}
					} catch {
						// A topic deleted under the group: its partitions keep no time; the view says why elsewhere.
					}
				}),
			);
			if (cancelled) return;
			const found = new Map<string, number>();
			for (const p of behind) {
				const t = cache.get(at(p.topic, p.partition, p.committedOffset!));
				if (t !== undefined) found.set(partitionKey(p.topic, p.partition), t);
			}
			setTimes(found);
		})();
		return () => {
			cancelled = true;
		};
	}, [service, lag]);
	return times;
};
