import {KexError} from '../../kafka/errors.js';
import {ACL_OPERATIONS, ACL_RESOURCE_TYPES, checkAcl, oneOf} from '../../kafka/changes/acl-names.js';
import type {AclBinding, ResetPlan} from '../../kafka/change-types.js';
import {parseResetTarget, RESET_TARGET_HELP, resetTargetText} from '../../shared/reset-target.js';
import {aclText} from '../../shared/change-text.js';
import type {ChangeSpec, Values} from './change-spec.js';

// The changes offered on consumer groups (reset offsets, delete the group, delete its offsets of a topic) and on
// ACLs (create, delete).

const scopeOf = (v: Values) => {
	const topic = (v['topic'] ?? '').trim();
	const partitions = (v['partitions'] ?? '').trim();
	return {
		...(topic ? {topic} : {}),
		...(topic && partitions ? {partitions: partitions.split(',').map(p => Number(p.trim()))} : {}),
	};
};

export const resetOffsetsChange = (groupId: string, topic: string | null): ChangeSpec => {
	// The plan the preview showed is the one committed: the offsets end up exactly as the table said.
	let planned: ResetPlan | null = null;
	return {
		title: `reset the offsets of group ${groupId}`,
		fields: [
			{name: 'to', label: 'to', hint: RESET_TARGET_HELP},
			{name: 'topic', label: 'topic', hint: 'empty: every topic the group has offsets for'},
			{name: 'partitions', label: 'partitions', hint: 'empty: all; or 0,2,5 within the topic'},
		],
		initial: {to: 'newest', topic: topic ?? '', partitions: ''},
		async check(v, service) {
			const target = parseResetTarget(v['to'] ?? '');
			const plan = await service.planReset(groupId, scopeOf(v), target);
			planned = plan;
			// Each column as wide as its longest entry, so a row and its note stay one line on 80 columns.
			const cells = plan.rows.map(r => [r.topic, r.partition, r.current ?? '-', r.next, r.lagAfter].map(String));
			const head = ['TOPIC', 'PART', 'CURRENT', 'NEW', 'LAG AFTER'];
			const widths = head.map((h, i) => Math.max(h.length, ...cells.map(c => c[i]!.length)));
			const line = (c: string[]) =>
				c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
			return {
				lines: [
					`to ${resetTargetText(target)}: ${plan.rows.length} partition(s)`,
					line(head),
					...plan.rows.map((r, i) => `${line(cells[i]!)}${r.note ? `  ${r.note}` : ''}`),
				],
			};
		},
		async apply(_v, service) {
			// The dialog applies only a change it has checked.
			const plan = planned;
			if (!plan) throw new KexError('invalid-input', 'no preview to commit: check first');
			await service.resetOffsets(plan);
			return `group ${groupId}: ${plan.rows.length} offset(s) committed`;
		},
		refresh: 'groups',
	};
};

export const deleteGroupChange = (groupId: string): ChangeSpec => ({
	title: `delete group ${groupId}`,
	fields: [],
	initial: {},
	async check(_v, service) {
		const {group, partitions} = await service.groupLag(groupId);
		if (group.members.length > 0)
			throw new KexError(
				'refused',
				`group ${groupId} has ${group.members.length} active member(s) (${group.state}): stop its consumers first`,
			);
		const offsets = partitions.filter(p => p.committedOffset !== null).length;
		return {lines: [`group ${groupId} and its ${offsets} committed offset(s) go for good`], typed: groupId};
	},
	async apply(_v, service) {
		await service.deleteGroup(groupId);
		return `deleted group ${groupId}`;
	},
	refresh: 'groups',
});

export const deleteGroupOffsetsChange = (groupId: string, topic: string): ChangeSpec => ({
	title: `delete the offsets of group ${groupId} for ${topic}`,
	fields: [],
	initial: {},
	async check() {
		return {lines: [`group ${groupId} forgets where it was in ${topic}; its other topics keep their offsets`]};
	},
	async apply(_v, service) {
		const n = await service.deleteGroupOffsets(groupId, topic);
		return `group ${groupId}: offsets of ${topic} deleted (${n} partition(s))`;
	},
	refresh: 'groups',
});

const bindingOf = (v: Values): AclBinding => ({
	principal: (v['principal'] ?? '').trim(),
	operation: oneOf('operation', ACL_OPERATIONS, v['operation'] ?? ''),
	resourceType: oneOf('resource type', ACL_RESOURCE_TYPES, v['resourceType'] ?? ''),
	resourceName: (v['resourceName'] ?? '').trim(),
	patternType: v['patternType'] === 'prefixed' ? 'prefixed' : 'literal',
	host: (v['host'] ?? '').trim() || '*',
	permission: v['permission'] === 'deny' ? 'deny' : 'allow',
});

export const createAclChange = (): ChangeSpec => ({
	title: 'create an ACL',
	fields: [
		{name: 'principal', label: 'principal', hint: 'User:alice'},
		{name: 'permission', label: 'permission', choices: ['allow', 'deny']},
		{name: 'operation', label: 'operation', choices: ACL_OPERATIONS},
		{name: 'resourceType', label: 'resource type', choices: ACL_RESOURCE_TYPES},
		{name: 'resourceName', label: 'resource name', hint: '* for all; the cluster is kafka-cluster'},
		{name: 'patternType', label: 'pattern', choices: ['literal', 'prefixed']},
		{name: 'host', label: 'host', hint: '* for any'},
	],
	initial: {
		principal: 'User:',
		permission: 'allow',
		operation: 'read',
		resourceType: 'topic',
		resourceName: '',
		patternType: 'literal',
		host: '*',
	},
	async check(v) {
		const b = bindingOf(v);
		checkAcl(b);
		return {lines: [aclText(b)]};
	},
	async apply(v, service) {
		const b = bindingOf(v);
		await service.createAcl(b);
		return `created: ${aclText(b)}`;
	},
	refresh: 'detail',
});

export const deleteAclChange = (b: AclBinding): ChangeSpec => ({
	title: 'delete an ACL',
	fields: [],
	initial: {},
	async check() {
		return {lines: [aclText(b)]};
	},
	async apply(_v, service) {
		const gone = await service.deleteAcls(b);
		return `deleted ${gone.length} ACL(s): ${aclText(b)}`;
	},
	refresh: 'detail',
});
