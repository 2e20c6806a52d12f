import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {brokers1, createTopic, kcat, runCli, secure, stateHome, uniqueName} from './helpers/env.js';
import {ccompatUrl, ensureWitness, registryTlsUrl, registryUrl, witness} from './helpers/witness.js';

// Decoding and encoding through a real Schema Registry (Apicurio, in memory, started by npm test), proven against an
// independent implementation: Confluent's Python client with its own Avro, Protobuf and JSON Schema serializers.

const at = ['--brokers', brokers1, '--registry', ccompatUrl];
let protoDir = '';
const lines = (stdout: string) =>
	stdout
		.split('\n')
		.filter(Boolean)
		.map(l => JSON.parse(l) as Record<string, unknown>);

/** A file of JSON values, a value a line, encoded with the subject's latest schema. */
const produceLines = (topic: string, file: string, subject: string) =>
	runCli(['produce', topic, '--file', file, '--format', 'lines', '--subject', subject, ...at]);

const topicsFor = async (prefix: string) => {
	for (const kind of ['avro', 'proto', 'json']) await createTopic(brokers1, `${prefix}-${kind}`, 1);
};

describe('schema registry: kex against Confluent’s own serializers', () => {
	let prefix = '';
	let written: Array<Record<string, unknown>> = [];
	before(async () => {
		protoDir = await ensureWitness();
		prefix = uniqueName('reg');
		await topicsFor(prefix);
		written = witness(['produce', brokers1, ccompatUrl, prefix, protoDir]);
	});

	test('consume --json decodes every message to exactly the record the witness wrote, with its schema', async () => {
		for (const kind of ['avro', 'proto', 'json']) {
			const topic = `${prefix}-${kind}`;
			const r = await runCli(['consume', topic, '--json', ...at]);
			assert.equal(r.status, 0, r.stderr);
			const expected = written.filter(w => w['topic'] === topic);
			const got = lines(r.stdout);
			assert.equal(got.length, expected.length, topic);
			for (const [i, w] of expected.entries()) {
				assert.deepEqual(got[i]!['value'], w['value'], `${topic} offset ${String(w['offset'])}`);
				const schema = got[i]!['valueSchema'] as Record<string, unknown>;
				assert.equal(schema['subject'], `${topic}-value`);
				assert.equal(schema['framing'], 'confluent');
				assert.ok(Number.isInteger(schema['id']));
			}
		}
		// Protobuf: the second message is the nested Payment.Line (message indexes [1, 0]); the file's first is Audit.
		const proto = lines((await runCli(['consume', `${prefix}-proto`, '--json', ...at])).stdout);
		assert.deepEqual(
			proto.map(m => (m['valueSchema'] as {name: string}).name),
			['acme.payments.Payment', 'acme.payments.Payment.Line'],
		);
		// Avro's schema name, and without --registry (or with --no-decode) the same bytes kcat reads.
		const avro = lines((await runCli(['consume', `${prefix}-avro`, '--json', ...at])).stdout);
		assert.equal((avro[0]!['valueSchema'] as {name: string}).name, 'com.acme.payments.Payment');
		const raw = lines((await runCli(['consume', `${prefix}-avro`, '--json', '--no-decode', ...at])).stdout);
		const kcatValue = kcat(['-b', brokers1, '-C', '-t', `${prefix}-avro`, '-o', '0', '-c', '1', '-e', '-f', '%s']);
		assert.deepEqual(raw[0]!['value'], {base64: kcatValue.toString('base64')});
		assert.equal(raw[0]!['valueSchema'], undefined);
	});

	test('what kex encodes with --subject, the witness decodes to the value kex was given', async () => {
		const target = uniqueName('reg-out');
		await topicsFor(target);
		const avroValue = {
			id: 5,
			big: '9007199254740993',
			customer: {id: 1, name: 'Zoë', email: null},
			status: 'REFUNDED',
			amount: '-10.50',
			at: '2026-05-01T00:00:00.001Z',
			day: '2026-05-01',
			note: 7,
			tags: ['x'],
			attrs: {k: 0.25},
			raw: {base64: 'AAE='},
		};
		const protoValue = {
			id: '4',
			customer: {id: 2, name: 'P'},
			status: 'REFUNDED',
			lines: [{sku: 'Z', quantity: 3}],
			paid_at: '2026-05-01T00:00:00.500Z',
			note: 'wrapped',
		};
		const jsonValue = {id: 9, reason: 'x', lines: [{sku: 'q'}]};
		const cases: Array<[string, string, unknown, string[]]> = [
			['avro', 'avro', avroValue, []],
			['proto', 'protobuf', protoValue, ['--message', 'Payment']],
			['json', 'json', jsonValue, []],
		];
		for (const [kind, witnessKind, value, extra] of cases) {
			const r = await runCli([
				'produce',
				`${target}-${kind}`,
				JSON.stringify(value),
				'--subject',
				`${prefix}-${kind}-value`,
				...extra,
				...at,
			]);
			assert.equal(r.status, 0, r.stderr);
			const [read] = witness(['consume', brokers1, ccompatUrl, `${target}-${kind}`, witnessKind, protoDir, '1']);
			assert.deepEqual(read!['value'], value, kind);
		}
		// A nested Protobuf message by its name: the witness reads it as Payment.Line's bytes.
		const nested = await runCli([
			'produce',
			`${target}-proto`,
			'{"sku": "n", "quantity": 1}',
			'--subject',
			`${prefix}-proto-value`,
			'--message',
			'Payment.Line',
			...at,
		]);
		assert.equal(nested.status, 0, nested.stderr);
		const decoded = lines((await runCli(['consume', `${target}-proto`, '--json', ...at])).stdout);
		assert.equal((decoded[1]!['valueSchema'] as {name: string}).name, 'acme.payments.Payment.Line');
		assert.deepEqual(decoded[1]!['value'], {sku: 'n', quantity: 1});
	});

	test('a decoded export replays: produce --file re-encodes each line with the schema id it names', async () => {
		const target = uniqueName('reg-replay');
		await topicsFor(target);
		const exported = await runCli(['consume', `${prefix}-avro`, '--json', ...at]);
		const file = path.join(stateHome, `${target}.ndjson`);
		writeFileSync(file, exported.stdout);
		const r = await runCli(['produce', `${target}-avro`, '--file', file, ...at]);
		assert.equal(r.status, 0, r.stderr);
		const read = witness(['consume', brokers1, ccompatUrl, `${target}-avro`, 'avro', protoDir, '2']);
		assert.deepEqual(
			read.map(m => m['value']),
			written.filter(w => w['topic'] === `${prefix}-avro`).map(w => w['value']),
		);
	});

	test('a value that does not fit is refused with the field and why, and nothing is written', async () => {
		const target = uniqueName('reg-bad');
		await createTopic(brokers1, target, 1);
		const cases: Array<[string, string, RegExp, string[]]> = [
			['avro', '{"id": 1, "customer": {"id": "one", "name": "x"}}', /\.(customer\.id: "one" is not an int|big)/, []],
			['json', '{"id": "9"}', /\.reason: is required|\.id: must be integer/, []],
			[
				'proto',
				'{"id": "4", "customer": {"id": "x"}}',
				/: \.customer\.id: invalid integer: "x"/,
				['--message', 'Payment'],
			],
			['proto', '{"who": "me", "when": 1}', /the value: unknown field: "when"/, []],
			['avro', '{not json', /the value is not JSON/, []],
		];
		for (const [kind, value, reason, extra] of cases) {
			const r = await runCli(['produce', target, value, '--subject', `${prefix}-${kind}-value`, ...extra, ...at]);
			assert.equal(r.status, 2, `${kind}: ${r.stdout}`);
			assert.match(r.stderr, reason);
		}
		const file = path.join(stateHome, `${target}.jsonl`);
		writeFileSync(file, '{"id": 1, "reason": "ok"}\n{"id": 2}\n');
		const r = await produceLines(target, file, `${prefix}-json-value`);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /line 2: "value" does not fit Refund .*\.reason: is required/);
		// The good line before it was written; the bad one was not.
		const count = kcat(['-b', brokers1, '-C', '-t', target, '-e', '-f', '%o\n']).toString().trim().split('\n');
		assert.deepEqual(count, ['0']);
		const unknown = await runCli(['produce', target, '{}', '--subject', 'no-such-subject', ...at]);
		assert.equal(unknown.status, 2);
		assert.match(unknown.stderr, /no version latest of subject no-such-subject/);
	});

	test('Apicurio’s own framing (8-byte global id) decodes; an unknown id or a registry that is down leaves the bytes with the reason', async () => {
		const topic = uniqueName('reg-frames');
		await createTopic(brokers1, topic, 1);
		const [apicurio] = witness(['apicurio', brokers1, registryUrl, topic]);
		witness(['raw', brokers1, topic, '000001869f6a756e6b', '00']);
		const r = await runCli(['consume', topic, '--json', ...at]);
		assert.equal(r.status, 0, r.stderr);
		const [first, unknown, zero] = lines(r.stdout);
		assert.deepEqual(first!['value'], apicurio!['value']);
		assert.deepEqual(
			{...(first!['valueSchema'] as object), id: undefined},
			{
				type: 'AVRO',
				name: 'com.acme.payments.Payment',
				subject: `${topic}-value`,
				version: 1,
				framing: 'apicurio',
				id: undefined,
			},
		);
		assert.equal((first!['valueSchema'] as {id: number}).id, apicurio!['globalId']);
		assert.deepEqual(unknown!['value'], {base64: Buffer.from('000001869f6a756e6b', 'hex').toString('base64')});
		assert.match(String(unknown!['valueDecodeError']), /schema id 99999 is not in the schema registry at /);
		// A lone zero byte is not in any wire format: just a value.
		assert.equal(zero!['value'], '\u0000');
		assert.equal(zero!['valueDecodeError'], undefined);

		const gone = 'http://127.0.0.1:9/apis/ccompat/v7';
		const down = await runCli(['consume', topic, '--json', '--brokers', brokers1, '--registry', gone]);
		assert.equal(down.status, 0, down.stderr);
		const shown = lines(down.stdout);
		assert.equal(shown.length, 3, 'every message printed');
		assert.match(
			down.stderr,
			/^kex: 2 key\(s\) or value\(s\) printed as bytes: the schema registry at .* cannot be reached/m,
		);
		for (const m of shown.slice(0, 2))
			assert.match(
				String(m['valueDecodeError']),
				/registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7 cannot be reached/,
			);
		// Lines: the raw bytes, escaped, as without a registry.
		const plain = await runCli([
			'consume',
			topic,
			'--brokers',
			brokers1,
			'--registry',
			'http://user:s3cret@127.0.0.1:9/',
		]);
		assert.equal(plain.status, 0);
		assert.match(plain.stdout, /^0\t0\t\S+\t\(null\)\t\\x00\\x00\\x00\\x00\\x00/m);
		assert.ok(!`${plain.stdout}${plain.stderr}`.includes('s3cret'), 'the password never shows');
	});

	test('a topic of many fetches: every message decoded once, in order per partition, as kex wrote it', async () => {
		const topic = uniqueName('reg-many');
		await createTopic(brokers1, topic, 3);
		// 3,000 values of about a kilobyte: several fetches, the schema fetched during the first.
		const values = Array.from({length: 3000}, (_, i) => ({id: i, reason: `r${i}-${'x'.repeat(1000)}`}));
		const file = path.join(stateHome, `${topic}.jsonl`);
		writeFileSync(file, values.map(v => JSON.stringify(v)).join('\n') + '\n');
		const wrote = await produceLines(topic, file, `${prefix}-json-value`);
		assert.equal(wrote.status, 0, wrote.stderr);
		const r = await runCli(['consume', topic, '--json', ...at]);
		assert.equal(r.status, 0, r.stderr);
		const got = lines(r.stdout);
		assert.equal(got.length, values.length);
		assert.deepEqual(
			got.map(m => m['value']).sort((a, b) => (a as {id: number}).id - (b as {id: number}).id),
			values,
		);
		for (const p of [0, 1, 2]) {
			const offsets = got.filter(m => m['partition'] === p).map(m => m['offset'] as number);
			assert.deepEqual(
				offsets,
				offsets.map((_, i) => i),
				`partition ${p} in order`,
			);
		}
		// One schema id for all (a schema registered under several subjects is named by the first: this topic has none).
		assert.equal(
			new Set(
				got.map(m =>
					JSON.stringify([
						(m['valueSchema'] as {id: number; name: string}).id,
						(m['valueSchema'] as {name: string}).name,
					]),
				),
			).size,
			1,
		);
		assert.equal((got[0]!['valueSchema'] as {name: string}).name, 'Refund');
	});

	test('a registry over TLS: its CA from the cluster configuration decodes; without it, the reason is the certificate', async () => {
		const https = `${registryTlsUrl}/apis/ccompat/v7`;
		const config = path.join(stateHome, `${uniqueName('reg-tls')}.yaml`);
		writeFileSync(
			config,
			`clusters:\n  local:\n    brokers: [${brokers1}]\n    registry:\n      url: ${https}\n      tls: {ca: ${secure.ca}}\n`,
		);
		const trusted = await runCli(['consume', `${prefix}-avro`, '--json', '--config', config, '--cluster', 'local']);
		assert.equal(trusted.status, 0, trusted.stderr);
		const decoded = lines(trusted.stdout);
		assert.deepEqual(
			decoded.map(m => m['value']),
			written.filter(w => w['topic'] === `${prefix}-avro`).map(w => w['value']),
		);
		const untrusted = await runCli(['consume', `${prefix}-avro`, '--json', '--brokers', brokers1, '--registry', https]);
		assert.equal(untrusted.status, 0, untrusted.stderr);
		assert.match(
			String(lines(untrusted.stdout)[0]!['valueDecodeError']),
			/TLS with the schema registry at https:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7 failed: .*not trust.*registry\.tls\.ca/,
		);
		const check = await runCli(['config', 'check', 'local', '--config', config]);
		assert.equal(check.status, 0, check.stderr);
		assert.match(check.stdout, /✓ the schema registry at https:.* answers: \d+ subject\(s\)/);
	});

	test('with a registry, keys and values in no wire format print byte for byte as without one, lines and JSON', async () => {
		const topic = uniqueName('reg-plain');
		await createTopic(brokers1, topic, 2);
		kcat(
			['-b', brokers1, '-P', '-t', topic, '-K', ':'],
			Array.from({length: 500}, (_, i) => `k${i}:{"n":${i},"s":"caf\u00e9 \u001b[31m"}`).join('\n') + '\n',
		);
		witness(['raw', brokers1, topic, '00', 'ff00', '0000000000']);
		for (const json of [['--json'], []]) {
			const without = await runCli(['consume', topic, ...json, '--brokers', brokers1]);
			const withRegistry = await runCli(['consume', topic, ...json, ...at]);
			assert.equal(withRegistry.status, 0, withRegistry.stderr);
			const sorted = (text: string) => text.split('\n').sort().join('\n');
			assert.equal(sorted(withRegistry.stdout), sorted(without.stdout), json.join(' ') || 'lines');
		}
	});
});
