import type {AclBinding, AclFilter} from '../change-types.js';
import type {Connection} from '../connection.js';
import {createAcls, deleteAcls, describeAcls} from '../protocol/admin/acls.js';
import {bindingOf, checkAcl, codesOf, filterCodesOf} from './acl-names.js';
import {refusal} from './refusal.js';

// ACLs: listed by a filter, created one at a time, deleted by a filter (the deleted ones are returned).

const order = (a: AclBinding, b: AclBinding) =>
	a.principal.localeCompare(b.principal) ||
	a.resourceType.localeCompare(b.resourceType) ||
	a.resourceName.localeCompare(b.resourceName) ||
	a.operation.localeCompare(b.operation);

export const listAcls = async (connection: Connection, filter: AclFilter = {}): Promise<AclBinding[]> =>
	connection.run(async () => {
		const answer = await connection.anyBroker(b => b.send(describeAcls, filterCodesOf(filter)));
		if (answer.errorCode !== 0) throw refusal('list ACLs', answer.errorCode, answer.errorMessage);
		return answer.bindings.map(bindingOf).sort(order);
	});

export const createAcl = async (connection: Connection, binding: AclBinding): Promise<void> => {
	checkAcl(binding);
	await connection.run(async () => {
		const [answer] = await connection.anyBroker(b => b.send(createAcls, [codesOf(binding)]));
		if (answer && answer.errorCode !== 0) throw refusal('create the ACL', answer.errorCode, answer.errorMessage);
	});
};

export const deleteAclsMatching = async (connection: Connection, filter: AclFilter): Promise<AclBinding[]> =>
	connection.run(async () => {
		const answer = await connection.anyBroker(b => b.send(deleteAcls, filterCodesOf(filter)));
		if (answer.errorCode !== 0) throw refusal('delete ACLs', answer.errorCode, answer.errorMessage);
		return answer.deleted.map(bindingOf).sort(order);
	});
