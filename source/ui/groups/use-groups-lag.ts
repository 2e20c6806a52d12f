import {useCallback, useEffect, useRef, useState} from 'react';
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
	const seen = useRef<unknown>(null);
	useEffect(() => {
		// One sample per good refresh (the answer may be equal to the last, the time is not).
		if (!live.data || live.lastGoodAt === null || live.lastGoodAt === seen.current) return;
		seen.current = live.lastGoodAt;
		setHistory(h => addSamples(h, live.data!, live.lastGoodAt!));
	}, [live.data, live.lastGoodAt]);
	return {...live, history};
};

export type GroupsLag = ReturnType<typeof useGroupsLag>;
