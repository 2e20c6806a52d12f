import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {KexError} from './errors.js';
import {groupBy} from './group-by.js';
import {consumerGroupDescribe} from './protocol/consumer-group-describe.js';
import {listGroups as listGroupsApi} from './protocol/list-groups.js';
import {metadata} from './snapshot.js';
import type {GroupDescription, GroupListing, GroupType} from './types.js';

// Consumer groups: which exist (every broker lists those it coordinates) and what they are (members, assignment),
// for classic groups and the Kafka 4 consumer protocol's alike.

const capitalize = (s: string) => (s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Brokers before ListGroups v5 know only classic groups. */
const toGroupType = (type: string | null): GroupType => {
	if (type === null) return 'classic';
	const t = type.toLowerCase();
	return t === 'classic' || t === 'consumer' || t === 'share' || t === 'streams' ? t : 'unknown';
};

/** The groups one broker coordinates, with their type and state where the broker can say (ListGroups v5). */
const listGroupsAt = async (connection: Connection, nodeId: number): Promise<GroupListing[]> => {
	const target = await connection.broker(nodeId);
	const listed = target.supports(listGroupsApi)
		? (await target.send(listGroupsApi, {})).groups
		: await target.listGroupsV0();
	return listed.map(g => ({
		groupId: g.groupId,
		protocolType: g.protocolType,
		state: g.state ?? 'Unknown',
		type: toGroupType(g.type),
		coordinatorId: nodeId,
	}));
};

export type GroupsListing = {groups: GroupListing[]; silent: Array<{nodeId: number; error: string}>};

/** Groups as every broker lists those it coordinates; brokers that do not answer are named, not fatal. */
export const listAllGroups = async (connection: Connection): Promise<GroupsListing> => {
	const meta = await metadata(connection, []);
	const silent: GroupsListing['silent'] = [];
	const lists = await Promise.all(
		meta.brokers.map(async ({nodeId, host, port}) => {
			try {
				return await listGroupsAt(connection, nodeId);
			} catch (error) {
				connection.brokerFailed();
				silent.push({nodeId, error: connection.describe(error, `${host}:${port}`).message});
				return [];
			}
		}),
	);
	if (silent.length === meta.brokers.length && silent.length > 0) throw new KexError('unreachable', silent[0]!.error);
	return {groups: lists.flat().sort((a, b) => a.groupId.localeCompare(b.groupId)), silent};
};

export const listGroups = async (connection: Connection): Promise<GroupListing[]> =>
	connection.run(async () => {
		const {groups, silent} = await listAllGroups(connection);
		if (silent.length > 0) {
			throw new KexError('broker-error', `broker ${silent[0]!.nodeId} did not list its groups: ${silent[0]!.error}`);
		}
		return groups;
	});

export const byCoordinator = (list: GroupListing[]) => groupBy(list, g => g.coordinatorId);

/** Describes groups that share a coordinator: one ConsumerGroupDescribe and one DescribeGroups at most. */
export const describeAt = async (
	connection: Connection,
	coordinatorId: number,
	list: GroupListing[],
): Promise<GroupDescription[]> => {
	const target = await connection.broker(coordinatorId);
	const modern = list.filter(g => g.type === 'consumer');
	const classic = list.filter(g => g.type !== 'consumer');
	const out: GroupDescription[] = [];
	if (modern.length > 0) {
		const response = await target.send(consumerGroupDescribe, {groupIds: modern.map(g => g.groupId)});
		for (const g of response) {
			if (g.errorCode !== ErrorCode.NONE) {
				throw new KexError(
					'broker-error',
					`cannot describe group ${g.groupId}: ${g.errorMessage ?? `error ${g.errorCode}`}`,
				);
			}
			out.push({
				groupId: g.groupId,
				type: 'consumer',
				protocolType: 'consumer',
				state: capitalize(g.state),
				assignor: g.assignor,
				coordinatorId,
				members: g.members.map(m => ({
					memberId: m.memberId,
					clientId: m.clientId,
					host: m.clientHost,
					instanceId: m.instanceId,
					assignment: m.assignment.flatMap(a => a.partitions.map(partition => ({topic: a.topic, partition}))),
				})),
			});
		}
	}
	if (classic.length > 0) {
		for (const g of await target.describeGroups(classic.map(c => c.groupId))) {
			out.push({
				groupId: g.groupId,
				type: list.find(x => x.groupId === g.groupId)?.type ?? 'classic',
				protocolType: g.protocolType,
				state: g.state,
				assignor: g.protocol,
				coordinatorId,
				members: g.members.map(m => ({
					memberId: m.memberId,
					clientId: m.clientId,
					host: m.clientHost,
					instanceId: m.groupInstanceId,
					assignment: m.assignment,
				})),
			});
		}
	}
	return out;
};
