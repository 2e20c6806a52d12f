import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {createKafkaService} from '../source/kafka/service.js';
import type {KafkaService, Message, ProduceResult} from '../source/kafka/types.js';
import {readAll} from './helpers/read.js';
import {brokers1, CONSUMER_GROUPS, createTopic, kcat, tool, uniqueName} from './helpers/env.js';

const hex = (b: Buffer | null) => (b === null ? null : b.toString('hex'));

describe('messages, byte for byte against kcat', () => {
	let service: KafkaService;
	before(() => {
		service = createKafkaService({brokers: brokers1.split(',')});
	});
	after(() => service.close());

	test('what kcat writes reads back exactly: keys, headers, binary, empty and null values', async () => {
		const topic = uniqueName('from-kcat');
		await createTopic(brokers1, topic, 1);
		// kcat -Z sends an empty value as null; without it an empty value stays empty.
		kcat(
			['-b', brokers1, '-P', '-t', topic, '-K', '|', '-H', 'trace=abc', '-H', 'dup=1', '-H', 'dup=2'],
			'k1|hello\nk2|\n',
		);
		kcat(['-b', brokers1, '-P', '-t', topic, '-Z', '-K', '|'], 'k3|\n');
		const binary = Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x0a, 0x0d]);
		kcat(['-b', brokers1, '-P', '-t', topic, '-D', '\u0001'], binary);

		const messages = await readAll(service, {topic, from: {kind: 'oldest'}});
		assert.equal(messages.length, 4);
		assert.deepEqual(
			messages.map(m => ({
				key: hex(m.key),
				value: hex(m.value),
				headers: m.headers.map(h => `${h.key}=${hex(h.value)}`),
			})),
			[
				{key: hex(Buffer.from('k1')), value: hex(Buffer.from('hello')), headers: ['trace=616263', 'dup=31', 'dup=32']},
				{key: hex(Buffer.from('k2')), value: '', headers: ['trace=616263', 'dup=31', 'dup=32']},
				{key: hex(Buffer.from('k3')), value: null, headers: []},
				{key: null, value: hex(binary), headers: []},
			],
		);
		assert.deepEqual(
			messages.map(m => m.offset),
			[0, 1, 2, 3],
		);
	});

	test('what kex writes, kcat reads back exactly, at the offsets kex reported', async () => {
		const topic = uniqueName('from-kex');
		await createTopic(brokers1, topic, 3);
		const value = Buffer.from('grüße ✓ {"a":1}', 'utf8');
		const binary = Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]);
		const results = await service.produce([
			{
				topic,
				key: Buffer.from('order-1'),
				value,
				headers: [
					{key: 'h', value: Buffer.from('v')},
					{key: 'h', value: Buffer.from('w')},
				],
			},
			{topic, partition: 2, key: null, value: binary, headers: [{key: 'nothing', value: null}]},
			{topic, partition: 1, key: Buffer.from('gone'), value: null, headers: []},
			{topic, partition: 1, key: Buffer.from('empty'), value: Buffer.alloc(0), headers: []},
		]);
		assert.deepEqual(
			results.slice(1).map(r => r.partition),
			[2, 1, 1],
		);
		const [first, second, third, fourth] = results as [ProduceResult, ProduceResult, ProduceResult, ProduceResult];

		// %R: key and value lengths come first so that binary bytes can be compared exactly; -1 means null.
		const out = kcat([
			'-b',
			brokers1,
			'-C',
			'-t',
			topic,
			'-o',
			'beginning',
			'-e',
			'-q',
			'-f',
			'%p %o %K %S|%k|%s|%h\n',
		]).toString('latin1');
		const lines = out.trimEnd().split('\n').sort();
		const latin = (b: Buffer) => b.toString('latin1');
		assert.deepEqual(
			lines,
			[
				`${first.partition} ${first.offset} 7 ${value.length}|order-1|${latin(value)}|h=v,h=w`,
				`${second.partition} ${second.offset} -1 5||${latin(binary)}|nothing=NULL`,
				`${third.partition} ${third.offset} 4 -1|gone||`,
				`${fourth.partition} ${fourth.offset} 5 0|empty||`,
			].sort(),
		);
		assert.ok(third.offset + 1 === fourth.offset, 'consecutive messages to one partition get consecutive offsets');
	});

	test('start positions: newest N, an offset, a timestamp; a limit stops early', async () => {
		const topic = uniqueName('positions');
		await createTopic(brokers1, topic, 1);
		await service.produce(
			Array.from({length: 10}, (_, i) => ({topic, key: null, value: Buffer.from(`m${i}`), headers: []})),
		);
		const values = (ms: Message[]) => ms.map(m => m.value!.toString());
		assert.deepEqual(values(await readAll(service, {topic, from: {kind: 'newest', count: 3}})), ['m7', 'm8', 'm9']);
		assert.deepEqual(values(await readAll(service, {topic, from: {kind: 'offset', offset: 4}, limit: 2})), [
			'm4',
			'm5',
		]);
		const later = Date.now() + 60_000;
		assert.deepEqual(await readAll(service, {topic, from: {kind: 'timestamp', timestamp: later}}), []);
		assert.equal((await readAll(service, {topic, from: {kind: 'timestamp', timestamp: 0}})).length, 10);
		await assert.rejects(readAll(service, {topic, from: {kind: 'offset', offset: 50}}), /out of range.*offsets 0 to 9/);
	});

	test('a large read returns every message once, in order per partition', async () => {
		const topic = uniqueName('bulk');
		await createTopic(brokers1, topic, 3);
		const lines = Array.from({length: 30_000}, (_, i) => `k${i % 7}|${'x'.repeat(i % 50)}${i}`).join('\n');
		kcat(['-b', brokers1, '-P', '-t', topic, '-K', '|', '-z', 'gzip'], `${lines}\n`);
		const messages = await readAll(service, {topic, from: {kind: 'oldest'}});
		assert.equal(messages.length, 30_000);
		const seen = new Set(messages.map(m => m.value!.toString().replace(/^x*/, '')));
		assert.equal(seen.size, 30_000);
		for (const p of [0, 1, 2]) {
			const offsets = messages.filter(m => m.partition === p).map(m => m.offset);
			assert.deepEqual(
				offsets,
				offsets.map((_, i) => i),
				`partition ${p} offsets are 0..n-1 in order`,
			);
		}
	});

	test('reading leaves no consumer group behind and commits nothing', async () => {
		const topic = uniqueName('traceless');
		await createTopic(brokers1, topic, 2);
		await service.produce([{topic, key: null, value: Buffer.from('x'), headers: []}]);
		const before = new Set((await service.groups()).map(g => g.groupId));
		await readAll(service, {topic, from: {kind: 'oldest'}});
		await readAll(service, {topic, from: {kind: 'newest', count: 5}});
		// Other test files run at the same time and make groups of their own: a group kex left behind would be one
		// that appeared meanwhile and committed offsets for the topic read here.
		const appeared = (await service.groups()).map(g => g.groupId).filter(g => !before.has(g));
		for (const lag of await service.groupsLag(appeared)) {
			if (lag.ok)
				assert.ok(!lag.lag.partitions.some(p => p.topic === topic), `${lag.lag.group.groupId} reads ${topic}`);
		}
		// Kafka's own tool, as the independent witness: no group has offsets for the topic.
		const described = tool(CONSUMER_GROUPS, [
			'--bootstrap-server',
			brokers1.split(',')[0]!,
			'--describe',
			'--all-groups',
		]);
		assert.ok(!described.includes(topic), `a group has offsets for ${topic}:\n${described}`);
	});
});
