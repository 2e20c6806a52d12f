import {KexError} from '../../kafka/errors.js';
import type {ChangeSpec, Values} from './change-spec.js';

// The changes offered on topics and partitions: create, delete, grow, truncate, and a topic config set or reset.

const COMMON_CONFIGS = 'retention.ms, cleanup.policy, min.insync.replicas, max.message.bytes, compression.type';

const whole = (name: string, text: string | undefined, min: number) => {
	const n = Number(text);
	if (!text || !/^\d+$/.test(text.trim()) || n < min)
		throw new KexError('invalid-input', `${name}: a whole number, ${min} or more (not "${text ?? ''}")`);
	return n;
};

/** retention.ms=3600000, cleanup.policy=compact: as typed in the configs field. */
const configsOf = (text: string | undefined): Record<string, string> => {
	const record: Record<string, string> = {};
	for (const item of (text ?? '')
		.split(',')
		.map(s => s.trim())
		.filter(Boolean)) {
		const eq = item.indexOf('=');
		if (eq <= 0) throw new KexError('invalid-input', `configs: "${item}" is not KEY=VALUE`);
		record[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
	}
	return record;
};

const specOf = (v: Values) => ({
	name: (v['name'] ?? '').trim(),
	// Empty: the broker's default.
	partitions: v['partitions']?.trim() ? whole('partitions', v['partitions'], 1) : null,
	replicationFactor: v['replicationFactor']?.trim() ? whole('replication factor', v['replicationFactor'], 1) : null,
	configs: configsOf(v['configs']),
});

export const createTopicChange = (brokers: number): ChangeSpec => ({
	title: 'create a topic',
	fields: [
		{name: 'name', label: 'name', hint: "letters, digits, '.', '_' and '-'"},
		{name: 'partitions', label: 'partitions', hint: "empty: the broker's default (num.partitions)"},
		{
			name: 'replicationFactor',
			label: 'replication factor',
			hint: `the cluster has ${brokers} broker(s); empty: the broker's default`,
		},
		{name: 'configs', label: 'configs', hint: `KEY=VALUE, comma-separated: ${COMMON_CONFIGS}`},
	],
	initial: {name: '', partitions: '3', replicationFactor: String(Math.min(3, Math.max(1, brokers))), configs: ''},
	async check(v, service) {
		const planned = await service.createTopic(specOf(v), {validateOnly: true});
		const set = planned.configs.filter(c => c.source === 'topic');
		return {
			lines: [
				`the broker accepts topic ${planned.name}: ${planned.partitions} partition(s), replication factor ${planned.replicationFactor}`,
				...set.map(c => `  ${c.name} = ${c.value ?? '(hidden)'}`),
			],
		};
	},
	async apply(v, service) {
		const created = await service.createTopic(specOf(v), {validateOnly: false});
		return `created topic ${created.name} (${created.partitions} partitions, replication factor ${created.replicationFactor})`;
	},
	refresh: 'snapshot',
});

export const deleteTopicChange = (topic: string, partitions: number, messages: number | null): ChangeSpec => ({
	title: `delete topic ${topic}`,
	fields: [],
	initial: {},
	async check() {
		return {
			lines: [
				`topic ${topic}: ${partitions} partition(s)${messages === null ? '' : `, about ${messages.toLocaleString('en-US')} message(s)`}`,
				'deleting it deletes its messages for good; consumer groups keep their offsets of it until deleted',
			],
			typed: topic,
		};
	},
	async apply(_v, service) {
		await service.deleteTopic(topic);
		return `deleted topic ${topic}`;
	},
	refresh: 'snapshot',
});

export const addPartitionsChange = (topic: string, current: number): ChangeSpec => ({
	title: `add partitions to ${topic} (now ${current})`,
	fields: [{name: 'count', label: 'new partition count', hint: `more than ${current}; partitions cannot be removed`}],
	initial: {count: String(current + 1)},
	async check(v, service) {
		const {from, to} = await service.addPartitions(topic, whole('new partition count', v['count'], 1), {
			validateOnly: true,
		});
		return {
			lines: [
				`the broker accepts ${topic}: ${from} -> ${to} partitions`,
				'warning: keyed messages will map to other partitions from now on;',
				'per-key order holds only within a partition, so consumers may see a key out of order',
			],
		};
	},
	async apply(v, service) {
		const {from, to} = await service.addPartitions(topic, whole('new partition count', v['count'], 1), {
			validateOnly: false,
		});
		return `${topic}: ${from} -> ${to} partitions`;
	},
	refresh: 'snapshot',
});

export const truncateChange = (topic: string, partition: number, low: number, high: number): ChangeSpec => {
	const before = (v: Values) => {
		const text = (v['before'] ?? '').trim();
		const n = text === 'end' ? high : whole('delete before offset', text, 0);
		if (n > high)
			throw new KexError(
				'invalid-input',
				`offset ${n} is beyond the high watermark (${high}): nothing there to delete`,
			);
		return n;
	};
	return {
		title: `delete records of ${topic}/${partition} (offsets ${low} to ${high - 1})`,
		fields: [{name: 'before', label: 'delete before offset', hint: `${low} to ${high}, or end for all`}],
		// Empty, never "everything": what goes is typed, not accepted.
		initial: {before: ''},
		async check(v) {
			const to = before(v);
			const going = Math.max(0, to - low);
			return {
				lines: [
					going === 0
						? `nothing to delete: ${topic}/${partition} starts at ${low}`
						: `deletes offsets ${low} to ${to - 1} of ${topic}/${partition}: ${going.toLocaleString('en-US')} message(s), for good`,
					`the oldest kept becomes ${Math.max(to, low)}`,
				],
			};
		},
		async apply(v, service) {
			const {lowWatermark} = await service.truncate(topic, partition, before(v));
			return `${topic}/${partition}: records before ${lowWatermark} deleted`;
		},
		refresh: 'snapshot',
	};
};

export const setConfigChange = (topic: string, name: string, value: string | null): ChangeSpec => ({
	title: `set ${name} of ${topic}`,
	fields: [{name: 'value', label: name}],
	initial: {value: value ?? ''},
	async check(v, service) {
		await service.alterTopicConfigs(topic, {set: {[name]: v['value'] ?? ''}, reset: []}, {validateOnly: true});
		return {lines: [`the broker accepts ${name}: ${value ?? '-'} -> ${v['value'] ?? ''} on topic ${topic}`]};
	},
	async apply(v, service) {
		await service.alterTopicConfigs(topic, {set: {[name]: v['value'] ?? ''}, reset: []}, {validateOnly: false});
		return `${topic}: ${name} = ${v['value'] ?? ''}`;
	},
	refresh: 'detail',
});

export const resetConfigChange = (topic: string, name: string, value: string | null, fallback: string): ChangeSpec => ({
	title: `reset ${name} of ${topic}`,
	fields: [],
	initial: {},
	async check(_v, service) {
		await service.alterTopicConfigs(topic, {set: {}, reset: [name]}, {validateOnly: true});
		return {lines: [`${name}: ${value ?? '-'} -> ${fallback} (no longer set on the topic)`]};
	},
	async apply(_v, service) {
		await service.alterTopicConfigs(topic, {set: {}, reset: [name]}, {validateOnly: false});
		return `${topic}: ${name} reset`;
	},
	refresh: 'detail',
});
