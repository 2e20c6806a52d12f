import {useMemo} from 'react';
import type {Message} from '../../kafka/types.js';
import type {Listed} from '../kit/list-types.js';
import {resolveIndex, type ListPosition} from '../kit/list-window.js';
import {parseFilter, type ParsedFilter} from './message-filter.js';
import {mergedMessages, messageKey} from './message-window.js';
import {selectionOf, type ViewerState} from './viewer-state.js';

export type ViewerRows = {
	/** The loaded messages after the filter, as listed. */
	list: Listed<Message>;
	filter: ParsedFilter;
	/** The selection as shown (on the last row while it sticks to the end). */
	position: ListPosition;
	selected: Message | null;
	/** The message opened in full, while it is still loaded. */
	detailMessage: Message | null;
};

/** What the viewer lists, from its window and the filter typed: the screen and the keys read the same rows. */
export const useViewerRows = (state: ViewerState, filterText: string): ViewerRows => {
	const merged = useMemo(() => (state.window ? mergedMessages(state.window) : []), [state.window]);
	const filter = useMemo(() => parseFilter(filterText), [filterText]);
	const list = useMemo(() => {
		const rows = filter.ok && filter.test ? merged.filter(filter.test) : merged;
		return {rows, keys: rows.map(messageKey), total: merged.length};
	}, [merged, filter]);
	const position = selectionOf(state, list.keys);
	const selected = list.rows[resolveIndex(position, list.keys)] ?? null;
	const detailKey = state.detail?.key;
	const detailMessage = useMemo(
		() => (detailKey ? (merged.find(m => messageKey(m) === detailKey) ?? null) : null),
		[merged, detailKey],
	);
	return {list, filter, position, selected, detailMessage};
};
