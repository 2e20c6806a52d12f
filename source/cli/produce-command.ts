import {statSync} from 'node:fs';
import {readOnlyRefusal} from '../kafka/changes/read-only.js';
import {KexError} from '../kafka/errors.js';
import {fileChunks} from '../produce/file-chunks.js';
import {formatFor, type LineEncoding} from '../produce/parse-line.js';
import {produceLines, type Progress} from '../produce/produce-lines.js';
import {encoderFromFlags} from '../schema/open-schemas.js';
import {labelText, type SchemaEncoder, type Schemas} from '../schema/schemas.js';
import {need, type CommandContext} from './commands.js';
import {parseHeader} from './parse.js';

// kex produce: one value from the command line, or a line a message from a file or stdin; with --subject (or a
// line's schema id) values are JSON encoded through the registry.

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
	let input = stdin as AsyncIterable<Buffer | string>;
	if (flags.file) {
		const found = statSync(flags.file, {throwIfNoEntry: false});
		if (!found) throw new KexError('invalid-input', `no such file: ${flags.file}`);
		if (!found.isFile()) throw new KexError('invalid-input', `not a file: ${flags.file} (give a file of lines)`);
		input = fileChunks(flags.file);
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
			input,
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
