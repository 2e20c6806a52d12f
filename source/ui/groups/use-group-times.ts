import {useEffect, useState} from 'react';
import type {GroupLag, KafkaService} from '../../kafka/types.js';
import {partitionKey} from './lag-history.js';

/**
 * For one group: the timestamp of the message at each committed offset (the next one the group will read), read
 * as the viewer reads (no group, no commit). Now minus it is how far behind the group is, exactly.
 */
export const useGroupTimes = (service: KafkaService, lag: GroupLag | null) => {
	const [times, setTimes] = useState<Map<string, number>>(new Map());
	useEffect(() => {
		if (!lag) return;
		let cancelled = false;
		const behind = lag.partitions.filter(p => p.committedOffset !== null && (p.lag ?? 0) > 0);
		const byTopic = new Map<string, Record<number, number>>();
		for (const p of behind) byTopic.set(p.topic, {...(byTopic.get(p.topic) ?? {}), [p.partition]: p.committedOffset!});
		void (async () => {
			const found = new Map<string, number>();
			await Promise.all(
				[...byTopic].map(async ([topic, offsets]) => {
					try {
						for await (const batch of service.read({topic, from: {kind: 'offsets', offsets}, limitPerPartition: 1})) {
							for (const m of batch) found.set(partitionKey(m.topic, m.partition), m.timestamp);
						}
					} catch {
						// A topic deleted under the group: its partitions keep no time; the view says why elsewhere.
					}
				}),
			);
			if (!cancelled) setTimes(found);
		})();
		return () => {
			cancelled = true;
		};
	}, [service, lag]);
	return times;
};
