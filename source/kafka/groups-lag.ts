import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {KexError, notAuthorized, type KexErrorKind} from './errors.js';
import {byCoordinator, describeAt, listAllGroups} from './groups.js';
import {groupLag as computeGroupLag} from './lag.js';
import {watermarks} from './offsets.js';
import {offsetFetch as offsetFetchApi, type OffsetFetchGroup} from './protocol/offset-fetch.js';
import {addressesOf, leadersOf, metadata} from './snapshot.js';
import type {GroupDescription, GroupLag, GroupLagResult, GroupListing} from './types.js';

// The lag of consumer groups, all in one batched round: ListGroups, then per coordinator one describe and one
// OffsetFetch for all its groups, one Metadata for their topics, and ListOffsets per leader.

type Result = GroupLagResult & {kind?: KexErrorKind};

/** Committed offsets of groups that share a coordinator: one OffsetFetch for all, or one each on older brokers. */
const committedAt = async (connection: Connection, coordinatorId: number, list: GroupListing[]) => {
	const target = await connection.broker(coordinatorId);
	const ids = list.map(g => g.groupId);
	return target.supports(offsetFetchApi)
		? target.send(offsetFetchApi, {groupIds: ids})
		: Promise.all(ids.map(id => target.offsetFetchV0(id)));
};

type Coordinated =
	| {ok: true; described: GroupDescription[]; committed: OffsetFetchGroup[]}
	| {ok: false; list: GroupListing[]; error: string};

/** Lag of groups (all when no ids are given), each failure with the kind of error it is. */
const lagOfGroups = async (connection: Connection, groupIds?: string[]): Promise<Result[]> =>
	connection.run(async () => {
		const {groups: listing, silent} = await listAllGroups(connection);
		const known = new Map(listing.map(g => [g.groupId, g]));
		// A broker that did not list its groups: they are missing from this answer, and it says so.
		const results: Result[] = silent.map(s => ({
			ok: false,
			kind: 'unreachable',
			groupId: `(groups of broker ${s.nodeId})`,
			error: `broker ${s.nodeId} did not list its groups: ${s.error}`,
		}));
		for (const id of groupIds ?? []) {
			if (!known.has(id)) {
				results.push({
					ok: false,
					kind: 'unknown-group',
					groupId: id,
					error: `unknown group: ${id} (deleted, or never existed)`,
				});
			}
		}
		const wanted = groupIds ? groupIds.flatMap(id => known.get(id) ?? []) : listing;
		// Per coordinator: a coordinator that fails costs only its own groups.
		const perCoordinator = await Promise.all(
			[...byCoordinator(wanted)].map(async ([coordinatorId, list]): Promise<Coordinated> => {
				try {
					const [described, committed] = await Promise.all([
						describeAt(connection, coordinatorId, list),
						committedAt(connection, coordinatorId, list),
					]);
					return {ok: true, described, committed};
				} catch (error) {
					return {ok: false, list, error: connection.describe(error).message};
				}
			}),
		);
		const topicNames = new Set<string>();
		for (const c of perCoordinator) {
			if (!c.ok) continue;
			for (const g of c.committed) for (const t of g.topics) topicNames.add(t.topic);
			for (const d of c.described) for (const m of d.members) for (const a of m.assignment) topicNames.add(a.topic);
		}
		const meta = topicNames.size > 0 ? await metadata(connection, [...topicNames]) : {topicMetadata: [], brokers: []};
		const live = meta.topicMetadata.filter(t => t.topicErrorCode === ErrorCode.NONE);
		const partitionsByTopic = new Map(live.map(t => [t.topic, leadersOf([t])]));
		const marks = await watermarks(connection, [...partitionsByTopic.values()].flat(), addressesOf(meta));
		for (const c of perCoordinator) {
			if (!c.ok) {
				for (const g of c.list) {
					const error = `coordinator ${g.coordinatorId} did not answer: ${c.error}`;
					results.push({ok: false, kind: 'unreachable', groupId: g.groupId, error});
				}
				continue;
			}
			const offsets = new Map(c.committed.map(g => [g.groupId, g]));
			for (const group of c.described) {
				const fetched = offsets.get(group.groupId);
				if (fetched && fetched.errorCode !== ErrorCode.NONE) {
					const error = `cannot read the offsets of ${group.groupId} (error ${fetched.errorCode})`;
					results.push({ok: false, kind: 'broker-error', groupId: group.groupId, error});
					continue;
				}
				const committed = (fetched?.topics ?? []).flatMap(t =>
					t.partitions
						.filter(p => p.errorCode === ErrorCode.NONE)
						.map(p => ({topic: t.topic, partition: p.partition, offset: p.offset, metadata: p.metadata})),
				);
				const topicsOfGroup = new Set([
					...committed.map(x => x.topic),
					...group.members.flatMap(m => m.assignment.map(a => a.topic)),
				]);
				const partitions = [...topicsOfGroup].flatMap(t => partitionsByTopic.get(t) ?? []);
				// A leader that did not answer leaves lag unknown for its partitions: never a partial total.
				const unreadable = partitions.filter(p => marks.lookup(p.topic, p.partition) === null);
				if (unreadable.length > 0) {
					const why = marks.warnings[0] ?? 'no leader';
					const error = `cannot compute the lag of ${group.groupId}: no log-end offset for ${unreadable.length} partition(s): ${why}`;
					results.push({ok: false, kind: 'broker-error', groupId: group.groupId, error});
					continue;
				}
				const gone = [...topicsOfGroup].filter(t => !partitionsByTopic.has(t));
				const lag = computeGroupLag({group, partitions, committed, watermarks: marks.lookup});
				results.push({ok: true, lag: gone.length > 0 ? {...lag, deletedTopics: gone} : lag});
			}
		}
		const idOf = (r: Result) => (r.ok ? r.lag.group.groupId : r.groupId);
		return results.sort((a, b) => idOf(a).localeCompare(idOf(b)));
	});

export const groupsLag = async (connection: Connection, groupIds?: string[]): Promise<GroupLagResult[]> =>
	(await lagOfGroups(connection, groupIds)).map(({kind: _, ...result}) => result as GroupLagResult);

/** One group's lag: the same batched path as the groups view, failing with its reason. */
export const groupLag = async (connection: Connection, groupId: string): Promise<GroupLag> => {
	const [result] = await lagOfGroups(connection, [groupId]);
	if (!result || (!result.ok && result.kind === 'unknown-group')) {
		// Groups this principal may not describe are left out of the listing: say which it is.
		if (!(await connection.mayDescribeGroup(groupId))) throw notAuthorized('describe', 'group', groupId);
		throw new KexError('unknown-group', `unknown group: ${groupId}`);
	}
	if (!result.ok) throw new KexError(result.kind ?? 'broker-error', result.error);
	return result.lag;
};
