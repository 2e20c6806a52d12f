import assert from 'node:assert/strict';
import {test} from 'node:test';
import {warmStart} from '../source/kafka/warm-start.js';
import type {ClusterSnapshot, EarlyAnswer, KafkaService} from '../source/kafka/types.js';
import {partitions, snapshotOf, topic} from './helpers/fake-service.js';

// The explorer's first snapshot is asked for before the explorer is loaded: whichever comes first, the early
// answer or the explorer's call, the explorer sees the early answer and then the full one, from one request.

const full = snapshotOf([topic('orders', partitions(3))]);
const partial: ClusterSnapshot = {...full, counting: true};

/** A service whose snapshots answer when told to: first the early partial, then the whole. */
const stub = () => {
	const calls: Array<{early?: EarlyAnswer; settle: (s: ClusterSnapshot | Error) => void}> = [];
	const service = {
		close: async () => {},
		snapshot: (early?: EarlyAnswer) =>
			new Promise<ClusterSnapshot>((resolve, reject) =>
				calls.push({early, settle: s => (s instanceof Error ? reject(s) : resolve(s))}),
			),
	} as unknown as KafkaService;
	return {service, calls};
};

test('the early answer came before the explorer asked: it gets it at once, then the full one', async () => {
	const {service, calls} = stub();
	const warm = warmStart(service);
	assert.equal(calls.length, 1, 'asked at once');
	assert.equal(warm.firstLook?.(), null, 'nothing to show before Metadata answers');
	calls[0]!.early!(partial);
	assert.equal(warm.firstLook?.(), partial, 'the explorer opens on it');
	const seen: ClusterSnapshot[] = [];
	const first = warm.snapshot(s => void seen.push(s));
	assert.deepEqual(seen, [partial]);
	calls[0]!.settle(full);
	assert.equal(await first, full);
	assert.equal(warm.firstLook?.(), null, 'once asked for, the first look is over');
	assert.equal(calls.length, 1, 'the first call asked nothing more');
	void warm.snapshot();
	assert.equal(calls.length, 2, 'later calls are the service’s own');
});

test('the explorer asked first: the early answer reaches it when it comes', async () => {
	const {service, calls} = stub();
	const warm = warmStart(service);
	const seen: ClusterSnapshot[] = [];
	const first = warm.snapshot(s => void seen.push(s));
	assert.deepEqual(seen, []);
	calls[0]!.early!(partial);
	assert.equal(warm.firstLook?.(), null, 'the explorer asked already: it has its own');
	assert.deepEqual(seen, [partial]);
	calls[0]!.settle(full);
	assert.equal(await first, full);
});

test('a cluster that does not answer: the explorer’s first call fails with the reason, nothing unhandled before', async () => {
	const {service, calls} = stub();
	const warm = warmStart(service);
	calls[0]!.settle(new Error('no broker of fake:9092 answers'));
	// A rejection left unhandled for a turn would fail the test run.
	await new Promise(resolve => setImmediate(resolve));
	await assert.rejects(warm.snapshot(), /no broker of fake:9092 answers/);
});

/** Whether `promise` has settled once the event loop has had two turns. */
const settledSoon = async (promise: Promise<unknown>) => {
	let settled = false;
	void promise.then(
		() => (settled = true),
		() => (settled = true),
	);
	for (let turn = 0; turn < 2; turn++) await new Promise(resolve => setImmediate(resolve));
	return settled;
};

test('the watermarks wait until the explorer has the early answer and a turn to draw it', async () => {
	const {service, calls} = stub();
	const warm = warmStart(service);
	const held = calls[0]!.early!(partial);
	assert.ok(held instanceof Promise, 'the early answer holds the rest of the snapshot back');
	assert.equal(await settledSoon(held), false, 'no explorer yet: the watermarks wait');
	void warm.snapshot(() => {});
	assert.equal(await settledSoon(held), true, 'the explorer has it: the watermarks go on');
});

test('the explorer asked before the early answer: the watermarks follow it after a turn', async () => {
	const {service, calls} = stub();
	const warm = warmStart(service);
	const seen: ClusterSnapshot[] = [];
	void warm.snapshot(s => void seen.push(s));
	const held = calls[0]!.early!(partial);
	assert.deepEqual(seen, [partial]);
	assert.equal(await settledSoon(held as Promise<void>), true);
});

test('closed before the explorer asked (it never started): the watermarks do not wait forever', async () => {
	const {service, calls} = stub();
	const warm = warmStart(service);
	const held = calls[0]!.early!(partial) as Promise<void>;
	await warm.close();
	assert.equal(await settledSoon(held), true);
});
