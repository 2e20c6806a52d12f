import {startText} from '../../shared/start-position.js';
import type {Box} from '../kit/box.js';
import {MessageDetail} from './message-detail.js';
import {MessagesPane} from './messages-pane.js';
import type {ViewerRows} from './use-viewer-rows.js';
import type {ValueLines} from './value-lines.js';
import type {ViewerState} from './viewer-state.js';

export type ViewerScreenProps = {
	state: ViewerState;
	rows: ViewerRows;
	filter: string;
	detailValue: ValueLines | null;
	box: Box;
};

/** The list of messages, or one message in full. */
export const ViewerScreen = ({state, rows, filter, detailValue, box}: ViewerScreenProps) => {
	if (state.detail && rows.detailMessage && detailValue) {
		return (
			<MessageDetail
				message={rows.detailMessage}
				value={detailValue}
				mode={state.detail.mode}
				scroll={state.detail.scroll}
				width={box.width}
				height={box.height}
			/>
		);
	}
	const t = state.target;
	const where = t
		? `of ${t.topic}${t.partition === null ? '' : ` partition ${t.partition}`} from ${startText(t.start)}`
		: '';
	const status =
		state.loading === 'open'
			? 'loading …'
			: state.following
				? '▶ following'
				: state.loading
					? `loading ${state.loading} …`
					: '';
	return (
		<MessagesPane
			list={rows.list}
			position={rows.position}
			filter={filter}
			detail={`${where}${status ? `  ${status}` : ''}`}
			box={box}
		/>
	);
};
