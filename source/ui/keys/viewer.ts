import type {Command} from './binding-types.js';
import {messageKey} from '../messages/message-window.js';
import {listCommand, motionFor, shapeOf} from './lists.js';
import {messageFilter, selectedMessage} from './open.js';
import {openProducer} from './producer.js';
import type {KeyApi} from './types.js';

// Keys of the message viewer: its list of messages, and one message in full.

const SCROLL: Partial<Record<Command, number>> = {down: 1, up: -1, top: -Infinity, bottom: Infinity};

const detailKey = (api: KeyApi, command: Command): boolean => {
	const {detailMax, detailPage} = api.screen().viewer;
	const delta = command === 'pageDown' ? detailPage : command === 'pageUp' ? -detailPage : SCROLL[command];
	if (delta === undefined) return false;
	api.viewer.scrollDetail(Number.isFinite(delta) ? delta : delta > 0 ? detailMax : -detailMax, detailMax);
	return true;
};

const back = (api: KeyApi) => {
	const {app, viewer} = api;
	if (viewer.store.getState().detail) return viewer.closeDetail();
	// Esc clears the filter first; leaving the viewer stops its reads.
	if (app.getState().filters.messages === '') viewer.close();
	app.dispatch({type: 'back'});
};

export const viewerKey = (api: KeyApi, command: Command | undefined, name: string) => {
	const {app, viewer} = api;
	const state = viewer.store.getState();
	viewer.clearNotice();
	// Esc stops a scan or an export before it steps back.
	if (name === 'escape' && state.task) return viewer.cancelTask();
	if (!command) return;
	const inDetail = state.detail !== null;
	const motion = inDetail ? null : motionFor(command, shapeOf(api, 'messages'));
	if (motion) return viewer.select(motion);
	if (inDetail && detailKey(api, command)) return;
	if (listCommand(api, 'messages', command)) return;
	const selected = selectedMessage(api);
	switch (command) {
		case 'enter':
			return selected ? viewer.openDetail(messageKey(selected)) : undefined;
		case 'follow':
			return state.following ? viewer.stopFollowing() : void viewer.startFollowing();
		case 'searchNext': {
			const filter = messageFilter(api);
			if (!filter.ok || !filter.test) {
				return api.flash('info', 'type a filter first (/), then n scans on through the topic for it');
			}
			return void viewer.scan(filter.test);
		}
		case 'goto':
			return app.dispatch({type: 'openCommand', text: 'goto '});
		case 'save':
			if (!selected) return api.flash('info', 'no message is selected');
			return app.dispatch({
				type: 'openCommand',
				text: `save ${selected.topic}-${selected.partition}-${selected.offset}.ndjson`,
			});
		case 'export': {
			const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
			return app.dispatch({type: 'openCommand', text: `export ${state.target?.topic ?? 'messages'}-${stamp}.ndjson`});
		}
		case 'valueMode':
			return viewer.cycleValueMode();
		case 'produce':
			return openProducer(api, inDetail ? 'message' : 'messages');
		case 'refresh':
			return void viewer.reload();
		case 'back':
			return back(api);
	}
};
