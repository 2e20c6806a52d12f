import type {GroupSort} from '../groups/group-rows.js';
import type {PaneId} from '../keys/keymap.js';
import {applyMotion, INITIAL_POSITION, type ListMotion, type ListPosition} from '../kit/list-window.js';

// Where the user is, apart from the data and the message viewer's own store: the view, the focused pane, the mode
// (typing a filter, a command, reading the help), and per pane the selection, scroll position and filter. Pure,
// so tests drive it directly.

export type View = 'explorer' | 'groups' | 'messages' | 'produce' | 'detail' | 'acls' | 'subjects' | 'subject';
export type Mode = 'normal' | 'filter' | 'command' | 'help' | 'clusters' | 'change';

/** What the detail view shows: a topic's or a broker's configs, disk and (topics) readers. */
export type DetailTarget = {kind: 'topic'; name: string} | {kind: 'broker'; id: number};
export type FlashLevel = 'info' | 'warn' | 'error';
export type Flash = {level: FlashLevel; text: string};

export type AppState = {
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
	/** Where the message viewer was opened from: Esc goes back there. */
	viewerFrom: PaneId | null;
	/** Where the producer was opened from: Esc returns there. */
	producerFrom: {view: View; focus: PaneId} | null;
	/** The group opened in full in the groups view. */
	groupDetail: string | null;
	groupsSort: GroupSort;
	/** Only the groups that read this topic. */
	groupsTopic: string | null;
	detail: DetailTarget | null;
	/** The registry subject whose versions are open, and how far its schema is scrolled (lines). */
	subject: string | null;
	schemaScroll: number;
};

export const PANES: Record<View, PaneId[]> = {
	explorer: ['brokers', 'topics', 'partitions'],
	groups: ['groups'],
	messages: ['messages'],
	produce: ['producer'],
	detail: ['configs'],
	acls: ['acls'],
	subjects: ['subjects'],
	subject: ['versions'],
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
	configs: value,
	acls: value,
	subjects: value,
	versions: value,
});

export const initialAppState = (overrides: Partial<AppState> = {}): AppState => ({
	view: 'explorer',
	focus: 'topics',
	mode: 'normal',
	lists: perPane(INITIAL_POSITION),
	filters: perPane(''),
	command: '',
	helpOffset: 0,
	showInternal: false,
	flash: null,
	viewerFrom: null,
	producerFrom: null,
	groupDetail: null,
	groupsSort: 'name',
	groupsTopic: null,
	detail: null,
	subject: null,
	schemaScroll: 0,
	...overrides,
});

export type AppAction =
	| (ListMotion & {pane: PaneId})
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
	| {type: 'clusters'; open: boolean}
	| {type: 'helpScroll'; delta: number; max: number}
	| {type: 'toggleInternal'}
	| {type: 'flash'; flash: Flash | null}
	| {type: 'showViewer'}
	| {type: 'openProducer'}
	| {type: 'openGroup'; groupId: string}
	| {type: 'groupsSort'}
	| {type: 'groupsOfTopic'; topic: string | null}
	| {type: 'openDetail'; target: DetailTarget}
	| {type: 'change'; open: boolean}
	| {type: 'openSubject'; subject: string}
	| {type: 'scrollSchema'; by: number; max: number};

const withList = (state: AppState, pane: PaneId, position: ListPosition): AppState => {
	const lists = {...state.lists, [pane]: position};
	// Another topic selected: its partitions start at the top.
	if (pane === 'topics' && position.selectedKey !== state.lists.topics.selectedKey) lists.partitions = INITIAL_POSITION;
	return {...state, lists};
};

const cycle = (state: AppState, direction: 1 | -1): PaneId => {
	const panes = PANES[state.view];
	const at = panes.indexOf(state.focus);
	return panes[(at + direction + panes.length) % panes.length]!;
};

/** Where the viewer was opened from, as the pane Esc returns to. */
const viewerOrigin = (state: AppState): PaneId =>
	state.view === 'explorer'
		? state.focus
		: state.view === 'produce'
			? 'producer'
			: state.view === 'groups' && state.groupDetail
				? 'group'
				: 'topics';

/** Esc: clear the filter first, then step back one level. */
const back = (state: AppState): AppState => {
	if (state.view === 'produce') {
		const from = state.producerFrom ?? {view: 'explorer', focus: 'topics'};
		return {...state, view: from.view, focus: from.focus, producerFrom: null};
	}
	if (state.view === 'groups' && state.groupDetail) return {...state, groupDetail: null, focus: 'groups'};
	if (state.view === 'subject') {
		if (state.filters.versions !== '') return {...state, filters: {...state.filters, versions: ''}};
		return {...state, view: 'subjects', focus: 'subjects', subject: null};
	}
	if (state.view === 'detail' || state.view === 'acls' || state.view === 'subjects') {
		if (state.filters[state.focus] !== '') return {...state, filters: {...state.filters, [state.focus]: ''}};
		const focus = state.detail?.kind === 'broker' ? 'brokers' : 'topics';
		return {...state, view: 'explorer', focus: state.view === 'detail' ? focus : 'topics'};
	}
	if (state.filters[state.focus] !== '') return {...state, filters: {...state.filters, [state.focus]: ''}};
	if (state.view === 'messages') {
		const from = state.viewerFrom ?? 'topics';
		if (from === 'producer') return {...state, view: 'produce', focus: 'producer', viewerFrom: null};
		if (from === 'group') return {...state, view: 'groups', focus: 'group', viewerFrom: null};
		return {...state, view: 'explorer', focus: from, viewerFrom: null};
	}
	if (state.view === 'groups' && state.groupsTopic) return {...state, groupsTopic: null};
	if (state.view === 'groups') return {...state, view: 'explorer', focus: 'topics'};
	if (state.focus === 'partitions') return {...state, focus: 'topics'};
	return state;
};

export const appReducer = (state: AppState, action: AppAction): AppState => {
	switch (action.type) {
		case 'move':
		case 'jump':
		case 'page': {
			const moved = withList(state, action.pane, applyMotion(state.lists[action.pane], action));
			// Another version selected: its schema starts at the top.
			return action.pane === 'versions' ? {...moved, schemaScroll: 0} : moved;
		}
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
							: (state.viewerFrom ?? 'topics')
						: PANES[action.view][0]!,
				mode: 'normal',
				groupDetail: action.view === 'groups' ? state.groupDetail : null,
			};
		case 'enter':
			if (state.focus === 'brokers') return {...state, focus: 'topics'};
			if (state.focus === 'topics') return {...state, focus: 'partitions'};
			return state;
		case 'back':
			return back(state);
		case 'scrollSchema':
			return {...state, schemaScroll: Math.max(0, Math.min(action.max, state.schemaScroll + action.by))};
		case 'openSubject':
			return {
				...state,
				schemaScroll: 0,
				view: 'subject',
				focus: 'versions',
				subject: action.subject,
				lists: {...state.lists, versions: INITIAL_POSITION},
				filters: {...state.filters, versions: ''},
			};
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
		case 'clusters':
			return {...state, mode: action.open ? 'clusters' : 'normal'};
		case 'helpScroll':
			return {...state, helpOffset: Math.max(0, Math.min(action.max, state.helpOffset + action.delta))};
		case 'toggleInternal':
			return {...state, showInternal: !state.showInternal};
		case 'flash':
			return {...state, flash: action.flash};
		case 'showViewer':
			return {
				...state,
				view: 'messages',
				focus: 'messages',
				mode: 'normal',
				viewerFrom: viewerOrigin(state),
				filters: {...state.filters, messages: ''},
			};
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
		case 'openDetail':
			return {
				...state,
				view: 'detail',
				focus: 'configs',
				mode: 'normal',
				detail: action.target,
				lists: {...state.lists, configs: INITIAL_POSITION},
				filters: {...state.filters, configs: ''},
			};
		case 'change':
			return {...state, mode: action.open ? 'change' : 'normal'};
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
	}
};
