import {useCallback, useState} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {useLive} from '../kit/use-live.js';
import {addSamples, emptyHistory, type History} from './lag-history.js';

/** All groups with lag, polled while the groups view is open, and the history of samples taken since it opened. */
export const useGroupsLag = (service: KafkaService, refreshMs: number, enabled: boolean, clock?: () => number) => {
	const live = useLive(
		useCallback(() => service.groupsLag(), [service]),
		refreshMs,
		enabled,
		clock,
	);
	const [history, setHistory] = useState<History>(emptyHistory);
	const [seenAt, setSeenAt] = useState<number | null>(null);
	// One sample per good refresh (the answer may be equal to the last, the time is not). Set while rendering, so
	// React renders again before it commits: one frame per refresh, not a second one for the history.
	if (live.data && live.lastGoodAt !== null && live.lastGoodAt !== seenAt) {
		setSeenAt(live.lastGoodAt);
		setHistory(addSamples(history, live.data, live.lastGoodAt));
	}
	return {...live, history};
};

export type GroupsLag = ReturnType<typeof useGroupsLag>;
