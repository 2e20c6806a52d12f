import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {avroFormat} from '../source/schema/formats/avro-format.js';
import {descriptorText, protobufSchema} from '../source/schema/formats/protobuf-format.js';
import {createRequire} from 'node:module';
import {frameHeader, readFrame, readMessageIndexes} from '../source/schema/wire-format.js';

// The parts of decoding that need no registry: which wire format a value is in, Protobuf's message indexes, and the
// Avro logical types at their edges (the registry tests prove the common cases against Confluent's serializers).

describe('registry wire formats', () => {
	test("Confluent's and Apicurio's framing are told apart; anything else is not framed", () => {
		assert.deepEqual(readFrame(Buffer.from('0000000007aa', 'hex')), {framing: 'confluent', id: 7, payloadStart: 5});
		assert.deepEqual(readFrame(Buffer.from('00000000000000002aaa', 'hex')), {
			framing: 'apicurio',
			id: 42,
			payloadStart: 9,
		});
		for (const raw of ['', '00', '00000000', '7b7d', '0100000001aa', '000000000000000000aa'])
			assert.equal(readFrame(Buffer.from(raw, 'hex')), null, raw);
		assert.equal(readFrame(null), null);
	});

	test('message indexes: written as Confluent writes them, read back; [0] is the single zero byte', () => {
		for (const indexes of [[0], [1], [1, 0], [3, 2, 70], [200]]) {
			const header = frameHeader(9, indexes);
			assert.equal(header.readUInt32BE(1), 9);
			assert.deepEqual(readMessageIndexes(header, 5), {indexes, end: header.length}, String(indexes));
		}
		assert.deepEqual([...frameHeader(9, [0]).subarray(5)], [0]);
		// [1, 0]: a count of 2 and 1, 0, zigzag encoded.
		assert.deepEqual([...frameHeader(9, [1, 0]).subarray(5)], [4, 2, 0]);
		assert.throws(() => readMessageIndexes(Buffer.from([0, 0, 0, 0, 9, 4, 2]), 5), /run past the end/);
	});
});

describe('Avro logical types and longs, at their edges', () => {
	const schema = JSON.stringify({
		type: 'record',
		name: 'Edge',
		fields: [
			{name: 'big', type: 'long'},
			{name: 'price', type: {type: 'bytes', logicalType: 'decimal', precision: 20, scale: 3}},
			{name: 'fixedPrice', type: {type: 'fixed', name: 'F', size: 4, logicalType: 'decimal', precision: 8, scale: 2}},
			{name: 'micros', type: {type: 'long', logicalType: 'timestamp-micros'}},
			{name: 'local', type: {type: 'long', logicalType: 'local-timestamp-millis'}},
			{name: 'day', type: {type: 'int', logicalType: 'date'}},
			{name: 'either', type: ['null', 'string', 'long']},
			{name: 'blob', type: 'bytes'},
		],
	});
	const format = avroFormat(schema, []);
	const value = {
		big: '-9223372036854775808',
		price: '-123456789012345.678',
		fixedPrice: '-0.01',
		micros: '1969-12-31T23:59:59.999999Z',
		local: '2026-05-01T12:00:00.500',
		day: '1969-12-31',
		either: 5,
		blob: {base64: '/wA='},
	};

	test('what is encoded decodes to the same JSON, exactly', () => {
		assert.equal(format.check(value), null);
		assert.deepEqual(format.decode(format.encode(value)), value);
		assert.deepEqual(format.decode(format.encode({...value, big: 12, either: null, price: '0'})), {
			...value,
			big: 12,
			either: null,
			price: '0.000',
		});
	});

	test('a value that does not fit says where and why', () => {
		assert.match(format.check({...value, price: '1.2345'})!, /^\.price: "1\.2345" is not a decimal/);
		assert.match(format.check({...value, big: '9223372036854775808'})!, /^\.big: /);
		assert.match(format.check({...value, micros: 'yesterday'})!, /^\.micros: /);
		assert.match(format.check({...value, either: true})!, /^\.either: true is not any of null \| a string \| a long/);
		assert.match(format.check({...value, fixedPrice: '123456789.00'})!, /^\.fixedPrice: /);
	});
});

describe('Protobuf from .proto text: imported well-known types, the .proto names shown, ProtoJSON read', () => {
	const schema = protobufSchema(
		`syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
message Order {
  int64 order_id = 1;
  google.protobuf.Timestamp placed_at = 2;
  google.protobuf.Int64Value discount_cents = 3;
  map<string, Line> lines_by_sku = 4;
  string customer_ref = 5 [json_name = "customer"];
  message Line { int32 unit_count = 1; }
}`,
		[],
	);
	const format = schema.format([0]);

	test('a value typed with .proto names or JSON names decodes to the .proto names, well-known types as their JSON', () => {
		const typed = {
			orderId: '9007199254740993',
			placed_at: '2026-05-01T12:30:15.123Z',
			discount_cents: '250',
			linesBySku: {a1: {unit_count: 2}},
			customer: 'c-7',
		};
		assert.equal(format.check(typed), null);
		assert.deepEqual(format.decode(format.encode(typed)), {
			order_id: '9007199254740993',
			placed_at: '2026-05-01T12:30:15.123Z',
			discount_cents: '250',
			lines_by_sku: {a1: {unit_count: 2}},
			customer_ref: 'c-7',
		});
	});

	test('a wrong value is named by its path in the value', () => {
		assert.match(format.check({lines_by_sku: {a1: {unit_count: 'two'}}})!, /^\.lines_by_sku\["a1"\]\.unit_count: /);
		assert.match(format.check({placed_at: 'yesterday'})!, /^\.placed_at: /);
	});
});

test('a schema registered as a FileDescriptorProto is shown decoded, and .proto text is not touched', () => {
	const require = createRequire(import.meta.url);
	const protobuf = require('protobufjs') as typeof import('protobufjs');
	const descriptor = require('protobufjs/ext/descriptor.js') as {
		FileDescriptorSet: {encode(set: unknown): {finish(): Uint8Array}};
		FileDescriptorProto: {encode(file: unknown): {finish(): Uint8Array}};
	};
	const root = protobuf.parse('syntax = "proto3"; package p; message Order { int64 order_id = 1; }', {
		keepCase: true,
	}).root;
	const [file] = (root as unknown as {toDescriptor(s: string): {file: unknown[]}}).toDescriptor('proto3').file;
	const base64 = Buffer.from(descriptor.FileDescriptorProto.encode(file).finish()).toString('base64');
	const text = descriptorText(base64)!;
	assert.match(text, /"name": "Order"/);
	assert.match(text, /"name": "order_id",\s+"number": 1,\s+"label": "LABEL_OPTIONAL",\s+"type": "TYPE_INT64"/);
	assert.equal(descriptorText('syntax = "proto3"; message A {}'), null);
});
