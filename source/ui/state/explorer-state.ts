import type {PaneId} from '../keymap.js';
import type {ViewerTarget} from '../messages/use-message-source.js';
import type {GroupSort} from '../groups/group-rows.js';
import {VALUE_MODES, type ValueMode} from '../messages/value-lines.js';
import {INITIAL_POSITION, moveSelection, pageSelection, type ListPosition} from './list-window.js';

// What the user is doing, apart from the data: the view, the focused pane, the mode (typing a filter, a command,
// reading the help), and per pane the selection, scroll position and filter. Pure, so tests drive it directly.

export type View = 'explorer' | 'groups' | 'messages' | 'produce';
export type Mode = 'normal' | 'filter' | 'command' | 'help';
export type FlashLevel = 'info' | 'warn' | 'error';
export type Flash = {level: FlashLevel; text: string};

export type ExplorerState = {
	view: View;
	focus: PaneId;
	mode: Mode;
	lists: Record<PaneId, ListPosition>;
	filters: Record<PaneId, string>;
	/** The command line as typed; kept when a command fails so nothing typed is lost. */
	command: string;
	helpOffset: number;
	showInternal: boolean;
	flash: Flash | null;
	/** What the message viewer shows, and where it was opened from (Esc goes back there). */
	viewer: (ViewerTarget & {from: PaneId}) | null;
	/** The message opened in full, its scroll position and how its value is shown. */
	detail: {key: string; scroll: number; mode: ValueMode} | null;
	/** Where the producer was opened from: Esc returns there. */
	producerFrom: {view: View; focus: PaneId} | null;
	/** The group opened in full in the groups view. */
	groupDetail: string | null;
	groupsSort: GroupSort;
	/** Only the groups that read this topic. */
	groupsTopic: string | null;
};

export const PANES: Record<View, PaneId[]> = {
	explorer: ['brokers', 'topics', 'partitions'],
	groups: ['groups'],
	messages: ['messages'],
	produce: ['producer'],
};

const perPane = <T>(value: T): Record<PaneId, T> => ({
	brokers: value,
	topics: value,
	partitions: value,
	groups: value,
	messages: value,
	message: value,
	producer: value,
	group: value,
});

export const initialExplorerState = (overrides: Partial<ExplorerState> = {}): ExplorerState => ({
	view: 'explorer',
	focus: 'topics',
	mode: 'normal',
	lists: perPane(INITIAL_POSITION),
	filters: perPane(''),
	command: '',
	helpOffset: 0,
	showInternal: false,
	flash: null,
	viewer: null,
	detail: null,
	producerFrom: null,
	groupDetail: null,
	groupsSort: 'name',
	groupsTopic: null,
	...overrides,
});

/** Row keys and visible height of a list, which movement needs and only the view knows. */
export type ListShape = {keys: string[]; height: number};

export type ExplorerAction =
	| {type: 'move'; pane: PaneId; shape: ListShape; delta: number}
	| {type: 'jump'; pane: PaneId; shape: ListShape; to: 'top' | 'bottom'}
	| {type: 'page'; pane: PaneId; shape: ListShape; direction: 1 | -1}
	| {type: 'select'; pane: PaneId; key: string}
	| {type: 'focus'; pane: PaneId}
	| {type: 'cyclePane'; direction: 1 | -1}
	| {type: 'view'; view: View}
	| {type: 'enter'}
	| {type: 'back'}
	| {type: 'startFilter'}
	| {type: 'filterInput'; text: string}
	| {type: 'endFilter'; keep: boolean}
	| {type: 'openCommand'; text?: string}
	| {type: 'commandInput'; text: string}
	| {type: 'closeCommand'}
	| {type: 'help'; open: boolean}
	| {type: 'helpScroll'; delta: number; max: number}
	| {type: 'toggleInternal'}
	| {type: 'flash'; flash: Flash | null}
	| {type: 'openViewer'; target: ViewerTarget}
	| {type: 'viewerTarget'; change: Partial<ViewerTarget>}
	| {type: 'openDetail'; key: string}
	| {type: 'detailScroll'; delta: number; max: number}
	| {type: 'detailMode'}
	| {type: 'openProducer'}
	| {type: 'openGroup'; groupId: string}
	| {type: 'groupsSort'}
	| {type: 'groupsOfTopic'; topic: string | null};

const withList = (state: ExplorerState, pane: PaneId, position: ListPosition): ExplorerState => {
	const lists = {...state.lists, [pane]: position};
	// Another topic selected: its partitions start at the top.
	if (pane === 'topics' && position.selectedKey !== state.lists.topics.selectedKey) lists.partitions = INITIAL_POSITION;
	return {...state, lists};
};

const cycle = (state: ExplorerState, direction: 1 | -1): PaneId => {
	const panes = PANES[state.view];
	const at = panes.indexOf(state.focus);
	return panes[(at + direction + panes.length) % panes.length]!;
};

export const explorerReducer = (state: ExplorerState, action: ExplorerAction): ExplorerState => {
	switch (action.type) {
		case 'move':
			return withList(
				state,
				action.pane,
				moveSelection(state.lists[action.pane], action.shape.keys, action.shape.height, {delta: action.delta}),
			);
		case 'jump': {
			const to = action.to === 'top' ? 0 : action.shape.keys.length - 1;
			return withList(
				state,
				action.pane,
				moveSelection(state.lists[action.pane], action.shape.keys, action.shape.height, {to}),
			);
		}
		case 'page':
			return withList(
				state,
				action.pane,
				pageSelection(state.lists[action.pane], action.shape.keys, action.shape.height, action.direction),
			);
		case 'select':
			return withList(state, action.pane, {...state.lists[action.pane], selectedKey: action.key});
		case 'focus':
			return PANES[state.view].includes(action.pane) ? {...state, focus: action.pane} : state;
		case 'cyclePane':
			return {...state, focus: cycle(state, action.direction)};
		case 'view':
			return {
				...state,
				view: action.view,
				focus:
					action.view === 'explorer'
						? state.view === 'explorer'
							? state.focus
							: (state.viewer?.from ?? 'topics')
						: PANES[action.view][0]!,
				mode: 'normal',
				detail: null,
				groupDetail: action.view === 'groups' ? state.groupDetail : null,
			};
		case 'enter':
			if (state.focus === 'brokers') return {...state, focus: 'topics'};
			if (state.focus === 'topics') return {...state, focus: 'partitions'};
			return state;
		case 'back': {
			if (state.view === 'produce') {
				const from = state.producerFrom ?? {view: 'explorer', focus: 'topics'};
				return {...state, view: from.view, focus: from.focus, producerFrom: null};
			}
			if (state.detail) return {...state, detail: null, focus: 'messages'};
			if (state.view === 'groups' && state.groupDetail) return {...state, groupDetail: null, focus: 'groups'};
			if (state.filters[state.focus] !== '') return {...state, filters: {...state.filters, [state.focus]: ''}};
			if (state.view === 'messages' && state.viewer?.from === 'producer')
				return {...state, view: 'produce', focus: 'producer', viewer: null};
			if (state.view === 'messages' && state.viewer?.from === 'group')
				return {...state, view: 'groups', focus: 'group', viewer: null};
			if (state.view === 'messages')
				return {...state, view: 'explorer', focus: state.viewer?.from ?? 'topics', viewer: null};
			if (state.view === 'groups' && state.groupsTopic) return {...state, groupsTopic: null};
			if (state.view === 'groups') return {...state, view: 'explorer', focus: 'topics'};
			if (state.focus === 'partitions') return {...state, focus: 'topics'};
			return state;
		}
		case 'startFilter':
			return {...state, mode: 'filter'};
		case 'filterInput':
			return {...state, filters: {...state.filters, [state.focus]: action.text}};
		case 'endFilter':
			return {...state, mode: 'normal', filters: action.keep ? state.filters : {...state.filters, [state.focus]: ''}};
		case 'openCommand':
			return {...state, mode: 'command', command: action.text ?? state.command};
		case 'commandInput':
			return {...state, command: action.text};
		case 'closeCommand':
			return {...state, mode: 'normal', command: '', flash: null};
		case 'help':
			return {...state, mode: action.open ? 'help' : 'normal', helpOffset: 0};
		case 'helpScroll':
			return {...state, helpOffset: Math.max(0, Math.min(action.max, state.helpOffset + action.delta))};
		case 'toggleInternal':
			return {...state, showInternal: !state.showInternal};
		case 'flash':
			return {...state, flash: action.flash};
		case 'openViewer':
			return {
				...state,
				view: 'messages',
				focus: 'messages',
				mode: 'normal',
				viewer: {
					...action.target,
					from:
						state.view === 'explorer'
							? state.focus
							: state.view === 'produce'
								? 'producer'
								: state.view === 'groups' && state.groupDetail
									? 'group'
									: 'topics',
				},
				detail: null,
				lists: {...state.lists, messages: INITIAL_POSITION},
				filters: {...state.filters, messages: ''},
			};
		case 'viewerTarget':
			return state.viewer
				? {
						...state,
						viewer: {...state.viewer, ...action.change},
						detail: null,
						focus: 'messages',
						lists: {...state.lists, messages: INITIAL_POSITION},
					}
				: state;
		case 'openDetail':
			return {...state, detail: {key: action.key, scroll: 0, mode: 'auto'}, focus: 'message'};
		case 'detailScroll':
			return state.detail
				? {
						...state,
						detail: {...state.detail, scroll: Math.max(0, Math.min(action.max, state.detail.scroll + action.delta))},
					}
				: state;
		case 'openGroup':
			return {...state, groupDetail: action.groupId, focus: 'group', lists: {...state.lists, group: INITIAL_POSITION}};
		case 'groupsSort':
			return {...state, groupsSort: state.groupsSort === 'name' ? 'lag' : 'name'};
		case 'groupsOfTopic':
			return {
				...state,
				view: 'groups',
				focus: 'groups',
				groupsTopic: action.topic,
				groupDetail: null,
				mode: 'normal',
				lists: {...state.lists, groups: INITIAL_POSITION},
			};
		case 'openProducer':
			return state.view === 'produce'
				? state
				: {
						...state,
						view: 'produce',
						focus: 'producer',
						mode: 'normal',
						producerFrom: {view: state.view, focus: state.focus},
					};
		case 'detailMode': {
			if (!state.detail) return state;
			const mode = VALUE_MODES[(VALUE_MODES.indexOf(state.detail.mode) + 1) % VALUE_MODES.length]!;
			return {...state, detail: {...state.detail, mode, scroll: 0}};
		}
	}
};
