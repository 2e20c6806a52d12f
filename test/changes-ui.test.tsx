/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {helpLines} from '../source/ui/shell/help-screen.js';
import {footerHints, KEYMAP} from '../source/ui/keys/keymap.js';
import {renderApp} from './helpers/app.js';
import {FakeService, message, partitions, snapshotOf, topic} from './helpers/fake-service.js';
import {KEY, plain, press, pressQuietly, waitForFrame} from './helpers/ink.js';

// The change dialog on the in-memory service: asked of the cluster first, then confirmed; a refusal keeps the form
// as typed; read-only mode has none of the keys. The real-broker side of each change is in changes-cli.test.ts.

const cluster = () => {
	const service = new FakeService(snapshotOf([topic('orders', partitions(1))]));
	service.logs.set('orders', [[message('orders', 0, 0, Date.UTC(2026, 0, 1), 'a')]]);
	return service;
};

const start = async (service: FakeService, readOnly = false) => {
	const ui = renderApp({service, readOnly, size: {columns: 100, rows: 30}});
	await waitForFrame(ui.lastFrame, f => f.includes('topics(1)'), 'the topics');
	return ui;
};

const type = async (ui: Awaited<ReturnType<typeof start>>, text: string) => {
	for (const ch of text) await press(ui.stdin, ui.lastFrame, ch);
};

/** C on the topics: the create dialog, once drawn. */
const openCreate = async (ui: Awaited<ReturnType<typeof start>>, what = 'the dialog') => {
	await press(ui.stdin, ui.lastFrame, 'C');
	return waitForFrame(ui.lastFrame, f => f.includes('create a topic'), what);
};

describe('changing the cluster in the explorer (in-memory service)', () => {
	test('C: the broker refuses, the form keeps what was typed; fixed, checked, confirmed with y, created', async () => {
		const service = cluster();
		const ui = await start(service);
		await openCreate(ui);
		await type(ui, 'payments');
		await press(ui.stdin, ui.lastFrame, KEY.tab);
		await press(ui.stdin, ui.lastFrame, KEY.tab); // replication factor
		await press(ui.stdin, ui.lastFrame, '\u0015'); // ^u
		await type(ui, '3');
		await press(ui.stdin, ui.lastFrame, KEY.tab);
		await type(ui, 'retention.ms=60000');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const refused = await waitForFrame(ui.lastFrame, f => f.includes('larger than available brokers'), 'the refusal');
		assert.match(refused, /name\s+payments/);
		assert.match(refused, /configs\s+retention\.ms=60000/);
		assert.equal(service.created.length, 0);

		await press(ui.stdin, ui.lastFrame, KEY.shiftTab); // back to the replication factor
		await press(ui.stdin, ui.lastFrame, '\u0015');
		await type(ui, '1');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(ui.lastFrame, f => f.includes('y: do it'), 'the question');
		assert.match(plain(ui.lastFrame()), /the broker accepts topic payments: 3 partition\(s\), replication factor 1/);
		assert.equal(service.created.length, 0, 'nothing is created before y');
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes('created topic payments'), 'the result');
		assert.deepEqual(service.created, [
			{name: 'payments', partitions: 3, replicationFactor: 1, configs: {'retention.ms': '60000'}},
		]);
		ui.unmount();
	});

	test('Esc leaves a form keeping what was typed: the same change opened again starts from it, until it is made', async () => {
		const service = cluster();
		const ui = await start(service);
		await openCreate(ui);
		await type(ui, 'payments');
		for (let i = 0; i < 3; i++) await press(ui.stdin, ui.lastFrame, KEY.tab); // configs
		await type(ui, 'retention.ms=60000');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await waitForFrame(ui.lastFrame, f => f.includes('topics(1)') && !f.includes('create a topic'), 'the explorer');
		const again = await openCreate(ui, 'the dialog again');
		assert.match(again, /name\s+payments/);
		assert.match(again, /configs\s+retention\.ms=60000/);
		// Made: the next one starts empty.
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(ui.lastFrame, f => f.includes('y: do it'), 'the question');
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes('created topic payments'), 'the result');
		const fresh = await openCreate(ui, 'a new dialog');
		assert.match(fresh, /name\s+▏\n/);
		assert.doesNotMatch(fresh, /retention/);
	});

	test('D: deleting a topic needs its name typed; a wrong name does nothing, Esc goes back', async () => {
		const service = cluster();
		let deleted: string | null = null;
		service.deleteTopic = async name => {
			deleted = name;
		};
		const ui = await start(service);
		await press(ui.stdin, ui.lastFrame, 'D');
		await waitForFrame(ui.lastFrame, f => f.includes('Type orders and Enter'), 'the question');
		await type(ui, 'order');
		pressQuietly(ui.stdin, KEY.enter); // the wrong name: nothing happens
		await type(ui, 's');
		assert.equal(deleted, null);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(ui.lastFrame, f => f.includes('deleted topic orders'), 'the result');
		assert.equal(deleted, 'orders');
		ui.unmount();
	});

	test('read-only: no changing key in the keymap, the footer or the help, and C opens nothing', async () => {
		const changing = KEYMAP.filter(b => b.dangerous);
		assert.ok(changing.length >= 12, 'every change is marked in the keymap');
		for (const scope of ['topics', 'partitions', 'groups', 'group', 'configs', 'acls'] as const) {
			const hints = footerHints(scope, true).map(h => h.text);
			for (const b of changing)
				if (b.hint)
					assert.equal(hints.includes(b.hint) && b.scopes?.includes(scope), false, `${b.command} in ${scope}`);
		}
		const help = helpLines(true).map(l => JSON.stringify(l));
		for (const b of changing)
			assert.equal(
				help.some(l => l.includes(b.description)),
				false,
				b.command,
			);
		const ui = await start(cluster(), true);
		pressQuietly(ui.stdin, 'C');
		pressQuietly(ui.stdin, 'D');
		// Help opens after the two keys before it were handled; one topic gives j nothing to move to.
		await press(ui.stdin, ui.lastFrame, '?', {check: f => f.includes('help: Esc'), what: 'the help'});
		assert.doesNotMatch(plain(ui.lastFrame()), /create a topic|delete topic/);
		ui.unmount();
	});
});
