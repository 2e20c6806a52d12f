import type {ResetPlan} from '../kafka/change-types.js';
import {KexError} from '../kafka/errors.js';
import {parseResetTarget, resetTargetText} from '../shared/reset-target.js';
import {confirmChange} from './ask.js';
import {partitionList} from './change-flags.js';
import type {CommandContext} from './commands.js';
import {renderTable} from './table.js';
import {changing} from './topic-commands.js';

// kex group reset | delete: the reset shows its plan (current offset, new offset, lag after, per partition) and
// asks; --dry-run prints only the plan.

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const groupOf = (args: string[], usage: string) => {
	const id = args[0];
	if (!id) throw new KexError('invalid-input', `missing group: ${usage}`);
	return id;
};

export const planRows = (plan: ResetPlan) =>
	plan.rows.map(r => ({
		topic: r.topic,
		partition: r.partition,
		currentOffset: r.current,
		newOffset: r.next,
		lagAfter: r.lagAfter,
		...(r.note ? {note: r.note} : {}),
	}));

const planTable = (plan: ResetPlan) =>
	renderTable(plan.rows, [
		{title: 'TOPIC', value: r => r.topic},
		{title: 'PARTITION', value: r => r.partition, align: 'right'},
		{title: 'CURRENT', value: r => (r.current === null ? '-' : r.current), align: 'right'},
		{title: 'NEW', value: r => r.next, align: 'right'},
		{title: 'LAG AFTER', value: r => r.lagAfter, align: 'right'},
		{title: 'NOTE', value: r => r.note ?? ''},
	]);

const reset = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const groupId = groupOf(c.args, 'kex group reset GROUP [--topic T] --to oldest|newest|OFFSET|TIME|shift:N');
	if (!change.to) throw new KexError('invalid-input', 'missing --to: oldest, newest, an offset, a time or shift:N');
	const target = parseResetTarget(change.to);
	const scope = {
		...(change.topic ? {topic: change.topic} : {}),
		...(change.partitions ? {partitions: partitionList(change.partitions)} : {}),
	};
	const plan = await service.planReset(groupId, scope, target);
	const heading = `reset group ${groupId}${plan.exists ? '' : ' (new: it has no offsets yet)'} to ${resetTargetText(target)}: ${plan.rows.length} partition(s)`;
	if (change.dryRun) {
		if (flags.json) return out.write(json(planRows(plan)));
		return out.write(`dry run: ${heading}\n${planTable(plan)}`);
	}
	if (!flags.json || !change.yes) c.stderr.write(`${heading}\n${planTable(plan)}`);
	await confirmChange({yes: change.yes, stdin: c.stdin, stderr: c.stderr}, 'Commit these offsets?');
	await service.resetOffsets(plan);
	if (flags.json) return out.write(json({reset: true, group: groupId, partitions: planRows(plan)}));
	await out.write(`committed: ${heading}\n`);
};

const remove = async (c: CommandContext) => {
	changing(c);
	const {change, flags, out, service} = c;
	const groupId = groupOf(c.args, 'kex group delete GROUP [--topic T]');
	const lag = await service.groupLag(groupId);
	const topic = change.topic;
	const what = topic
		? `the committed offsets of group ${groupId} for topic ${topic}`
		: `group ${groupId} (${lag.partitions.filter(p => p.committedOffset !== null).length} committed offset(s))`;
	if (change.dryRun) {
		if (flags.json) return out.write(json({dryRun: true, group: groupId, ...(topic ? {topic} : {})}));
		return out.write(`dry run: would delete ${what}\n`);
	}
	await confirmChange(
		{yes: change.yes, stdin: c.stdin, stderr: c.stderr},
		`Delete ${what}?`,
		topic ? undefined : groupId,
	);
	if (topic) await service.deleteGroupOffsets(groupId, topic);
	else await service.deleteGroup(groupId);
	if (flags.json) return out.write(json({deleted: true, group: groupId, ...(topic ? {topic} : {})}));
	await out.write(`deleted ${what}\n`);
};

export const GROUP_ACTIONS: Record<string, (c: CommandContext) => Promise<void>> = {reset, delete: remove};
