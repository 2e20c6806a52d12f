import {KexError} from '../kafka/errors.js';
import type {Compression, KafkaService} from '../kafka/types.js';
import type {ChangeFlags} from './change-flags.js';
import type {Schemas} from '../schema/schemas.js';
import type {SchemaFlags} from '../schema/open-schemas.js';
import type {Output} from './output.js';
import {parseNonNegative} from './parse.js';
import {renderTable} from './table.js';
import {clearingShort, clearingText, RATE_WINDOW_MS, ratesOf, rateText} from '../shared/catch-up.js';
import {lagReport, reportJson, type LagReport, type Sampled} from './lag-rates.js';

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
	file?: string;
	format?: string;
	keySeparator?: string;
	keepPartitions: boolean;
	keepTimestamps: boolean;
	compression?: Compression;
	/** lag: the interval between two samples, in ms (--sample 10s); with watch, between lines. */
	sample?: number;
	watch?: boolean;
	/** produce: encode values with this subject's (or id's) schema. */
	schema?: SchemaFlags;
};

export type CommandContext = {
	service: KafkaService;
	args: string[];
	flags: Flags;
	out: Output;
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	stderr: NodeJS.WritableStream & {isTTY?: boolean};
	change: ChangeFlags;
	/** The registry's schemas, when one is configured and decoding is on (--no-decode turns it off). */
	schemas?: Schemas | null;
};

export const need = (args: string[], what: string): string => {
	const value = args[0];
	if (!value) throw new KexError('invalid-input', `missing ${what}`);
	return value;
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const count = (n: number | null) => (n === null ? '-' : n.toLocaleString('en-US'));

export const brokers = async ({service, flags, out}: CommandContext) => {
	const info = await service.cluster();
	if (flags.json) return out.write(json(info));
	await out.write(
		`cluster ${info.clusterId ?? '(unknown id)'}, ${info.brokers.length} broker(s), controller ${info.controllerSource === 'denied' ? 'unknown (not authorized to describe the cluster)' : (info.controllerId ?? 'none')}\n`,
	);
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
				value: p =>
					p.lowWatermark === null || p.highWatermark === null ? '-' : count(p.highWatermark - p.lowWatermark),
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

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export const lag = async (context: CommandContext) => {
	const {service, args, flags, out} = context;
	const groupId = need(args, 'group id: kex lag GROUP');
	if (flags.watch) return watchLag(context, groupId);
	if (flags.sample !== undefined) {
		// Two samples, the interval apart: enough for the rates and the time to clear.
		const first = {at: Date.now(), lag: await service.groupLag(groupId)};
		await sleep(flags.sample);
		const report = lagReport([first, {at: Date.now(), lag: await service.groupLag(groupId)}], Infinity);
		return flags.json ? out.write(json(reportJson(report))) : out.write(reportText(report));
	}
	const result = await service.groupLag(groupId);
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
			{
				title: 'COMMITTED',
				value: p => (p.committedOffset === null ? 'none' : count(p.committedOffset)),
				align: 'right',
			},
			{title: 'LOG-END', value: p => count(p.logEndOffset), align: 'right'},
			{title: 'LAG', value: p => count(p.lag), align: 'right'},
			{title: 'OWNER', value: p => (p.owner ? `${p.owner.clientId}@${p.owner.host}` : '-')},
		]),
	);
};

const rate = (n: number | undefined) => (n === undefined ? '-' : rateText(n));

const reportText = (r: LagReport) => {
	const {group} = r.lag;
	const head =
		`group ${group.groupId}: ${group.state}, ${group.type} protocol, ${group.members.length} member(s), total lag ${count(r.lag.totalLag)}\n` +
		`time to clear: ${clearingText(r.group, r.slowest)}\n`;
	return (
		head +
		renderTable(r.partitions, [
			{title: 'TOPIC', value: p => p.partition.topic},
			{title: 'PARTITION', value: p => p.partition.partition, align: 'right'},
			{title: 'LAG', value: p => count(p.partition.lag), align: 'right'},
			{title: 'CONSUME/s', value: p => rate(ratesOf(p.clearing)?.consume), align: 'right'},
			{title: 'PRODUCE/s', value: p => rate(ratesOf(p.clearing)?.produce), align: 'right'},
			{title: 'CLEARS', value: p => clearingShort(p.clearing), align: 'right'},
		])
	);
};

/** A line per interval (JSON with --json), until interrupted: the lag and when it clears, over the last minute. */
const watchLag = async ({service, flags, out}: CommandContext, groupId: string) => {
	const interval = flags.sample ?? 10_000;
	const samples: Sampled[] = [];
	for (;;) {
		const now = Date.now();
		samples.push({at: now, lag: await service.groupLag(groupId)});
		while (samples.length > 2 && samples[0]!.at < now - RATE_WINDOW_MS) samples.shift();
		const r = lagReport(samples);
		await out.write(
			flags.json
				? `${JSON.stringify(reportJson(r))}\n`
				: `${new Date(now).toISOString()}  ${groupId}  ${r.lag.group.state}  lag ${count(r.lag.totalLag)}  ${clearingText(r.group, r.slowest)}\n`,
		);
		await out.flush();
		if (out.closed) return;
		await sleep(Math.max(0, interval - (Date.now() - now)));
	}
};

export const parseLimit = (value: unknown) => parseNonNegative('--limit', value);
