import {useApp, useInput} from 'ink';
import {useRef, type Dispatch} from 'react';
import {complete, parseCommand, type CommandName} from '../command-line.js';
import {commandFor, type PaneId} from '../keymap.js';
import {keyPresses} from '../keys.js';
import {explorerReducer, type ExplorerAction, type ExplorerState, type ListShape} from '../state/explorer-state.js';

export type KeyContext = {
	state: ExplorerState;
	dispatch: Dispatch<ExplorerAction>;
	shapes: Partial<Record<PaneId, ListShape>>;
	topicNames: readonly string[];
	helpMax: number;
	readOnly: boolean;
	refresh: () => boolean;
	setCandidates: (candidates: string[]) => void;
};

// Typed text keeps what a terminal could act on out: pasted escape sequences or newlines are dropped.
// eslint-disable-next-line no-control-regex
const printable = (input: string) => input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

/** Every key press goes through here: text modes first, then the keymap for the focused pane. */
export const useExplorerKeys = (current: KeyContext) => {
	const {exit} = useApp();
	// Ink may call the handler of an earlier render (its subscription is renewed after the frame is drawn), so
	// everything the handler reads comes from refs that each render updates.
	const context = useRef(current);
	context.current = current;

	// Several key presses can arrive in one event; each must see the state the previous one left, so the handler
	// keeps its own copy, advanced by the same pure reducer React runs.
	const latest = useRef(current.state);
	latest.current = current.state;
	const dispatch = (action: ExplorerAction) => {
		latest.current = explorerReducer(latest.current, action);
		context.current.dispatch(action);
	};

	const runCommand = (name: CommandName, argument: string) => {
		switch (name) {
			case 'brokers':
			case 'topics':
			case 'partitions':
				dispatch({type: 'view', view: 'explorer'});
				dispatch({type: 'focus', pane: name});
				return;
			case 'topic':
				dispatch({type: 'view', view: 'explorer'});
				dispatch({type: 'focus', pane: 'topics'});
				dispatch({type: 'filterInput', text: ''});
				dispatch({type: 'select', pane: 'topics', key: argument});
				return;
			case 'groups':
				dispatch({type: 'view', view: 'groups'});
				return;
			case 'internal':
				dispatch({type: 'toggleInternal'});
				return;
			case 'refresh':
				refresh();
				return;
			case 'help':
				dispatch({type: 'help', open: true});
				return;
			case 'quit':
				exit();
		}
	};

	const refresh = () => {
		if (!context.current.refresh()) dispatch({type: 'flash', flash: {level: 'info', text: 'a refresh is already running'}});
	};

	const onText = (name: string, text: string, current: string, set: (text: string) => void) => {
		if (name === 'backspace') set(current.slice(0, -1));
		else if (name === 'ctrl+u') set('');
		else if (!name.startsWith('ctrl+') && printable(text) !== '') set(current + printable(text));
	};

	useInput((input, key) => {
		for (const press of keyPresses(input, key)) onKey(press.name, press.text);
	});

	const onKey = (name: string, text: string) => {
		const state = latest.current;
		if (name === 'ctrl+c') return exit();

		if (state.mode === 'filter') {
			if (name === 'enter') return dispatch({type: 'endFilter', keep: true});
			if (name === 'escape') return dispatch({type: 'endFilter', keep: false});
			if (name === 'up' || name === 'down') return dispatch({type: 'move', pane: state.focus, shape: context.current.shapes[state.focus]!, delta: name === 'up' ? -1 : 1});
			return onText(name, text, state.filters[state.focus], value => dispatch({type: 'filterInput', text: value}));
		}

		if (state.mode === 'command') {
			if (name === 'escape') {
				context.current.setCandidates([]);
				return dispatch({type: 'closeCommand'});
			}
			if (name === 'tab') {
				const completion = complete(state.command, context.current.topicNames);
				context.current.setCandidates(completion.candidates);
				return dispatch({type: 'commandInput', text: completion.line});
			}
			if (name === 'enter') {
				const parsed = parseCommand(state.command, context.current.topicNames);
				// A failed command stays on the line to be corrected.
				if (!parsed.ok) return dispatch({type: 'flash', flash: {level: 'error', text: parsed.error}});
				context.current.setCandidates([]);
				dispatch({type: 'closeCommand'});
				dispatch({type: 'flash', flash: null});
				return runCommand(parsed.name, parsed.argument);
			}
			return onText(name, text, state.command, value => {
				context.current.setCandidates([]);
				if (state.flash) dispatch({type: 'flash', flash: null});
				dispatch({type: 'commandInput', text: value});
			});
		}

		if (state.mode === 'help') {
			if (name === 'escape' || name === 'q' || name === '?') return dispatch({type: 'help', open: false});
			if (name === 'ctrl+c') return exit();
			const delta = {down: 1, j: 1, up: -1, k: -1, pagedown: 10, 'ctrl+f': 10, pageup: -10, 'ctrl+b': -10, g: -Infinity, G: Infinity}[name];
			if (delta !== undefined) dispatch({type: 'helpScroll', delta: Number.isFinite(delta) ? delta : delta > 0 ? context.current.helpMax : -context.current.helpMax, max: context.current.helpMax});
			return;
		}

		const command = commandFor(name, state.focus, context.current.readOnly);
		if (!command) return;
		const pane = state.focus;
		const shape = context.current.shapes[pane] ?? {keys: [], height: 1};
		switch (command) {
			case 'down':
			case 'up':
				return dispatch({type: 'move', pane, shape, delta: command === 'down' ? 1 : -1});
			case 'top':
			case 'bottom':
				return dispatch({type: 'jump', pane, shape, to: command});
			case 'pageDown':
			case 'pageUp':
				return dispatch({type: 'page', pane, shape, direction: command === 'pageDown' ? 1 : -1});
			case 'nextPane':
			case 'paneRight':
				return dispatch({type: 'cyclePane', direction: 1});
			case 'previousPane':
			case 'paneLeft':
				return dispatch({type: 'cyclePane', direction: -1});
			case 'enter':
				return dispatch({type: 'enter'});
			case 'back':
				return dispatch({type: 'back'});
			case 'filter':
				return dispatch({type: 'startFilter'});
			case 'commandLine':
				return dispatch({type: 'openCommand'});
			case 'help':
				return dispatch({type: 'help', open: true});
			case 'refresh':
				return refresh();
			case 'toggleInternal':
				return dispatch({type: 'toggleInternal'});
			case 'quit':
				return exit();
		}
	};
};
