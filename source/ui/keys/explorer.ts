import {PAGE} from '../messages/load-pages.js';
import type {Command} from './binding-types.js';
import {listCommand, refreshWith} from './lists.js';
import {openViewer} from './open.js';
import {openProducer} from './producer.js';
import type {KeyApi} from './types.js';

// Keys of the explorer's panes: brokers, topics, partitions.

const openMessages = (api: KeyApi) => {
	const target = api.screen().explorerTarget(api.app.getState());
	if (target) openViewer(api, {...target, start: {kind: 'newest', count: PAGE}});
};

export const explorerKey = (api: KeyApi, command: Command) => {
	const {app} = api;
	const pane = app.getState().focus;
	if (listCommand(api, pane, command)) return;
	switch (command) {
		case 'nextPane':
		case 'paneRight':
			return app.dispatch({type: 'cyclePane', direction: 1});
		case 'previousPane':
		case 'paneLeft':
			return app.dispatch({type: 'cyclePane', direction: -1});
		case 'enter':
			return pane === 'partitions' ? openMessages(api) : app.dispatch({type: 'enter'});
		case 'messages':
			return openMessages(api);
		case 'produce':
			return openProducer(api, pane);
		case 'consumers': {
			const topic = api.screen().explorerTarget(api.app.getState())?.topic;
			return topic ? app.dispatch({type: 'groupsOfTopic', topic}) : undefined;
		}
		case 'toggleInternal':
			return app.dispatch({type: 'toggleInternal'});
		case 'refresh':
			return refreshWith(api, api.refreshSnapshot);
		case 'back':
			return app.dispatch({type: 'back'});
	}
};
