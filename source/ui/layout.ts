// Where everything goes, computed from the terminal size alone. The frame is one line shorter than the terminal:
// Ink clears the whole screen when a frame fills it, which is what makes terminal apps flicker.

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;
/** From this width topics and partitions sit side by side. */
export const SPLIT_COLUMNS = 140;

export type Box = {width: number; height: number};

export type ExplorerLayout = {
	arrangement: 'stacked' | 'split';
	brokers: Box;
	topics: Box;
	partitions: Box;
};

export type Layout =
	| {tooSmall: true; columns: number; rows: number}
	| {tooSmall: false; columns: number; frameHeight: number; bodyHeight: number};

/** Header (2 lines), then the body, then the flash line and the footer. */
export const CHROME_ROWS = 4;

export const screenLayout = (columns: number, rows: number): Layout => {
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) return {tooSmall: true, columns, rows};
	const frameHeight = rows - 1;
	return {tooSmall: false, columns, frameHeight, bodyHeight: frameHeight - CHROME_ROWS};
};

/** A pane is a title line, a column-header line and its rows. */
export const PANE_CHROME = 2;

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
