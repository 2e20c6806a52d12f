import {useCallback, useEffect} from 'react';
import type {ConfigEntry, LogDir} from '../../kafka/change-types.js';
import type {KafkaService} from '../../kafka/types.js';
import type {DetailTarget} from '../shell/app-state.js';
import {useLive, type Live} from '../kit/use-live.js';

// A topic's or broker's details while the detail view is open: configs with sources and the log dirs, refreshed
// with the explorer's interval.

export type Detail = {key: string; configs: ConfigEntry[]; logDirs: LogDir[]};

export const detailKey = (target: DetailTarget | null) =>
	target === null ? '' : target.kind === 'topic' ? `topic:${target.name}` : `broker:${target.id}`;

export const useDetail = (
	service: KafkaService,
	target: DetailTarget | null,
	active: boolean,
	refreshMs: number,
): Live<Detail> => {
	const key = detailKey(target);
	const load = useCallback(async (): Promise<Detail> => {
		if (target === null) return {key, configs: [], logDirs: []};
		const [configs, logDirs] =
			target.kind === 'topic'
				? await Promise.all([service.topicConfigs(target.name), service.logDirs({topic: target.name})])
				: await Promise.all([service.brokerConfigs(target.id), service.logDirs({brokers: [target.id]})]);
		return {key, configs, logDirs};
	}, [service, target, key]);
	const live = useLive(load, refreshMs, active && target !== null);
	// Another topic or broker: ask at once rather than at the next tick.
	const {refresh} = live;
	useEffect(() => {
		if (active && key) refresh();
	}, [active, key, refresh]);
	return live;
};
