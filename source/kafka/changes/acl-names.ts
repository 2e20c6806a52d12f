import type {AclBinding, AclFilter, AclOperation, AclResourceType} from '../change-types.js';
import {KexError} from '../errors.js';
import type {AclBindingCodes, AclFilterCodes} from '../protocol/admin/acls.js';

// Kafka's ACL enums by name, both ways. ANY (1) in a filter matches every value.

const ANY = 1;

const RESOURCE_TYPES: Record<AclResourceType, number> = {
	topic: 2,
	group: 3,
	cluster: 4,
	'transactional-id': 5,
	'delegation-token': 6,
	user: 7,
};

const OPERATIONS: Record<AclOperation, number> = {
	all: 2,
	read: 3,
	write: 4,
	create: 5,
	delete: 6,
	alter: 7,
	describe: 8,
	'cluster-action': 9,
	'describe-configs': 10,
	'alter-configs': 11,
	'idempotent-write': 12,
	'create-tokens': 13,
	'describe-tokens': 14,
};

const PATTERNS = {match: 2, literal: 3, prefixed: 4} as const;
const PERMISSIONS = {deny: 2, allow: 3} as const;

export const ACL_RESOURCE_TYPES = Object.keys(RESOURCE_TYPES) as AclResourceType[];
export const ACL_OPERATIONS = Object.keys(OPERATIONS) as AclOperation[];

const nameOf = <K extends string>(table: Record<K, number>, code: number): K => {
	const found = (Object.keys(table) as K[]).find(k => table[k] === code);
	if (found === undefined)
		throw new KexError('broker-error', `the broker named an ACL value kex does not know (${code})`);
	return found;
};

/** `name` as one of `table`'s keys, or an invalid-input error listing them. */
export const oneOf = <K extends string>(what: string, table: readonly K[], name: string): K => {
	const key = name.toLowerCase().replaceAll('_', '-') as K;
	if (!table.includes(key))
		throw new KexError('invalid-input', `unknown ${what} "${name}": one of ${table.join(', ')}`);
	return key;
};

export const bindingOf = (c: AclBindingCodes): AclBinding => ({
	resourceType: nameOf(RESOURCE_TYPES, c.resourceType),
	resourceName: c.resourceName,
	patternType: c.patternType === PATTERNS.prefixed ? 'prefixed' : 'literal',
	principal: c.principal,
	host: c.host,
	operation: nameOf(OPERATIONS, c.operation),
	permission: c.permission === PERMISSIONS.deny ? 'deny' : 'allow',
});

export const codesOf = (b: AclBinding): AclBindingCodes => ({
	resourceType: RESOURCE_TYPES[b.resourceType],
	resourceName: b.resourceName,
	patternType: PATTERNS[b.patternType],
	principal: b.principal,
	host: b.host,
	operation: OPERATIONS[b.operation],
	permission: PERMISSIONS[b.permission],
});

export const filterCodesOf = (f: AclFilter): AclFilterCodes => ({
	resourceType: f.resourceType ? RESOURCE_TYPES[f.resourceType] : ANY,
	resourceName: f.resourceName ?? null,
	// Without a name, any pattern; with one, the ACLs that name it literally or as a prefix.
	patternType: f.patternType ? PATTERNS[f.patternType] : ANY,
	principal: f.principal ?? null,
	host: f.host ?? null,
	operation: f.operation ? OPERATIONS[f.operation] : ANY,
	permission: f.permission ? PERMISSIONS[f.permission] : ANY,
});

/** What Kafka would refuse in an ACL, said before asking it. */
export const checkAcl = (b: AclBinding) => {
	if (!/^[^:]+:.+$/.test(b.principal))
		throw new KexError('invalid-input', `a principal is TYPE:NAME, such as User:alice (not "${b.principal}")`);
	if (b.resourceName === '') throw new KexError('invalid-input', 'an ACL needs a resource name (* for every one)');
	if (b.resourceType === 'cluster' && b.resourceName !== 'kafka-cluster')
		throw new KexError('invalid-input', 'the cluster resource is named kafka-cluster');
};
