import type {ChangeSpec} from '../change/change-spec.js';
import type {Command} from './binding-types.js';
import {printable} from './printable.js';
import type {KeyApi} from './types.js';

// Keys of the change dialog. In a text field printable keys are text; in the question, y confirms (or the typed
// name and Enter); Esc steps back: from the question to the form, from the form out, nothing changed.

/** Opens the dialog on a change; read-only sessions never get here (their keymap has no changing keys). */
export const openChange = (api: KeyApi, spec: ChangeSpec) => {
	if (api.readOnly) return;
	api.changes.open(spec);
	api.app.dispatch({type: 'change', open: true});
	// Nothing to fill in: straight to what would happen and the question.
	if (spec.fields.length === 0) void api.changes.check();
};

const close = (api: KeyApi) => {
	api.changes.store.dispatch({type: 'cancel'});
	api.app.dispatch({type: 'change', open: false});
};

const apply = async (api: KeyApi) => {
	const spec = api.changes.store.getState().spec;
	const done = await api.changes.apply();
	if (done === null || !spec) return;
	api.app.dispatch({type: 'change', open: false});
	api.flash('info', done);
	if (spec.refresh === 'groups') api.refreshGroups();
	else if (spec.refresh === 'detail') api.refreshDetail();
	else api.refreshSnapshot();
};

export const changeKey = (api: KeyApi, command: Command | undefined, text: string) => {
	const {changes} = api;
	const state = changes.store.getState();
	const field = state.spec?.fields[state.field];
	if (state.phase === 'checking' || state.phase === 'applying') return;
	if (state.phase === 'confirming') {
		const typed = state.preview?.typed;
		if (command === 'cancel') return changes.store.dispatch({type: 'back'});
		if (!typed) return command === 'confirm' ? void apply(api) : undefined;
		if (command === 'accept') return state.typed === typed ? void apply(api) : undefined;
		if (command === 'deleteBack') return changes.store.dispatch({type: 'typed', text: state.typed.slice(0, -1)});
		const typedText = printable(text);
		if (typedText) changes.store.dispatch({type: 'typed', text: state.typed + typedText});
		return;
	}
	switch (command) {
		case 'cancel':
			return close(api);
		case 'accept':
			return void changes.check();
		case 'nextField':
			return changes.store.dispatch({type: 'field', delta: 1});
		case 'previousField':
			return changes.store.dispatch({type: 'field', delta: -1});
		case 'clearLine':
			return field && !field.choices ? changes.store.dispatch({type: 'edit', value: ''}) : undefined;
		case 'deleteBack':
			return field && !field.choices
				? changes.store.dispatch({type: 'edit', value: (state.values[field.name] ?? '').slice(0, -1)})
				: undefined;
	}
	if (field?.choices) {
		if (command === 'toggle') changes.store.dispatch({type: 'cycle'});
		return;
	}
	const typedText = printable(text);
	if (field && typedText) changes.store.dispatch({type: 'edit', value: (state.values[field.name] ?? '') + typedText});
};
