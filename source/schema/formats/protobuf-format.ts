import {createRequire} from 'node:module';
import type * as Protobuf from 'protobufjs';
import type {SchemaFormat} from './schema-format.js';

// Protobuf through protobufjs, shown in the canonical proto3 JSON mapping with the .proto's own field names: 64-bit
// integers as strings, enums by name, bytes as base64, fields at their default left out (what Python's
// MessageToDict(preserving_proto_field_name=True) and Java's JsonFormat print).

let protobuf: typeof Protobuf | null = null;
const lib = () => (protobuf ??= createRequire(import.meta.url)('protobufjs') as typeof Protobuf);

const TO_JSON: Protobuf.IConversionOptions = {longs: String, enums: String, bytes: String, json: true};

/** The messages a file declares, in order, as the wire format's message indexes count them. */
const messagesOf = (ns: Protobuf.NamespaceBase): Protobuf.Type[] =>
	ns.nestedArray.filter((n): n is Protobuf.Type => n instanceof lib().Type);

type ProtoJson = {fromJson(type: Protobuf.Type, json: unknown): Protobuf.Message};
let protojsonLib: ProtoJson | null = null;
const protojson = (): ProtoJson => {
	if (!protojsonLib) {
		const loaded = createRequire(import.meta.url)('protobufjs/ext/protojson.js') as {default?: ProtoJson} & ProtoJson;
		protojsonLib = loaded.default ?? loaded;
	}
	return protojsonLib;
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
	FileDescriptorProto: {decode(b: Uint8Array): {name?: string; package?: string; messageType: Array<{name: string}>}};
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

/** A root of every file, and the messages the main file declares, in order. */
const load = (schemaText: string, references: Array<{name: string; schema: string}>) => {
	const {parse, Root} = lib();
	if (isDescriptor(schemaText)) {
		const d = descriptorLib();
		const files = [...references.map(r => r.schema), schemaText].map(t =>
			d.FileDescriptorProto.decode(Buffer.from(t, 'base64')),
		);
		const main = files.at(-1)!;
		const root = (
			Root as unknown as {fromDescriptor(set: unknown, o: {keepCase: boolean}): Protobuf.Root}
		).fromDescriptor(d.FileDescriptorSet.create({file: files}), {keepCase: true});
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
	for (const ref of references) parse(ref.schema, root, {keepCase: true});
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
		decode: payload => type.toObject(type.decode(payload), TO_JSON),
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
