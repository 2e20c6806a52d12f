import {createRequire} from 'node:module';
import type * as Avsc from 'avsc';
import type {SchemaFormat} from './schema-format.js';

// Avro through avsc. What a person reads and types is JSON: a long past 2^53 is a string of its digits, bytes are
// {"base64": ...} as in kex's messages, a decimal is its exact digits ("12.50"), timestamps and dates are ISO 8601,
// a union is its value (wrapped as {"type": value} only where avsc cannot tell its branches apart), an enum its symbol.

let avsc: typeof Avsc | null = null;
const lib = () => (avsc ??= createRequire(import.meta.url)('avsc') as typeof Avsc);

const MIN = BigInt(Number.MIN_SAFE_INTEGER);
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Longs without loss: a JS number while it is safe, else the digits as a string. */
const longType = () =>
	lib().types.LongType.__with({
		fromBuffer: (buf: Buffer) => {
			const n = buf.readBigInt64LE();
			return n >= MIN && n <= MAX ? Number(n) : n.toString();
		},
		toBuffer: (value: number | string | bigint) => {
			const buf = Buffer.alloc(8);
			buf.writeBigInt64LE(BigInt(value));
			return buf;
		},
		fromJSON: (value: unknown) => value,
		toJSON: (value: unknown) => value,
		isValid: (value: unknown) =>
			(typeof value === 'number' && Number.isInteger(value)) ||
			typeof value === 'bigint' ||
			(typeof value === 'string' &&
				/^-?\d+$/.test(value) &&
				BigInt(value) >= -(2n ** 63n) &&
				BigInt(value) < 2n ** 63n),
		compare: (a: number | string, b: number | string) => {
			const [x, y] = [BigInt(a), BigInt(b)];
			return x === y ? 0 : x < y ? -1 : 1;
		},
	});

const logicalTypes = () => {
	const {types} = lib();
	type Schema = {scale?: number; precision?: number};

	class Decimal extends types.LogicalType {
		private readonly scale: number;
		constructor(schema: Schema, opts?: unknown) {
			super(schema as Avsc.Schema, opts);
			this.scale = schema.scale ?? 0;
		}
		protected override _fromValue(bytes: Buffer): string {
			if (bytes.length === 0) return '0';
			let n = BigInt(`0x${bytes.toString('hex')}`);
			if (bytes[0]! & 0x80) n -= 1n << BigInt(bytes.length * 8);
			const digits = (n < 0n ? -n : n).toString().padStart(this.scale + 1, '0');
			const whole = digits.slice(0, digits.length - this.scale);
			const fraction = this.scale > 0 ? `.${digits.slice(-this.scale)}` : '';
			return `${n < 0n ? '-' : ''}${whole}${fraction}`;
		}
		protected override _toValue(value: unknown): Buffer | undefined {
			const text = typeof value === 'number' ? String(value) : value;
			if (typeof text !== 'string') return undefined;
			const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
			if (!m || (m[3] ?? '').length > this.scale) return undefined;
			let n = BigInt(m[2]! + (m[3] ?? '').padEnd(this.scale, '0'));
			if (m[1]) n = -n;
			// Two's complement, big-endian, as few bytes as hold it.
			let bytes = 1;
			while (n < -(1n << BigInt(bytes * 8 - 1)) || n >= 1n << BigInt(bytes * 8 - 1)) bytes++;
			const unsigned = n < 0n ? n + (1n << BigInt(bytes * 8)) : n;
			const buf = Buffer.from(unsigned.toString(16).padStart(bytes * 2, '0'), 'hex');
			const size = (this.underlyingType as unknown as {size?: number}).size;
			if (size === undefined) return buf;
			if (buf.length > size) return undefined;
			return Buffer.concat([Buffer.alloc(size - buf.length, n < 0n ? 0xff : 0), buf]);
		}
		protected override _resolve(type: Avsc.Type) {
			return type instanceof Decimal ? (v: Buffer) => v : undefined;
		}
	}

	/** A whole number of units since the epoch (ms, or µs when `perMs` is 1000), as ISO 8601. */
	const timeSince = (perMs: 1 | 1000, local: boolean) =>
		class extends types.LogicalType {
			protected override _fromValue(value: number | string): string | number {
				const n = BigInt(value);
				const per = BigInt(perMs);
				const ms = n / per - (n % per < 0n ? 1n : 0n);
				const date = new Date(Number(ms));
				if (Number.isNaN(date.getTime())) return value as number;
				const sub = perMs === 1 ? '' : String(n - ms * per).padStart(3, '0');
				return `${date.toISOString().slice(0, -1)}${sub}${local ? '' : 'Z'}`;
			}
			protected override _toValue(value: unknown): number | string | undefined {
				if (typeof value === 'number') return value;
				if (typeof value !== 'string') return undefined;
				const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)?$/.exec(value);
				if (!m) return undefined;
				const ms = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
				if (Number.isNaN(ms)) return undefined;
				const nanos = BigInt((m[2] ?? '').padEnd(9, '0'));
				const units = BigInt(ms) * BigInt(perMs) + nanos / BigInt(1_000_000 / perMs);
				return units >= MIN && units <= MAX ? Number(units) : units.toString();
			}
		};

	class DateType extends types.LogicalType {
		protected override _fromValue(days: number): string {
			return new Date(days * 86_400_000).toISOString().slice(0, 10);
		}
		protected override _toValue(value: unknown): number | undefined {
			if (typeof value === 'number') return value;
			if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(value)) return undefined;
			return Date.parse(`${value}T00:00:00Z`) / 86_400_000;
		}
	}

	return {
		decimal: Decimal,
		'timestamp-millis': timeSince(1, false),
		'timestamp-micros': timeSince(1000, false),
		'local-timestamp-millis': timeSince(1, true),
		'local-timestamp-micros': timeSince(1000, true),
		date: DateType,
	};
};

type AnyType = Avsc.Type & {
	typeName: string;
	fields?: Array<{name: string; type: AnyType}>;
	types?: AnyType[];
	itemsType?: AnyType;
	valuesType?: AnyType;
	underlyingType?: AnyType;
	name?: string;
};

/** Buffers as {"base64"}: the rest of a decoded value is JSON already. */
const toJson = (value: unknown): unknown => {
	if (Buffer.isBuffer(value)) return {base64: value.toString('base64')};
	if (Array.isArray(value)) return value.map(toJson);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
		return out;
	}
	return value;
};

/** The other way, guided by the schema: {"base64"} (or a plain string) where a field is bytes or fixed. */
const fromJson = (type: AnyType, value: unknown): unknown => {
	switch (type.typeName) {
		case 'bytes':
		case 'fixed':
			if (typeof value === 'string') return Buffer.from(value, 'utf8');
			if (value && typeof value === 'object' && typeof (value as {base64?: unknown}).base64 === 'string')
				return Buffer.from((value as {base64: string}).base64, 'base64');
			return value;
		case 'record':
		case 'error':
			if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
			return Object.fromEntries(
				type.fields!.map(f => [f.name, fromJson(f.type, (value as Record<string, unknown>)[f.name])]),
			);
		case 'array':
			return Array.isArray(value) ? value.map(v => fromJson(type.itemsType!, v)) : value;
		case 'map':
			return value && typeof value === 'object'
				? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(type.valuesType!, v)]))
				: value;
		case 'union:unwrapped': {
			const branch = type.types!.find(t => t.isValid(fromJson(t, value)));
			return branch ? fromJson(branch, value) : value;
		}
		case 'union:wrapped': {
			if (!value || typeof value !== 'object') return value;
			const [[name, inner]] = Object.entries(value) as [[string, unknown]];
			const branch = type.types!.find(t => (t.name ?? t.typeName) === name || t.branchName === name);
			return branch ? {[name]: fromJson(branch, inner)} : value;
		}
		default:
			if (type.typeName.startsWith('logical:') && type.underlyingType?.typeName === 'fixed') return value;
			return value;
	}
};

export const avroFormat = (schemaText: string, references: string[]): SchemaFormat => {
	const {Type} = lib();
	const registry: Record<string, Avsc.Type> = {};
	const options = {registry, logicalTypes: logicalTypes(), wrapUnions: 'auto' as const, typeHook: undefined};
	const long = longType();
	// Named types of referenced schemas first, so the main schema can use them by name.
	const withLong = (schema: unknown) =>
		Type.forSchema(
			schema as Avsc.Schema,
			{
				...options,
				registry: registry as Record<string, Avsc.Type>,
				typeHook: (s: unknown) =>
					s === 'long' || ((s as {type?: unknown})?.type === 'long' && !(s as {logicalType?: unknown}).logicalType)
						? long
						: undefined,
			} as unknown as Avsc.ForSchemaOptions,
		);
	for (const ref of references) withLong(JSON.parse(ref));
	const type = withLong(JSON.parse(schemaText)) as AnyType;
	return {
		name: type.name ?? type.typeName,
		decode: bytes => toJson(type.fromBuffer(bytes)),
		check: value => {
			const converted = fromJson(type, value);
			const problems: string[] = [];
			type.isValid(converted, {
				errorHook: (path: string[], any: unknown, t: AnyType) => {
					if (problems.length === 0)
						problems.push(
							`${path.length > 0 ? `.${path.join('.')}` : 'the value'}: ${JSON.stringify(any) ?? 'nothing'} is not ${describe(t)}`,
						);
				},
			});
			return problems[0] ?? null;
		},
		encode: value => type.toBuffer(fromJson(type, value)),
	};
};

const describe = (t: AnyType): string => {
	if (t.typeName === 'enum') return `one of ${(t as unknown as {symbols: string[]}).symbols.join(', ')}`;
	if (t.typeName.startsWith('union')) return `any of ${t.types!.map(describe).join(' | ')}`;
	if (t.typeName === 'record') return `a ${t.name} record`;
	if (t.typeName.startsWith('logical:')) return `a ${t.typeName.slice(8)}`;
	if (t.typeName === 'null') return 'null';
	// Longs are ours (lossless past 2^53): avsc names such a type abstract.
	const name = t.typeName === 'abstract:long' ? 'long' : t.typeName;
	return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
};
