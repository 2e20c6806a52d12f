import {isDeepStrictEqual} from 'node:util';
import type {ChangeSpec, Preview, Values} from './change-spec.js';

// The dialog's state: pure, so tests drive it. Editing keeps what was typed through every failure; only a
// confirmed, applied change closes the dialog. A dialog left with Esc keeps what was typed: the same change opened
// again (same title, same starting values) starts from it, so an Esc by mistake loses nothing.

export type Phase = 'editing' | 'checking' | 'confirming' | 'applying';

export type ChangeState = {
	spec: ChangeSpec | null;
	values: Values;
	field: number;
	phase: Phase;
	preview: Preview | null;
	/** What was typed to confirm, when the spec asks for a name. */
	typed: string;
	error: string | null;
	/** What was typed in the dialog last left with Esc, and where that dialog started. */
	kept: {title: string; initial: Values; values: Values} | null;
};

export const closedChange: ChangeState = {
	spec: null,
	values: {},
	field: 0,
	phase: 'editing',
	preview: null,
	typed: '',
	error: null,
	kept: null,
};

export type ChangeAction =
	| {type: 'open'; spec: ChangeSpec}
	| {type: 'close'}
	/** Esc from the form: closed, what was typed kept. */
	| {type: 'cancel'}
	| {type: 'field'; delta: 1 | -1}
	| {type: 'edit'; value: string}
	| {type: 'cycle'}
	| {type: 'checking'}
	| {type: 'preview'; preview: Preview}
	| {type: 'typed'; text: string}
	| {type: 'applying'}
	| {type: 'failed'; error: string}
	| {type: 'back'};

export const changeReducer = (state: ChangeState, action: ChangeAction): ChangeState => {
	const spec = state.spec;
	switch (action.type) {
		case 'open': {
			const {kept} = state;
			const resume = kept && kept.title === action.spec.title && isDeepStrictEqual(kept.initial, action.spec.initial);
			return {...closedChange, kept, spec: action.spec, values: {...(resume ? kept.values : action.spec.initial)}};
		}
		case 'close':
			return closedChange;
		case 'cancel':
			return {
				...closedChange,
				kept: spec ? {title: spec.title, initial: spec.initial, values: state.values} : state.kept,
			};
		case 'field': {
			const count = spec?.fields.length ?? 0;
			return count === 0 ? state : {...state, field: (state.field + action.delta + count) % count};
		}
		case 'edit': {
			const field = spec?.fields[state.field];
			return field ? {...state, values: {...state.values, [field.name]: action.value}, error: null} : state;
		}
		case 'cycle': {
			const field = spec?.fields[state.field];
			if (!field?.choices) return state;
			const at = field.choices.indexOf(state.values[field.name] ?? '');
			const next = field.choices[(at + 1) % field.choices.length]!;
			return {...state, values: {...state.values, [field.name]: next}, error: null};
		}
		case 'checking':
			return {...state, phase: 'checking', error: null};
		case 'preview':
			return {...state, phase: 'confirming', preview: action.preview, typed: ''};
		case 'typed':
			return {...state, typed: action.text};
		case 'applying':
			return {...state, phase: 'applying'};
		case 'failed':
			return {...state, phase: 'editing', preview: null, error: action.error};
		case 'back':
			return {...state, phase: 'editing', preview: null, typed: ''};
	}
};
