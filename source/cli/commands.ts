import {createReadStream, existsSync} from 'node:fs';
import {formatFor} from '../produce/parse-line.js';
import {produceLines, type Progress} from '../produce/produce-lines.js';
import {readOnlyRefusal} from '../kafka/changes/read-only.js';
import {KexError} from '../kafka/errors.js';
import type {Compression, KafkaService, Message} from '../kafka/types.js';
import {messageToJson} from '../format/message-json.js';
import {safeString} from '../format/safe-text.js';
import {messageLine} from '../format/message-line.js';
import {recordTextSink} from '../format/record-text.js';
import {unreadableLine} from '../format/unreadable.js';
import type {ChangeFlags} from './change-flags.js';
import {labelText, type SchemaEncoder, type Schemas} from '../schema/schemas.js';
import {decodedTextSink} from '../schema/decoded-sink.js';
import type {LineEncoding} from '../produce/parse-line.js';
import {encoderFromFlags, type SchemaFlags} from '../schema/open-schemas.js';
import type {Output} from './output.js';
import {parseFrom} from '../shared/start-position.js';
import {parseHeader, parseNonNegative} from './parse.js';
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

export const consume = async ({service, args, flags, out, stderr, schemas}: CommandContext) => {
	const name = need(args, 'topic name: kex consume TOPIC');
	const from = parseFrom(flags.from, flags.limit);
	// A batch that cannot be read is said on stderr where it stands; reading goes on, and the exit status tells.
	let unreadable = 0;
	const sayUnreadable = (m: Message) => {
		unreadable += 1;
		stderr.write(`kex: ${unreadableLine(m)}\n`);
	};
	const render = (m: Message) => {
		if (m.unreadable) {
			sayUnreadable(m);
			return '';
		}
		return flags.json ? `${JSON.stringify(messageToJson(m))}\n` : messageLine(m);
	};
	const done = async () => {
		// Read committed stops where an open transaction began: say so, or the end looks like the end.
		for (const p of (await service.topic(name)).partitions) {
			const pending = (p.highWatermark ?? 0) - (p.lastStableOffset ?? p.highWatermark ?? 0);
			if (pending > 0 && (flags.partition === undefined || flags.partition === p.partition))
				stderr.write(
					`kex: ${safeString(name)} partition ${p.partition} stops at offset ${count(p.lastStableOffset!)}: an open transaction holds ${count(pending)} later offset(s) until it commits or aborts\n`,
				);
		}
		if (unreadable === 0) return;
		// What was read is printed before the error ends the command.
		await out.flush();
		if (unreadable > 0)
			throw new KexError(
				'broker-error',
				`${unreadable} batch${unreadable === 1 ? '' : 'es'} of ${name} could not be read (said above); everything else was printed`,
			);
	};
	if (from.kind === 'newest' && flags.partition === undefined) {
		// The newest N of a topic: the last N of each partition, merged by time, the last N of those kept.
		const newest: Message[] = [];
		for await (const batch of service.read({topic: name, from})) newest.push(...batch);
		newest.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset);
		const shown = newest.slice(-from.count);
		if (schemas) await schemas.decodeMessages(shown);
		await out.write(shown.map(render).join(''));
		return await done();
	}
	const controller = new AbortController();
	if (schemas) {
		// Decoded where a key or value is in a registry wire format, the rest written from the bytes as without one.
		const request = {
			topic: name,
			partition: flags.partition,
			from,
			limit: flags.limit,
			signal: controller.signal,
			fetchBytes: 512 * 1024,
		};
		const undecoded = new Map<string, number>();
		const decodedLine = (m: Message) => {
			for (const d of [m.decoded?.key, m.decoded?.value])
				if (d && !d.ok) undecoded.set(d.reason, (undecoded.get(d.reason) ?? 0) + 1);
			return render(m);
		};
		const sink = decodedTextSink(schemas, flags.json ? 'json' : 'lines', decodedLine, sayUnreadable, chunks =>
			out.pushBytes(chunks),
		);
		for await (const step of service.readInto(request, sink)) {
			out.pushBytes(step.chunks);
			// Records whose schema was not fetched yet, in their partitions' order: fetched now, then printed.
			if (step.pending.length > 0) {
				await schemas.prepare(step.pending.flatMap(m => [m.key, m.value]));
				for (const m of step.pending) {
					schemas.decodeMessage(m);
					await out.write(decodedLine(m));
				}
			}
			await out.settle();
			if (out.closed) {
				controller.abort();
				break;
			}
		}
		// Printed as bytes, each reason said once on stderr with how many it held back (JSON has it per message).
		await out.flush();
		for (const [reason, n] of undecoded)
			stderr.write(`kex: ${count(n)} key(s) or value(s) printed as bytes: ${safeString(reason)}\n`);
		return await done();
	}
	// Written from the fetched bytes: a slow reader of stdout holds the next fetch back, so memory stays flat.
	const sink = recordTextSink(flags.json ? 'json' : 'lines', sayUnreadable, chunks => out.pushBytes(chunks));
	const request = {topic: name, partition: flags.partition, from, limit: flags.limit, signal: controller.signal};
	for await (const chunks of service.readInto(request, sink)) {
		out.pushBytes(chunks);
		await out.settle();
		if (out.closed) {
			controller.abort();
			break;
		}
	}
	await done();
};

/** NDJSON lines that name a schema id get its encoder, fetched once (a replay of a decoded export). */
const encodersById = (schemas: Schemas | null | undefined): LineEncoding['byId'] => {
	const known = new Map<number, SchemaEncoder | string | Promise<unknown>>();
	return id => {
		const found = known.get(id);
		if (found) return found;
		if (!schemas) return `the line names schema id ${id}: encoding it needs a schema registry (--registry URL)`;
		const fetching = schemas.encoder({id}).then(
			encoder => void known.set(id, encoder),
			(error: unknown) => void known.set(id, `schema id ${id}: ${(error as Error).message}`),
		);
		known.set(id, fetching);
		return fetching;
	};
};

/** A value typed on the command line, encoded with the schema the flags name. */
const encodeValue = (encoder: SchemaEncoder, text: string): Buffer => {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		throw new KexError(
			'invalid-input',
			`the value is not JSON (it is encoded with a schema): ${(error as Error).message}`,
		);
	}
	const problem = encoder.check(doc);
	if (problem) throw new KexError('invalid-input', `the value does not fit ${labelText(encoder.label)}: ${problem}`);
	return encoder.encode(doc);
};

export const produce = async ({service, args, flags, out, stdin, stderr, schemas}: CommandContext) => {
	if (service.readOnly) throw readOnlyRefusal();
	const name = need(args, 'topic name: kex produce TOPIC [VALUE]');
	const headers = flags.header.map(parseHeader);
	const key = flags.key === undefined ? null : Buffer.from(flags.key, 'utf8');
	const encoder = await encoderFromFlags(schemas ?? null, flags.schema ?? {});

	if (args.length > 1) {
		if (flags.file) throw new KexError('invalid-input', 'give a value or --file, not both');
		const value = encoder ? encodeValue(encoder, args[1]!) : Buffer.from(args[1]!, 'utf8');
		const [result] = await service.produce([{topic: name, partition: flags.partition, key, value, headers}], {
			compression: flags.compression,
		});
		if (flags.json) return out.write(`${JSON.stringify(result)}\n`);
		return out.write(`wrote ${name} partition ${result!.partition} offset ${result!.offset}\n`);
	}
	if (!flags.file && stdin.isTTY)
		throw new KexError(
			'invalid-input',
			'no value: give one (kex produce TOPIC VALUE), --file FILE, or pipe one message a line on stdin',
		);
	const format = flags.format ?? (flags.file ? formatFor(flags.file) : 'lines');
	if (format !== 'ndjson' && format !== 'lines')
		throw new KexError('invalid-input', `--format is ndjson or lines, not "${String(format)}"`);
	if (flags.keySeparator !== undefined && format !== 'lines')
		throw new KexError('invalid-input', '--key-separator applies to --format lines');
	let input: NodeJS.ReadableStream = stdin;
	if (flags.file) {
		if (!existsSync(flags.file)) throw new KexError('invalid-input', `no such file: ${flags.file}`);
		input = createReadStream(flags.file);
	}
	const progress = stderr.isTTY
		? ({lines, sent, startedAt}: Progress) => {
				const rate = Math.round(sent / Math.max(0.001, (Date.now() - startedAt) / 1000));
				stderr.write(
					`\r${lines.toLocaleString('en-US')} lines read, ${sent.toLocaleString('en-US')} written (${rate.toLocaleString('en-US')}/s)\u001B[K`,
				);
			}
		: undefined;
	try {
		const result = await produceLines({
			service,
			topic: name,
			input: input as AsyncIterable<Buffer>,
			format,
			defaults: {
				key,
				headers,
				partition: flags.partition,
				keySeparator: flags.keySeparator,
				keepPartitions: flags.keepPartitions,
				keepTimestamps: flags.keepTimestamps,
				encoding: {value: encoder, byId: encodersById(schemas)},
			},
			onProgress: progress,
			compression: flags.compression,
			// --json: one line a message written, as for a single message.
			onWritten: flags.json
				? async results => out.write(results.map(r => `${JSON.stringify(r)}\n`).join(''))
				: undefined,
		});
		if (progress) stderr.write('\n');
		const where = [...result.partitions]
			.sort((a, b) => a[0] - b[0])
			.map(([p, c]) => `${p}: ${c.toLocaleString('en-US')}`)
			.join(', ');
		const summary = `wrote ${result.sent.toLocaleString('en-US')} message(s) to ${name}${where ? ` (partition ${where})` : ''}${result.skipped ? `; ${result.skipped} blank line(s) skipped` : ''}\n`;
		if (!flags.json) await out.write(summary);
	} catch (error) {
		if (progress) stderr.write('\n');
		throw error;
	}
};

export const parseLimit = (value: unknown) => parseNonNegative('--limit', value);
