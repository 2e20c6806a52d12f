import assert from 'node:assert/strict';
import {closeSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {createKafkaService} from '../source/kafka/service.js';
import {crc32c} from '../source/kafka/crc32c.js';
import type {KafkaService, Message} from '../source/kafka/types.js';
import {ROOT} from '../scripts/local-kafka.js';
import {readTopic} from './helpers/read.js';
import {brokers1, createTopic, kafkaVersion, kcat, runCli, tool, uniqueName} from './helpers/env.js';

// Every codec Kafka has, both ways, against independent clients: what Kafka's own Java producer and kcat
// (librdkafka) write compressed, kex reads byte for byte as kcat does; what kex writes compressed, Kafka's console
// consumer and kcat read back byte for byte, and Kafka's log dump shows the codec in the batch.

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
const bootstrap = brokers1.split(',')[0]!;

/** kcat's view of a topic: partition, offset, key and value lengths, key, value and headers, sorted. */
const kcatLines = (topic: string) =>
	kcat(['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %o %K %S|%k|%s|%h\n'])
		.toString('latin1')
		.trimEnd()
		.split('\n')
		.sort();

/** kex's messages in kcat's format. */
const kexLines = (messages: Message[]) =>
	messages
		.map(m => {
			const headers = m.headers.map(h => `${h.key}=${h.value === null ? 'NULL' : h.value.toString('latin1')}`);
			return `${m.partition} ${m.offset} ${m.key?.length ?? -1} ${m.value?.length ?? -1}|${m.key?.toString('latin1') ?? ''}|${m.value?.toString('latin1') ?? ''}|${headers.join(',')}`;
		})
		.sort();

const PRODUCER_PERFORMANCE = 'org.apache.kafka.tools.ProducerPerformance';
const CONSOLE_CONSUMER = 'org.apache.kafka.tools.consumer.ConsoleConsumer';

describe('compressed batches, every codec, against Kafka and kcat', () => {
	let service: KafkaService;
	const payloads = path.join(ROOT, '.kafka', `payloads-${process.pid}.txt`);
	before(() => {
		service = createKafkaService({brokers: brokers1.split(',')});
		// Repetitive lines compress well, so the batches are really compressed and hold many records each.
		const lines = Array.from(
			{length: 20},
			(_, i) => `{"order": ${i}, "item": "${'widget-'.repeat(i % 5)}", "ok": true}`,
		);
		writeFileSync(payloads, lines.join('\n'));
	});
	after(async () => {
		rmSync(payloads, {force: true});
		await service.close();
	});

	for (const codec of CODECS) {
		test(`${codec}: Kafka's Java producer and kcat write it, kex reads what kcat reads`, async () => {
			const topic = uniqueName(`in-${codec}`);
			await createTopic(brokers1, topic, 2);
			tool(PRODUCER_PERFORMANCE, [
				'--topic',
				topic,
				'--num-records',
				'3000',
				'--throughput',
				'-1',
				'--payload-file',
				payloads,
				'--producer-props',
				`bootstrap.servers=${bootstrap}`,
				`compression.type=${codec}`,
				'linger.ms=50',
			]);
			// No newline in it: kcat's output is split into lines.
			const binary = Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x0d]);
			kcat(
				['-b', bootstrap, '-P', '-t', topic, '-z', codec, '-K', '|', '-H', 'trace=abc', '-H', 'dup=1'],
				'k1|v1\nk2|\n',
			);
			kcat(['-b', bootstrap, '-P', '-t', topic, '-z', codec, '-p', '1', '-D', '\u0001'], binary);

			const messages = await readTopic(service, topic);
			assert.equal(messages.length, 3003);
			// librdkafka sends a batch uncompressed when compressing would not make it smaller (its tiny batches here).
			assert.ok(
				messages.filter(m => m.batch.compression === codec).length >= 3000,
				`the batches were ${[...new Set(messages.map(m => m.batch.compression))].join(', ')}`,
			);
			// The largest batch is one of Kafka's producer's (kcat's few-byte batches can grow when compressed).
			const batch = messages
				.map(m => m.batch)
				.reduce((a, b) => (b.lastOffset - b.baseOffset > a.lastOffset - a.baseOffset ? b : a));
			assert.ok(
				batch.recordsBytes! > batch.storedBytes,
				`the batch is smaller stored (${batch.storedBytes}) than decompressed (${batch.recordsBytes})`,
			);
			assert.deepEqual(kexLines(messages), kcatLines(topic));
		});

		test(`${codec}: what kex writes compressed, Kafka's consumer and kcat read back exactly`, async () => {
			const topic = uniqueName(`out-${codec}`);
			await createTopic(brokers1, topic, 1);
			const value = Buffer.from(`grüße ✓ ${'compressible '.repeat(40)}`, 'utf8');
			const binary = Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]);
			const results = await service.produce(
				[
					{topic, key: Buffer.from('order-1'), value, headers: [{key: 'h', value: Buffer.from('v')}]},
					{topic, key: null, value: binary, headers: [{key: 'nothing', value: null}]},
					{topic, key: Buffer.from('gone'), value: null, headers: []},
				],
				{compression: codec},
			);
			assert.deepEqual(
				results.map(r => r.offset),
				[0, 1, 2],
			);
			const latin = (b: Buffer) => b.toString('latin1');
			assert.deepEqual(kcatLines(topic), [
				`0 0 7 ${value.length}|order-1|${latin(value)}|h=v`,
				`0 1 -1 5||${latin(binary)}|nothing=NULL`,
				'0 2 4 -1|gone||',
			]);
			// Kafka's own consumer: the text message, its key and header, exactly.
			const java = tool(CONSOLE_CONSUMER, [
				'--bootstrap-server',
				bootstrap,
				'--topic',
				topic,
				'--partition',
				'0',
				'--offset',
				'0',
				'--max-messages',
				'1',
				'--property',
				'print.key=true',
				'--property',
				'print.headers=true',
			]);
			assert.equal(java.split('\n')[0], `h:v\torder-1\t${value.toString('utf8')}`);
			// The broker kept the batch as kex compressed it: the log dump names the codec.
			const dump = tool('kafka.tools.DumpLogSegments', ['--files', segmentOf(topic, 0)]);
			assert.match(dump, new RegExp(`count: 3 .*compresscodec: ${codec === 'gzip' ? 'gzip' : codec}`, 'i'));
		});
	}

	test('zstd: a batch that decompresses to megabytes, written without its size as librdkafka writes it, reads whole', async () => {
		const topic = uniqueName('big-zstd');
		await createTopic(brokers1, topic, 1);
		// Three megabytes that compress to a few kilobytes: far more room than zstd is first given (a megabyte).
		const value = Buffer.from(Array.from({length: 400_000}, (_, i) => `row ${i % 977};`).join(''));
		assert.ok(value.length > 3_000_000, `${value.length} bytes`);
		kcat(['-b', bootstrap, '-P', '-t', topic, '-z', 'zstd', '-X', 'message.max.bytes=10000000'], `${value}\n`);
		const messages = await readTopic(service, topic);
		assert.equal(messages.length, 1);
		assert.equal(messages[0]!.batch.compression, 'zstd');
		assert.ok(messages[0]!.batch.storedBytes < 100_000, `stored in ${messages[0]!.batch.storedBytes} bytes`);
		assert.ok(messages[0]!.value!.equals(value), 'the value kex read is the value kcat wrote');
		const cli = await runCli(['consume', topic, '--brokers', brokers1]);
		assert.equal(cli.status, 0, cli.stderr);
		assert.equal(cli.stdout.split('\t')[4], `${value}\n`);
	});

	test('a batch whose codec fails is one unreadable row; reading goes on after it', async () => {
		const topic = uniqueName('broken-zstd');
		await createTopic(brokers1, topic, 1);
		const send = (values: string[]) =>
			service.produce(
				values.map(v => ({topic, key: null, value: Buffer.from(v.repeat(20)), headers: []})),
				{compression: 'zstd'},
			);
		await send(['a', 'b']);
		await send(['c', 'd', 'e']);
		await send(['f']);
		// Spoil the middle batch's compressed bytes in the broker's own log, and give it a matching checksum, so the
		// broker serves it as it is and only the codec can object (as with a batch a buggy producer wrote).
		const file = segmentOf(topic, 0);
		const log = readFileSync(file);
		const second = 12 + log.readInt32BE(8);
		const spoiled = Buffer.from(log.subarray(second, second + 12 + log.readInt32BE(second + 8)));
		spoiled.fill(0xee, 61 + 4, 61 + 16); // past the zstd magic number: a frame header that makes no sense
		spoiled.writeUInt32BE(crc32c(spoiled, 21), 17);
		const fd = openSync(file, 'r+');
		writeSync(fd, spoiled, 0, spoiled.length, second);
		closeSync(fd);

		const messages = await readTopic(service, topic);
		assert.deepEqual(
			messages.map(m => (m.unreadable ? `unreadable ${m.offset}-${m.batch.lastOffset}` : m.value!.toString()[0])),
			['a', 'b', 'unreadable 2-4', 'f'],
		);
		assert.match(messages[2]!.unreadable!, /^zstd batch could not be decompressed: /);

		// The command line says it on stderr where it stands, prints the rest, and exits non-zero.
		const cli = await runCli(['consume', topic, '--brokers', brokers1]);
		assert.equal(cli.stdout.trim().split('\n').length, 3);
		assert.match(
			cli.stderr,
			new RegExp(
				`${topic} partition 0 offset 2: zstd batch could not be decompressed: .* \\(offsets 2 to 4 not shown\\)`,
			),
		);
		assert.match(cli.stderr, /1 batch of .* could not be read/);
		assert.equal(cli.status, 1);
	});

	test('--compression on the command line writes that codec; an unknown one is refused before anything is sent', async () => {
		const topic = uniqueName('cli-codec');
		await createTopic(brokers1, topic, 1);
		const lines = Array.from({length: 500}, (_, i) => `line ${i} ${'x'.repeat(i % 30)}`).join('\n');
		const sent = await runCli(['produce', topic, '--brokers', brokers1, '--compression', 'lz4'], {input: `${lines}\n`});
		assert.equal(sent.status, 0, sent.stderr);
		const messages = await readTopic(service, topic);
		assert.equal(messages.length, 500);
		assert.ok(messages.every(m => m.batch.compression === 'lz4'));
		const bad = await runCli(['produce', topic, 'v', '--brokers', brokers1, '--compression', 'brotli']);
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /compression is one of none, gzip, snappy, lz4, zstd, not "brotli"/);
		assert.equal((await readTopic(service, topic)).length, 500);
	});
});

/** The newest log segment of a partition on the one-node test cluster. */
const segmentOf = (topic: string, partition: number) => {
	const dir = findPartitionDir(`${topic}-${partition}`);
	const logs = readdirSync(dir)
		.filter(f => f.endsWith('.log'))
		.sort();
	return path.join(dir, logs.at(-1)!);
};

const findPartitionDir = (name: string): string => {
	const port = bootstrap.split(':')[1];
	const clusters = path.join(ROOT, '.kafka');
	for (const cluster of readdirSync(clusters)) {
		const state = path.join(clusters, cluster, 'cluster.json');
		let bootstrapOf = '';
		try {
			bootstrapOf = (JSON.parse(readFileSync(state, 'utf8')) as {bootstrap: string}).bootstrap;
		} catch {
			continue;
		}
		if (!bootstrapOf.split(',').some(b => b.endsWith(`:${port}`))) continue;
		for (const node of readdirSync(path.join(clusters, cluster)).filter(n => n.startsWith('node-'))) {
			const dir = path.join(clusters, cluster, node, 'data', name);
			try {
				readdirSync(dir);
				return dir;
			} catch {
				// not on this node
			}
		}
	}
	throw new Error(`no log directory for ${name} under ${clusters} (Kafka ${kafkaVersion})`);
};
