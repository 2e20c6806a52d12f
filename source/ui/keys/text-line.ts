import {complete, parseCommand} from '../shell/command-line.js';
import type {Command} from './binding-types.js';
import {prepareCommand, runCommand} from './commands.js';
import {motionFor, shapeOf} from './lists.js';
import {printable} from './printable.js';
import type {KeyApi} from './types.js';

// Keys while typing a filter (`/`) or a command (`:`): text, editing, Enter, Esc, and Tab to complete commands.

const edited = (current: string, command: Command | undefined, name: string, text: string): string | null => {
	if (command === 'deleteBack') return current.slice(0, -1);
	if (command === 'clearLine') return '';
	if (!name.startsWith('ctrl+') && printable(text) !== '') return current + printable(text);
	return null;
};

const filterKey = (api: KeyApi, command: Command | undefined, name: string, text: string) => {
	const {app} = api;
	const state = app.getState();
	if (command === 'accept' || command === 'cancel')
		return app.dispatch({type: 'endFilter', keep: command === 'accept'});
	// ↑/↓ move in the list being filtered: the viewer's own list, or the focused pane's.
	const motion = motionFor(command, shapeOf(api, state.focus));
	if (motion)
		return state.view === 'messages' ? api.viewer.select(motion) : app.dispatch({...motion, pane: state.focus});
	const next = edited(state.filters[state.focus], command, name, text);
	if (next !== null) app.dispatch({type: 'filterInput', text: next});
};

const commandKey = (api: KeyApi, command: Command | undefined, name: string, text: string) => {
	const {app} = api;
	const state = app.getState();
	const topics = api.screen().topicNames;
	if (command === 'cancel') {
		api.setCandidates([]);
		return app.dispatch({type: 'closeCommand'});
	}
	if (command === 'complete') {
		const completion = complete(state.command, topics, api.clusters?.names ?? []);
		api.setCandidates(completion.candidates);
		return app.dispatch({type: 'commandInput', text: completion.line});
	}
	if (command === 'accept') {
		const parsed = parseCommand(state.command, topics, api.clusters?.names ?? []);
		// A failed command stays on the line to be corrected.
		if (!parsed.ok) return api.flash('error', parsed.error);
		const error = prepareCommand(api, parsed.name, parsed.argument);
		if (error !== null) return api.flash('error', error);
		api.setCandidates([]);
		app.dispatch({type: 'closeCommand'});
		return runCommand(api, parsed.name, parsed.argument);
	}
	const next = edited(state.command, command, name, text);
	if (next === null) return;
	api.setCandidates([]);
	if (state.flash) app.dispatch({type: 'flash', flash: null});
	app.dispatch({type: 'commandInput', text: next});
};

export const textLineKey = (api: KeyApi, command: Command | undefined, name: string, text: string) =>
	api.app.getState().mode === 'filter' ? filterKey(api, command, name, text) : commandKey(api, command, name, text);
