import type {ConfigEntry} from '../kafka/change-types.js';
import {readOnlyRefusal} from '../kafka/changes/read-only.js';
import {KexError} from '../kafka/errors.js';
import {confirmChange} from './ask.js';
import {pairs, wholeNumber} from './change-flags.js';
import type {CommandContext} from './commands.js';
import {fallbackText} from '../shared/change-text.js';
import {renderTable} from './table.js';

// kex topic create | delete | config | partitions | truncate: each checked by the broker before it asks (validate
// only, where Kafka has it), asked before it changes anything, and told with a table or, with --json, JSON.

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const count = (n: number) => n.toLocaleString('en-US');

const nameOf = (args: string[], usage: string) => {
	const name = args[0];
	if (!name) throw new KexError('invalid-input', `missing topic name: ${usage}`);
	return name;
};

export const changing = (c: CommandContext) => {
	if (c.service.readOnly) throw readOnlyRefusal();
};

const asking = (c: CommandContext) => ({yes: c.change.yes, stdin: c.stdin, stderr: c.stderr});

const create = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const spec = {
		name: nameOf(c.args, 'kex topic create NAME --partitions N --replication-factor N'),
		partitions: change.partitions === undefined ? null : wholeNumber('--partitions', change.partitions, 1),
		replicationFactor:
			change.replicationFactor === undefined ? null : wholeNumber('--replication-factor', change.replicationFactor, 1),
		configs: pairs('--config', change.configs),
	};
	// The broker's own objection (a replication factor above the broker count, an unknown config) before asking.
	const planned = await service.createTopic(spec, {validateOnly: true});
	const set = planned.configs.filter(x => x.source === 'topic');
	const summary = `topic ${spec.name}: ${planned.partitions} partition(s), replication factor ${planned.replicationFactor}${set.length > 0 ? `, ${set.map(x => `${x.name}=${x.value ?? '(hidden)'}`).join(', ')}` : ''}`;
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, ...planned}));
		return out.write(`dry run: the broker would create ${summary}\n`);
	}
	await confirmChange(asking(c), `Create ${summary}?`);
	const created = await service.createTopic(spec, {validateOnly: false});
	if (flags.json) return out.write(json({created: true, ...created}));
	await out.write(`created ${summary}\n`);
};

const remove = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const name = nameOf(c.args, 'kex topic delete NAME');
	const detail = await service.topic(name);
	const messages = detail.partitions.reduce(
		(sum, p) => sum + Math.max(0, (p.highWatermark ?? 0) - (p.lowWatermark ?? 0)),
		0,
	);
	const what = `topic ${name} (${detail.partitions.length} partition(s), about ${count(messages)} message(s))`;
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, topic: name, partitions: detail.partitions.length, messages}));
		return out.write(`dry run: would delete ${what}\n`);
	}
	await confirmChange(asking(c), `Delete ${what}? Its messages cannot be brought back.`, name);
	await service.deleteTopic(name);
	if (flags.json) return out.write(json({deleted: true, topic: name}));
	await out.write(`deleted ${what}\n`);
};

const configTable = (list: ConfigEntry[]) =>
	renderTable(list, [
		{title: 'CONFIG', value: x => x.name},
		{title: 'VALUE', value: x => (x.sensitive ? '(hidden)' : (x.value ?? '-'))},
		{title: 'SOURCE', value: x => x.source},
		{title: 'RESET TO', value: x => (x.source === 'topic' ? fallbackText(x) : '')},
	]);

const config = async (c: CommandContext) => {
	const {change, flags, out, service} = c;
	const name = nameOf(c.args, 'kex topic config NAME [--set KEY=VALUE ...] [--reset KEY ...]');
	if (change.set.length === 0 && change.reset.length === 0) {
		const list = await service.topicConfigs(name);
		if (flags.json) return out.write(json(list));
		return out.write(configTable(list));
	}
	changing(c);
	const changes = {set: pairs('--set', change.set), reset: change.reset};
	const before = await service.topicConfigs(name);
	await service.alterTopicConfigs(name, changes, {validateOnly: true});
	const valueOf = (key: string) => before.find(x => x.name === key);
	const lines = [
		...Object.entries(changes.set).map(([k, v]) => `  ${k}: ${valueOf(k)?.value ?? '-'} -> ${v}`),
		...changes.reset.map(k => {
			const entry = valueOf(k);
			if (entry && entry.source !== 'topic')
				return `  ${k}: not set on the topic (${entry.value ?? '-'} from ${entry.source}): unchanged`;
			return `  ${k}: ${entry?.value ?? '-'} -> ${fallbackText(entry)}`;
		}),
	];
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, topic: name, ...changes}));
		return out.write(`dry run: the broker accepts these changes to topic ${name}:\n${lines.join('\n')}\n`);
	}
	await confirmChange(asking(c), `Change topic ${name}:\n${lines.join('\n')}\nApply?`);
	await service.alterTopicConfigs(name, changes, {validateOnly: false});
	const after = await service.topicConfigs(name);
	const touched = after.filter(x => x.name in changes.set || changes.reset.includes(x.name));
	if (flags.json) return out.write(json({changed: true, topic: name, configs: touched}));
	await out.write(configTable(touched));
};

const partitions = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const name = nameOf(c.args, 'kex topic partitions NAME --count N');
	const target = wholeNumber('--count', change.count, 1);
	const checked = await service.addPartitions(name, target, {validateOnly: true});
	const what = `topic ${name}: ${checked.from} -> ${checked.to} partitions`;
	const warning =
		'keyed messages will map to other partitions from now on (per-key order holds only within a partition)';
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, topic: name, ...checked}));
		return out.write(`dry run: the broker accepts ${what}\nnote: ${warning}\n`);
	}
	await confirmChange(asking(c), `Grow ${what}? Note: ${warning}.`);
	await service.addPartitions(name, target, {validateOnly: false});
	if (flags.json) return out.write(json({changed: true, topic: name, ...checked}));
	await out.write(`grew ${what}\n`);
};

const truncate = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const name = nameOf(c.args, 'kex topic truncate NAME --partition P --before OFFSET');
	if (flags.partition === undefined) throw new KexError('invalid-input', 'missing --partition P');
	const detail = await service.topic(name);
	const p = detail.partitions.find(x => x.partition === flags.partition);
	if (!p)
		throw new KexError(
			'unknown-partition',
			`topic ${name} has no partition ${flags.partition} (it has ${detail.partitions.length})`,
		);
	if (p.lowWatermark === null || p.highWatermark === null)
		throw new KexError('broker-error', `partition ${p.partition} of ${name} has no leader right now`);
	const before =
		change.before === 'end' || change.before === 'newest' ? p.highWatermark : wholeNumber('--before', change.before);
	if (before > p.highWatermark)
		throw new KexError(
			'invalid-input',
			`--before ${before} is beyond the high watermark of ${name}/${p.partition} (${p.highWatermark}); nothing there to delete`,
		);
	const going = Math.max(0, before - p.lowWatermark);
	const what = `${name}/${p.partition}: offsets ${p.lowWatermark} to ${before - 1}, ${count(going)} message(s) (the oldest kept becomes ${Math.max(before, p.lowWatermark)})`;
	if (change.dryRun) {
		const row = {
			dryRun: true,
			topic: name,
			partition: p.partition,
			lowWatermark: p.lowWatermark,
			before,
			deleting: going,
		};
		if (flags.json) return out.write(json(row));
		return out.write(`dry run: would delete ${going === 0 ? 'nothing from ' : ''}${what}\n`);
	}
	await confirmChange(asking(c), `Delete the records of ${what}? They cannot be brought back.`);
	const result = await service.truncate(name, p.partition, before);
	if (flags.json) return out.write(json({deleted: going, topic: name, partition: p.partition, ...result}));
	await out.write(`deleted ${what}; low watermark now ${result.lowWatermark}\n`);
};

export const TOPIC_ACTIONS: Record<string, (c: CommandContext) => Promise<void>> = {
	create,
	delete: remove,
	config,
	partitions,
	truncate,
};
