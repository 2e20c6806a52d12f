import {CODECS} from '../../kafka/codecs.js';
import type {Compression, ProduceResult} from '../../kafka/types.js';
import {edit, insert, type EditText} from './text-edit.js';
import {emptyDraft, FIELDS, type Draft, type DraftProblem, type FieldId} from './draft.js';

// The producer form: the draft, which field has the cursor and where, the topic suggestion under the arrow keys,
// the confirmation step, the result of the last send, and the messages sent in this session. Pure.

export type TextField = 'topic' | 'partition' | 'key' | 'value' | 'schema' | 'headers';
export const isTextField = (f: FieldId): f is TextField => f !== 'tombstone' && f !== 'json' && f !== 'compression';

export type ProducerState = {
	draft: Draft;
	field: FieldId;
	cursors: Record<TextField, number>;
	suggestion: number;
	confirming: boolean;
	sending: boolean;
	sent: ProduceResult | null;
	problem: DraftProblem | null;
	/** Drafts sent in this session, newest last; `recalled` is the one shown, when recalling. */
	history: Draft[];
	recalled: number | null;
	/** How sends are compressed: kept for the session, whatever draft is loaded or recalled. */
	compression: Compression;
};

const cursorsAtEnd = (d: Draft): Record<TextField, number> => ({
	topic: d.topic.length,
	partition: d.partition.length,
	key: d.key.length,
	value: d.value.length,
	schema: d.schema.length,
	headers: d.headers.length,
});

export const initialProducerState = (draft: Draft = emptyDraft()): ProducerState => ({
	draft,
	field: draft.topic ? 'value' : 'topic',
	cursors: cursorsAtEnd(draft),
	suggestion: 0,
	confirming: false,
	sending: false,
	sent: null,
	problem: null,
	history: [],
	recalled: null,
	compression: 'none',
});

export type ProducerAction =
	| {type: 'load'; draft: Draft}
	| {type: 'focus'; field: FieldId}
	| {type: 'move'; delta: 1 | -1}
	| {type: 'insert'; text: string}
	| {type: 'edit'; key: string}
	| {type: 'toggle'}
	| {type: 'suggest'; delta: number; count: number}
	| {type: 'chooseTopic'; topic: string}
	| {type: 'confirm'; on: boolean}
	| {type: 'sending'}
	| {type: 'sent'; result: ProduceResult}
	| {type: 'problem'; problem: DraftProblem | null}
	| {type: 'recall'; delta: 1 | -1};

const withText = (state: ProducerState, field: TextField, e: EditText): ProducerState => ({
	...state,
	draft: {...state.draft, [field]: e.text},
	cursors: {...state.cursors, [field]: e.cursor},
	problem: state.problem?.field === field ? null : state.problem,
	suggestion: field === 'topic' ? 0 : state.suggestion,
	recalled: null,
});

export const producerReducer = (state: ProducerState, action: ProducerAction): ProducerState => {
	const field = state.field;
	switch (action.type) {
		case 'load':
			return {
				...state,
				draft: action.draft,
				cursors: cursorsAtEnd(action.draft),
				field: action.draft.topic ? 'value' : 'topic',
				problem: null,
				confirming: false,
			};
		case 'focus':
			return {...state, field: action.field, confirming: false};
		case 'move': {
			const at = FIELDS.indexOf(field);
			return {...state, field: FIELDS[(at + action.delta + FIELDS.length) % FIELDS.length]!, confirming: false};
		}
		case 'insert': {
			if (!isTextField(field)) return state;
			// Only the value and the headers span lines.
			const text = field === 'value' || field === 'headers' ? action.text : action.text.replace(/\n/g, '');
			return withText(state, field, insert({text: state.draft[field], cursor: state.cursors[field]}, text));
		}
		case 'edit': {
			if (!isTextField(field)) return state;
			const next = edit({text: state.draft[field], cursor: state.cursors[field]}, action.key);
			return next ? withText(state, field, next) : state;
		}
		case 'toggle':
			if (field === 'tombstone' || field === 'json')
				return {...state, draft: {...state.draft, [field]: !state.draft[field]}, problem: null};
			if (field === 'compression')
				return {...state, compression: CODECS[(CODECS.indexOf(state.compression) + 1) % CODECS.length]!};
			return state;
		case 'suggest':
			return {...state, suggestion: Math.max(0, Math.min(action.count - 1, state.suggestion + action.delta))};
		case 'chooseTopic':
			return {
				...state,
				draft: {...state.draft, topic: action.topic},
				cursors: {...state.cursors, topic: action.topic.length},
				field: 'partition',
				problem: null,
			};
		case 'confirm':
			return {...state, confirming: action.on};
		case 'sending':
			return {...state, sending: true, confirming: false, problem: null};
		case 'sent':
			// The form stays filled: sending a variation is an edit away.
			return {
				...state,
				sending: false,
				sent: action.result,
				history: [...state.history, state.draft].slice(-50),
				recalled: null,
			};
		case 'problem':
			return {
				...state,
				sending: false,
				confirming: false,
				problem: action.problem,
				field: action.problem?.field ?? state.field,
			};
		case 'recall': {
			if (state.history.length === 0) return state;
			const from = state.recalled ?? state.history.length;
			const at = Math.max(0, Math.min(state.history.length - 1, from + action.delta));
			const draft = state.history[at]!;
			return {...state, draft, cursors: cursorsAtEnd(draft), recalled: at, problem: null};
		}
	}
};
