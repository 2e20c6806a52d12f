import {Box} from 'ink';
import type {AppState} from '../shell/app-state.js';
import {BrokersPane} from './brokers-pane.js';
import {PartitionsPane} from './partitions-pane.js';
import {TopicsPane} from './topics-pane.js';
import type {TopicReaders} from './topic-readers.js';
import type {ExplorerModel} from './use-explorer-model.js';

export type ExplorerScreenProps = {
	model: ExplorerModel;
	state: Pick<AppState, 'lists' | 'filters' | 'focus' | 'showInternal'>;
	stale: boolean;
	height: number;
	readers: Map<string, TopicReaders> | null;
};

/** Brokers above; topics and partitions below, stacked, or side by side on wide terminals. */
export const ExplorerScreen = ({model: {lists, boxes}, state, stale, height, readers}: ExplorerScreenProps) => {
	const common = (pane: 'brokers' | 'topics' | 'partitions') => ({
		position: state.lists[pane],
		filter: state.filters[pane],
		focused: state.focus === pane,
		stale,
		box: boxes[pane],
	});
	const topics = (
		<TopicsPane
			list={lists.topics}
			showInternal={state.showInternal}
			counting={lists.counting}
			readers={readers}
			{...common('topics')}
		/>
	);
	const partitions = (
		<PartitionsPane
			list={lists.partitions}
			topic={lists.topic?.name ?? null}
			counting={lists.counting}
			{...common('partitions')}
		/>
	);
	return (
		<Box flexDirection="column" height={height}>
			<BrokersPane list={lists.brokers} {...common('brokers')} />
			{boxes.arrangement === 'split' ? (
				<Box flexDirection="row" height={boxes.topics.height}>
					{topics}
					<Box width={1} />
					{partitions}
				</Box>
			) : (
				<>
					{topics}
					{partitions}
				</>
			)}
		</Box>
	);
};
