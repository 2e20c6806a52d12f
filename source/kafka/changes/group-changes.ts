import type {Connection} from '../connection.js';
import {KexError} from '../errors.js';
import {groupLag} from '../groups-lag.js';
import {deleteGroups} from '../protocol/admin/delete-groups.js';
import {offsetDelete} from '../protocol/admin/offset-delete.js';
import {refusal} from './refusal.js';

// Deleting a group (only without members: the coordinator refuses otherwise) and a group's offsets of one topic.

/** The coordinator itself refuses a group with members (NON_EMPTY_GROUP) or none at all (GROUP_ID_NOT_FOUND). */
export const deleteGroup = async (connection: Connection, groupId: string): Promise<void> => {
	await connection.run(async () => {
		const coordinator = await connection.broker(await connection.coordinatorOf(groupId));
		const [answer] = await coordinator.send(deleteGroups, {groupIds: [groupId]});
		if (answer && answer.errorCode !== 0) throw refusal(`delete group ${groupId}`, answer.errorCode);
	});
};

/** Drops the group's committed offsets of `topic`; refused while a member of the group reads it. */
export const deleteGroupOffsets = async (connection: Connection, groupId: string, topic: string): Promise<number> => {
	const lag = await groupLag(connection, groupId);
	const partitions = lag.partitions.filter(p => p.topic === topic && p.committedOffset !== null).map(p => p.partition);
	if (partitions.length === 0)
		throw new KexError('invalid-input', `group ${groupId} has no committed offsets for ${topic}`);
	return connection.run(async () => {
		const coordinator = await connection.broker(await connection.coordinatorOf(groupId));
		const answer = await coordinator.send(offsetDelete, {groupId, topic, partitions});
		const code = answer.errorCode || answer.partitions.find(p => p.errorCode !== 0)?.errorCode || 0;
		if (code !== 0) throw refusal(`delete the offsets of group ${groupId} for ${topic}`, code);
		return partitions.length;
	});
};
