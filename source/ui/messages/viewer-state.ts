import type {StartPosition} from '../../kafka/types.js';
import {applyMotion, INITIAL_POSITION, type ListMotion, type ListPosition, type ListShape} from '../kit/list-window.js';
import type {MessageWindow} from './message-window.js';
import {VALUE_MODES, type ValueMode} from './value-lines.js';

// The message viewer's one store: what it shows (target and window of messages), where the reader is (selection,
// the message opened in full), and what it is doing (loading, following, a scan or export, a notice). Pure, so
// tests drive it directly; the viewer controller runs the reads and dispatches what they bring.

export type ViewerTarget = {topic: string; partition: number | null; start: StartPosition};

export type Task = {kind: 'scan' | 'export'; scanned: number; matched: number; startedAt: number; file?: string};

export type Detail = {key: string; scroll: number; mode: ValueMode};

export type ViewerState = {
	/** What is shown; a goto changes it only once the new position has loaded. */
	target: ViewerTarget | null;
	window: MessageWindow | null;
	selection: ListPosition;
	/** The selection stays on the last row as rows arrive: a fresh view at the newest, and the live tail. */
	atEnd: boolean;
	detail: Detail | null;
	loading: 'open' | 'after' | 'before' | null;
	error: string | null;
	following: boolean;
	/** Why the live tail waits (its leader does not answer); it goes on by itself when one does. */
	waiting: string | null;
	task: Task | null;
	/** Said once when something finishes: "exported 12 messages to x.ndjson". */
	notice: string | null;
};

export const initialViewerState = (): ViewerState => ({
	target: null,
	window: null,
	selection: INITIAL_POSITION,
	atEnd: false,
	detail: null,
	loading: null,
	error: null,
	following: false,
	waiting: null,
	task: null,
	notice: null,
});

/** How the selection is placed in a freshly loaded window. */
export type Placement = 'reset' | 'keep' | {key: string};

export type ViewerAction =
	| {type: 'opening'; target?: ViewerTarget}
	| {type: 'loaded'; target: ViewerTarget; window: MessageWindow; place: Placement}
	| {type: 'loadingMore'; direction: 'after' | 'before'}
	| {type: 'window'; window: MessageWindow}
	| {type: 'failed'; error: string}
	| {type: 'closed'}
	| {type: 'following'; on: boolean; error?: string}
	| {type: 'waiting'; why: string | null}
	| {type: 'task'; task: Task | null}
	| {type: 'notice'; notice: string | null}
	| {type: 'clearNotice'}
	| {type: 'held'; held: Map<number, number>}
	| ListMotion
	| {type: 'openDetail'; key: string}
	| {type: 'closeDetail'}
	| {type: 'detailScroll'; delta: number; max: number}
	| {type: 'detailMode'};

/** The selection as shown: on the last row while it sticks to the end. */
export const selectionOf = (state: Pick<ViewerState, 'selection' | 'atEnd'>, keys: string[]): ListPosition =>
	state.atEnd && keys.length > 0
		? {selectedKey: keys[keys.length - 1]!, index: keys.length - 1, offset: state.selection.offset}
		: state.selection;

const placed = (
	state: ViewerState,
	target: ViewerTarget,
	place: Placement,
): Pick<ViewerState, 'selection' | 'atEnd'> => {
	if (place === 'keep') return {selection: state.selection, atEnd: state.atEnd};
	if (place !== 'reset') return {selection: {...INITIAL_POSITION, selectedKey: place.key}, atEnd: false};
	return {selection: INITIAL_POSITION, atEnd: target.start.kind === 'newest'};
};

/** After the reader moved: the selection sticks to the end only while following and on the last row. */
const moved = (state: ViewerState, shape: ListShape, selection: ListPosition): ViewerState => ({
	...state,
	selection,
	atEnd: state.following && shape.keys.length > 0 && selection.index === shape.keys.length - 1,
});

export const viewerReducer = (state: ViewerState, action: ViewerAction): ViewerState => {
	switch (action.type) {
		case 'opening':
			return {
				...state,
				target: action.target ?? state.target,
				window: action.target ? null : state.window,
				loading: 'open',
				error: null,
				following: false,
			};
		case 'loaded':
			return {
				...state,
				...placed(state, action.target, action.place),
				target: action.target,
				window: action.window,
				detail: action.place === 'keep' ? state.detail : null,
				loading: null,
			};
		case 'loadingMore':
			return {...state, loading: action.direction};
		case 'window':
			return {...state, window: action.window, loading: null};
		case 'failed':
			return {...state, loading: null, error: action.error};
		case 'closed':
			return initialViewerState();
		case 'following':
			return {
				...state,
				following: action.on,
				waiting: null,
				error: action.error ?? (action.on ? null : state.error),
				atEnd: action.on ? true : state.atEnd,
			};
		case 'waiting':
			return state.waiting === action.why ? state : {...state, waiting: action.why};
		case 'task':
			return {...state, task: action.task, error: action.task && !state.task ? null : state.error};
		case 'notice':
			return {...state, notice: action.notice};
		case 'held': {
			if (!state.window) return state;
			const spans = state.window.spans.map(s => {
				const pending = action.held.get(s.partition);
				return pending === undefined || pending === (s.pending ?? 0) ? s : {...s, pending};
			});
			return {...state, window: {...state.window, spans}};
		}
		case 'clearNotice':
			return state.notice === null && state.error === null ? state : {...state, notice: null, error: null};
		case 'move':
		case 'jump':
		case 'page':
			return moved(state, action.shape, applyMotion(selectionOf(state, action.shape.keys), action));
		case 'openDetail':
			return {...state, detail: {key: action.key, scroll: 0, mode: 'auto'}};
		case 'closeDetail':
			return {...state, detail: null};
		case 'detailScroll': {
			if (!state.detail) return state;
			const scroll = Math.max(0, Math.min(action.max, state.detail.scroll + action.delta));
			return {...state, detail: {...state.detail, scroll}};
		}
		case 'detailMode': {
			if (!state.detail) return state;
			const mode = VALUE_MODES[(VALUE_MODES.indexOf(state.detail.mode) + 1) % VALUE_MODES.length]!;
			return {...state, detail: {...state.detail, mode, scroll: 0}};
		}
	}
};
