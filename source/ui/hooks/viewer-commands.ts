import {existsSync} from 'node:fs';
import {parseFrom} from '../../cli/parse.js';
import {PAGE, type ViewerTarget} from '../messages/use-message-source.js';
import type {KeyApi} from './key-api.js';

/** Viewer commands; an error keeps the command line open with what was typed. */
export const viewerCommand = (
	api: KeyApi,
	name: 'goto' | 'partition' | 'save' | 'export',
	argument: string,
): string | null => {
	const {context, latest, dispatch} = api;
	const state = latest.current;
	const {viewer} = context.current;
	if (state.view !== 'messages' || !state.viewer)
		return `:${name} works in the message viewer (m on a topic or partition)`;
	// The viewer moves only once the new position loaded: a bad offset leaves the view as it was.
	const move = (change: Partial<ViewerTarget>) => {
		const {from: _, ...current} = state.viewer!;
		void viewer.source.open({...current, ...change}).then(ok => ok && dispatch({type: 'viewerTarget', change}));
	};
	if (name === 'goto') {
		try {
			move({start: parseFrom(argument, PAGE)});
			return null;
		} catch (error) {
			return (error as Error).message;
		}
	}
	if (name === 'partition') {
		if (argument === 'all') move({partition: null});
		else if (/^\d+$/.test(argument)) move({partition: Number(argument)});
		else return `:partition takes a partition number or "all", not "${argument}"`;
		return null;
	}
	if (existsSync(argument)) return `${argument} exists; choose another name`;
	if (name === 'save') {
		if (!viewer.selected) return 'no message is selected';
		void viewer.source.exportTo(argument, {messages: [viewer.selected]});
	} else void viewer.source.exportTo(argument, {test: viewer.filterTest});
	return null;
};
