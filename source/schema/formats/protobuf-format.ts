import {createRequire} from 'node:module';
import type * as Protobuf from 'protobufjs';
import type {SchemaFormat} from './schema-format.js';

// Protobuf through protobufjs, shown in the canonical proto3 JSON mapping (protobufjs's protojson) with the .proto's
// own field names: 64-bit integers as strings, enums by name, bytes as base64, fields at their default left out,
// well-known types as their JSON (a Timestamp as RFC 3339, a wrapper as its value): what Python's
// MessageToDict(preserving_proto_field_name=True) and Java's JsonFormat with preservingProtoFieldNames() print.

let protobuf: typeof Protobuf | null = null;
const lib = () => (protobuf ??= createRequire(import.meta.url)('protobufjs') as typeof Protobuf);

/** The messages a file declares, in order, as the wire format's message indexes count them. */
const messagesOf = (ns: Protobuf.NamespaceBase): Protobuf.Type[] =>
	ns.nestedArray.filter((n): n is Protobuf.Type => n instanceof lib().Type);

type ProtoJson = {
	fromJson(type: Protobuf.Type, json: unknown): Protobuf.Message;
	toJson(type: Protobuf.Type, message: Protobuf.Message): unknown;
};
let protojsonLib: ProtoJson | null = null;
const protojson = (): ProtoJson => {
	if (!protojsonLib) {
		const loaded = createRequire(import.meta.url)('protobufjs/ext/protojson.js') as {default?: ProtoJson} & ProtoJson;
		protojsonLib = loaded.default ?? loaded;
	}
	return protojsonLib;
};

const jsonNames = new WeakMap<Protobuf.Type, Map<string, Protobuf.Field>>();
const WELL_KNOWN = /^\.?google\.protobuf\./;

/**
 * ProtoJSON as shown: the mapping's values (well-known types as their JSON: a Timestamp as RFC 3339, a wrapper as
 * its value), under the .proto's own field names rather than their lowerCamelCase JSON names.
 */
const protoNames = (type: Protobuf.Type, json: unknown): unknown => {
	if (!json || typeof json !== 'object' || Array.isArray(json) || WELL_KNOWN.test(type.fullName)) return json;
	let byJson = jsonNames.get(type);
	if (!byJson) {
		byJson = new Map(type.fieldsArray.map(f => [(f.options?.['json_name'] as string | undefined) ?? camel(f.name), f]));
		jsonNames.set(type, byJson);
	}
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(json)) {
		const field = byJson.get(key) ?? type.fields[key];
		const inner = field?.resolvedType;
		if (!field || !(inner instanceof lib().Type)) {
			out[field?.name ?? key] = value;
			continue;
		}
		out[field.name] = field.map
			? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, protoNames(inner, v)]))
			: field.repeated && Array.isArray(value)
				? value.map(v => protoNames(inner, v))
				: protoNames(inner, value);
	}
	return out;
};

/**
 * Where in the value ProtoJSON's complaint is: it names the type (".acme.Payment.Line.quantity: invalid integer"),
 * and the value's path (".lines[1].quantity") is what a person can find in what they typed.
 */
const locate = (type: Protobuf.Type, value: unknown, path: string): string | null => {
	try {
		protojson().fromJson(type, value);
		return null;
	} catch (error) {
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			for (const [k, v] of Object.entries(value)) {
				const field = type.fields[k] ?? type.fieldsArray.find(f => camel(f.name) === k);
				const inner = field?.resolvedType;
				if (!(inner instanceof lib().Type)) continue;
				const items: Array<[string, unknown]> =
					field!.repeated && Array.isArray(v)
						? v.map((x, i) => [`${path}.${k}[${i}]`, x])
						: field!.map && v && typeof v === 'object'
							? Object.entries(v).map(([mk, x]) => [`${path}.${k}["${mk}"]`, x])
							: [[`${path}.${k}`, v]];
				for (const [at, x] of items) {
					const found = locate(inner, x, at);
					if (found) return found;
				}
			}
		}
		const message = (error as Error).message;
		const name = type.fullName;
		if (!message.startsWith(name)) return `${path || 'the value'}: ${message}`;
		const rest = message.slice(name.length);
		const m = /^\.(\w+): (.*)$/s.exec(rest);
		return m ? `${path}.${m[1]}: ${m[2]}` : `${path || 'the value'}${rest.replace(/^: /, ': ')}`;
	}
};

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export type ProtobufSchema = {
	/** The message a payload's indexes name ([0] the file's first message, [1, 0] the first nested in the second). */
	format(indexes: number[]): SchemaFormat;
	/** The indexes of a message by its name (or the first message when none is given). */
	indexesOf(name?: string): number[];
};

type Descriptors = {
	FileDescriptorProto: {
		toObject(message: unknown, options: {enums: StringConstructor; longs: StringConstructor}): unknown;
		decode(b: Uint8Array): {name?: string; package?: string; dependency?: string[]; messageType: Array<{name: string}>};
	};
	FileDescriptorSet: {create(o: {file: unknown[]}): unknown};
};
let descriptors: Descriptors | null = null;
const descriptorLib = (): Descriptors => {
	if (!descriptors) {
		const loaded = createRequire(import.meta.url)('protobufjs/ext/descriptor.js') as {
			default?: Descriptors;
		} & Descriptors;
		descriptors = loaded.default ?? loaded;
	}
	return descriptors;
};

/**
 * A schema as the registry holds it: .proto text, or (as Confluent's Python and Go serializers register it, and a
 * registry that does not convert keeps it) a FileDescriptorProto in base64.
 */
const isDescriptor = (text: string) =>
	!/\b(message|syntax|enum|package)\b/.test(text) && /^[A-Za-z0-9+/=\s]+$/.test(text);

/**
 * Google's well-known types (Timestamp, Duration, the wrappers, Struct ...) a file imports without the registry
 * holding them as references: protobufjs carries their definitions.
 */
const addWellKnown = (root: Protobuf.Root, imports: readonly string[], given: ReadonlySet<string>) => {
	for (const name of imports) {
		if (given.has(name) || !name.startsWith('google/protobuf/')) continue;
		const common = lib().common.get(name);
		if (common?.nested) root.addJSON(common.nested);
	}
};

/**
 * A schema registered as a FileDescriptorProto, as readable text: the descriptor's fields as JSON (names, numbers,
 * types, labels). Null when the schema is .proto text already.
 */
export const descriptorText = (schemaText: string): string | null => {
	if (!isDescriptor(schemaText)) return null;
	const {FileDescriptorProto} = descriptorLib();
	try {
		const file = FileDescriptorProto.decode(Buffer.from(schemaText, 'base64'));
		return JSON.stringify(FileDescriptorProto.toObject(file, {enums: String, longs: String}), null, 2);
	} catch {
		return null;
	}
};

/** A root of every file, and the messages the main file declares, in order. */
const load = (schemaText: string, references: Array<{name: string; schema: string}>) => {
	const {parse, Root} = lib();
	const given = new Set(references.map(r => r.name));
	if (isDescriptor(schemaText)) {
		const d = descriptorLib();
		const files = [...references.map(r => r.schema), schemaText].map(t =>
			d.FileDescriptorProto.decode(Buffer.from(t, 'base64')),
		);
		const main = files.at(-1)!;
		// Well-known types the files import and the registry does not hold go in first, as descriptors of their own.
		const wellKnown = new Root();
		addWellKnown(
			wellKnown,
			[...new Set(files.flatMap(f => f.dependency ?? []))],
			new Set(files.map(f => f.name ?? '')),
		);
		const extra =
			wellKnown.nestedArray.length > 0
				? (wellKnown as unknown as {toDescriptor(syntax: string): {file: unknown[]}}).toDescriptor('proto3').file
				: [];
		const root = (
			Root as unknown as {fromDescriptor(set: unknown, o: {keepCase: boolean}): Protobuf.Root}
		).fromDescriptor(d.FileDescriptorSet.create({file: [...extra, ...files]}), {keepCase: true});
		root.resolveAll();
		const prefix = main.package ? `${main.package}.` : '';
		return {root, top: main.messageType.map(m => root.lookupType(`${prefix}${m.name}`))};
	}
	const root = new Root();
	const main = parse(schemaText, root, {keepCase: true});
	const pkg = main.package ? root.lookup(main.package) : root;
	if (!pkg || !('nestedArray' in pkg)) throw new Error('the schema declares no messages');
	// The main file's own messages, before imports add theirs to the same package.
	const top = messagesOf(pkg as Protobuf.NamespaceBase);
	const imports = [...(main.imports ?? []), ...(main.weakImports ?? [])];
	for (const ref of references) {
		const parsed = parse(ref.schema, root, {keepCase: true});
		imports.push(...(parsed.imports ?? []), ...(parsed.weakImports ?? []));
	}
	addWellKnown(root, imports, given);
	root.resolveAll();
	return {root, top};
};

export const protobufSchema = (
	schemaText: string,
	references: Array<{name: string; schema: string}>,
): ProtobufSchema => {
	const {top} = load(schemaText, references);

	const typeAt = (indexes: number[]): Protobuf.Type => {
		let list = top;
		let type: Protobuf.Type | undefined;
		for (const i of indexes) {
			type = list[i];
			if (!type) throw new Error(`the schema has no message at index [${indexes.join(', ')}]`);
			list = messagesOf(type);
		}
		if (!type) throw new Error('the schema declares no messages');
		return type;
	};

	const formatOf = (type: Protobuf.Type): SchemaFormat => ({
		name: type.fullName.replace(/^\./, ''),
		decode: payload => protoNames(type, protojson().toJson(type, type.decode(payload))),
		// Typed values are read as ProtoJSON (the .proto's names or their lowerCamelCase JSON names), strictly: a
		// string where a number goes, an unknown field or enum name is refused, not turned into a default.
		check: value => {
			return locate(type, value, '');
		},
		encode: value => Buffer.from(type.encode(protojson().fromJson(type, value)).finish()),
	});

	return {
		format: indexes => formatOf(typeAt(indexes.length === 0 ? [0] : indexes)),
		indexesOf: name => {
			if (!name) return [0];
			const search = (list: Protobuf.Type[], path: number[]): number[] | null => {
				for (const [i, t] of list.entries()) {
					if (t.name === name || `${t.fullName}`.endsWith(`.${name}`)) return [...path, i];
					const inner = search(messagesOf(t), [...path, i]);
					if (inner) return inner;
				}
				return null;
			};
			const found = search(top, []);
			if (!found) throw new Error(`the schema has no message ${name} (it has ${top.map(t => t.name).join(', ')})`);
			return found;
		},
	};
};

/** Is this a Type of protobufjs (for tests that look inside). */
export const isType = (x: unknown) => x instanceof lib().Type;
