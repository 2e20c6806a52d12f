import type {AclBinding, AclFilter} from '../kafka/change-types.js';
import {ACL_OPERATIONS, oneOf} from '../kafka/changes/acl-names.js';
import {KexError} from '../kafka/errors.js';
import {confirmChange} from './ask.js';
import type {ChangeFlags} from './change-flags.js';
import type {CommandContext} from './commands.js';
import {aclText} from '../shared/change-text.js';
import {renderTable} from './table.js';
import {changing} from './topic-commands.js';

// kex acl list | create | delete. The resource is named as Kafka's own tool names it: --topic, --group,
// --kafka-cluster (its --cluster names a configured cluster here), --transactional-id; --prefixed makes the name a prefix.

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const resourceOf = (f: ChangeFlags): Pick<AclBinding, 'resourceType' | 'resourceName'> | null => {
	const named = [
		f.topic !== undefined && ({resourceType: 'topic', resourceName: f.topic} as const),
		f.group !== undefined && ({resourceType: 'group', resourceName: f.group} as const),
		f.kafkaCluster && ({resourceType: 'cluster', resourceName: 'kafka-cluster'} as const),
		f.transactionalId !== undefined && ({resourceType: 'transactional-id', resourceName: f.transactionalId} as const),
	].filter(x => x !== false);
	if (named.length > 1)
		throw new KexError('invalid-input', 'name one resource: --topic, --group, --kafka-cluster or --transactional-id');
	return named[0] ?? null;
};

const filterOf = (f: ChangeFlags): AclFilter => ({
	...resourceOf(f),
	...(f.prefixed ? {patternType: 'prefixed'} : {}),
	...(f.principal ? {principal: f.principal} : {}),
	...(f.host ? {host: f.host} : {}),
	...(f.operation ? {operation: oneOf('operation', ACL_OPERATIONS, f.operation)} : {}),
	...(f.deny ? {permission: 'deny'} : {}),
});

const table = (list: AclBinding[]) =>
	renderTable(list, [
		{title: 'PRINCIPAL', value: b => b.principal},
		{title: 'PERMISSION', value: b => b.permission},
		{title: 'OPERATION', value: b => b.operation},
		{title: 'RESOURCE', value: b => b.resourceType},
		{title: 'NAME', value: b => b.resourceName},
		{title: 'PATTERN', value: b => b.patternType},
		{title: 'HOST', value: b => b.host},
	]);

const list = async ({change, flags, out, service}: CommandContext) => {
	const found = await service.acls(filterOf(change));
	if (flags.json) return out.write(json(found));
	await out.write(found.length === 0 ? 'no ACLs match\n' : table(found));
};

const create = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const resource = resourceOf(change);
	if (!resource)
		throw new KexError(
			'invalid-input',
			'name the resource: --topic NAME, --group NAME, --kafka-cluster or --transactional-id ID',
		);
	if (!change.principal) throw new KexError('invalid-input', 'missing --principal (such as User:alice)');
	if (!change.operation)
		throw new KexError('invalid-input', `missing --operation: one of ${ACL_OPERATIONS.join(', ')}`);
	const binding: AclBinding = {
		...resource,
		patternType: change.prefixed ? 'prefixed' : 'literal',
		principal: change.principal,
		host: change.host ?? '*',
		operation: oneOf('operation', ACL_OPERATIONS, change.operation),
		permission: change.deny ? 'deny' : 'allow',
	};
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, acl: binding}));
		return out.write(`dry run: would create: ${aclText(binding)}\n`);
	}
	await confirmChange({yes: change.yes, stdin: c.stdin, stderr: c.stderr}, `Create the ACL: ${aclText(binding)}?`);
	await service.createAcl(binding);
	if (flags.json) return out.write(json({created: true, acl: binding}));
	await out.write(`created: ${aclText(binding)}\n`);
};

const remove = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const filter = filterOf(change);
	if (Object.keys(filter).length === 0)
		throw new KexError(
			'invalid-input',
			'say which ACLs to delete (--principal, --topic, --group, --operation ...): kex never deletes every ACL at once',
		);
	const matching = await service.acls(filter);
	if (matching.length === 0) throw new KexError('invalid-input', 'no ACLs match: nothing to delete');
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, acls: matching}));
		return out.write(`dry run: would delete ${matching.length} ACL(s):\n${table(matching)}`);
	}
	c.stderr.write(table(matching));
	await confirmChange({yes: change.yes, stdin: c.stdin, stderr: c.stderr}, `Delete these ${matching.length} ACL(s)?`);
	const deleted = await service.deleteAcls(filter);
	if (flags.json) return out.write(json({deleted}));
	await out.write(`deleted ${deleted.length} ACL(s)\n`);
};

export const ACL_ACTIONS: Record<string, (c: CommandContext) => Promise<void>> = {list, create, delete: remove};
