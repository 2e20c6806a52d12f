import {Box} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useState} from 'react';
import type {KafkaService} from '../kafka/types.js';
import {BrokersPane} from './components/brokers-pane.js';
import {ConnectionProblem} from './components/connection-problem.js';
import {Footer} from './components/footer.js';
import {GroupsPane, type GroupRow} from './components/groups-pane.js';
import {Header} from './components/header.js';
import {HelpScreen, helpLines} from './components/help-screen.js';
import {PartitionsPane} from './components/partitions-pane.js';
import {StatusLine} from './components/status-line.js';
import {TooSmall} from './components/too-small.js';
import {TopicsPane} from './components/topics-pane.js';
import {explorerLists, matches} from './explorer-lists.js';
import {useExplorerKeys} from './hooks/use-explorer-keys.js';
import {useLive} from './hooks/use-live.js';
import {useTerminalSize, type Size} from './hooks/use-terminal-size.js';
import {footerHints} from './keymap.js';
import {explorerLayout, PANE_CHROME, screenLayout} from './layout.js';
import {explorerReducer, initialExplorerState, type ExplorerState, type Flash} from './state/explorer-state.js';

export type AppProps = {
	service: KafkaService;
	refreshMs: number;
	readOnly: boolean;
	/** Fixed size for tests; the terminal's size otherwise. */
	size?: Size;
	initialState?: Partial<ExplorerState>;
};

/** How long an info or warning stays on the status line. */
const FLASH_MS = 4000;

export const App = ({service, refreshMs, readOnly, size: fixedSize, initialState}: AppProps) => {
	const size = useTerminalSize(fixedSize);
	const [state, dispatch] = useReducer(explorerReducer, initialState, initialExplorerState);
	const [candidates, setCandidates] = useState<string[]>([]);
	const snapshot = useLive(useCallback(() => service.snapshot(), [service]), refreshMs);
	const groups = useLive(useCallback(() => service.groups(), [service]), refreshMs, state.view === 'groups');

	const lists = useMemo(
		() => explorerLists(snapshot.data, snapshot.previous, state),
		[snapshot.data, snapshot.previous, state.filters, state.lists.topics, state.showInternal],
	);
	const groupList = useMemo(() => {
		const rows: GroupRow[] = (groups.data ?? []).map(g => ({...g, key: g.groupId}));
		const shown = rows.filter(g => matches(state.filters.groups, g.groupId, g.state, g.type));
		return {rows: shown, keys: shown.map(g => g.key), total: rows.length};
	}, [groups.data, state.filters.groups]);

	const screen = screenLayout(size.columns, size.rows);
	const bodyHeight = screen.tooSmall ? 1 : screen.bodyHeight;
	const boxes = explorerLayout(size.columns, bodyHeight, lists.brokers.rows.length, lists.topics.rows.length, lists.partitions.rows.length);
	const groupsBox = {width: size.columns, height: bodyHeight};
	const help = useMemo(() => helpLines(readOnly), [readOnly]);

	useExplorerKeys({
		state,
		dispatch,
		shapes: {
			brokers: {keys: lists.brokers.keys, height: boxes.brokers.height - PANE_CHROME},
			topics: {keys: lists.topics.keys, height: boxes.topics.height - PANE_CHROME},
			partitions: {keys: lists.partitions.keys, height: boxes.partitions.height - PANE_CHROME},
			groups: {keys: groupList.keys, height: groupsBox.height - PANE_CHROME},
		},
		topicNames: lists.topics.rows.map(t => t.name),
		helpMax: Math.max(0, help.length - (bodyHeight - 1)),
		readOnly,
		refresh: snapshot.refresh,
		setCandidates,
	});

	// Warnings of a snapshot (a leader that did not answer) are said once, when they appear.
	const warnings = snapshot.data?.warnings.join('; ') ?? '';
	useEffect(() => {
		if (warnings) dispatch({type: 'flash', flash: {level: 'warn', text: warnings}});
	}, [warnings]);
	useEffect(() => {
		if (!state.flash || state.flash.level === 'error') return;
		const id = setTimeout(() => dispatch({type: 'flash', flash: null}), FLASH_MS);
		return () => clearTimeout(id);
	}, [state.flash]);

	if (screen.tooSmall) return <TooSmall columns={size.columns} rows={size.rows} />;

	const stale = snapshot.status !== 'connected' && snapshot.data !== null;
	const live = state.view === 'groups' ? groups : snapshot;
	const flash: Flash | null =
		state.flash ?? (live.error && live.status !== 'connected' ? {level: 'error', text: live.error} : null);
	const bootstrap = service.bootstrap.join(',');
	const width = size.columns;

	const body = () => {
		if (state.mode === 'help') return <HelpScreen lines={help} offset={state.helpOffset} width={width} height={bodyHeight} />;
		if (state.view === 'groups') {
			return (
				<GroupsPane
					list={groupList}
					position={state.lists.groups}
					filter={state.filters.groups}
					focused
					stale={groups.status !== 'connected' && groups.data !== null}
					box={groupsBox}
					loading={groups.data === null}
				/>
			);
		}
		if (!snapshot.data) return <ConnectionProblem bootstrap={bootstrap} error={snapshot.error} width={width} height={bodyHeight} />;
		const common = (pane: 'brokers' | 'topics' | 'partitions') => ({
			position: state.lists[pane],
			filter: state.filters[pane],
			focused: state.focus === pane,
			stale,
			box: boxes[pane],
		});
		const topics = <TopicsPane list={lists.topics} showInternal={state.showInternal} {...common('topics')} />;
		const partitions = <PartitionsPane list={lists.partitions} topic={lists.topic?.name ?? null} {...common('partitions')} />;
		return (
			<Box flexDirection="column" height={bodyHeight}>
				<BrokersPane list={lists.brokers} {...common('brokers')} />
				{boxes.arrangement === 'split' ? (
					<Box flexDirection="row" height={boxes.topics.height}>
						{topics}
						<Box width={1} />
						{partitions}
					</Box>
				) : (
					<>
						{topics}
						{partitions}
					</>
				)}
			</Box>
		);
	};

	return (
		<Box flexDirection="column" width={width} height={screen.frameHeight}>
			<Header
				bootstrap={bootstrap}
				cluster={snapshot.data?.cluster ?? null}
				offlineBrokers={lists.brokers.rows.filter(b => !b.online).length}
				status={snapshot.status}
				lastGoodAt={snapshot.lastGoodAt}
				nextAttemptAt={snapshot.retryAt}
				failures={snapshot.failures}
				readOnly={readOnly}
				width={width}
			/>
			{body()}
			<StatusLine mode={state.mode} filter={state.filters[state.focus]} command={state.command} candidates={candidates} flash={flash} width={width} />
			<Footer hints={state.mode === 'help' ? [{label: 'Esc', text: 'close help'}, {label: 'j/k', text: 'scroll'}] : footerHints(state.focus, readOnly)} width={width} />
		</Box>
	);
};
