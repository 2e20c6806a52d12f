import {useCallback, useEffect, useMemo} from 'react';
import type {ConfigEntry, LogDir} from '../../kafka/change-types.js';
import type {GroupLagResult, KafkaService} from '../../kafka/types.js';
import {useLive} from '../kit/use-live.js';
import type {DetailTarget} from '../shell/app-state.js';
import {diskSummary, readersLine} from './detail-lines.js';
import type {DetailModel} from './detail-screen.js';

// A topic's or broker's details while the detail view is open: configs with sources and the log dirs, refreshed
// with the explorer's interval, as the detail screen shows them.

type Detail = {key: string; configs: ConfigEntry[]; logDirs: LogDir[]};

const keyOf = (target: DetailTarget | null) =>
	target === null ? '' : target.kind === 'topic' ? `topic:${target.name}` : `broker:${target.id}`;

type Options = {
	service: KafkaService;
	target: DetailTarget | null;
	active: boolean;
	refreshMs: number;
	filter: string;
	/** The groups round, for who reads a topic. */
	groups: GroupLagResult[] | null;
	width: number;
	height: number;
};

export const useDetail = ({service, target, active, refreshMs, filter, groups, width, height}: Options) => {
	const key = keyOf(target);
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

	// What an earlier target left is not shown for this one.
	const data = live.data?.key === key ? live.data : null;
	const rows = useMemo(() => {
		const f = filter.toLowerCase();
		return (data?.configs ?? []).filter(c => !f || `${c.name} ${c.value ?? ''} ${c.source}`.toLowerCase().includes(f));
	}, [data, filter]);
	const head = useMemo(() => {
		if (!target || !data) return [];
		const readers = target.kind === 'topic' ? readersLine(groups, target.name) : [];
		return [...diskSummary(target, data.logDirs, width), ...readers].slice(0, Math.floor(height / 3));
	}, [target, data, groups, width, height]);
	const model: DetailModel | null = target && {
		target,
		list: {rows, keys: rows.map(c => c.name), total: data?.configs.length ?? 0},
		head,
		error: live.error,
		loading: data === null,
		stale: live.status !== 'connected' && data !== null,
	};
	return {model, refresh};
};
