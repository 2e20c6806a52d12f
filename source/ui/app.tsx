import {Box} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {KafkaService, StartPosition} from '../kafka/types.js';
import {BrokersPane} from './components/brokers-pane.js';
import {ConnectionProblem} from './components/connection-problem.js';
import {Notice} from './components/notice.js';
import {Footer} from './components/footer.js';
import {GroupsPane} from './components/groups-pane.js';
import {GroupDetail, detailLayout, detailRows} from './groups/group-detail.js';
import {groupRows, sortRows} from './groups/group-rows.js';
import {useGroupTimes} from './groups/use-group-times.js';
import {useGroupsLag} from './groups/use-groups-lag.js';
import {TickContext} from './hooks/use-now.js';
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
import {resolveIndex} from './state/list-window.js';
import {MessageDetail, detailValueHeight} from './messages/message-detail.js';
import {parseFilter} from './messages/message-filter.js';
import {hasMoreAfter, hasMoreBefore, mergedMessages, messageKey} from './messages/message-window.js';
import {MessagesPane} from './messages/messages-pane.js';
import {useMessageSource, type Task} from './messages/use-message-source.js';
import {valueLines} from './messages/value-lines.js';
import {ProducerForm} from './producer/producer-form.js';
import {useProducer} from './producer/use-producer.js';

export type AppProps = {
	service: KafkaService;
	refreshMs: number;
	readOnly: boolean;
	/** Fixed size for tests; the terminal's size otherwise. */
	size?: Size;
	initialState?: Partial<ExplorerState>;
	/** Messages the viewer keeps at most (default 5,000); older ones are read again when scrolled back to. */
	messageWindow?: number;
	/** How often ages on screen tick, in ms; 0 stops them (tests). */
	tickMs?: number;
};

/** How long an info or warning stays on the status line. */
const FLASH_MS = 4000;

export const App = ({tickMs = 1000, ...props}: AppProps) => (
	<TickContext.Provider value={tickMs}>
		<Explorer {...props} />
	</TickContext.Provider>
);

const Explorer = ({
	service,
	refreshMs,
	readOnly,
	size: fixedSize,
	initialState,
	messageWindow = 5000,
}: Omit<AppProps, 'tickMs'>) => {
	const size = useTerminalSize(fixedSize);
	const [state, dispatch] = useReducer(explorerReducer, initialState, initialExplorerState);
	const [candidates, setCandidates] = useState<string[]>([]);
	const snapshot = useLive(
		useCallback(() => service.snapshot(), [service]),
		refreshMs,
	);
	const groups = useGroupsLag(
		service,
		refreshMs,
		state.view === 'groups' || (state.view === 'messages' && state.viewer?.from === 'group'),
	);
	// Ages in the groups views are as of the last sample: they change with the data, not with every second.
	const now = groups.lastGoodAt ?? 0;

	const lists = useMemo(
		() => explorerLists(snapshot.data, snapshot.previous, state),
		[snapshot.data, snapshot.previous, state.filters, state.lists.topics, state.showInternal],
	);
	const groupList = useMemo(() => {
		const rows = sortRows(groupRows(groups.data ?? [], groups.history, now), state.groupsSort);
		const shown = rows.filter(
			g =>
				(!state.groupsTopic || g.topics.includes(state.groupsTopic)) &&
				matches(state.filters.groups, g.groupId, g.state, g.type, g.health.health, ...g.topics),
		);
		return {rows: shown, keys: shown.map(g => g.key), total: rows.length};
	}, [groups.data, groups.history, now, state.filters.groups, state.groupsSort, state.groupsTopic]);
	const openGroup = useMemo(() => {
		const found = state.groupDetail
			? (groups.data ?? []).find(r => (r.ok ? r.lag.group.groupId : r.groupId) === state.groupDetail)
			: undefined;
		return found ?? null;
	}, [groups.data, state.groupDetail]);
	const openLag = openGroup?.ok ? openGroup.lag : null;
	const groupTimes = useGroupTimes(service, openLag);
	const groupPartitionRows = useMemo(
		() => (openLag ? detailRows(openLag, groups.history, groupTimes, now) : []),
		[openLag, groups.history, groupTimes, now],
	);

	// The message viewer: its source loads what `state.viewer` asks for while the viewer is open.
	// The viewer keeps its messages while the producer opened from it is in front: going back is instant.
	const viewerOpen = state.view === 'messages' || (state.view === 'produce' && state.producerFrom?.view === 'messages');
	const target = useMemo(
		() =>
			viewerOpen && state.viewer
				? {topic: state.viewer.topic, partition: state.viewer.partition, start: state.viewer.start}
				: null,
		[viewerOpen, state.viewer],
	);
	const source = useMessageSource(service, target, messageWindow);
	const producer = useProducer(service);
	const partitionCounts = useMemo(
		() => new Map((snapshot.data?.topics ?? []).map(t => [t.name, t.partitionCount])),
		[snapshot.data],
	);
	const allTopicNames = useMemo(
		() => (snapshot.data?.topics ?? []).filter(t => !t.internal).map(t => t.name),
		[snapshot.data],
	);
	const merged = useMemo(() => (source.window ? mergedMessages(source.window) : []), [source.window]);
	const filter = useMemo(() => parseFilter(state.filters.messages), [state.filters.messages]);
	const shown = useMemo(() => (filter.ok && filter.test ? merged.filter(filter.test) : merged), [merged, filter]);
	const shownKeys = useMemo(() => shown.map(messageKey), [shown]);
	const selectedIndex = resolveIndex(state.lists.messages, shownKeys);
	const selected = shown[selectedIndex] ?? null;
	const detailMessage = state.detail ? (merged.find(m => messageKey(m) === state.detail!.key) ?? null) : null;

	const screen = screenLayout(size.columns, size.rows);
	const bodyHeight = screen.tooSmall ? 1 : screen.bodyHeight;
	const boxes = explorerLayout(
		size.columns,
		bodyHeight,
		lists.brokers.rows.length,
		lists.topics.rows.length,
		lists.partitions.rows.length,
	);
	const groupsBox = {width: size.columns, height: bodyHeight};
	const help = useMemo(() => helpLines(readOnly), [readOnly]);
	const detailValue = useMemo(
		() => (detailMessage && state.detail ? valueLines(detailMessage.value, state.detail.mode, size.columns) : null),
		[detailMessage, state.detail?.mode, size.columns],
	);
	const detailPage = detailMessage && detailValue ? detailValueHeight(detailMessage, detailValue, bodyHeight) : 1;

	useExplorerKeys({
		state,
		dispatch,
		shapes: {
			brokers: {keys: lists.brokers.keys, height: boxes.brokers.height - PANE_CHROME},
			topics: {keys: lists.topics.keys, height: boxes.topics.height - PANE_CHROME},
			partitions: {keys: lists.partitions.keys, height: boxes.partitions.height - PANE_CHROME},
			groups: {keys: groupList.keys, height: groupsBox.height - PANE_CHROME - 1},
			group: {
				keys: groupPartitionRows.map(r => r.key),
				height: detailLayout(openLag?.group.members.length ?? 0, bodyHeight).tableHeight,
			},
			messages: {keys: shownKeys, height: bodyHeight - PANE_CHROME},
		},
		topicNames: lists.topics.rows.map(t => t.name),
		helpMax: Math.max(0, help.length - (bodyHeight - 1)),
		readOnly,
		refresh: snapshot.refresh,
		setCandidates,
		viewer: {
			target: pane => {
				const topic = lists.topic?.name;
				if (!topic) return null;
				if (pane === 'partitions') {
					const p = lists.partitions.rows[resolveIndex(state.lists.partitions, lists.partitions.keys)];
					return p ? {topic, partition: p.partition} : null;
				}
				return {topic, partition: null};
			},
			selected,
			filterTest: filter.ok ? filter.test : null,
			source,
			detailMax: Math.max(0, (detailValue?.count ?? 0) - detailPage),
			detailPage,
		},
		producer,
		partitionCounts,
		allTopicNames,
		groups: {
			rows: groupList.rows,
			partitions: groupPartitionRows,
			topicUnderCursor: lists.topic?.name ?? null,
			refresh: groups.refresh,
		},
	});

	// Moving near either end of what is loaded loads more there (moving: typing a filter does not load).
	useEffect(() => {
		if (
			state.view !== 'messages' ||
			state.detail ||
			!source.window ||
			source.loading ||
			source.following ||
			shown.length === 0
		)
			return;
		// Not before the selection is placed: a fresh window starting at the newest first moves it to the end.
		if (state.lists.messages.selectedKey === null) return;
		if (selectedIndex >= shown.length - 2 && hasMoreAfter(source.window)) void source.loadAfter();
		else if (selectedIndex <= 1 && hasMoreBefore(source.window)) void source.loadBefore();
	}, [state.lists.messages]);

	// Starting a live tail goes to the newest message, where new ones will appear.
	useEffect(() => {
		if (source.following && shownKeys.length > 0)
			dispatch({
				type: 'jump',
				pane: 'messages',
				shape: {keys: shownKeys, height: bodyHeight - PANE_CHROME},
				to: 'bottom',
			});
	}, [source.following]);

	// A fresh window selects the newest message when it starts at the newest, the found one after a search, and
	// while tailing the selection stays on the last row unless the reader moved away from it.
	const lastLength = useRef(0);
	useEffect(() => {
		if (state.view !== 'messages' || shownKeys.length === 0) return;
		const wasAtEnd =
			state.lists.messages.selectedKey === null
				? state.viewer?.start.kind === 'newest'
				: selectedIndex === lastLength.current - 1;
		if (source.focusKey && shownKeys.includes(source.focusKey)) {
			dispatch({type: 'select', pane: 'messages', key: source.focusKey});
			source.clearFocus();
		} else if (wasAtEnd && (state.lists.messages.selectedKey === null || source.following)) {
			dispatch({
				type: 'jump',
				pane: 'messages',
				shape: {keys: shownKeys, height: bodyHeight - PANE_CHROME},
				to: 'bottom',
			});
		}
		lastLength.current = shownKeys.length;
	}, [shownKeys]);

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
	const viewerFlash: Flash | null =
		state.view !== 'messages'
			? null
			: source.task
				? {level: 'info', text: taskLine(source.task)}
				: source.error
					? {level: 'error', text: source.error}
					: !filter.ok
						? {level: 'error', text: filter.error}
						: source.notice
							? {level: 'info', text: source.notice}
							: null;
	const flash: Flash | null =
		state.flash ??
		viewerFlash ??
		(live.error && live.status !== 'connected' ? {level: 'error', text: live.error} : null);
	const bootstrap = service.bootstrap.join(',');
	const width = size.columns;

	const body = () => {
		if (state.mode === 'help')
			return <HelpScreen lines={help} offset={state.helpOffset} width={width} height={bodyHeight} />;
		if (state.view === 'produce')
			return (
				<ProducerForm
					state={producer.state}
					file={producer.file}
					topics={allTopicNames}
					width={width}
					height={bodyHeight}
				/>
			);
		if (state.view === 'messages' && state.viewer) {
			if (state.detail && detailMessage && detailValue) {
				return (
					<MessageDetail
						message={detailMessage}
						value={detailValue}
						mode={state.detail.mode}
						scroll={state.detail.scroll}
						width={width}
						height={bodyHeight}
					/>
				);
			}
			const v = state.viewer;
			const where = `of ${v.topic}${v.partition === null ? '' : ` partition ${v.partition}`} from ${startText(v.start)}`;
			const status =
				source.loading === 'open'
					? 'loading …'
					: source.following
						? '▶ following'
						: source.loading
							? `loading ${source.loading} …`
							: '';
			return (
				<MessagesPane
					list={{rows: shown, keys: shownKeys, total: merged.length}}
					position={state.lists.messages}
					filter={state.filters.messages}
					detail={`${where}${status ? `  ${status}` : ''}`}
					box={{width, height: bodyHeight}}
				/>
			);
		}
		if (state.view === 'groups' && state.groupDetail) {
			if (!openGroup || !openGroup.ok) {
				const why = !openGroup
					? groups.data
						? `group ${state.groupDetail} is gone: deleted, or no longer listed by any coordinator`
						: 'loading ...'
					: `${openGroup.groupId}: ${openGroup.error}`;
				return (
					<Notice
						title={`group ${state.groupDetail}`}
						lines={[why, 'kex keeps asking at every refresh; Esc goes back to the list']}
						width={width}
						height={bodyHeight}
					/>
				);
			}
			return (
				<GroupDetail
					lag={openGroup.lag}
					rows={groupPartitionRows}
					history={groups.history}
					position={state.lists.group}
					width={width}
					height={bodyHeight}
					now={now}
				/>
			);
		}
		if (state.view === 'groups') {
			return (
				<GroupsPane
					sort={state.groupsSort}
					topic={state.groupsTopic}
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
		if (!snapshot.data)
			return <ConnectionProblem bootstrap={bootstrap} error={snapshot.error} width={width} height={bodyHeight} />;
		const common = (pane: 'brokers' | 'topics' | 'partitions') => ({
			position: state.lists[pane],
			filter: state.filters[pane],
			focused: state.focus === pane,
			stale,
			box: boxes[pane],
		});
		const topics = <TopicsPane list={lists.topics} showInternal={state.showInternal} {...common('topics')} />;
		const partitions = (
			<PartitionsPane list={lists.partitions} topic={lists.topic?.name ?? null} {...common('partitions')} />
		);
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
			<StatusLine
				mode={state.mode}
				filter={state.filters[state.focus]}
				command={state.command}
				candidates={candidates}
				flash={flash}
				width={width}
			/>
			<Footer
				hints={
					state.mode === 'help'
						? [
								{label: 'Esc', text: 'close help'},
								{label: 'j/k', text: 'scroll'},
							]
						: footerHints(state.focus, readOnly)
				}
				width={width}
			/>
		</Box>
	);
};

const startText = (start: StartPosition) =>
	start.kind === 'oldest'
		? 'oldest'
		: start.kind === 'newest'
			? `newest ${start.count}/partition`
			: start.kind === 'offset'
				? `offset ${start.offset}`
				: start.kind === 'timestamp'
					? new Date(start.timestamp).toISOString()
					: 'saved offsets';

const taskLine = (task: Task) => {
	const seconds = Math.max(0.001, (Date.now() - task.startedAt) / 1000);
	const rate = Math.round(task.scanned / seconds).toLocaleString('en-US');
	const read = `${task.scanned.toLocaleString('en-US')} read (${rate}/s)`;
	return task.kind === 'scan'
		? `searching: ${read}, no match yet. Esc cancels`
		: `exporting to ${task.file}: ${task.matched.toLocaleString('en-US')} written, ${read}. Esc cancels`;
};
