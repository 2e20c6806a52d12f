import {KexError, type KexErrorKind} from '../errors.js';

// What a refused change means, in words, with the broker's own message where it gave one: "cannot create topic
// orders: Replication factor: 3 larger than available brokers: 1." Codes by the names of Kafka's protocol guide.

const WORDS: Readonly<Record<number, [string, KexErrorKind?]>> = {
	1: ['the offset is out of range'],
	3: ['no such topic or partition', 'unknown-topic'],
	7: ['the request timed out (the change may still happen)', 'broker-error'],
	14: ['the coordinator is still loading the group; try again in a moment', 'broker-error'],
	15: ['the group coordinator is not available; try again in a moment', 'broker-error'],
	16: ['that broker is not the group coordinator (it moved); try again', 'broker-error'],
	17: ['invalid topic name'],
	22: ['the group has active members'],
	24: ['invalid group id'],
	25: ['the group has active members'],
	27: ['the group is rebalancing (it has active members)'],
	29: ['not authorized for this topic (its ACLs do not allow it)', 'not-authorized'],
	30: ['not authorized for this group (its ACLs do not allow it)', 'not-authorized'],
	31: ['not authorized on the cluster (its ACLs do not allow it)', 'not-authorized'],
	35: ['the broker does not support this request', 'not-supported'],
	36: ['the topic already exists'],
	37: ['invalid number of partitions'],
	38: ['invalid replication factor'],
	40: ['invalid config'],
	41: ['the broker is not the controller; try again', 'broker-error'],
	42: ['invalid request'],
	44: ['the cluster policy does not allow it'],
	54: ['the cluster has no authorizer, so no ACLs (security disabled)'],
	68: ['the group has active members (stop its consumers first)'],
	69: ['no such group', 'unknown-group'],
	73: ['topic deletion is disabled on the cluster (delete.topic.enable=false)'],
	86: ['the group still reads this topic (it has members subscribed to it)'],
	87: ['invalid record'],
};

export const refusalText = (errorCode: number, errorMessage?: string | null) => {
	const words = WORDS[errorCode]?.[0] ?? `the broker refused it (error ${errorCode})`;
	// The broker's message is the more precise where it says more than the code's name.
	return errorMessage && errorMessage.trim() !== '' ? errorMessage.trim() : words;
};

/** `cannot <what>: <reason>` as the kind of error its code is. */
export const refusal = (what: string, errorCode: number, errorMessage?: string | null) =>
	new KexError(WORDS[errorCode]?.[1] ?? 'refused', `cannot ${what}: ${refusalText(errorCode, errorMessage)}`);
