import {useMemo} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {matches} from '../kit/matches.js';
import type {AppState} from '../shell/app-state.js';
import {detailRows} from './group-detail.js';
import {groupRows, sortRows} from './group-rows.js';
import {useGroupTimes} from './use-group-times.js';
import type {GroupsLag} from './use-groups-lag.js';

/** What the groups views show: the list after sort and filters, and the group opened in full with its rows. */
export const useGroupsModel = (
	service: KafkaService,
	groups: GroupsLag,
	state: Pick<AppState, 'filters' | 'groupsSort' | 'groupsTopic' | 'groupDetail'>,
) => {
	// Ages in the groups views are as of the last sample: they change with the data, not with every second.
	const now = groups.lastGoodAt ?? 0;
	const filter = state.filters.groups;
	const {groupsSort, groupsTopic, groupDetail} = state;
	const list = useMemo(() => {
		const rows = sortRows(groupRows(groups.data ?? [], groups.history, now), groupsSort);
		const shown = rows.filter(
			g =>
				(!groupsTopic || g.topics.includes(groupsTopic)) &&
				matches(filter, g.groupId, g.state, g.type, g.health.health, ...g.topics),
		);
		return {rows: shown, keys: shown.map(g => g.key), total: rows.length};
	}, [groups.data, groups.history, now, filter, groupsSort, groupsTopic]);
	const open = useMemo(
		() =>
			groupDetail ? (groups.data ?? []).find(r => (r.ok ? r.lag.group.groupId : r.groupId) === groupDetail) : undefined,
		[groups.data, groupDetail],
	);
	const lag = open?.ok ? open.lag : null;
	const times = useGroupTimes(service, lag);
	const partitions = useMemo(
		() => (lag ? detailRows(lag, groups.history, times, now) : []),
		[lag, groups.history, times, now],
	);
	const partitionKeys = useMemo(() => partitions.map(r => r.key), [partitions]);
	return {now, list, open: open ?? null, partitions, partitionKeys};
};

export type GroupsModel = ReturnType<typeof useGroupsModel>;
