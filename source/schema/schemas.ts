import type {Decoded, Message, SchemaLabel} from '../kafka/types.js';
import {errorText} from '../shared/error-text.js';
import {avroFormat} from './formats/avro-format.js';
import {jsonSchemaFormat} from './formats/json-schema-format.js';
import {protobufSchema, type ProtobufSchema} from './formats/protobuf-format.js';
import type {SchemaFormat} from './formats/schema-format.js';
import type {RegisteredSchema, RegistryClient, SchemaReference} from './registry-client.js';
import {frameHeader, readFrame, readMessageIndexes, type Frame} from './wire-format.js';

// Decoding and encoding through a registry. Each schema is fetched and compiled once per id for the session; a
// registry that does not answer is asked again after a pause, an id it does not know is not. Decoding itself is
// synchronous (a scan decodes a million records): `prepare` fetches what a set of values needs first.

type Where = {subject: string; version: number};
type Compiled = {
	label: Omit<SchemaLabel, 'id' | 'framing' | 'subject' | 'version'>;
	/** Every subject and version the schema is registered under (one schema may serve many). */
	subjects: Where[];
	/** Avro and JSON Schema have one; Protobuf has one per message of the file. */
	format: (indexes: number[]) => SchemaFormat;
	proto?: ProtobufSchema;
};
type Entry = {compiled: Compiled} | {error: string; at: number; retry: boolean} | {pending: Promise<void>};

const RETRY_MS = 10_000;

export type SchemaEncoder = {
	label: SchemaLabel;
	/** Null when the value fits, else the field path and why not. */
	check(value: unknown): string | null;
	/** The bytes in Confluent's wire format. */
	encode(value: unknown): Buffer;
};

/** Where a value was read: its topic's own subject names the schema when it is registered under several. */
export type DecodeContext = {topic: string; part: 'key' | 'value'};

export type Schemas = {
	readonly where: string;
	readonly client: RegistryClient;
	/** Fetches the schemas these values are framed with that are not known yet. Never throws. */
	prepare(values: Iterable<Buffer | null>): Promise<void>;
	/** A value in a registry wire format, decoded (or why not); null when it is not in one. */
	decode(bytes: Buffer | null, context?: DecodeContext): Decoded | null;
	/** Sets `decoded` on messages whose key or value is in a wire format, fetching their schemas first. */
	decodeMessages(messages: Message[]): Promise<void>;
	/** Sets `decoded` on one message, with the schemas fetched so far (prepare them first). */
	decodeMessage(message: Message): void;
	/** Whether a value can be decoded now: not in a wire format, or its schema fetched (or known not to be had). */
	ready(bytes: Buffer | null): boolean;
	/** What writes values with a subject's version (latest when not given), or a schema id. */
	encoder(target: {subject: string; version?: number} | {id: number}, message?: string): Promise<SchemaEncoder>;
};

const keyOf = (f: Pick<Frame, 'framing' | 'id'>) => `${f.framing === 'apicurio' ? 'g' : 'c'}${f.id}`;

export const createSchemas = (client: RegistryClient, clock: () => number = Date.now): Schemas => {
	const cache = new Map<string, Entry>();

	/** A schema's referenced schemas, depth first, each once. */
	const referenced = async (
		refs: SchemaReference[],
		seen = new Set<string>(),
	): Promise<Array<{name: string; schema: string}>> => {
		const out: Array<{name: string; schema: string}> = [];
		for (const ref of refs) {
			const key = `${ref.subject}/${ref.version}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const version = await client.version(ref.subject, ref.version);
			out.push(...(await referenced(version.references, seen)), {name: ref.name, schema: version.schema});
		}
		return out;
	};

	const compile = async (registered: RegisteredSchema, subjects: Where[]): Promise<Compiled> => {
		const refs = await referenced(registered.references);
		const type = registered.schemaType;
		if (type === 'PROTOBUF') {
			const proto = protobufSchema(registered.schema, refs);
			return {label: {type, name: proto.format([0]).name}, subjects, format: i => proto.format(i), proto};
		}
		const format =
			type === 'JSON'
				? jsonSchemaFormat(
						registered.schema,
						refs.map(r => r.schema),
					)
				: avroFormat(
						registered.schema,
						refs.map(r => r.schema),
					);
		return {label: {type, name: format.name}, subjects, format: () => format};
	};

	const fetchOne = async (frame: Pick<Frame, 'framing' | 'id'>): Promise<Compiled> => {
		if (frame.framing === 'apicurio') {
			const found = await client.schemaByGlobalId(frame.id);
			if (!found)
				throw new Error(`global id ${frame.id} (Apicurio's framing) needs Apicurio's API beside ${client.where}`);
			return compile(found, [{subject: found.subject, version: found.version}]);
		}
		const [registered, where] = await Promise.all([client.schemaById(frame.id), client.subjectsOfId(frame.id)]);
		return compile(registered, where);
	};

	const ensure = (frame: Pick<Frame, 'framing' | 'id'>): Promise<void> | null => {
		const key = keyOf(frame);
		const entry = cache.get(key);
		if (entry && 'compiled' in entry) return null;
		if (entry && 'pending' in entry) return entry.pending;
		if (entry && 'error' in entry && (!entry.retry || clock() - entry.at < RETRY_MS)) return null;
		const pending = fetchOne(frame).then(
			compiled => void cache.set(key, {compiled}),
			(error: unknown) => {
				const kind = (error as {kind?: string}).kind;
				cache.set(key, {error: errorText(error), at: clock(), retry: kind === 'unreachable' || kind === 'refused'});
			},
		);
		cache.set(key, {pending});
		return pending;
	};

	const decode = (bytes: Buffer | null, context?: DecodeContext): Decoded | null => {
		const frame = readFrame(bytes);
		if (!frame || !bytes) return null;
		const entry = cache.get(keyOf(frame));
		const what = `schema ${frame.framing === 'apicurio' ? 'global id' : 'id'} ${frame.id}`;
		if (!entry || 'pending' in entry) return {ok: false, reason: `${what} is not fetched yet`, id: frame.id};
		if ('error' in entry) return {ok: false, reason: entry.error, id: frame.id};
		const {compiled} = entry;
		try {
			let start = frame.payloadStart;
			let indexes: number[] = [];
			if (compiled.label.type === 'PROTOBUF' && frame.framing === 'confluent') {
				const read = readMessageIndexes(bytes, start);
				indexes = read.indexes;
				start = read.end;
			}
			const format = compiled.format(indexes);
			// The subject of the topic's own (TopicNameStrategy), when the schema is registered there too.
			const own = context && `${context.topic}-${context.part}`;
			const where = compiled.subjects.find(w => w.subject === own) ?? compiled.subjects[0];
			return {
				ok: true,
				json: format.decode(bytes.subarray(start)),
				schema: {...compiled.label, ...where, name: format.name, id: frame.id, framing: frame.framing},
			};
		} catch (error) {
			return {ok: false, reason: `does not decode with ${what}: ${(error as Error).message}`, id: frame.id};
		}
	};

	const decodeMessage = (m: Message) => {
		if (m.unreadable) return;
		const key = decode(m.key, {topic: m.topic, part: 'key'});
		const value = decode(m.value, {topic: m.topic, part: 'value'});
		if (key || value) m.decoded = {...(key ? {key} : {}), ...(value ? {value} : {})};
	};

	const prepare = async (values: Iterable<Buffer | null>) => {
		const waits = new Set<Promise<void>>();
		for (const v of values) {
			const frame = readFrame(v);
			const wait = frame && ensure(frame);
			if (wait) waits.add(wait);
		}
		await Promise.all(waits);
	};

	return {
		where: client.where,
		client,
		prepare,
		decode,
		decodeMessages: async messages => {
			await prepare(messages.flatMap(m => [m.key, m.value]));
			for (const m of messages) decodeMessage(m);
		},
		decodeMessage,
		ready: bytes => {
			const frame = readFrame(bytes);
			if (!frame) return true;
			const entry = cache.get(keyOf(frame));
			if (!entry || 'pending' in entry) return false;
			return 'compiled' in entry || !entry.retry || clock() - entry.at < RETRY_MS;
		},
		encoder: async (target, message) => {
			let id: number;
			let registered: RegisteredSchema;
			let where: Where[];
			if ('id' in target) {
				id = target.id;
				const [r, subjects] = await Promise.all([client.schemaById(id), client.subjectsOfId(id)]);
				registered = r;
				where = subjects;
			} else {
				const v = await client.version(target.subject, target.version ?? 'latest');
				id = v.id;
				registered = v;
				where = [{subject: v.subject, version: v.version}];
			}
			const compiled = await compile(registered, where);
			const indexes = compiled.proto ? compiled.proto.indexesOf(message) : undefined;
			const format = compiled.format(indexes ?? []);
			const header = frameHeader(id, indexes);
			return {
				label: {...compiled.label, ...where[0], name: format.name, id, framing: 'confluent'},
				check: value => format.check(value),
				encode: value => Buffer.concat([header, format.encode(value)]),
			};
		},
	};
};

/** How a decoded value's schema is named on screen: "Avro com.acme.Payment, payments-value v2, id 7". */
export const labelText = (s: SchemaLabel) =>
	`${s.type === 'AVRO' ? 'Avro' : s.type === 'PROTOBUF' ? 'Protobuf' : 'JSON Schema'} ${s.name}${s.subject ? `, ${s.subject} v${s.version}` : ''}, ${s.framing === 'apicurio' ? 'global id' : 'id'} ${s.id}`;
