import type {Message} from '../../kafka/types.js';
import {resolveIndex} from '../kit/list-window.js';
import {parseFilter, type ParsedFilter} from '../messages/message-filter.js';
import {messageKey} from '../messages/message-window.js';
import {selectionOf, type ViewerTarget} from '../messages/viewer-state.js';
import type {KeyApi} from './types.js';

// Opening a screen touches the app's store (where the user is) and the screen's own store: one call does both. And
// what the viewer's keys act on now, read from the stores rather than the last frame, which keys typed in one burst
// (a filter, Enter and n) run ahead of.

/** Opens the message viewer at `target`; Esc returns to where it was opened from. */
export const openViewer = (api: KeyApi, target: ViewerTarget) => {
	api.app.dispatch({type: 'showViewer'});
	void api.viewer.show(target);
};

/** Leaves the message viewer: its reads stop and its messages go. */
export const leaveViewer = (api: KeyApi) => {
	if (api.app.getState().view === 'messages') api.viewer.close();
};

/** The message under the cursor in the viewer now: keys typed in one burst see the moves before them. */
export const selectedMessage = (api: KeyApi): Message | null => {
	const {list} = api.screen().viewer.rows;
	const state = api.viewer.store.getState();
	if (state.detail) return list.rows.find(m => messageKey(m) === state.detail!.key) ?? null;
	return list.rows[resolveIndex(selectionOf(state, list.keys), list.keys)] ?? null;
};

/** The viewer's filter as typed now, a filter committed in the same burst of keys included. */
export const messageFilter = (api: KeyApi): ParsedFilter => parseFilter(api.app.getState().filters.messages);
