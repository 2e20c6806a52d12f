import {parseFrom} from '../../shared/start-position.js';
import {PAGE} from '../messages/load-pages.js';
import type {CommandName} from '../shell/command-line.js';
import {leaveViewer, messageFilter, selectedMessage} from './open.js';
import type {KeyApi} from './types.js';

// What a `:` command does once parsed. An error is returned, and the command line stays open with what was typed.

type ViewerCommand = 'goto' | 'partition' | 'save' | 'export';

const viewerCommand = (api: KeyApi, name: ViewerCommand, argument: string): string | null => {
	const {viewer} = api;
	if (api.app.getState().view !== 'messages' || !viewer.store.getState().target) {
		return `:${name} works in the message viewer (m on a topic or partition)`;
	}
	if (name === 'goto') {
		try {
			void viewer.goto({start: parseFrom(argument, PAGE)});
			return null;
		} catch {
			// The command line has one row beside what was typed: the forms, without --from's long sentence.
			return 'try oldest, newest, 42, -15m, 2024-05-01T12:00Z or @<epoch ms>';
		}
	}
	if (name === 'partition') {
		if (argument === 'all') void viewer.goto({partition: null});
		else if (/^\d+$/.test(argument)) void viewer.goto({partition: Number(argument)});
		else return `:partition takes a partition number or "all", not "${argument}"`;
		return null;
	}
	if (name === 'save') {
		const selected = selectedMessage(api);
		if (!selected) return 'no message is selected';
		return viewer.exportTo(argument, {messages: [selected]});
	}
	const filter = messageFilter(api);
	return viewer.exportTo(argument, {test: filter.ok ? filter.test : null});
};

const sendFile = (api: KeyApi, path: string): string | null => {
	const {producer, readOnly} = api;
	if (readOnly) return 'read-only: nothing is sent';
	if (api.app.getState().view !== 'produce') return ':sendfile works in the producer (p), to the topic of its form';
	const topic = producer.store.getState().draft.topic.trim();
	return producer.stageFile(path, topic, api.screen().partitionCounts);
};

/** Checks and starts a command; an error says why it cannot run. */
export const prepareCommand = (api: KeyApi, name: CommandName, argument: string): string | null => {
	if (name === 'sendfile') return sendFile(api, argument);
	if (name === 'goto' || name === 'partition' || name === 'save' || name === 'export') {
		return viewerCommand(api, name, argument);
	}
	return null;
};

/** The commands that move between views or act at once. */
export const runCommand = (api: KeyApi, name: CommandName, argument: string) => {
	const {app} = api;
	switch (name) {
		case 'brokers':
		case 'topics':
		case 'partitions':
			leaveViewer(api);
			app.dispatch({type: 'view', view: 'explorer'});
			return app.dispatch({type: 'focus', pane: name});
		case 'topic':
			leaveViewer(api);
			app.dispatch({type: 'view', view: 'explorer'});
			app.dispatch({type: 'focus', pane: 'topics'});
			app.dispatch({type: 'filterInput', text: ''});
			return app.dispatch({type: 'select', pane: 'topics', key: argument});
		case 'groups':
			leaveViewer(api);
			return app.dispatch({type: 'groupsOfTopic', topic: null});
		case 'acls':
			leaveViewer(api);
			return app.dispatch({type: 'view', view: 'acls'});
		case 'subjects':
			if (!api.hasRegistry)
				return api.flash(
					'error',
					"no schema registry: give --registry URL, or registry: in the cluster's configuration (kex config)",
				);
			leaveViewer(api);
			return app.dispatch({type: 'view', view: 'subjects'});
		case 'internal':
			return app.dispatch({type: 'toggleInternal'});
		case 'refresh':
			if (!api.refreshSnapshot()) api.flash('info', 'a refresh is already running');
			return;
		case 'help':
			return app.dispatch({type: 'help', open: true});
		case 'ctx': {
			const {clusters} = api;
			if (!clusters || clusters.names.length === 0)
				return api.flash('error', 'no clusters are configured (see kex config)');
			if (argument === '') return app.dispatch({type: 'clusters', open: true});
			if (argument === clusters.current) return api.flash('info', `already on ${argument}`);
			return clusters.switchTo(argument);
		}
		case 'quit':
			return api.exit();
	}
};
