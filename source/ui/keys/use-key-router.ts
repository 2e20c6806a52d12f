import {useInput} from 'ink';
import {useRef} from 'react';
import type {PaneId, Scope} from './binding-types.js';
import {asking, confirmKey} from './confirm.js';
import {changeKey} from './change.js';
import {aclsKey, detailKey, subjectsKey} from './details.js';
import {explorerKey} from './explorer.js';
import {groupsKey} from './groups.js';
import {helpKey} from './help.js';
import {keyPresses} from './key-names.js';
import {commandFor} from './keymap.js';
import {producerKey} from './producer.js';
import {textLineKey} from './text-line.js';
import type {KeyApi, KeyPress} from './types.js';
import {viewerKey} from './viewer.js';

// Every key press goes through here. It finds who takes the key (a mode that takes keys before any pane, else the
// view in front), looks the key up in the keymap for that scope, and hands the command to that handler.

/** The pane whose keys apply now: in the viewer, the list or the message opened in full. */
export const activePane = (api: Pick<KeyApi, 'app' | 'viewer'>): PaneId => {
	const {view, focus} = api.app.getState();
	if (view === 'messages') return api.viewer.store.getState().detail ? 'message' : 'messages';
	return focus;
};

/** Where keys are read now: the typing, help or question mode, else the active pane. */
export const activeScope = (api: Pick<KeyApi, 'app' | 'viewer' | 'producer' | 'changes'>): Scope => {
	const {mode} = api.app.getState();
	if (mode === 'change') return api.changes.store.getState().phase === 'confirming' ? 'question' : 'change';
	if (mode !== 'normal') return mode;
	if (asking(api)) {
		const {file} = api.producer;
		return file?.running ? 'sending' : file?.outcome ? 'report' : 'confirm';
	}
	return activePane(api);
};

export const useKeyRouter = (api: KeyApi) => {
	// Ink may call the handler of an earlier render; the api's stores and commands never change, and what the
	// screen shows is read through it, so any handler Ink calls sees the latest.
	const latest = useRef(api);
	latest.current = api;
	// In the producer a draft is at stake: the first Ctrl-C says so, the second quits.
	const quitArmed = useRef(false);

	const onCtrlC = (a: KeyApi) => {
		const {draft} = a.producer.store.getState();
		const atStake = a.app.getState().view === 'produce' && (draft.value || draft.key || draft.headers);
		if (atStake && !quitArmed.current) {
			quitArmed.current = true;
			return a.flash('warn', 'Ctrl-C again quits kex and loses the draft; Esc keeps it and goes back');
		}
		a.exit();
	};

	const onKey = ({name, text}: KeyPress) => {
		const a = latest.current;
		if (name === 'ctrl+c') return onCtrlC(a);
		quitArmed.current = false;
		const scope = activeScope(a);
		const command = commandFor(name, scope, a.readOnly);
		if (scope === 'help') return helpKey(a, command);
		// The list of clusters takes its own arrows and Enter (ink-select-input); Esc closes it.
		if (scope === 'clusters') {
			if (command === 'closeClusters') a.app.dispatch({type: 'clusters', open: false});
			return;
		}
		if (scope === 'filter' || scope === 'command') return textLineKey(a, command, name, text);
		if (scope === 'change' || scope === 'question') return changeKey(a, command, text);
		const question = scope === 'confirm' || scope === 'sending' || scope === 'report';
		if (question && confirmKey(a, command, name)) return;
		const pane = activePane(a);
		const paneCommand = question ? commandFor(name, pane, a.readOnly) : command;
		const {view} = a.app.getState();
		if (view === 'produce') return producerKey(a, paneCommand, name, text);
		if (view === 'messages') return viewerKey(a, paneCommand, name);
		if (!paneCommand) return;
		if (view === 'groups') return groupsKey(a, paneCommand);
		if (view === 'detail') return detailKey(a, paneCommand);
		if (view === 'acls') return aclsKey(a, paneCommand);
		if (view === 'subjects' || view === 'subject') return subjectsKey(a, paneCommand);
		explorerKey(a, paneCommand);
	};

	useInput((input, key) => {
		for (const press of keyPresses(input, key)) onKey(press);
	});
};
