import type {ResetPlan, ResetRow, ResetScope, ResetTarget} from '../change-types.js';
import type {Connection} from '../connection.js';
import {isKexError, KexError} from '../errors.js';
import {groupBy} from '../group-by.js';
import {groupLag} from '../groups-lag.js';
import {listOffsets} from '../offsets.js';
import {offsetCommit} from '../protocol/admin/offset-commit.js';
import {topicDetails} from '../snapshot.js';
import type {GroupLag, PartitionInfo, TopicDetail} from '../types.js';
import {refusal} from './refusal.js';

// Resetting a group's committed offsets: first a plan (per partition the current offset, the new one and the lag
// it leaves), which is also the dry run; then the plan committed as is. Kafka accepts an admin's commit only while
// the group has no members, for classic and consumer-protocol (KIP-848) groups alike, so kex refuses before that.

const withMembers = (groupId: string, members?: {count: number; state: string}) =>
	new KexError(
		'refused',
		`cannot reset the offsets of group ${groupId}: it has ${members ? `${members.count} active member${members.count === 1 ? '' : 's'} (${members.state})` : 'active members'}; stop its consumers first`,
	);

const lagOrNew = async (connection: Connection, groupId: string, scope: ResetScope): Promise<GroupLag | null> => {
	try {
		return await groupLag(connection, groupId);
	} catch (error) {
		if (isKexError(error) && error.kind === 'unknown-group') {
			if (scope.topic) return null;
			throw new KexError('unknown-group', `unknown group: ${groupId} (to give a new group its offsets, name a topic)`);
		}
		throw error;
	}
};

const clamp = (wanted: number, p: {logStart: number; logEnd: number}): [number, string | null] => {
	if (wanted < p.logStart) return [p.logStart, `asked ${wanted}: before the oldest retained`];
	if (wanted > p.logEnd) return [p.logEnd, `asked ${wanted}: past the end`];
	return [wanted, null];
};

type Chosen = PartitionInfo & {topic: string};

const keyOf = (topic: string, partition: number) => `${topic}\0${partition}`;

/** The first offset at or after `timestamp` of each partition: one ListOffsets per leader; -1 where there is none. */
const offsetsAt = async (connection: Connection, partitions: Chosen[], timestamp: number) => {
	const found = new Map<string, number>();
	await Promise.all(
		[...groupBy(partitions, p => p.leader)].map(async ([leader, list]) => {
			if (leader < 0)
				throw new KexError(
					'broker-error',
					`partition ${list[0]!.partition} of ${list[0]!.topic} has no leader right now`,
				);
			const topics = [...groupBy(list, p => p.topic)].map(([topic, ps]) => ({
				topic,
				partitions: ps.map(p => p.partition),
			}));
			const answer = await listOffsets(await connection.broker(leader), topics, timestamp);
			for (const t of answer)
				for (const p of t.partitions) {
					if (p.errorCode !== 0) throw refusal(`look up offsets of ${t.topic}/${p.partition}`, p.errorCode);
					found.set(keyOf(t.topic, p.partition), p.offset);
				}
		}),
	);
	return found;
};

/** The partitions of a topic a reset moves: those named, else (a whole group) those it has offsets for. */
const chosenOf = (detail: TopicDetail, scope: ResetScope, committed: Map<string, number | null>): Chosen[] => {
	const all = detail.partitions.map(p => ({...p, topic: detail.name}));
	if (scope.partitions) {
		const missing = scope.partitions.filter(n => !all.some(p => p.partition === n));
		if (missing.length > 0)
			throw new KexError(
				'unknown-partition',
				`topic ${detail.name} has no partition ${missing.join(', ')} (it has ${all.length})`,
			);
		return all.filter(p => scope.partitions!.includes(p.partition));
	}
	return scope.topic ? all : all.filter(p => committed.get(keyOf(p.topic, p.partition)) != null);
};

export const planReset = async (
	connection: Connection,
	groupId: string,
	scope: ResetScope,
	target: ResetTarget,
): Promise<ResetPlan> => {
	if (scope.partitions && !scope.topic)
		throw new KexError('invalid-input', 'partitions are chosen within one topic: name it');
	const lag = await lagOrNew(connection, groupId, scope);
	if (lag && lag.group.members.length > 0)
		throw withMembers(groupId, {count: lag.group.members.length, state: lag.group.state});
	const committed = new Map((lag?.partitions ?? []).map(p => [keyOf(p.topic, p.partition), p.committedOffset]));
	const topics = scope.topic
		? [scope.topic]
		: [...new Set((lag?.partitions ?? []).filter(p => p.committedOffset !== null).map(p => p.topic))].sort();
	if (topics.length === 0)
		throw new KexError('invalid-input', `group ${groupId} has no committed offsets to reset: name a topic`);
	const chosen = (await topicDetails(connection, topics)).flatMap(detail => chosenOf(detail, scope, committed));
	const atTime = target.kind === 'timestamp' ? await offsetsAt(connection, chosen, target.timestamp) : null;
	const rows: ResetRow[] = [];
	const skipped: string[] = [];
	for (const p of chosen) {
		const {topic} = p;
		if (p.lowWatermark === null || p.highWatermark === null)
			throw new KexError('broker-error', `partition ${p.partition} of ${topic} has no leader to give its offsets`);
		const bounds = {logStart: p.lowWatermark, logEnd: p.highWatermark};
		const current = committed.get(keyOf(topic, p.partition)) ?? null;
		let next: number;
		let note: string | null = null;
		if (target.kind === 'oldest') next = bounds.logStart;
		else if (target.kind === 'newest') next = bounds.logEnd;
		else if (target.kind === 'offset') [next, note] = clamp(target.offset, bounds);
		else if (target.kind === 'timestamp') {
			const found = atTime?.get(keyOf(topic, p.partition)) ?? -1;
			[next, note] = found < 0 ? [bounds.logEnd, 'none since that time: the end'] : [found, null];
		} else {
			if (current === null) {
				skipped.push(`${topic}/${p.partition}`);
				continue;
			}
			[next, note] = clamp(current + target.by, bounds);
		}
		rows.push({topic, partition: p.partition, current, next, ...bounds, lagAfter: bounds.logEnd - next, note});
	}
	if (rows.length === 0)
		throw new KexError(
			'invalid-input',
			`nothing to shift: ${skipped.join(', ')} ha${skipped.length === 1 ? 's' : 've'} no committed offset`,
		);
	return {
		groupId,
		exists: lag !== null,
		state: lag?.group.state ?? 'new',
		members: lag?.group.members.length ?? 0,
		target,
		rows,
	};
};

/** Commits the plan's offsets, after checking again that the group has no members. */
export const applyReset = async (connection: Connection, plan: ResetPlan): Promise<void> => {
	const now = plan.exists ? await groupLag(connection, plan.groupId).catch(() => null) : null;
	if (now && now.group.members.length > 0)
		throw withMembers(plan.groupId, {count: now.group.members.length, state: now.group.state});
	await connection.run(async () => {
		const coordinator = await connection.broker(await connection.coordinatorOf(plan.groupId));
		const topics = [...groupBy(plan.rows, r => r.topic)].map(([topic, rows]) => ({
			topic,
			partitions: rows.map(r => ({partition: r.partition, offset: r.next})),
		}));
		const answer = await coordinator.send(offsetCommit, {groupId: plan.groupId, topics});
		const failed = answer.find(p => p.errorCode !== 0);
		if (failed) {
			// An admin's commit to a group with members is refused as if from an unknown member.
			if ([22, 25, 27].includes(failed.errorCode)) throw withMembers(plan.groupId);
			throw refusal(
				`reset the offsets of group ${plan.groupId} (${failed.topic}/${failed.partition})`,
				failed.errorCode,
			);
		}
	});
};
