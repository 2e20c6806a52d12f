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
	state: Pick<AppState, 'filters' | 'lists' | 'showInternal'>,
	columns: number,
	bodyHeight: number,
) => {
	const {filters, lists: positions, showInternal} = state;
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
	/**
	 * The topic (and, in the partitions pane, the partition) under the cursor in `now`: keys typed in one burst see
	 * the moves before them.
	 */
	const target = (now: Pick<AppState, 'lists' | 'focus'>) => {
		const topic = lists.topics.rows[resolveIndex(now.lists.topics, lists.topics.keys)];
		if (!topic) return null;
		// The partitions listed are those of the topic selected when the frame was drawn.
		const partitions = topic.name === lists.topic?.name ? lists.partitions : null;
		const p =
			partitions && now.focus === 'partitions'
				? partitions.rows[resolveIndex(now.lists.partitions, partitions.keys)]
				: null;
		return {topic: topic.name, partition: p ? p.partition : null};
	};
	return {lists, boxes, target};
};

export type ExplorerModel = ReturnType<typeof useExplorerModel>;
