import {Box, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useState} from 'react';
import type {EarlyAnswer, KafkaService} from '../kafka/types.js';
import type {Schemas} from '../schema/schemas.js';
import {AclsScreen} from './acls/acls-screen.js';
import {useAcls} from './acls/use-acls.js';
import {SubjectScreen, SubjectsScreen, subjectLayout} from './subjects/subjects-screen.js';
import {useSubjects, useSubjectVersions} from './subjects/use-subjects.js';
import {ChangeDialog} from './change/change-dialog.js';
import {useChanges} from './change/use-change.js';
import {configsHeight, DetailScreen} from './details/detail-screen.js';
import {useDetail} from './details/use-detail.js';
import {ExplorerScreen} from './explorer/explorer-screen.js';
import {useExplorerModel} from './explorer/use-explorer-model.js';
import {topicReaders} from './explorer/topic-readers.js';
import {GroupsScreen} from './groups/groups-screen.js';
import {useGroupsLag} from './groups/use-groups-lag.js';
import {useGroupsModel} from './groups/use-groups-model.js';
import {detailLayout} from './groups/group-detail.js';
import {footerHints} from './keys/keymap.js';
import type {ClusterSwitch, KeyApi, ScreenModel} from './keys/types.js';
import {activeScope, useKeyRouter} from './keys/use-key-router.js';
import {PANE_CHROME} from './kit/box.js';
import {createStore, useStore} from './kit/store.js';
import {useLive} from './kit/use-live.js';
import {TickContext} from './kit/use-now.js';
import {useTerminalSize, type Size} from './kit/use-terminal-size.js';
import {detailValueHeight} from './messages/message-detail.js';
import {useViewer} from './messages/use-viewer.js';
import {useViewerRows} from './messages/use-viewer-rows.js';
import {messageValueLines} from './messages/value-lines.js';
import {viewerFlash} from './messages/viewer-flash.js';
import {ViewerScreen} from './messages/viewer-screen.js';
import {ProducerForm} from './producer/producer-form.js';
import {useProducer} from './producer/use-producer.js';
import {appReducer, initialAppState, type AppState, type Flash} from './shell/app-state.js';
import {ClusterPicker} from './shell/cluster-picker.js';
import {ConnectionProblem} from './shell/connection-problem.js';
import {Footer} from './shell/footer.js';
import {configuredIdentity, Header, partitionTrouble, type ClusterIdentity} from './shell/header.js';
import {HelpScreen, helpLines} from './shell/help-screen.js';
import {screenLayout} from './shell/layout.js';
import {StatusLine} from './shell/status-line.js';
import {TooSmall} from './shell/too-small.js';
import {useFlashTimeout} from './shell/use-flash-timeout.js';

export type AppProps = {
	service: KafkaService;
	/** The configured cluster's name, label and colour, for the header. */
	identity?: ClusterIdentity;
	/** The configured clusters :ctx switches between. */
	clusters?: ClusterSwitch;
	/** Where failures are logged in full, to say on the connection problem screen. */
	logFile?: string;
	/** A problem from outside the explorer to say (a cluster that could not be switched to). */
	problem?: {text: string} | null;
	refreshMs: number;
	readOnly: boolean;
	/** Fixed size for tests; the terminal's size otherwise. */
	size?: Size;
	initialState?: Partial<AppState>;
	/** Messages the viewer keeps at most (default 5,000); older ones are read again when scrolled back to. */
	messageWindow?: number;
	/** How often ages on screen tick, in ms; 0 stops them (tests). */
	tickMs?: number;
	/** The clock data is stamped with (tests advance their own). */
	clock?: () => number;
	/** The cluster's schema registry: the viewer decodes with it, :subjects browses it. */
	schemas?: Schemas | null;
};

export const App = ({tickMs = 1000, ...props}: AppProps) => (
	<TickContext.Provider value={tickMs}>
		<Explorer {...props} />
	</TickContext.Provider>
);

const Explorer = ({
	service,
	identity,
	clusters = undefined,
	problem = null,
	logFile,
	refreshMs,
	readOnly,
	size: fixedSize,
	initialState,
	messageWindow = 5000,
	clock = Date.now,
	schemas = null,
}: Omit<AppProps, 'tickMs'>) => {
	const {exit} = useApp();
	const size = useTerminalSize(fixedSize);
	const [app] = useState(() => createStore(appReducer, initialAppState(initialState)));
	const state = useStore(app);
	const [candidates, setCandidates] = useState<string[]>([]);
	const snapshot = useLive(
		useCallback((early?: EarlyAnswer) => service.snapshot(early), [service]),
		refreshMs,
		true,
		clock,
		// The warm start's early answer, when it came while the explorer loaded: the first frame lists the topics.
		service.firstLook?.() ?? null,
	);
	const {viewer, state: viewerState} = useViewer(service, messageWindow, schemas);
	// The groups round runs in the explorer too once the cluster has answered (never before the first frame): the
	// topics pane shows who reads each topic, and the groups view opens on samples already taken.
	const groupsWanted =
		state.view === 'groups' ||
		(state.view === 'messages' && state.viewerFrom === 'group') ||
		(state.view === 'explorer' && snapshot.lastGoodAt !== null) ||
		state.view === 'detail';
	const groups = useGroupsLag(service, refreshMs, groupsWanted, clock);
	const producer = useProducer(service, schemas);
	const changes = useChanges(service);

	const screen = screenLayout(size.columns, size.rows);
	const bodyHeight = screen.tooSmall ? 1 : screen.bodyHeight;
	const width = size.columns;
	const body = {width, height: bodyHeight};

	// The first snapshot's early answer: the cluster answered, its counts are on their way.
	const early = snapshot.data?.counting === true && snapshot.failures === 0;
	const explorer = useExplorerModel(snapshot.data, snapshot.previous, state, width, bodyHeight);
	const troubled = useMemo(() => partitionTrouble(snapshot.data), [snapshot.data]);
	const groupsModel = useGroupsModel(service, groups, state);
	const readers = useMemo(
		() => (groups.data ? topicReaders(groups.data, groups.history, groups.lastGoodAt ?? 0) : null),
		[groups.data, groups.history, groups.lastGoodAt],
	);
	const rows = useViewerRows(viewerState, state.filters.messages);
	const detail = viewerState.detail;
	const detailValue = useMemo(
		() => (rows.detailMessage && detail ? messageValueLines(rows.detailMessage, detail.mode, width) : null),
		[rows.detailMessage, detail, width],
	);
	const detailPage =
		rows.detailMessage && detailValue ? detailValueHeight(rows.detailMessage, detailValue, bodyHeight) : 1;
	const topics = snapshot.data?.topics;
	const partitionCounts = useMemo(() => new Map((topics ?? []).map(t => [t.name, t.partitionCount])), [topics]);
	const allTopicNames = useMemo(() => (topics ?? []).filter(t => !t.internal).map(t => t.name), [topics]);
	const help = useMemo(() => helpLines(readOnly), [readOnly]);
	const details = useDetail({
		service,
		target: state.detail,
		active: state.view === 'detail',
		refreshMs,
		filter: state.filters.configs,
		groups: groups.data,
		width,
		height: bodyHeight,
	});
	const acls = useAcls(service, state.view === 'acls', refreshMs, state.filters.acls);
	const subjects = useSubjects(schemas, state.view === 'subjects', refreshMs, state.filters.subjects);
	const versions = useSubjectVersions(schemas, state.view === 'subject' ? state.subject : null);
	const schema = useMemo(
		() => subjectLayout(versions.model, state.lists.versions, bodyHeight),
		[versions.model, state.lists.versions, bodyHeight],
	);

	const model: ScreenModel = {
		shapes: {
			brokers: {keys: explorer.lists.brokers.keys, height: explorer.boxes.brokers.height - PANE_CHROME},
			topics: {keys: explorer.lists.topics.keys, height: explorer.boxes.topics.height - PANE_CHROME},
			partitions: {keys: explorer.lists.partitions.keys, height: explorer.boxes.partitions.height - PANE_CHROME},
			groups: {keys: groupsModel.list.keys, height: bodyHeight - PANE_CHROME - 1},
			group: {
				keys: groupsModel.partitionKeys,
				height: detailLayout(groupsModel.open?.ok ? groupsModel.open.lag.group.members.length : 0, bodyHeight)
					.tableHeight,
			},
			messages: {keys: rows.list.keys, height: bodyHeight - PANE_CHROME},
			configs: {
				keys: details.model?.list.keys ?? [],
				height: details.model ? configsHeight(details.model, bodyHeight) - PANE_CHROME : 1,
			},
			acls: {keys: acls.model.list.keys, height: bodyHeight - PANE_CHROME},
			subjects: {keys: subjects.model.list.keys, height: bodyHeight - PANE_CHROME},
			versions: {keys: versions.model.list.keys, height: Math.max(1, schema.listHeight - PANE_CHROME)},
		},
		topicNames: explorer.lists.topics.keys,
		allTopicNames,
		partitionCounts,
		explorerTarget: explorer.target,
		viewer: {rows, detailMax: Math.max(0, (detailValue?.count ?? 0) - detailPage), detailPage},
		groups: {rows: groupsModel.list.rows, partitions: groupsModel.partitions},
		helpMax: Math.max(0, help.length - (bodyHeight - 1)),
		configs: details.model?.list.rows ?? [],
		acls: acls.model.list.rows,
		subjects: subjects.model.list.rows,
		schemaPage: schema.room,
		schemaMax: schema.max,
		topic: name => topics?.find(t => t.name === name),
		brokerCount: snapshot.data?.cluster.brokers.length ?? 1,
	};
	const api: KeyApi = {
		app,
		viewer,
		producer,
		changes,
		readOnly,
		hasRegistry: schemas !== null,
		clusters: clusters ?? null,
		screen: () => model,
		refreshSnapshot: snapshot.refresh,
		refreshGroups: groups.refresh,
		refreshDetail: () =>
			state.view === 'acls'
				? acls.refresh()
				: state.view === 'subjects'
					? subjects.refresh()
					: state.view === 'subject'
						? versions.refresh()
						: details.refresh(),
		setCandidates,
		flash: (level, text) => app.dispatch({type: 'flash', flash: {level, text}}),
		exit,
	};
	useKeyRouter(api);

	// Warnings of a snapshot (a leader that did not answer) are said once, when they appear.
	const warnings = snapshot.data?.warnings.join('; ') ?? '';
	useEffect(() => {
		if (warnings) app.dispatch({type: 'flash', flash: {level: 'warn', text: warnings}});
	}, [app, warnings]);
	useFlashTimeout(app, state.flash);
	useEffect(() => {
		if (problem) app.dispatch({type: 'flash', flash: {level: 'error', text: problem.text}});
	}, [app, problem]);

	if (screen.tooSmall) return <TooSmall columns={size.columns} rows={size.rows} />;

	const live = state.view === 'groups' ? groups : snapshot;
	const ownFlash = state.view === 'messages' ? viewerFlash(viewerState, rows.filter, Date.now()) : null;
	const flash: Flash | null =
		state.flash ?? ownFlash ?? (live.error && live.status !== 'connected' ? {level: 'error', text: live.error} : null);
	const bootstrap = service.bootstrap.join(',');

	const content = () => {
		if (state.mode === 'help') {
			return <HelpScreen lines={help} offset={state.helpOffset} width={width} height={bodyHeight} />;
		}
		if (state.mode === 'change') return <ChangeDialog state={changes.state} width={width} height={bodyHeight} />;
		if (state.mode === 'clusters' && clusters) {
			const close = () => app.dispatch({type: 'clusters', open: false});
			return <ClusterPicker clusters={clusters} onClose={close} width={width} height={bodyHeight} />;
		}
		if (state.view === 'produce') {
			return (
				<ProducerForm
					state={producer.state}
					file={producer.file}
					topics={allTopicNames}
					width={width}
					height={bodyHeight}
				/>
			);
		}
		if (state.view === 'messages') {
			return (
				<ViewerScreen
					state={viewerState}
					rows={rows}
					filter={state.filters.messages}
					detailValue={detailValue}
					box={body}
				/>
			);
		}
		if (state.view === 'detail' && details.model) {
			return (
				<DetailScreen model={details.model} position={state.lists.configs} filter={state.filters.configs} box={body} />
			);
		}
		if (state.view === 'acls') {
			return <AclsScreen model={acls.model} position={state.lists.acls} filter={state.filters.acls} box={body} />;
		}
		if (state.view === 'subjects')
			return (
				<SubjectsScreen
					model={subjects.model}
					position={state.lists.subjects}
					filter={state.filters.subjects}
					box={body}
					where={schemas ? `in ${schemas.where.replace(/^the schema registry at /, '')}` : ''}
				/>
			);
		if (state.view === 'subject' && state.subject)
			return (
				<SubjectScreen
					subject={state.subject}
					model={versions.model}
					layout={schema}
					position={state.lists.versions}
					filter={state.filters.versions}
					scroll={state.schemaScroll}
					box={body}
				/>
			);
		if (state.view === 'groups') return <GroupsScreen model={groupsModel} groups={groups} state={state} box={body} />;
		if (!snapshot.data) {
			return (
				<ConnectionProblem
					bootstrap={bootstrap}
					cluster={configuredIdentity(identity, bootstrap)?.name ?? null}
					error={snapshot.error}
					logFile={logFile}
					width={width}
					height={bodyHeight}
				/>
			);
		}
		const stale = snapshot.status !== 'connected' && !early;
		return <ExplorerScreen model={explorer} state={state} stale={stale} height={bodyHeight} readers={readers} />;
	};

	return (
		<Box flexDirection="column" width={width} height={screen.frameHeight}>
			<Header
				bootstrap={bootstrap}
				identity={identity}
				cluster={snapshot.data?.cluster ?? null}
				offlineBrokers={explorer.lists.brokers.rows.filter(b => !b.online).length}
				partitions={troubled}
				status={early ? 'connected' : snapshot.status}
				lastGoodAt={snapshot.lastGoodAt}
				counting={early}
				nextAttemptAt={snapshot.retryAt}
				failures={snapshot.failures}
				readOnly={readOnly}
				width={width}
			/>
			{content()}
			<StatusLine
				mode={state.mode}
				filter={state.filters[state.focus]}
				command={state.command}
				candidates={candidates}
				flash={flash}
				width={width}
			/>
			<Footer hints={footerHints(activeScope(api), readOnly)} width={width} />
		</Box>
	);
};
