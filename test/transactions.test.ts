import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {createKafkaService} from '../source/kafka/service.js';
import type {KafkaService} from '../source/kafka/types.js';
import {mergedMessages} from '../source/ui/messages/message-window.js';
import {createViewer} from '../source/ui/messages/viewer-controller.js';
import {heldText} from '../source/ui/messages/viewer-flash.js';
import {readTopic} from './helpers/read.js';
import {brokers1, createTopic, kcat, runCli, uniqueName, waitFor} from './helpers/env.js';

// Read committed, proven with real transactional producers: aborted records and the commit/abort markers never
// show, interleaved on the same partitions with committed ones; an open transaction holds reading at the last
// stable offset, and the viewer says so until it commits.

const bootstrap = brokers1.split(',')[0]!;

/** kcat reads committed by default (librdkafka's isolation.level=read_committed). */
const kcatLines = (topic: string) =>
	kcat(['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %o %s\n'])
		.toString()
		.trim()
		.split('\n')
		.filter(Boolean)
		.sort();

describe('transactions: read committed against real transactional producers', () => {
	const kafka = new kafkajs.Kafka({brokers: brokers1.split(','), logLevel: kafkajs.logLevel.NOTHING});
	const producers: Array<ReturnType<typeof kafka.producer>> = [];
	let service: KafkaService;
	const transactional = async () => {
		const p = kafka.producer({transactionalId: uniqueName('tx'), idempotent: true, maxInFlightRequests: 1});
		await p.connect();
		producers.push(p);
		return p;
	};
	before(() => {
		service = createKafkaService({brokers: brokers1.split(',')});
	});
	after(async () => {
		await Promise.all(producers.map(p => p.disconnect()));
		await service.close();
	});

	test('aborted records and markers never appear, interleaved with committed ones on the same partitions', async () => {
		const topic = uniqueName('tx-mixed');
		await createTopic(brokers1, topic, 2);
		const [a, b] = [await transactional(), await transactional()];
		const both = (prefix: string) => [0, 1].map(partition => ({partition, value: `${prefix}-p${partition}`}));
		for (let round = 0; round < 3; round++) {
			// Two transactions open at once on both partitions: one commits, the other aborts.
			const [ta, tb] = [await a.transaction(), await b.transaction()];
			await ta.send({topic, messages: both(`keep${round}a`)});
			await tb.send({topic, messages: both(`drop${round}b`)});
			await ta.send({topic, messages: both(`keep${round}c`)});
			if (round % 2 === 0) {
				await tb.abort();
				await ta.commit();
			} else {
				await ta.commit();
				await tb.abort();
			}
		}
		// A commit returns once the coordinator has it; the markers reach the partitions a moment later, and until
		// then read committed (kex's and kcat's alike) stops before the last transaction.
		await waitFor(async () => {
			const {partitions} = await service.topic(topic);
			return partitions.every(p => p.lastStableOffset === p.highWatermark) ? true : undefined;
		}, "the last transaction's markers");
		const messages = await readTopic(service, topic);
		const values = messages.map(m => m.value!.toString());
		assert.equal(messages.length, 12);
		assert.ok(
			values.every(v => v.startsWith('keep')),
			`only committed records: ${values.join(' ')}`,
		);
		for (const p of [0, 1]) {
			assert.deepEqual(
				messages.filter(m => m.partition === p).map(m => m.value!.toString()),
				[0, 1, 2].flatMap(r => [`keep${r}a-p${p}`, `keep${r}c-p${p}`]),
			);
		}
		assert.deepEqual(messages.map(m => `${m.partition} ${m.offset} ${m.value!.toString()}`).sort(), kcatLines(topic));
	});

	test('an open transaction holds reading at the last stable offset; the viewer says why it waits, then goes on', async () => {
		const topic = uniqueName('tx-open');
		await createTopic(brokers1, topic, 1);
		await service.produce(['one', 'two'].map(v => ({topic, key: null, value: Buffer.from(v), headers: []})));
		const p = await transactional();
		const open = await p.transaction();
		await open.send({topic, messages: [{value: 'pending-1'}, {value: 'pending-2'}, {value: 'pending-3'}]});

		// Reading stops at the last stable offset, at once, and shows nothing of the open transaction.
		assert.deepEqual(
			(await readTopic(service, topic)).map(m => m.value!.toString()),
			['one', 'two'],
		);
		const detail = await service.topic(topic);
		assert.equal(detail.partitions[0]!.lastStableOffset, 2);
		assert.equal(detail.partitions[0]!.highWatermark, 5);
		const cli = await runCli(['consume', topic, '--brokers', brokers1]);
		assert.equal(cli.status, 0);
		assert.equal(cli.stdout.trim().split('\n').length, 2);
		assert.match(cli.stderr, /partition 0 stops at offset 2: an open transaction holds 3 later offset\(s\)/);

		// The viewer at the end of the partition says what holds it.
		const viewer = createViewer(service, 5000);
		assert.ok(await viewer.show({topic, partition: 0, start: {kind: 'newest', count: 100}}));
		assert.equal(
			heldText(viewer.store.getState()),
			'partition 0 waits at offset 2: an open transaction holds 3 later offsets until it commits or aborts (reading committed only)',
		);
		// Following, the commit lets the three through, and the wait is over.
		const following = viewer.startFollowing();
		await waitFor(() => (viewer.store.getState().following ? true : undefined), 'the tail to start');
		await open.commit();
		await waitFor(() => {
			const shown = mergedMessages(viewer.store.getState().window!).map(m => m.value!.toString());
			return shown.length === 5 ? shown : undefined;
		}, 'the committed transaction in the tail');
		await waitFor(() => (heldText(viewer.store.getState()) === null ? true : undefined), 'the wait to end');
		assert.deepEqual(
			mergedMessages(viewer.store.getState().window!).map(m => m.value!.toString()),
			['one', 'two', 'pending-1', 'pending-2', 'pending-3'],
		);
		viewer.close();
		await following;
	});
});
