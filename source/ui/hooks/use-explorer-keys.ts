import {useApp, useInput} from 'ink';
import {useRef, type Dispatch} from 'react';
import type {Message, PartitionLag} from '../../kafka/types.js';
import {complete, parseCommand, type CommandName} from '../command-line.js';
import type {GroupRow} from '../groups/group-rows.js';
import {commandFor, type PaneId} from '../keymap.js';
import {keyPresses} from '../keys.js';
import type {MessageTest} from '../messages/message-filter.js';
import {PAGE, type MessageSource, type ViewerTarget} from '../messages/use-message-source.js';
import type {Producer} from '../producer/use-producer.js';
import {explorerReducer, type ExplorerAction, type ExplorerState, type ListShape} from '../state/explorer-state.js';
import {resolveIndex} from '../state/list-window.js';
import type {KeyApi} from './key-api.js';
import {printable} from './printable.js';
import {openProducer, producerKey} from './producer-keys.js';
import {viewerCommand} from './viewer-commands.js';

export type KeyContext = {
	state: ExplorerState;
	dispatch: Dispatch<ExplorerAction>;
	shapes: Partial<Record<PaneId, ListShape>>;
	topicNames: readonly string[];
	helpMax: number;
	readOnly: boolean;
	refresh: () => boolean;
	setCandidates: (candidates: string[]) => void;
	/** The message viewer's side: what is selected, how to open it, its source. */
	viewer: {
		/** The topic (and partition) under the cursor in the explorer, to open. */
		target: (pane: PaneId) => Omit<ViewerTarget, 'start'> | null;
		selected: Message | null;
		filterTest: MessageTest | null;
		source: MessageSource;
		detailMax: number;
		detailPage: number;
	};
	producer: Producer;
	groups: {
		rows: GroupRow[];
		partitions: Array<PartitionLag & {key: string}>;
		topicUnderCursor: string | null;
		refresh: () => boolean;
	};
	/** Partition count of each topic, for the producer's checks. */
	partitionCounts: ReadonlyMap<string, number>;
	allTopicNames: readonly string[];
};

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

	const flash = (level: 'info' | 'warn' | 'error', text: string) => dispatch({type: 'flash', flash: {level, text}});
	const api: KeyApi = {context, latest, dispatch, flash};

	const openViewer = (pane: PaneId) => {
		const target = context.current.viewer.target(pane);
		if (target) dispatch({type: 'openViewer', target: {...target, start: {kind: 'newest', count: PAGE}}});
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
				dispatch({type: 'groupsOfTopic', topic: null});
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
				return;
			case 'goto':
			case 'partition':
			case 'save':
			case 'export':
			case 'sendfile':
				return;
		}
	};

	const refresh = () => {
		if (!context.current.refresh())
			dispatch({type: 'flash', flash: {level: 'info', text: 'a refresh is already running'}});
	};

	const onText = (name: string, text: string, current: string, set: (text: string) => void) => {
		if (name === 'backspace') set(current.slice(0, -1));
		else if (name === 'ctrl+u') set('');
		else if (!name.startsWith('ctrl+') && printable(text) !== '') set(current + printable(text));
	};

	useInput((input, key) => {
		for (const press of keyPresses(input, key)) onKey(press.name, press.text);
	});

	const quitArmed = useRef(false);

	const onKey = (name: string, text: string) => {
		const state = latest.current;
		if (name === 'ctrl+c') {
			// In the producer a draft is at stake: the first Ctrl-C says so, the second quits.
			const draft = context.current.producer.state.draft;
			if (state.view === 'produce' && (draft.value || draft.key || draft.headers) && !quitArmed.current) {
				quitArmed.current = true;
				return flash('warn', 'Ctrl-C again quits kex and loses the draft; Esc keeps it and goes back');
			}
			return exit();
		}
		quitArmed.current = false;
		if (state.view === 'produce' && state.mode === 'normal') return producerKey(api, name, text);

		if (state.mode === 'filter') {
			if (name === 'enter') return dispatch({type: 'endFilter', keep: true});
			if (name === 'escape') return dispatch({type: 'endFilter', keep: false});
			if (name === 'up' || name === 'down')
				return dispatch({
					type: 'move',
					pane: state.focus,
					shape: context.current.shapes[state.focus]!,
					delta: name === 'up' ? -1 : 1,
				});
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
				if (parsed.name === 'sendfile') {
					const {producer, partitionCounts, readOnly} = context.current;
					const error = readOnly
						? 'read-only: nothing is sent'
						: state.view !== 'produce'
							? ':sendfile works in the producer (p), to the topic of its form'
							: producer.stageFile(parsed.argument, producer.state.draft.topic.trim(), partitionCounts);
					if (error) return dispatch({type: 'flash', flash: {level: 'error', text: error}});
				}
				if (
					parsed.name === 'goto' ||
					parsed.name === 'partition' ||
					parsed.name === 'save' ||
					parsed.name === 'export'
				) {
					const error = viewerCommand(api, parsed.name, parsed.argument);
					if (error) return dispatch({type: 'flash', flash: {level: 'error', text: error}});
				}
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
			const delta = {
				down: 1,
				j: 1,
				up: -1,
				k: -1,
				pagedown: 10,
				'ctrl+f': 10,
				pageup: -10,
				'ctrl+b': -10,
				g: -Infinity,
				G: Infinity,
			}[name];
			if (delta !== undefined)
				dispatch({
					type: 'helpScroll',
					delta: Number.isFinite(delta) ? delta : delta > 0 ? context.current.helpMax : -context.current.helpMax,
					max: context.current.helpMax,
				});
			return;
		}

		const {viewer} = context.current;
		if (state.view === 'messages') {
			if (viewer.source.notice || viewer.source.error) viewer.source.clearNotice();
			// Esc stops a scan or an export before it steps back.
			if (name === 'escape' && viewer.source.task) return viewer.source.cancelTask();
		}
		const command = commandFor(name, state.focus, context.current.readOnly);
		if (!command) return;
		const pane = state.focus;
		if (pane === 'message') {
			const page = viewer.detailPage;
			const delta = {down: 1, up: -1, pageDown: page, pageUp: -page, top: -Infinity, bottom: Infinity}[
				command as string
			];
			if (delta !== undefined) {
				return dispatch({
					type: 'detailScroll',
					delta: Number.isFinite(delta) ? delta : delta > 0 ? viewer.detailMax : -viewer.detailMax,
					max: viewer.detailMax,
				});
			}
		}
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
				if (pane === 'partitions') return openViewer(pane);
				// Rows under the cursor come from the latest state: keys typed in one burst see the moves before them.
				if (pane === 'groups') {
					const row = context.current.groups.rows[resolveIndex(latest.current.lists.groups, shape.keys)];
					return row ? dispatch({type: 'openGroup', groupId: row.groupId}) : undefined;
				}
				if (pane === 'group') {
					// The next message the group will read; a partition never committed opens at its oldest.
					const p = context.current.groups.partitions[resolveIndex(latest.current.lists.group, shape.keys)];
					if (!p) return;
					if (p.committedOffset === null)
						flash('info', `${p.topic}/${p.partition} was never committed: showing its oldest messages`);
					return dispatch({
						type: 'openViewer',
						target: {
							topic: p.topic,
							partition: p.partition,
							start:
								p.committedOffset === null
									? {kind: 'oldest'}
									: {kind: 'offset', offset: Math.min(p.logEndOffset, Math.max(p.committedOffset, p.logStartOffset))},
						},
					});
				}
				if (pane === 'messages')
					return viewer.selected
						? dispatch({type: 'openDetail', key: `${viewer.selected.partition}:${viewer.selected.offset}`})
						: undefined;
				return dispatch({type: 'enter'});
			case 'messages':
				return openViewer(pane);
			case 'follow':
				if (viewer.source.following) return viewer.source.stopFollowing();
				return void viewer.source.startFollowing();
			case 'searchNext':
				if (!viewer.filterTest)
					return flash('info', 'type a filter first (/), then n scans on through the topic for it');
				return void viewer.source.scan(viewer.filterTest);
			case 'goto':
				return dispatch({type: 'openCommand', text: 'goto '});
			case 'save':
				if (!viewer.selected) return flash('info', 'no message is selected');
				return dispatch({
					type: 'openCommand',
					text: `save ${viewer.selected.topic}-${viewer.selected.partition}-${viewer.selected.offset}.ndjson`,
				});
			case 'export':
				return dispatch({
					type: 'openCommand',
					text: `export ${state.viewer?.topic ?? 'messages'}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.ndjson`,
				});
			case 'valueMode':
				return dispatch({type: 'detailMode'});
			case 'produce':
				return openProducer(api, pane);
			case 'sortGroups':
				return dispatch({type: 'groupsSort'});
			case 'consumers': {
				const topic = context.current.groups.topicUnderCursor;
				return topic ? dispatch({type: 'groupsOfTopic', topic}) : undefined;
			}
			case 'back':
				return dispatch({type: 'back'});
			case 'filter':
				return dispatch({type: 'startFilter'});
			case 'commandLine':
				return dispatch({type: 'openCommand'});
			case 'help':
				return dispatch({type: 'help', open: true});
			case 'refresh':
				if (state.view === 'messages' && state.viewer) {
					const {from: _, ...target} = state.viewer;
					return void viewer.source.open(target);
				}
				if (state.view === 'groups') {
					if (!context.current.groups.refresh()) flash('info', 'a refresh is already running');
					return;
				}
				return refresh();
			case 'toggleInternal':
				return dispatch({type: 'toggleInternal'});
			case 'quit':
				return exit();
		}
	};
};
