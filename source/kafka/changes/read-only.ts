import {KexError} from '../errors.js';
import type {KafkaService} from '../types.js';

// Read-only is enforced in the service, under every screen and command: whatever asks, nothing that changes the
// cluster is sent. A method added to the service that changes the cluster belongs in this list.

export const CHANGES = [
	'produce',
	'send',
	'sendRecords',
	'createTopic',
	'deleteTopic',
	'alterTopicConfigs',
	'addPartitions',
	'truncate',
	'resetOffsets',
	'deleteGroup',
	'deleteGroupOffsets',
	'createAcl',
	'deleteAcls',
] as const satisfies ReadonlyArray<keyof KafkaService>;

export const readOnlyRefusal = () =>
	new KexError(
		'read-only',
		'read-only: kex changes nothing on this cluster (--read-only, or read-only: true in its configuration)',
	);

export const guardReadOnly = (service: KafkaService): KafkaService => {
	const refuse = async () => {
		throw readOnlyRefusal();
	};
	return {...service, ...Object.fromEntries(CHANGES.map(name => [name, refuse]))};
};
