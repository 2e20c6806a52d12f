import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {brokers1, CLI, createTopic, runCli, stateHome, uniqueName} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';
import {ccompatUrl, ensureWitness, witness} from './helpers/witness.js';

// The viewer with a registry, in a real terminal: Avro and Protobuf written by Confluent's Python serializers are
// listed, opened, searched and exported decoded; the bytes stay one key away.

describe('the viewer decodes through the schema registry, in a terminal', () => {
	let prefix = '';
	let protoDir = '';
	let term: Terminal | null = null;
	before(async () => {
		protoDir = await ensureWitness();
		prefix = uniqueName('regv');
		for (const kind of ['avro', 'proto', 'json']) await createTopic(brokers1, `${prefix}-${kind}`, 1);
		witness(['produce', brokers1, ccompatUrl, prefix, protoDir]);
	});
	after(() => term?.close());

	/** kex in a terminal of its own (with a registry unless null), on its first frame. */
	const start = async (registry: string | null = ccompatUrl, columns = 120, rows = 40) => {
		term?.close();
		const flag = registry ? ` --registry ${registry}` : '';
		const t = openTerminal(`node ${CLI} --brokers ${brokers1}${flag} --refresh 60`, columns, rows);
		term = t;
		await t.waitForScreen(s => s.includes('● connected'), 'the first frame');
		return t;
	};

	/** The viewer on a topic. */
	const open = async (topic: string, registry = ccompatUrl) => {
		const t = await start(registry);
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

	test(':subjects lists the subjects with their latest version and type; Enter shows the versions and the schema', async () => {
		const subject = `${prefix}-avro-value`;
		// A second version, registered by hand through the compatible API.
		const latest = (await (await fetch(`${ccompatUrl}/subjects/${subject}/versions/latest`)).json()) as {
			schema: string;
		};
		const evolved = JSON.parse(latest.schema) as {fields: unknown[]};
		evolved.fields.push({name: 'channel', type: 'string', default: 'web'});
		const registered = await fetch(`${ccompatUrl}/subjects/${subject}/versions`, {
			method: 'POST',
			headers: {'Content-Type': 'application/vnd.schemaregistry.v1+json'},
			body: JSON.stringify({schema: JSON.stringify(evolved)}),
		});
		assert.equal(registered.status, 200, await registered.clone().text());
		const {id} = (await registered.json()) as {id: number};
		const t = await start(ccompatUrl, 80, 24);
		await t.command('subjects');
		await t.waitForScreen(s => /subjects\(\d+\)/.test(s), 'the subjects');
		t.keys('/', ...subject.split(''), 'Enter');
		const listed = await t.waitForScreen(s => s.includes('subjects(1/'), 'the subject filtered');
		assert.match(listed, new RegExp(`${subject}\\s+Avro\\s+v2\\s+${id} NONE`));
		t.keys('Enter');
		const versions = await t.waitForScreen(
			s => s.includes('versions(2)') && s.includes('"name": "Payment"'),
			'versions',
		);
		assert.match(versions, new RegExp(`v2\\s+${id} Avro`));
		assert.match(versions, new RegExp(`schema v2 \\(id ${id}\\)`));
		// The schema is longer than the screen: J scrolls it a page, K back.
		assert.match(versions, /lines 1-\d+ of \d+ \(J\/K\)/);
		t.keys('J');
		await t.waitForScreen(s => /lines ([2-9]|\d\d+)-\d+ of \d+ \(J\/K\)/.test(s), 'the schema scrolled');
		t.keys('K');
		await t.waitForScreen(s => /lines 1-\d+ of \d+ \(J\/K\)/.test(s), 'the schema back at its top');
		t.keys('j');
		await t.waitForScreen(s => /schema v1 \(id \d+\)/.test(s), 'the first version');
		for (const line of versions.split('\n')) assert.ok([...line].length <= 80, `fits 80 columns: ${line}`);
		t.keys('Escape');
		await t.waitForScreen(s => s.includes('subjects(1/'), 'back to the subjects');
	});

	test(':subjects without a registry says how to give one', async () => {
		const t = await start(null, 100, 24);
		await t.command('subjects');
		await t.waitForScreen(s => s.includes('no schema registry: give --registry URL'), 'the reason');
	});

	test('the producer form encodes a JSON value with a subject; a value that does not fit names the field and keeps the draft', async () => {
		const topic = uniqueName('regp');
		await createTopic(brokers1, topic, 1);
		const t = await start();
		await t.command(`topic ${topic}`);
		await t.waitForScreen(s => s.includes(`of ${topic}`), 'the topic');
		t.keys('p');
		await t.waitForScreen(s => s.includes(`produce to ${topic}`), 'the form');
		t.keys('-l', '{"id": "x", "reason": "late"}');
		t.keys('Tab');
		t.keys('-l', `${prefix}-json-value`);
		t.keys('C-s');
		await t.waitForScreen(s => s.includes('the value encoded with'), 'the confirmation');
		t.keys('y');
		const refused = await t.waitForScreen(s => s.includes('does not fit'), 'the refusal');
		assert.match(refused, /does not fit JSON Schema Refund, .*: \.id: must be integer/);
		assert.match(refused, /Value\s+\{"id": "x", "reason": "late"\}/, 'the draft as typed');
		// Mend the value: the id becomes a number.
		// The cursor is in the value, the field the problem names: the line typed again, the id a number.
		t.keys('C-e', 'C-u');
		t.keys('-l', '{"id": 7, "reason": "late"}');
		t.keys('C-s');
		await t.waitForScreen(s => /y\s+sends/.test(s), 'the confirmation again');
		t.keys('y');
		await t.waitForScreen(s => /sent to .* partition 0 offset 0/.test(s), 'the result');
		const [read] = witness(['consume', brokers1, ccompatUrl, topic, 'json', protoDir, '1']);
		assert.deepEqual(read!['value'], {id: 7, reason: 'late'});
	});

	test('n finds a match on a field of a schema version first seen by the scan (fetched, then searched decoded)', async () => {
		const topic = uniqueName('regscan');
		await createTopic(brokers1, topic, 1);
		const subject = `${topic}-value`;
		const v1 = {type: 'record', name: 'Event', fields: [{name: 'n', type: 'int'}]};
		const v2 = {...v1, fields: [...v1.fields, {name: 'tag', type: 'string', default: ''}]};
		for (const schema of [v1, v2]) {
			const r = await fetch(`${ccompatUrl}/subjects/${subject}/versions`, {
				method: 'POST',
				headers: {'Content-Type': 'application/vnd.schemaregistry.v1+json'},
				body: JSON.stringify({schema: JSON.stringify(schema)}),
			});
			assert.equal(r.status, 200, await r.text());
		}
		const write = async (version: number, lines: string[]) => {
			const file = path.join(stateHome, `${topic}-v${version}.jsonl`);
			writeFileSync(file, `${lines.join('\n')}\n`);
			const r = await runCli([
				'produce',
				topic,
				'--file',
				file,
				'--format',
				'lines',
				'--subject',
				subject,
				'--schema-version',
				String(version),
				'--brokers',
				brokers1,
				'--registry',
				ccompatUrl,
			]);
			assert.equal(r.status, 0, r.stderr);
		};
		// Version 2 only in the middle: neither the newest page nor the oldest holds it, so only the scan meets it.
		await write(
			1,
			Array.from({length: 150}, (_, i) => JSON.stringify({n: i})),
		);
		await write(
			2,
			Array.from({length: 5}, (_, i) => JSON.stringify({n: 150 + i, tag: i === 3 ? 'needle' : 'hay'})),
		);
		await write(
			1,
			Array.from({length: 150}, (_, i) => JSON.stringify({n: 155 + i})),
		);
		const fresh = await open(topic);
		await fresh.waitForScreen(s => s.includes('{"n":304}'), 'the newest, decoded');
		await fresh.command('goto oldest');
		await fresh.waitForScreen(s => s.includes('from oldest') && s.includes('{"n":0}'), 'the oldest page');
		fresh.keys('/', 'C-u', ...'.tag == needle'.split(''), 'Enter');
		await fresh.waitForScreen(s => /messages\(0\/\d+\)/.test(s), 'nothing loaded matches');
		fresh.keys('n');
		const found = await fresh.waitForScreen(
			s => /found after scanning|no match in the next|search stopped/.test(s),
			'the scan',
		);
		assert.match(found, /found after scanning/);
		assert.match(found, /\s153 .*\{"n":153,"tag":"needle"\}/);
	});
});
