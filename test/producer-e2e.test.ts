import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {brokers1, CLI, createTopic, kcat, runCli, uniqueName} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';

// Producing against the real broker, read back with kcat byte for byte: an export replayed to another topic
// (binary, non-ASCII, null values and header values, explicit partitions), a lines file with keys, a message sent
// from the form in a real terminal, and what each kind of bad input says.

type KcatJson = {partition: number; offset: number; key: string | null; payload: string | null; headers?: string[]};
const at = ['--brokers', brokers1];
const dir = mkdtempSync(path.join(tmpdir(), 'kex-produce-'));
const readAll = (topic: string) =>
	kcat(['-b', brokers1, '-C', '-t', topic, '-o', 'beginning', '-e', '-J'])
		.toString()
		.trim()
		.split('\n')
		.filter(Boolean)
		.map(l => JSON.parse(l) as KcatJson);
const raw = (topic: string, partition: number, offset: number, what: '%s' | '%k') =>
	kcat(['-b', brokers1, '-C', '-t', topic, '-p', String(partition), '-o', String(offset), '-c', '1', '-e', '-f', what]);

describe('producing against the real broker', () => {
	const source = uniqueName('produce-src');
	const copy = uniqueName('produce-copy');
	before(async () => {
		await createTopic(brokers1, source, 3);
		await createTopic(brokers1, copy, 3);
		kcat(
			['-b', brokers1, '-P', '-t', source, '-p', '0', '-k', 'grüße', '-H', 'lang=de', '-H', 'lang=en'],
			'Grüße aus Köln 🎉',
		);
		kcat(['-b', brokers1, '-P', '-t', source, '-p', '2', '-k', 'bin'], Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x0a]));
		// kcat sends no message for an empty line; kafkajs writes the tombstone.
		const producer = new kafkajs.Kafka({brokers: [brokers1], logLevel: kafkajs.logLevel.NOTHING}).producer();
		await producer.connect();
		await producer.send({topic: source, messages: [{partition: 1, key: 'gone', value: null}]});
		await producer.disconnect();
	});

	test('an export replayed to another topic with --keep-partitions is the same, byte for byte', async () => {
		const exported = await runCli(['consume', source, '--json', ...at]);
		assert.equal(exported.status, 0, exported.stderr);
		const file = path.join(dir, 'export.ndjson');
		writeFileSync(file, exported.stdout);
		const r = await runCli(['produce', copy, '--file', file, '--keep-partitions', ...at]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^wrote 3 message\(s\) to .* \(partition 0: 1, 1: 1, 2: 1\)\n$/);
		const theirs = readAll(source);
		const ours = readAll(copy);
		assert.equal(ours.length, 3);
		for (const m of theirs) {
			const twin = ours.find(o => o.key === m.key)!;
			assert.equal(twin.partition, m.partition, `${m.key}: partition`);
			assert.deepEqual(twin.headers ?? [], m.headers ?? [], `${m.key}: headers`);
			assert.ok(
				raw(copy, twin.partition, twin.offset, '%s').equals(raw(source, m.partition, m.offset, '%s')),
				`${m.key}: value bytes`,
			);
			assert.equal(twin.payload, m.payload, `${m.key}: null stays null`);
		}
	});

	test('a lines file with a key separator: keys, values and partitions as kcat reads them, offsets as --json says', async () => {
		const topic = uniqueName('produce-lines');
		await createTopic(brokers1, topic, 2);
		const file = path.join(dir, 'lines.txt');
		writeFileSync(file, 'a|eins\r\nb|zwei|mit|pipes\nc|drei €\n');
		const r = await runCli([
			'produce',
			topic,
			'--file',
			file,
			'--key-separator',
			'|',
			'--partition',
			'1',
			'--json',
			...at,
		]);
		assert.equal(r.status, 0, r.stderr);
		const got = readAll(topic);
		assert.deepEqual(
			got.map(m => [m.partition, m.key, m.payload]),
			[
				[1, 'a', 'eins'],
				[1, 'b', 'zwei|mit|pipes'],
				[1, 'c', 'drei €'],
			],
		);
		// --json: where each line was written, in the order of the lines.
		const written = r.stdout
			.trim()
			.split('\n')
			.map(l => JSON.parse(l) as {partition: number; offset: number});
		assert.deepEqual(
			written.map(w => [w.partition, w.offset]),
			got.map(m => [m.partition, m.offset]),
		);
	});

	test('a file larger than a batch the broker takes: every line once, in order, each key where Java puts it', async () => {
		// 4,000 lines of 720 bytes over 2 partitions: about 1.4 MB a partition, past the broker's 1,048,588 bytes a
		// batch, so the lines must go in several batches; kcat with Java's partitioner (murmur2) is the witness of
		// where each key belongs.
		const [mine, theirs] = [uniqueName('produce-many'), uniqueName('produce-many-kcat')];
		await createTopic(brokers1, mine, 2);
		await createTopic(brokers1, theirs, 2);
		const file = path.join(dir, 'many.txt');
		const lines = Array.from({length: 4000}, (_, i) => `key-${i % 50}|${String(i).padStart(6, '0')}${'x'.repeat(700)}`);
		writeFileSync(file, `${lines.join('\n')}\n`);
		const r = await runCli(['produce', mine, '--file', file, '--key-separator', '|', ...at]);
		assert.equal(r.status, 0, r.stderr);
		kcat(['-b', brokers1, '-P', '-t', theirs, '-K', '|', '-X', 'partitioner=murmur2_random', '-l', file]);
		const got = readAll(mine);
		assert.equal(got.length, 4000);
		const wanted = new Map(readAll(theirs).map(m => [m.key, m.partition]));
		for (const partition of [0, 1]) {
			const values = got.filter(m => m.partition === partition).map(m => Number(m.payload!.slice(0, 6)));
			assert.deepEqual(
				values,
				[...values].sort((a, b) => a - b),
				`partition ${partition} is in file order`,
			);
		}
		assert.deepEqual(new Set(got.map(m => Number(m.payload!.slice(0, 6)))).size, 4000, 'every line once');
		for (const m of got) assert.equal(m.partition, wanted.get(m.key), `${m.key} goes where Java's partitioner puts it`);
	});

	test('bad input: unknown topic, partition out of range, no such file or a folder, a message too large (with the limit), broken JSON', async () => {
		const file = path.join(dir, 'bad.ndjson');
		writeFileSync(file, '{"key":"ok","value":"1"}\n{"value": nope}\n{"value":"never sent"}\n');
		const big = path.join(dir, 'big.txt');
		writeFileSync(big, `small\n${'x'.repeat(1_200_000)}\n`);
		const cases: Array<[string[], number, RegExp]> = [
			[['produce', 'no-such-topic', 'x', ...at], 1, /^kex: unknown topic: no-such-topic\n$/],
			[['produce', copy, 'x', '--partition', '7', ...at], 1, /has no partition 7 \(it has 3: 0 to 2\)/],
			[['produce', copy, '--file', path.join(dir, 'none.txt'), ...at], 2, /^kex: no such file: .*none\.txt\n$/],
			[['produce', copy, '--file', dir, ...at], 2, /^kex: not a file: .* \(give a file of lines\)\n$/],
			[
				['produce', copy, '--file', file, ...at],
				2,
				/^kex: line 2: not JSON: .* Written: 1 messages, every line before it; nothing from line 2 on was sent\.\n$/,
			],
			[
				['produce', copy, '--file', big, ...at],
				1,
				/line 2: cannot write to .*larger than the topic or broker allows.* accepts batches of at most 1,048,588 bytes, the largest message here is 1,200,000\. Written: 1 messages: 1 of lines 1-2\. Not written: 1 of lines 1-2\. Nothing after line 2 was sent\./,
			],
		];
		for (const [args, status, message] of cases) {
			const r = await runCli(args);
			assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message, args.join(' '));
		}
	});

	describe('the form in a terminal', () => {
		const topic = uniqueName('produce-form');
		let term: Terminal;
		before(async () => {
			await createTopic(brokers1, topic, 3);
			term = openTerminal(`node ${CLI} --brokers ${brokers1} --refresh 60`, 100, 30);
			await term.waitForScreen(s => s.includes('● connected'), 'the first frame');
		});
		after(() => term?.close());

		test('a message typed in the form is what kcat reads: key, non-ASCII multi-line value, headers, partition', async () => {
			await term.command(`topic ${topic}`);
			await term.waitForScreen(s => s.includes(`partitions(3) of ${topic}`), 'the topic');
			term.keys('p');
			await term.waitForScreen(s => s.includes(`produce to ${topic}`), 'the form');
			term.keys('-l', 'Zürich ');
			term.keys('Enter');
			term.keys('-l', '{"n": 1}');
			// Past the schema field (empty: the value goes as typed) to the headers.
			term.keys('Tab', 'Tab');
			term.keys('-l', 'source: kex');
			term.keys('Enter');
			term.keys('-l', 'empty');
			term.keys('BTab', 'BTab', 'BTab');
			term.keys('-l', 'k-1');
			term.keys('BTab');
			term.keys('-l', '2');
			term.keys('C-s');
			await term.waitForScreen(s => s.includes('y sends'), 'the confirmation');
			term.keys('y');
			const screen = await term.waitForScreen(s => /sent to .* partition 2 offset 0/.test(s), 'the result');
			assert.match(screen, /Value\s+Zürich/, 'the form stays filled');
			const [m] = readAll(topic);
			assert.deepEqual([m!.partition, m!.key, m!.headers], [2, 'k-1', ['source', 'kex', 'empty', null]]);
			assert.equal(raw(topic, 2, 0, '%s').toString('utf8'), 'Zürich \n{"n": 1}');
		});
	});
});
