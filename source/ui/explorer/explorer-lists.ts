import type {BrokerInfo, ClusterSnapshot, PartitionInfo, TopicOverview} from '../../kafka/types.js';
import type {Change, Listed} from '../kit/list-types.js';
import {matches} from '../kit/matches.js';
import type {ListPosition} from '../kit/list-window.js';
import type {AppState} from '../shell/app-state.js';

// The rows each explorer pane shows, after the internal toggle and the filters, with what changed since the
// previous refresh. Both the panes and the key handler read these, so movement and display always agree.

/** `online` is false for a broker that replicas name but the metadata no longer lists: it is down or fenced. */
export type BrokerRow = BrokerInfo & {
	key: string;
	online: boolean;
	/** kex could not reach this broker at its last try, though the cluster still lists it. */
	silent: boolean;
	controller: boolean;
	leaderPartitions: number;
	replicaPartitions: number;
};
export type TopicRow = TopicOverview & {key: string; messagesChange: Change; urpChange: Change};
export type PartitionRow = PartitionInfo & {
	key: string;
	outOfSync: number[];
	highChange: Change;
	lowChange: Change;
	isrChange: Change;
};

export type ExplorerLists = {
	brokers: Listed<BrokerRow>;
	topics: Listed<TopicRow>;
	partitions: Listed<PartitionRow>;
	/** The topic whose partitions are shown. */
	topic: TopicOverview | null;
	/** The snapshot's early answer: its watermarks, and so every count, are still being read. */
	counting: boolean;
};

const change = (now: number | null | undefined, before: number | null | undefined): Change => {
	if (now === null || now === undefined || before === null || before === undefined || now === before) return null;
	return now > before ? 'up' : 'down';
};

const listed = <Row extends {key: string}>(all: Row[], filter: (row: Row) => boolean): Listed<Row> => {
	const rows = all.filter(filter);
	return {rows, keys: rows.map(r => r.key), total: all.length};
};

const EMPTY: ExplorerLists = {
	brokers: {rows: [], keys: [], total: 0},
	topics: {rows: [], keys: [], total: 0},
	partitions: {rows: [], keys: [], total: 0},
	topic: null,
	counting: false,
};

// A topic the snapshot hands back unchanged keeps its row from one refresh to the next: thousands of rows are not
// made again (and carried into V8's old generation) every few seconds.
const steadyRows = new WeakMap<TopicOverview, TopicRow>();

// Field by field: for thousands of topics a spread ({...t}) costs five times as much while V8 is still cold, as it
// is when the first frame is drawn.
const rowOf = (t: TopicOverview, messagesChange: Change, urpChange: Change): TopicRow => ({
	name: t.name,
	internal: t.internal,
	partitionCount: t.partitionCount,
	replicationFactor: t.replicationFactor,
	underReplicatedPartitions: t.underReplicatedPartitions,
	offlinePartitions: t.offlinePartitions,
	approxMessageCount: t.approxMessageCount,
	partitions: t.partitions,
	key: t.name,
	messagesChange,
	urpChange,
});

const topicRow = (t: TopicOverview, old: TopicOverview | undefined): TopicRow => {
	const messagesChange = change(t.approxMessageCount, old?.approxMessageCount);
	const urpChange = change(t.underReplicatedPartitions, old?.underReplicatedPartitions);
	if (messagesChange !== null || urpChange !== null) return rowOf(t, messagesChange, urpChange);
	let row = steadyRows.get(t);
	if (!row) steadyRows.set(t, (row = rowOf(t, messagesChange, urpChange)));
	return row;
};

export const explorerLists = (
	snapshot: ClusterSnapshot | null,
	previous: ClusterSnapshot | null,
	state: Pick<AppState, 'filters' | 'showInternal'> & {topics: ListPosition},
): ExplorerLists => {
	if (!snapshot) return EMPTY;
	const leaders = new Map<number, number>();
	const replicas = new Map<number, number>();
	for (const t of snapshot.topics) {
		for (const p of t.partitions) {
			leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
			for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1);
		}
	}
	const known = new Set(snapshot.cluster.brokers.map(b => b.id));
	const missing = [...replicas.keys()].filter(id => !known.has(id)).map(id => ({id, host: '?', port: 0, rack: null}));
	const brokerRows: BrokerRow[] = [...snapshot.cluster.brokers, ...missing]
		.sort((a, b) => a.id - b.id)
		.map(b => ({
			...b,
			key: String(b.id),
			online: known.has(b.id),
			silent: snapshot.cluster.silent.some(s => s.id === b.id),
			controller: b.id === snapshot.cluster.controllerId,
			leaderPartitions: leaders.get(b.id) ?? 0,
			replicaPartitions: replicas.get(b.id) ?? 0,
		}));
	const brokers = listed(brokerRows, b => matches(state.filters.brokers, b.id, `${b.host}:${b.port}`, b.rack ?? ''));

	const before = new Map(previous?.topics.map(t => [t.name, t]) ?? []);
	const topicRows: TopicRow[] = snapshot.topics
		.filter(t => state.showInternal || !t.internal)
		.map(t => topicRow(t, before.get(t.name)));
	const topics = listed(topicRows, t => matches(state.filters.topics, t.name));

	// The partitions follow the topic under the cursor, or the first one listed before anything is selected.
	const selectedName = state.topics.selectedKey;
	const topic =
		(selectedName !== null && topics.keys.includes(selectedName)
			? topics.rows.find(t => t.name === selectedName)
			: undefined) ??
		topics.rows[Math.min(state.topics.index, topics.rows.length - 1)] ??
		null;
	const beforeTopic = topic ? before.get(topic.name) : undefined;
	const partitionRows: PartitionRow[] = (topic?.partitions ?? []).map(p => {
		const old = beforeTopic?.partitions.find(q => q.partition === p.partition);
		return {
			...p,
			key: String(p.partition),
			outOfSync: p.replicas.filter(r => !p.isr.includes(r)),
			highChange: change(p.highWatermark, old?.highWatermark),
			lowChange: change(p.lowWatermark, old?.lowWatermark),
			isrChange: change(p.isr.length, old?.isr.length),
		};
	});
	// Besides the number, 'under-replicated' and 'offline' find the partitions that need attention.
	const partitions = listed(partitionRows, p =>
		matches(
			state.filters.partitions,
			p.partition,
			p.outOfSync.length > 0 ? 'under-replicated' : '',
			p.leader < 0 ? 'offline' : '',
		),
	);
	return {brokers, topics, partitions, topic, counting: snapshot.counting === true};
};
