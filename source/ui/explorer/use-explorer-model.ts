import {useMemo} from 'react';
import type {ClusterSnapshot} from '../../kafka/types.js';
import {resolveIndex} from '../kit/list-window.js';
import type {AppState} from '../shell/app-state.js';
import {explorerLayout} from './explorer-layout.js';
import {explorerLists} from './explorer-lists.js';

/** What the explorer shows: each pane's rows, where the panes go, and the topic (or partition) under the cursor. */
export const useExplorerModel = (
	data: ClusterSnapshot | null,
	previous: ClusterSnapshot | null,
	state: Pick<AppState, 'filters' | 'lists' | 'showInternal' | 'focus'>,
	columns: number,
	bodyHeight: number,
) => {
	const {filters, lists: positions, showInternal, focus} = state;
	const topics = positions.topics;
	// Moving in the brokers or partitions pane does not list the topics again.
	const lists = useMemo(
		() => explorerLists(data, previous, {filters, topics, showInternal}),
		[data, previous, filters, topics, showInternal],
	);
	const boxes = explorerLayout(
		columns,
		bodyHeight,
		lists.brokers.rows.length,
		lists.topics.rows.length,
		lists.partitions.rows.length,
	);
	const topic = lists.topic?.name ?? null;
	const partition =
		focus === 'partitions' ? lists.partitions.rows[resolveIndex(positions.partitions, lists.partitions.keys)] : null;
	const target = topic === null ? null : {topic, partition: partition ? partition.partition : null};
	return {lists, boxes, target};
};

export type ExplorerModel = ReturnType<typeof useExplorerModel>;
