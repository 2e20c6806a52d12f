/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {renderApp, selectedRow} from './helpers/app.js';
import {FakeService, groupLag, message, partitions, snapshotOf, topic} from './helpers/fake-service.js';
import {KEY, lineWith, plain, press, waitForFrame} from './helpers/ink.js';

// The consumer-group views on an in-memory service: the list (lag, estimates, trend, health, sort, filter), one
// group in full, and what they say when a group or its coordinator goes away.

const cluster = () => {
	const service = new FakeService(
		snapshotOf([topic('orders', partitions(2, 100)), topic('payments', partitions(1, 50))]),
	);
	service.logs.set(
		'orders',
		[0, 1].map(p =>
			Array.from({length: 100}, (_, o) => message('orders', p, o, Date.now() - (100 - o) * 60_000, `o${o}`)),
		),
	);
	service.lags = [
		groupLag('billing', 'Stable', [
			['orders', 0, 40, 100, 'billing-1'],
			['orders', 1, null, 100, 'billing-1'],
		]),
		groupLag(
			'analytics',
			'Stable',
			[
				['orders', 0, 100, 100, 'a-1'],
				['orders', 1, 100, 100, 'a-2'],
			],
			'consumer',
		),
		groupLag('audit', 'Empty', [['payments', 0, 10, 50, null]]),
	];
	return service;
};

/** The time the app stamps its samples with, moved on by the test. */
const testClock = () => {
	let now = Date.now();
	return {now: () => now, advance: (ms: number) => void (now += ms)};
};
let clock = testClock();

const start = async (service: FakeService) => {
	clock = testClock();
	const ui = renderApp({service, size: {columns: 120, rows: 30}, clock: clock.now});
	await waitForFrame(ui.lastFrame, f => f.includes('topics(2)'), 'the topics');
	return ui;
};

const openGroups = async (ui: Awaited<ReturnType<typeof start>>) => {
	for (const key of [':', 'groups', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
	return waitForFrame(ui.lastFrame, f => f.includes('groups(3)') && f.includes('billing'), 'the groups');
};

describe('consumer groups (in-memory service)', () => {
	test('the list: protocol, state, members, topics, lag (never-committed marked), sorting by lag, filtering', async () => {
		const ui = await start(cluster());
		const frame = await openGroups(ui);
		assert.match(lineWith(frame, 'analytics'), /analytics\s+consumer\s+Stable\s+2\s+orders\s+0\s+0s/);
		assert.match(
			lineWith(frame, 'billing'),
			/billing\s+classic\s+Stable\s+1\s+orders\s+60\*/,
			'lag counts committed partitions only; * marks one never committed',
		);
		assert.match(lineWith(frame, 'audit'), /audit\s+classic\s+Empty\s+0\s+payments\s+40/);
		assert.ok(
			frame.indexOf('analytics') < frame.indexOf('audit') && frame.indexOf('audit') < frame.indexOf('billing'),
			'by name first',
		);
		await press(ui.stdin, ui.lastFrame, 's');
		// This view redraws on its own as ages tick: wait for what a key does, not for any change.
		const byLag = await waitForFrame(ui.lastFrame, f => f.includes('sorted by lag'), 'sorting by lag');
		assert.ok(byLag.indexOf('billing') < byLag.indexOf('audit') && byLag.indexOf('audit') < byLag.indexOf('analytics'));
		for (const key of ['/', 'pay', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(ui.lastFrame, f => /groups\(1\/3\)/.test(f), 'the filter, which matches topics too');
	});

	test('c on a topic lists the groups that read it; Esc widens to all groups, then back to the explorer', async () => {
		const ui = await start(cluster());
		await press(ui.stdin, ui.lastFrame, 'j'); // payments
		await press(ui.stdin, ui.lastFrame, 'c');
		const frame = await waitForFrame(
			ui.lastFrame,
			f => f.includes('groups(1/3) reading payments'),
			'the groups of payments',
		);
		assert.match(frame, /groups\(1\/3\) reading payments/);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await waitForFrame(ui.lastFrame, f => /groups\(3\)/.test(f), 'all groups');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await waitForFrame(ui.lastFrame, f => /topics\(2\)/.test(f), 'the explorer');
	});

	test('c on a topic no group reads says so and how to see them all; the legend keeps its marks on a narrow screen', async () => {
		const service = cluster();
		service.lags = service.lags.filter(g => !(g.ok && g.lag.group.groupId === 'audit'));
		const ui = await start(service);
		await press(ui.stdin, ui.lastFrame, 'j'); // payments
		await press(ui.stdin, ui.lastFrame, 'c');
		const frame = await waitForFrame(
			ui.lastFrame,
			f => f.includes('groups(0/2) reading payments') && !f.includes('loading'),
			'the groups of payments',
		);
		assert.match(frame, /no group reads payments; Esc lists every group/);
		// 120 columns cannot hold the whole legend: what the marks mean still shows, whole.
		assert.match(frame, /LAG TIME ~ estimated, ≥ at least that; \* partitions never committed/);
	});

	test("a reset's preview keeps each partition's row, note included, on one line at 80 columns", async () => {
		const service = cluster();
		const row = (partition: number, current: number, end: number) => ({
			topic: 'page-views',
			partition,
			current,
			next: end,
			logStart: 0,
			logEnd: end,
			lagAfter: 0,
			note: 'none since that time: the end',
		});
		service.resetPlan = {
			groupId: 'billing',
			exists: true,
			state: 'Empty',
			members: 0,
			target: {kind: 'timestamp', timestamp: Date.UTC(2030, 0, 1)},
			rows: [row(0, 1248, 1248), row(1, 935, 1250)],
		};
		clock = testClock();
		const ui = renderApp({service, size: {columns: 80, rows: 24}, clock: clock.now});
		await waitForFrame(ui.lastFrame, f => f.includes('topics(2)'), 'the topics');
		await openGroups(ui);
		for (const key of ['j', 'j', 'R']) await press(ui.stdin, ui.lastFrame, key); // analytics, audit, billing
		await waitForFrame(ui.lastFrame, f => f.includes('reset the offsets of group billing'), 'the reset form');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const preview = plain(await waitForFrame(ui.lastFrame, f => f.includes('y: do it'), 'the preview'));
		assert.match(preview, /^ +page-views +0 +1248 +1248 +0 +none since that time: the end$/m);
		assert.match(preview, /^ +page-views +1 +935 +1250 +0 +none since that time: the end$/m);
	});

	test('samples over refreshes: trend, health with its reason, and lag in time', async () => {
		const service = cluster();
		const ui = await start(service);
		const opened = await openGroups(ui);
		// Just opened, one sample: how old billing's lag is is not known yet, and not said to be "≥0s".
		assert.match(lineWith(opened, 'billing'), /\d\*\s+…\s/);
		// billing's committed offset stays while the log grows: lag grows and the offset is stuck (STALL).
		for (const logEnd of [110, 120, 130]) {
			service.lags[0] = groupLag('billing', 'Stable', [
				['orders', 0, 40, logEnd, 'billing-1'],
				['orders', 1, null, logEnd, 'billing-1'],
			]);
			// A sample a second after the last, on the test's own clock.
			clock.advance(1000);
			const sampled = new RegExp(`billing\\s.*\\b${logEnd - 40}\\*`);
			await press(ui.stdin, ui.lastFrame, 'r', {check: f => sampled.test(f), what: `lag ${logEnd - 40} sampled`});
		}
		const frame = await waitForFrame(ui.lastFrame, f => /billing.*STALL/.test(f), 'the STALL verdict');
		// Stuck while producers write 10/s: falling behind (the column says "behind"), and STALL.
		assert.match(
			lineWith(frame, 'billing'),
			/billing\s+classic\s+Stable\s+1\s+orders\s+90\*\s+≥\d+s\s+behind STALL\s+\S+ ↑/,
		);
		assert.match(lineWith(frame, 'audit'), /no reader STOP/, 'no members, offset stuck, lag waiting');
		assert.match(lineWith(frame, 'analytics'), /0s\s+caught up OK\s+\S+ →/);
		// One group in full: why, and each partition's lag in time from the message at the committed offset.
		await press(ui.stdin, ui.lastFrame, 'j');
		await press(ui.stdin, ui.lastFrame, 'j');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const detail = await waitForFrame(
			ui.lastFrame,
			f => f.includes('group billing') && /orders\s+0\s+40\s+130\s+90\s+1h00m/.test(f),
			'the group in full',
		);
		assert.match(
			detail,
			/health STALL\s+consumers are connected but the committed offset has not moved in \d+ s while 90 messages wait/,
		);
		assert.match(detail, /total lag 90 \(\+1 partition\(s\) never committed, not counted\)/);
		assert.match(detail, /orders\s+1\s+none\s+130\s+n\/a\s+-\s+…\s+billing-1@\/10\.0/);
		// When it clears: never, at these rates; the partition that decides is named, and its rates shown.
		assert.match(
			detail,
			/time to clear: falling behind at 10 msg\/s, set by orders\/0 \(consuming 0\.0\/s, producing 10\/s, from 4 samples over 3s\)/,
		);
		assert.match(detail, /orders\s+0\s+40\s+130\s+90\s+1h00m\s+behind\s+billing-1@\/10\.0\.0\.1\s+STALL\s+0\.0\s+10/);
		assert.match(detail, /billing-1@\/10\.0\.0\.1: orders\[0,1\]/);
		// A message is read once for its time: after a refresh where only payments' committed offset moved, only
		// payments is read again, not orders, whose committed offset stands still.
		const billing = (paymentsCommitted: number) =>
			groupLag('billing', 'Stable', [
				['orders', 0, 40, 140, 'billing-1'],
				['orders', 1, null, 140, 'billing-1'],
				['payments', 0, paymentsCommitted, 50, 'billing-1'],
			]);
		service.lags[0] = billing(10);
		let reads = service.readCalls;
		await press(ui.stdin, ui.lastFrame, 'r');
		await waitForFrame(
			ui.lastFrame,
			f => /payments\s+0\s+10\s+50/.test(f) && service.readCalls > reads,
			'payments in the group, read',
		);
		reads = service.readCalls;
		service.lags[0] = billing(11);
		await press(ui.stdin, ui.lastFrame, 'r');
		await waitForFrame(
			ui.lastFrame,
			f => /payments\s+0\s+11\s+50/.test(f) && service.readCalls > reads,
			'the moved offset read',
		);
		assert.deepEqual(service.readTopics.slice(reads), ['payments']);
		// Enter on a partition: the viewer at the committed offset, the next message the group will read.
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(
			ui.lastFrame,
			f => f.includes('of orders partition 0 from offset 40') && f.includes('o40'),
			'the viewer',
		);
		assert.match(selectedRow(ui.lastFrame()), /^\s+0\s+40 /);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await waitForFrame(ui.lastFrame, f => f.includes('group billing'), 'Esc to return to the group');
	});

	test('a group deleted while viewed, and a coordinator that does not answer, are said; the rest keeps working', async () => {
		const service = cluster();
		const ui = await start(service);
		await openGroups(ui);
		await press(ui.stdin, ui.lastFrame, KEY.enter); // analytics
		await waitForFrame(ui.lastFrame, f => f.includes('group analytics'), 'the group');
		service.lags = service.lags.filter(r => r.ok && r.lag.group.groupId !== 'analytics');
		service.lags.push({
			ok: false,
			groupId: 'zeta',
			error: 'coordinator 3 did not answer: cannot reach fake:9096: connection refused',
		});
		await press(ui.stdin, ui.lastFrame, 'r');
		const gone = await waitForFrame(ui.lastFrame, f => f.includes('is gone'), 'the notice');
		assert.match(gone, /group analytics is gone: deleted, or no longer listed by any coordinator/);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		const list = await waitForFrame(ui.lastFrame, f => /groups\(3\)/.test(f) && f.includes('zeta'), 'the list');
		assert.match(lineWith(list, 'zeta'), /zeta\s+\?\s+error\s+0\s+coordinat/);
		assert.match(lineWith(list, 'billing'), /60\*/, 'the other groups are unaffected');
		await press(ui.stdin, ui.lastFrame, 'G');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(
			ui.lastFrame,
			f => f.includes('zeta: coordinator 3 did not answer: cannot reach fake:9096: connection refused'),
			'the reason in full',
		);
	});
});
