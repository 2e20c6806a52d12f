import {createInterface} from 'node:readline';
import {KexError} from '../kafka/errors.js';
import type {KafkaService, Message, ProduceRequest} from '../kafka/types.js';
import {messageToJson} from '../format/message-json.js';
import {safeBytes, safeString} from '../format/safe-text.js';
import type {Output} from './output.js';
import {parseFrom, parseHeader, parseNonNegative} from './parse.js';
import {renderTable} from './table.js';

// The scriptable subcommands: a readable table by default, JSON with --json. Each is a function of the service,
// so the same code runs against any cluster the caller connected to.

export type Flags = {
	json: boolean;
	internal: boolean;
	from?: string;
	limit?: number;
	partition?: number;
	key?: string;
	header: string[];
};

export type CommandContext = {service: KafkaService; args: string[]; flags: Flags; out: Output; stdin: NodeJS.ReadableStream & {isTTY?: boolean}};

const need = (args: string[], what: string): string => {
	const value = args[0];
	if (!value) throw new KexError('invalid-input', `missing ${what}`);
	return value;
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const count = (n: number | null) => (n === null ? '-' : n.toLocaleString('en-US'));

export const brokers = async ({service, flags, out}: CommandContext) => {
	const info = await service.cluster();
	if (flags.json) return out.write(json(info));
	await out.write(`cluster ${info.clusterId ?? '(unknown id)'}, ${info.brokers.length} broker(s), controller ${info.controllerId ?? 'none'}\n`);
	await out.write(
		renderTable(info.brokers, [
			{title: 'ID', value: b => b.id, align: 'right'},
			{title: 'HOST', value: b => b.host},
			{title: 'PORT', value: b => b.port, align: 'right'},
			{title: 'RACK', value: b => b.rack ?? '-'},
			{title: 'CONTROLLER', value: b => (b.id === info.controllerId ? 'yes' : '')},
		]),
	);
};

export const topics = async ({service, flags, out}: CommandContext) => {
	const list = await service.topics({includeInternal: flags.internal});
	if (flags.json) return out.write(json(list));
	await out.write(
		renderTable(list, [
			{title: 'TOPIC', value: t => t.name + (t.internal ? ' (internal)' : '')},
			{title: 'PARTITIONS', value: t => t.partitionCount, align: 'right'},
			{title: 'RF', value: t => t.replicationFactor, align: 'right'},
			{title: 'UNDER-REPLICATED', value: t => t.underReplicatedPartitions, align: 'right'},
			{title: 'OFFLINE', value: t => t.offlinePartitions, align: 'right'},
			{title: 'MESSAGES~', value: t => count(t.approxMessageCount), align: 'right'},
		]),
	);
};

export const topic = async ({service, args, flags, out}: CommandContext) => {
	const detail = await service.topic(need(args, 'topic name: kex topic NAME'));
	if (flags.json) return out.write(json(detail));
	const ids = (list: number[]) => (list.length > 0 ? list.join(',') : '-');
	await out.write(
		renderTable(detail.partitions, [
			{title: 'PARTITION', value: p => p.partition, align: 'right'},
			{title: 'LEADER', value: p => (p.leader < 0 ? 'none' : p.leader), align: 'right'},
			{title: 'REPLICAS', value: p => ids(p.replicas)},
			{title: 'ISR', value: p => ids(p.isr)},
			{title: 'OUT-OF-SYNC', value: p => ids(p.replicas.filter(r => !p.isr.includes(r)))},
			{title: 'OFFLINE', value: p => ids(p.offlineReplicas)},
			{title: 'LOW', value: p => count(p.lowWatermark), align: 'right'},
			{title: 'HIGH', value: p => count(p.highWatermark), align: 'right'},
			{
				title: 'MESSAGES~',
				value: p => (p.lowWatermark === null || p.highWatermark === null ? '-' : count(p.highWatermark - p.lowWatermark)),
				align: 'right',
			},
		]),
	);
};

export const groups = async ({service, flags, out}: CommandContext) => {
	const list = await service.groups();
	if (flags.json) return out.write(json(list));
	await out.write(
		renderTable(list, [
			{title: 'GROUP', value: g => g.groupId},
			{title: 'TYPE', value: g => g.type},
			{title: 'STATE', value: g => g.state},
			{title: 'PROTOCOL', value: g => g.protocolType || '-'},
			{title: 'COORDINATOR', value: g => g.coordinatorId, align: 'right'},
		]),
	);
};

export const lag = async ({service, args, flags, out}: CommandContext) => {
	const result = await service.groupLag(need(args, 'group id: kex lag GROUP'));
	if (flags.json) return out.write(json(result));
	const {group} = result;
	await out.write(
		`group ${group.groupId}: ${group.state}, ${group.type} protocol, ${group.members.length} member(s), total lag ${count(result.totalLag)}` +
			(result.partitionsWithoutCommit > 0 ? `, ${result.partitionsWithoutCommit} partition(s) never committed` : '') +
			'\n',
	);
	await out.write(
		renderTable(result.partitions, [
			{title: 'TOPIC', value: p => p.topic},
			{title: 'PARTITION', value: p => p.partition, align: 'right'},
			{title: 'COMMITTED', value: p => (p.committedOffset === null ? 'none' : count(p.committedOffset)), align: 'right'},
			{title: 'LOG-END', value: p => count(p.logEndOffset), align: 'right'},
			{title: 'LAG', value: p => count(p.lag), align: 'right'},
			{title: 'OWNER', value: p => (p.owner ? `${p.owner.clientId}@${p.owner.host}` : '-')},
		]),
	);
};

const formatLine = (m: Message) => {
	const headers = m.headers.map(h => `${safeString(h.key)}=${safeBytes(h.value, '(null)')}`).join(',');
	return `${m.partition}\t${m.offset}\t${new Date(m.timestamp).toISOString()}\t${safeBytes(m.key, '(null)')}\t${safeBytes(m.value, '(null)')}${headers ? `\t${headers}` : ''}\n`;
};

const render = (m: Message, asJson: boolean) => (asJson ? `${JSON.stringify(messageToJson(m))}\n` : formatLine(m));

export const consume = async ({service, args, flags, out}: CommandContext) => {
	const name = need(args, 'topic name: kex consume TOPIC');
	const from = parseFrom(flags.from, flags.limit);
	if (from.kind === 'newest' && flags.partition === undefined) {
		// The newest N of a topic: the last N of each partition, merged by time, the last N of those kept.
		const newest: Message[] = [];
		for await (const batch of service.read({topic: name, from})) newest.push(...batch);
		newest.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset);
		return out.write(newest.slice(-from.count).map(m => render(m, flags.json)).join(''));
	}
	const controller = new AbortController();
	for await (const batch of service.read({topic: name, partition: flags.partition, from, limit: flags.limit, signal: controller.signal})) {
		let text = '';
		for (const m of batch) text += render(m, flags.json);
		await out.write(text);
		if (out.closed) {
			controller.abort();
			break;
		}
	}
};

const PRODUCE_CHUNK = 5000;

export const produce = async ({service, args, flags, out, stdin}: CommandContext) => {
	const name = need(args, 'topic name: kex produce TOPIC [VALUE]');
	const headers = flags.header.map(parseHeader);
	const key = flags.key === undefined ? null : Buffer.from(flags.key, 'utf8');
	const make = (value: string): ProduceRequest => ({topic: name, partition: flags.partition, key, value: Buffer.from(value, 'utf8'), headers});
	const report = async (results: Awaited<ReturnType<KafkaService['produce']>>) => {
		if (flags.json) for (const r of results) await out.write(`${JSON.stringify(r)}\n`);
	};

	if (args.length > 1) {
		const [result] = await service.produce([make(args[1]!)]);
		if (flags.json) return report([result!]);
		return out.write(`wrote ${name} partition ${result!.partition} offset ${result!.offset}\n`);
	}
	if (stdin.isTTY) throw new KexError('invalid-input', 'no value: give one (kex produce TOPIC VALUE) or pipe one message a line on stdin');

	let sent = 0;
	let line = 0;
	let pending: ProduceRequest[] = [];
	const flush = async () => {
		if (pending.length === 0) return;
		const chunk = pending;
		pending = [];
		try {
			await report(await service.produce(chunk));
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			throw new KexError('broker-error', `${message} (lines ${line - chunk.length + 1}-${line} not written; ${sent} message(s) written before them)`);
		}
		sent += chunk.length;
	};
	for await (const text of createInterface({input: stdin, crlfDelay: Number.POSITIVE_INFINITY})) {
		line++;
		pending.push(make(text));
		if (pending.length >= PRODUCE_CHUNK) await flush();
	}
	await flush();
	if (!flags.json) await out.write(`wrote ${sent} message(s) to ${name}\n`);
};

export const COMMANDS = {brokers, topics, topic, groups, lag, consume, produce} as const;
export type CommandName = keyof typeof COMMANDS;

export const parseLimit = (value: unknown) => parseNonNegative('--limit', value);
