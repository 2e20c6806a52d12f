import type {LogDir} from '../../kafka/change-types.js';
import type {GroupLagResult} from '../../kafka/types.js';
import {bytes} from '../../shared/bytes.js';
import {count} from '../kit/format.js';
import {fit} from '../kit/text-fit.js';
import type {DetailTarget} from '../shell/app-state.js';

// The lines above a topic's or broker's configs: its disk, and who reads a topic.

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
