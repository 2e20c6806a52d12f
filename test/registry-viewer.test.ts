import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {brokers1, CLI, createTopic, uniqueName} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';
import {ccompatUrl, ensureWitness, witness} from './helpers/witness.js';

// The viewer with a registry, in a real terminal: Avro and Protobuf written by Confluent's Python serializers are
// listed, opened, searched and exported decoded; the bytes stay one key away.

describe('the viewer decodes through the schema registry, in a terminal', () => {
	let prefix = '';
	let term: Terminal | null = null;
	before(async () => {
		const protoDir = ensureWitness();
		prefix = uniqueName('regv');
		for (const kind of ['avro', 'proto', 'json']) await createTopic(brokers1, `${prefix}-${kind}`, 1);
		witness(['produce', brokers1, ccompatUrl, prefix, protoDir]);
	});
	after(() => term?.close());

	const open = async (topic: string, registry = ccompatUrl) => {
		term?.close();
		const t = openTerminal(`node ${CLI} --brokers ${brokers1} --registry ${registry} --refresh 60`, 120, 40);
		term = t;
		await t.waitForScreen(s => s.includes('● connected'), 'the first frame');
		await t.command(`topic ${topic}`);
		await t.waitForScreen(s => s.includes(`of ${topic}`), 'the topic');
		t.keys('m');
		return t;
	};

	test('Avro: the list and the detail show the record and its schema; a field filter finds it; hex shows the bytes', async () => {
		const t = await open(`${prefix}-avro`);
		await t.waitForScreen(
			s => s.includes('{"id":1,"big":"9007199254740993","customer":{"id":42') && s.includes('{"id":2,"big":-5'),
			'both records decoded in the list',
		);
		t.keys('/', 'C-u', ...'.customer.id == 42'.split(''), 'Enter');
		await t.waitForScreen(s => /messages\(1\/2\)/.test(s), 'the field filter on the decoded record');
		t.keys('Enter');
		const detail = await t.waitForScreen(s => s.includes('value schema:'), 'the detail');
		assert.match(
			detail,
			new RegExp(`value schema: Avro com\\.acme\\.payments\\.Payment, ${prefix}-avro-value v1, id \\d+`),
		);
		assert.match(detail, /"amount": "1234\.50"/);
		assert.match(detail, /"at": "2026-05-01T12:30:15\.123Z"/);
		t.keys('v', 'v', 'v');
		const hex = await t.waitForScreen(s => s.includes('value as hex'), 'the hex view');
		assert.match(hex, /00000000 {2}00 00 00 00 /, 'the wire format header, as bytes');
	});

	test('Protobuf: a nested message (message indexes [1, 0]) is named and decoded', async () => {
		const t = await open(`${prefix}-proto`);
		await t.waitForScreen(s => s.includes('{"sku":"C-3","quantity":7}'), 'the nested Line decoded');
		t.keys('G', 'Enter');
		const detail = await t.waitForScreen(s => s.includes('value schema:'), 'the detail');
		assert.match(detail, /value schema: Protobuf acme\.payments\.Payment\.Line, /);
	});

	test('a registry that does not answer: the bytes, and why, in the detail; the viewer goes on', async () => {
		const t = await open(`${prefix}-json`, 'http://127.0.0.1:9/apis/ccompat/v7');
		await t.waitForScreen(s => s.includes('\\x00\\x00\\x00\\x00'), 'the raw bytes in the list');
		t.keys('Enter');
		const detail = await t.waitForScreen(s => s.includes('value schema:'), 'the detail');
		assert.match(
			detail,
			/value schema: not decoded \(schema id \d+\): the schema registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7 cannot be reached/,
		);
	});
});
