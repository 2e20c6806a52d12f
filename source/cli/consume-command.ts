import type {Message} from '../kafka/types.js';
import {KexError} from '../kafka/errors.js';
import {messageToJson} from '../format/message-json.js';
import {messageLine} from '../format/message-line.js';
import {recordTextSink} from '../format/record-text.js';
import {safeString} from '../format/safe-text.js';
import {unreadableLine} from '../format/unreadable.js';
import {decodedTextSink} from '../schema/decoded-sink.js';
import {freeDeadBuffers} from '../shared/small-heap.js';
import {parseFrom} from '../shared/start-position.js';
import {count, need, type CommandContext} from './commands.js';

// kex consume: messages printed as lines or NDJSON, written from the fetched bytes; with a registry, those in its
// wire format decoded on the way.

export const consume = async ({service, args, flags, out, stderr, schemas}: CommandContext) => {
	const name = need(args, 'topic name: kex consume TOPIC');
	const from = parseFrom(flags.from, flags.limit);
	// A batch that cannot be read is said on stderr where it stands; reading goes on, and the exit status tells.
	let unreadable = 0;
	const sayUnreadable = (m: Message) => {
		unreadable += 1;
		stderr.write(`kex: ${unreadableLine(m)}\n`);
	};
	// A leader that does not answer yet (a broker restarting, a leader moving): the read waits for it, and says why
	// on stderr when the reason changes (not at every try), so whoever runs it knows why nothing comes; and says when
	// it reads again.
	let waitingFor: string | null = null;
	const onTrouble = (trouble: string | null) => {
		if (trouble === null && waitingFor !== null) stderr.write('kex: reading again\n');
		else if (trouble !== null && trouble !== waitingFor) stderr.write(`kex: waiting: ${safeString(trouble)}\n`);
		waitingFor = trouble;
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
		for await (const batch of service.read({topic: name, from, onTrouble})) newest.push(...batch);
		newest.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset);
		const shown = newest.slice(-from.count);
		if (schemas) await schemas.decodeMessages(shown);
		await out.write(shown.map(render).join(''));
		return await done();
	}
	const controller = new AbortController();
	const request = {
		topic: name,
		partition: flags.partition,
		from,
		limit: flags.limit,
		signal: controller.signal,
		onTrouble,
	};
	if (schemas) {
		// Decoded where a key or value is in a registry wire format, the rest written from the bytes as without one.
		const undecoded = new Map<string, number>();
		const decodedLine = (m: Message) => {
			for (const d of [m.decoded?.key, m.decoded?.value])
				if (d && !d.ok) undecoded.set(d.reason, (undecoded.get(d.reason) ?? 0) + 1);
			return render(m);
		};
		const sink = decodedTextSink(schemas, flags.json ? 'json' : 'lines', decodedLine, sayUnreadable, chunks =>
			out.pushBytes(chunks),
		);
		for await (const step of service.readInto({...request, fetchBytes: 512 * 1024}, sink)) {
			out.pushBytes(step.chunks);
			// Records whose schema was not fetched yet, in their partitions' order: fetched now, then printed.
			if (step.pending.length > 0) {
				await schemas.prepare(step.pending.flatMap(m => [m.key, m.value]));
				for (const m of step.pending) {
					schemas.decodeMessage(m);
					await out.write(decodedLine(m));
				}
			}
			freeDeadBuffers();
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
	const sink = recordTextSink(flags.json ? 'json' : 'lines', sayUnreadable, chunks => {
		out.pushBytes(chunks);
		if (out.idle) sink.recycle();
	});
	for await (const chunks of service.readInto(request, sink)) {
		out.pushBytes(chunks);
		// Before waiting for the reader: the next fetch's answer arrives meanwhile, and one that lived through a
		// collection and then another would be moved to the old generation, to wait there far longer.
		freeDeadBuffers();
		await out.settle();
		if (out.closed) {
			controller.abort();
			break;
		}
		if (out.idle) sink.recycle();
	}
	await done();
};
