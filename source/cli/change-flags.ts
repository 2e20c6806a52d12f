import {KexError} from '../kafka/errors.js';

// The flags of the commands that change the cluster, as typed; each command parses the ones it takes.

export type ChangeFlags = {
	dryRun: boolean;
	yes: boolean;
	partitions?: string;
	replicationFactor?: string;
	/** --config KEY=VALUE, for a new topic. */
	configs: string[];
	set: string[];
	reset: string[];
	count?: string;
	before?: string;
	to?: string;
	topic?: string;
	group?: string;
	/** The cluster itself as the ACL's resource (Kafka's tool says --cluster; here that names a configured cluster). */
	kafkaCluster: boolean;
	transactionalId?: string;
	principal?: string;
	operation?: string;
	host?: string;
	prefixed: boolean;
	deny: boolean;
};

const usage = (message: string) => new KexError('invalid-input', message);

export const wholeNumber = (name: string, value: string | undefined, min = 0): number => {
	if (value === undefined) throw usage(`missing ${name}`);
	const n = Number(value);
	if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
		throw usage(`invalid ${name} "${value}": expected a whole number, ${min} or more`);
	return n;
};

/** KEY=VALUE pairs (--config, --set) as a record; an empty value is allowed, a missing = is not. */
export const pairs = (name: string, list: string[]): Record<string, string> => {
	const record: Record<string, string> = {};
	for (const item of list) {
		const eq = item.indexOf('=');
		if (eq <= 0) throw usage(`invalid ${name} "${item}": expected KEY=VALUE`);
		record[item.slice(0, eq).trim()] = item.slice(eq + 1);
	}
	return record;
};

/** 0,2,5 or 0-3 as partition numbers. */
export const partitionList = (text: string): number[] => {
	const list = text.split(',').flatMap(part => {
		const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
		if (range) {
			const [from, to] = [Number(range[1]), Number(range[2])];
			if (to < from) throw usage(`invalid partition range "${part}"`);
			return Array.from({length: to - from + 1}, (_, i) => from + i);
		}
		return [wholeNumber('partition', part.trim())];
	});
	return [...new Set(list)].sort((a, b) => a - b);
};
