import {resolveIndex} from '../kit/list-window.js';
import {PAGE} from '../messages/load-pages.js';
import type {Command} from './binding-types.js';
import {listCommand, refreshWith} from './lists.js';
import {openViewer} from './open.js';
import {openProducer} from './producer.js';
import {addPartitionsChange, createTopicChange, deleteTopicChange, truncateChange} from '../change/topic-changes.js';
import {openChange} from './change.js';
import type {KeyApi} from './types.js';

// Keys of the explorer's panes: brokers, topics, partitions.

const openMessages = (api: KeyApi) => {
	const target = api.screen().explorerTarget(api.app.getState());
	if (target) openViewer(api, {...target, start: {kind: 'newest', count: PAGE}});
};

const topicChange = (api: KeyApi, command: 'deleteTopic' | 'addPartitions' | 'truncate') => {
	const target = api.screen().explorerTarget(api.app.getState());
	const topic = target ? api.screen().topic(target.topic) : undefined;
	if (!target || !topic) return;
	if (command === 'deleteTopic')
		return openChange(api, deleteTopicChange(topic.name, topic.partitionCount, topic.approxMessageCount));
	if (command === 'addPartitions') return openChange(api, addPartitionsChange(topic.name, topic.partitionCount));
	const p = topic.partitions.find(x => x.partition === target.partition);
	if (!p) return;
	if (p.lowWatermark === null || p.highWatermark === null)
		return api.flash('warn', `partition ${p.partition} of ${topic.name} has no leader to ask right now`);
	openChange(api, truncateChange(topic.name, p.partition, p.lowWatermark, p.highWatermark));
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
		case 'describe': {
			if (pane === 'brokers') {
				const keys = api.screen().shapes.brokers?.keys ?? [];
				const id = Number(keys[resolveIndex(app.getState().lists.brokers, keys)]);
				return Number.isInteger(id) ? app.dispatch({type: 'openDetail', target: {kind: 'broker', id}}) : undefined;
			}
			const topic = api.screen().explorerTarget(app.getState())?.topic;
			return topic ? app.dispatch({type: 'openDetail', target: {kind: 'topic', name: topic}}) : undefined;
		}
		case 'createTopic':
			return openChange(api, createTopicChange(api.screen().brokerCount));
		case 'deleteTopic':
		case 'addPartitions':
		case 'truncate':
			return topicChange(api, command);
		case 'toggleInternal':
			return app.dispatch({type: 'toggleInternal'});
		case 'refresh':
			return refreshWith(api, api.refreshSnapshot);
		case 'back':
			return app.dispatch({type: 'back'});
	}
};
