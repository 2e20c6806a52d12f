import {PANE_CHROME, type Box} from '../kit/box.js';

// Where the explorer's three panes go in the body, from its size and how many rows each list has.

/** From this width topics and partitions sit side by side. */
export const SPLIT_COLUMNS = 140;

export type ExplorerLayout = {
	arrangement: 'stacked' | 'split';
	brokers: Box;
	topics: Box;
	partitions: Box;
};

export const explorerLayout = (
	columns: number,
	bodyHeight: number,
	brokerCount: number,
	topicCount: number,
	partitionCount: number,
): ExplorerLayout => {
	const wanted = (rows: number) => Math.max(1, rows) + PANE_CHROME;
	const brokers = Math.min(wanted(brokerCount), Math.max(PANE_CHROME + 1, Math.floor(bodyHeight * 0.3)));
	const rest = bodyHeight - brokers;
	if (columns >= SPLIT_COLUMNS) {
		const topicsWidth = Math.floor(columns * 0.5);
		return {
			arrangement: 'split',
			brokers: {width: columns, height: brokers},
			topics: {width: topicsWidth, height: rest},
			partitions: {width: columns - topicsWidth - 1, height: rest},
		};
	}
	// When both lists fit, topics take what they need and partitions the rest; otherwise partitions get what they
	// need up to half, and topics, the list people scroll, get the rest.
	const partitions =
		wanted(topicCount) + wanted(partitionCount) <= rest
			? rest - wanted(topicCount)
			: Math.max(PANE_CHROME + 1, Math.min(wanted(partitionCount), Math.floor(rest / 2)));
	return {
		arrangement: 'stacked',
		brokers: {width: columns, height: brokers},
		topics: {width: columns, height: rest - partitions},
		partitions: {width: columns, height: partitions},
	};
};
