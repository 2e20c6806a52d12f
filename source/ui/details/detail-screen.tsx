import {Box, Text} from 'ink';
import type {ConfigEntry, LogDir} from '../../kafka/change-types.js';
import type {GroupLagResult} from '../../kafka/types.js';
import {count} from '../kit/format.js';
import {bytes} from '../../shared/bytes.js';
import {fallbackText} from '../../shared/change-text.js';
import type {Box as Area} from '../kit/box.js';
import {ListPane} from '../kit/list-pane.js';
import type {Listed} from '../kit/list-types.js';
import type {ListPosition} from '../kit/list-window.js';
import {fit} from '../kit/text-fit.js';
import type {DetailTarget} from '../shell/app-state.js';

// A topic's or broker's details: a few lines of disk (and, for a topic, who reads it), then every config with its
// value, where the value comes from, and what a reset would leave.

export type DetailModel = {
	target: DetailTarget;
	list: Listed<ConfigEntry>;
	summary: string[];
	error: string | null;
	loading: boolean;
};

const fallbackOf = (c: ConfigEntry) => (c.source === 'topic' ? fallbackText(c) : '');

/** The disk lines: per broker and directory, size and free space; for a topic, its size per partition replica. */
export const diskSummary = (target: DetailTarget, dirs: LogDir[], width: number): string[] => {
	if (target.kind === 'broker') {
		return dirs.map(d =>
			d.error
				? `${d.path || 'log dirs'}: ${d.error}`
				: `${d.path}: ${bytes(d.replicas.reduce((s, r) => s + r.size, 0))} in ${d.replicas.length} replica(s), ${d.usableBytes === null ? '' : `${bytes(d.usableBytes)} free of ${bytes(d.totalBytes)}`}`,
		);
	}
	const total = dirs.reduce((s, d) => s + d.replicas.reduce((t, r) => t + r.size, 0), 0);
	const parts = dirs
		.flatMap(d => d.replicas.map(r => `p${r.partition}@${d.brokerId}: ${bytes(r.size)}`))
		.sort((a, b) => a.localeCompare(b, 'en', {numeric: true}));
	const failed = dirs.filter(d => d.error).map(d => `broker ${d.brokerId}: ${d.error}`);
	return [fit(`on disk: ${bytes(total)} in all replicas   ${parts.join('  ')}`, width), ...failed];
};

type Props = {
	model: DetailModel;
	position: ListPosition;
	filter: string;
	readers: string[];
	stale: boolean;
	box: Area;
};

export const DetailScreen = ({model, position, filter, readers, stale, box}: Props) => {
	const head = [...model.summary, ...readers].slice(0, Math.max(0, Math.floor(box.height / 3)));
	const what = model.target.kind === 'topic' ? `topic ${model.target.name}` : `broker ${model.target.id}`;
	return (
		<Box flexDirection="column" width={box.width} height={box.height}>
			{model.error ? (
				<Text color="red" wrap="truncate">
					{fit(`✖ ${model.error}`, box.width)}
				</Text>
			) : null}
			{head.map((line, i) => (
				<Text key={i} wrap="truncate">
					{fit(line, box.width)}
				</Text>
			))}
			<ListPane
				list={model.list}
				position={position}
				filter={filter}
				focused
				stale={stale}
				box={{width: box.width, height: box.height - head.length - (model.error ? 1 : 0)}}
				name={`configs of ${what}`}
				columns={[
					{title: 'CONFIG', width: 'flex', minWidth: 24, maxWidth: 42, cell: c => c.name},
					{
						title: 'VALUE',
						width: 'flex',
						minWidth: 12,
						maxWidth: 40,
						cell: c => (c.sensitive ? '(hidden)' : (c.value ?? '-')),
					},
					{
						title: 'SOURCE',
						width: 11,
						cell: c => ({
							text: c.source,
							color: c.source === 'topic' || c.source === 'broker' ? 'cyan' : undefined,
							dim: c.source === 'default',
						}),
					},
					{title: 'RESET TO', width: 'flex', minWidth: 10, maxWidth: 30, cell: c => ({text: fallbackOf(c), dim: true})},
				]}
				empty={model.loading ? 'asking the cluster…' : 'no configs'}
			/>
		</Box>
	);
};

/** The groups that have offsets on the topic, with their lag on it: one line, most behind first. */
export const readersLine = (results: GroupLagResult[] | null, topic: string): string[] => {
	const found = (results ?? []).flatMap(r => {
		if (!r.ok) return [];
		const mine = r.lag.partitions.filter(p => p.topic === topic);
		if (mine.length === 0) return [];
		return [
			{id: r.lag.group.groupId, lag: mine.reduce((s, p) => s + (p.lag ?? 0), 0), members: r.lag.group.members.length},
		];
	});
	if (results === null) return ['read by: (groups not read yet)'];
	if (found.length === 0) return ['read by: no consumer group has offsets on it'];
	found.sort((a, b) => b.lag - a.lag);
	return [
		`read by: ${found.map(g => `${g.id} (lag ${count(g.lag)}${g.members === 0 ? ', no members' : ''})`).join(', ')}`,
	];
};
