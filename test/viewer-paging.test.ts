import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {createViewer} from '../source/ui/messages/viewer-controller.js';
import {mergedMessages, messageKey} from '../source/ui/messages/message-window.js';
import {createKafkaService} from '../source/kafka/service.js';
import {brokers1, kcat, uniqueName, waitFor} from './helpers/env.js';

// Paging both ways through a real log whose offsets have gaps: a compacted topic written in transactions, so every
// few messages are followed by a commit marker that takes an offset and is never shown. The viewer's pages (100 offsets
// each way) must together list exactly what kcat reads, each once, in offset order.

describe('viewer paging against a real topic with offset gaps', () => {
	const topic = uniqueName('gaps');
	const service = createKafkaService({brokers: brokers1.split(',')});
	const TRANSACTIONS = 60;
	const PER_TRANSACTION = 4;
	const MESSAGES = TRANSACTIONS * PER_TRANSACTION;

	before(async () => {
		const kafka = new kafkajs.Kafka({brokers: brokers1.split(','), logLevel: kafkajs.logLevel.NOTHING});
		const admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({
			topics: [
				{topic, numPartitions: 1, replicationFactor: 1, configEntries: [{name: 'cleanup.policy', value: 'compact'}]},
			],
			waitForLeaders: true,
		});
		await admin.disconnect();
		const producer = kafka.producer({transactionalId: uniqueName('tx'), maxInFlightRequests: 1, idempotent: true});
		await producer.connect();
		for (let t = 0; t < TRANSACTIONS; t++) {
			const tx = await producer.transaction();
			const messages = Array.from({length: PER_TRANSACTION}, (_, i) => ({key: `k${t}-${i}`, value: `v${t}-${i}`}));
			await tx.send({topic, messages});
			await tx.commit();
		}
		await producer.disconnect();
	});
	after(() => service.close());

	const kcatOffsets = () =>
		kcat(['-b', brokers1, '-C', '-t', topic, '-o', 'beginning', '-e', '-f', '%o\\n'])
			.toString()
			.trim()
			.split('\n')
			.map(Number);

	test('from the newest back to the oldest and forward again: every message once, none of the markers', async () => {
		const theirs = kcatOffsets();
		assert.equal(theirs.length, MESSAGES);
		const markers = theirs.at(-1)! + 1 - MESSAGES;
		assert.ok(markers >= TRANSACTIONS - 1, `each transaction ends in a marker: ${markers} gaps in the offsets`);
		const viewer = createViewer(service, 10_000);
		const state = () => viewer.store.getState();
		const shown = () => (state().window ? mergedMessages(state().window!).map(m => m.offset) : []);
		const shape = () => ({keys: state().window ? mergedMessages(state().window!).map(messageKey) : [], height: 20});
		assert.ok(await viewer.show({topic, partition: 0, start: {kind: 'newest', count: 100}}));
		assert.deepEqual(shown(), theirs.slice(-shown().length), 'the newest page is the end of the log');
		// Up: each time the reader reaches the top, a page before is read.
		for (let pages = 0; shown()[0] !== theirs[0]; pages++) {
			assert.ok(pages < 20, `still not at the oldest after ${pages} pages: ${shown()[0]}`);
			viewer.select({type: 'jump', shape: shape(), to: 'top'});
			await waitFor(() => (state().loading === null ? true : undefined), 'a page before', 10_000);
		}
		assert.deepEqual(shown(), theirs, 'all of it, each once, in order');
		// A window that keeps fewer: back down from the oldest, reading pages after.
		const small = createViewer(service, 120);
		assert.ok(await small.show({topic, partition: 0, start: {kind: 'oldest'}}));
		const seen = new Set<number>();
		const smallShown = () => mergedMessages(small.store.getState().window!).map(m => m.offset);
		for (let pages = 0; ; pages++) {
			for (const o of smallShown()) seen.add(o);
			if (smallShown().at(-1) === theirs.at(-1)) break;
			assert.ok(pages < 20, 'the end is reached');
			const keys = mergedMessages(small.store.getState().window!).map(messageKey);
			small.select({type: 'jump', shape: {keys, height: 20}, to: 'bottom'});
			await waitFor(() => (small.store.getState().loading === null ? true : undefined), 'a page after', 10_000);
		}
		assert.deepEqual(
			[...seen].sort((a, b) => a - b),
			theirs,
			'paging down met every message once',
		);
		assert.deepEqual(smallShown(), theirs.slice(-smallShown().length), 'no gap or repeat in what is kept');
		viewer.close();
		small.close();
	});
});
