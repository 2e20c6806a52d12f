/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {renderApp, selectedRow} from './helpers/app.js';
import {FakeService, groupLag, partitions, snapshotOf, topic} from './helpers/fake-service.js';
import {KEY, lineWith, plain, press, pressQuietly, waitForFrame} from './helpers/ink.js';

// The explorer on an in-memory service: what a user sees and can do with the keyboard.

const start = (service: FakeService, size = {columns: 100, rows: 30}) => renderApp({service, size});

const demo = () =>
	snapshotOf(
		[
			topic('orders', partitions(3, 100)),
			topic('payments', partitions(2, 50)),
			topic('page-views', partitions(6, 1000)),
			topic('__consumer_offsets', partitions(50, 5), true),
		],
		[1, 2, 3],
		2,
	);

describe('explorer (in-memory service)', () => {
	test('shows the cluster: header, brokers with the controller, topics without internal ones, partitions of the first', async () => {
		const ui = start(new FakeService(demo()));
		const frame = await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		assert.match(frame, /fake:9092 {2}cluster fake-cluster-id/);
		assert.match(frame, /3 brokers {2}controller 2 {2}● connected/);
		assert.match(lineWith(frame, 'broker-2.example'), /active/);
		assert.doesNotMatch(lineWith(frame, 'broker-1.example'), /active/);
		assert.ok(!frame.includes('__consumer_offsets'), 'internal topics are hidden by default');
		assert.match(frame, /partitions\(3\) of orders/);
		assert.match(selectedRow(ui.lastFrame()), /^orders\s+3\s+1\s+0\s+0\s+300/);
	});

	test('the first frame lists the topics before their counts are read: … until the watermarks answer', async () => {
		const service = new FakeService(demo());
		service.early = true;
		let answer = () => {};
		service.gate = new Promise(resolve => (answer = resolve));
		const ui = start(service);
		const early = await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the early topics');
		assert.match(lineWith(early, 'page-views'), /^page-views\s+6\s+1\s+0\s+0\s+…/);
		assert.match(early, /● connected {2}counting messages…/);
		assert.doesNotMatch(early, /stale/, 'the early answer is fresh, not stale');
		assert.match(early, /^\s+0\s+\d+\s+[\d,]+\s+[\d,]+\s+…\s+…\s+…\s*$/m, 'partition 0: low, high, messages');
		answer();
		const full = await waitForFrame(ui.lastFrame, f => f.includes('refreshed'), 'the counts');
		assert.match(lineWith(full, 'page-views'), /^page-views\s+6\s+1\s+0\s+0\s+6,000/);
		assert.doesNotMatch(full, /…/);
		await press(ui.stdin, ui.lastFrame, 'r', {check: () => service.snapshotCalls === 2, what: 'a refresh'});
		await waitForFrame(ui.lastFrame, f => f.includes('refreshed 0s'), 'the refresh answered');
		assert.deepEqual(service.earlyAsked, [true, false], 'only the first snapshot is asked for an early answer');
	});

	test('an early answer already in hand when the explorer opens (the warm start) is its very first frame', async () => {
		const service = new FakeService(demo());
		const counting = {
			...demo(),
			topics: demo().topics.map(t => ({...t, approxMessageCount: null})),
			counting: true as const,
		};
		service.firstLook = () => counting;
		let answer = () => {};
		service.gate = new Promise(resolve => (answer = resolve));
		const ui = start(service);
		const first = plain(ui.frames[0]);
		assert.match(first, /topics\(3\)/, 'no frame without the topics comes first');
		assert.match(lineWith(first, 'page-views'), /^page-views\s+6\s+1\s+0\s+0\s+…/);
		assert.match(first, /● connected {2}counting messages…/);
		answer();
		const full = await waitForFrame(ui.lastFrame, f => f.includes('refreshed'), 'the counts');
		assert.match(lineWith(full, 'page-views'), /^page-views\s+6\s+1\s+0\s+0\s+6,000/);
	});

	test('a broker that does not answer: said at once in the header and its row; partitions in trouble counted; the state still shows at 80 columns', async () => {
		const base = demo();
		const troubled = [
			{...partitions(1, 10, [1, 2, 3])[0]!, isr: [1, 3]},
			{...partitions(1, 10, [1, 2, 3])[0]!, partition: 1, leader: -1, isr: []},
		];
		const snapshot = {
			...base,
			topics: [...base.topics, topic('audit', troubled)],
			cluster: {
				...base.cluster,
				silent: [{id: 2, address: 'broker-2.example:9092', reason: 'connection refused', since: 0}],
			},
		};
		const ui = start(new FakeService(snapshot), {columns: 80, rows: 24});
		const frame = await waitForFrame(ui.lastFrame, f => f.includes('● connected'), 'the header');
		assert.match(frame, /2 of 3 brokers answer, 1 partition leaderless, 2 under-replicated/);
		assert.match(lineWith(frame, 'broker-2.example'), /not answering: broker-2\.example/);
		assert.doesNotMatch(lineWith(frame, 'broker-1.example'), /not answering/);
	});

	test('a configured cluster: the header leads with its name and label in its colour, and says read-only', async () => {
		const ui = renderApp({
			service: new FakeService(demo()),
			size: {columns: 100, rows: 30},
			identity: {name: 'payments-prod', label: 'PROD', color: 'red'},
			readOnly: true,
		});
		const frame = await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		assert.match(
			frame.split('\n')[0]!,
			/^kex {2}payments-prod PROD {2}fake:9092 {2}cluster fake-cluster-id {2}\[read-only\]/,
		);
		const raw = ui.lastFrame()!.split('\n')[0]!;
		assert.ok(raw.includes('\u001B[7m') && raw.includes('\u001B[31m'), 'the name and label stand out, in red');
	});

	test('the topics pane says who reads each topic: how many groups, the largest lag, after the first frame', async () => {
		const service = new FakeService(demo());
		service.lags = [
			groupLag('billing', 'Stable', [
				['orders', 0, 40, 100, 'billing-1'],
				['orders', 1, 90, 100, 'billing-1'],
			]),
			groupLag('audit', 'Empty', [
				['orders', 2, 50, 100, null],
				['payments', 0, 10, 50, null],
			]),
		];
		const ui = start(service);
		const frame = await waitForFrame(
			ui.lastFrame,
			f => /orders\s.*\s2\s+70\s/.test(f),
			'the readers of orders: 2 groups, the largest lag 70 (billing: 60 + 10)',
		);
		assert.match(lineWith(frame, 'payments'), /\s1\s+40\s+\S+$/);
		assert.match(lineWith(frame, 'page-views'), /\s-\s+-\s+-$/, 'nobody reads page-views');
		assert.match(frame, /GROUPS\s+MAX LAG\s+LAG T/);
	});

	test('j, k, G, g move the selection and the partitions follow; Tab and Enter move between panes', async () => {
		const ui = start(new FakeService(demo()));
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		await press(ui.stdin, ui.lastFrame, 'j');
		assert.match(plain(ui.lastFrame()), /partitions\(6\) of page-views/);
		await press(ui.stdin, ui.lastFrame, 'G');
		assert.match(plain(ui.lastFrame()), /partitions\(2\) of payments/);
		await press(ui.stdin, ui.lastFrame, 'k');
		assert.match(plain(ui.lastFrame()), /partitions\(6\) of page-views/);
		await press(ui.stdin, ui.lastFrame, 'g');
		assert.match(plain(ui.lastFrame()), /partitions\(3\) of orders/);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		assert.match(selectedRow(ui.lastFrame()), /^\s+0\s+1\s+1\s+1\s+0\s+100/, 'Enter focuses the partitions');
		await press(ui.stdin, ui.lastFrame, KEY.down);
		assert.match(selectedRow(ui.lastFrame()), /^\s+1\s+1/);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		assert.match(selectedRow(ui.lastFrame()), /^orders/, 'Esc steps back to the topics');
		await press(ui.stdin, ui.lastFrame, KEY.tab);
		assert.match(
			selectedRow(ui.lastFrame()),
			/^\s+1\s+1/,
			'Tab goes to the next pane (partitions), where the selection was',
		);
		await press(ui.stdin, ui.lastFrame, KEY.tab);
		assert.match(selectedRow(ui.lastFrame()), /broker-1\.example/, 'Tab wraps around to the brokers');
		await press(ui.stdin, ui.lastFrame, KEY.shiftTab);
		assert.match(selectedRow(ui.lastFrame()), /^\s+1\s+1/, 'Shift-Tab goes back');
	});

	test('/ filters as you type, the title shows it, Enter keeps it, Esc clears it; i shows internal topics', async () => {
		const ui = start(new FakeService(demo()));
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		for (const key of ['/', 'p', 'a']) await press(ui.stdin, ui.lastFrame, key);
		let frame = plain(ui.lastFrame());
		assert.match(frame, /topics\(2\/3\) <\/pa>/);
		assert.match(frame, /^\/pa/m, 'the filter being typed is on the status line');
		assert.ok(!lineWith(frame, 'orders').includes('orders  '), 'orders is filtered out');
		await press(ui.stdin, ui.lastFrame, 'y');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		frame = plain(ui.lastFrame());
		assert.match(frame, /topics\(1\/3\) <\/pay>/);
		assert.match(frame, /partitions\(2\) of payments/, 'the only match is selected');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		assert.match(plain(ui.lastFrame()), /topics\(3\) ─/);
		await press(ui.stdin, ui.lastFrame, 'i');
		frame = plain(ui.lastFrame());
		assert.match(frame, /topics\(4\) \+internal/);
		assert.ok(frame.includes('__consumer_offsets'));
	});

	test('? shows the help built from the keymap; Esc closes it', async () => {
		const ui = start(new FakeService(demo()), {columns: 100, rows: 50});
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		await press(ui.stdin, ui.lastFrame, '?');
		const frame = plain(ui.lastFrame());
		for (const line of [
			/PgDn\/\^f\s+page down/,
			/\/\s+filter the focused list as you type/,
			/Esc\s+clear the filter, else step back/,
		]) {
			assert.match(frame, line);
		}
		assert.ok(!frame.includes(':groups'), 'the commands are further down');
		await press(ui.stdin, ui.lastFrame, 'G');
		assert.match(plain(ui.lastFrame()), /:groups\s+consumer groups/, 'G scrolls the help to its end');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		assert.match(plain(ui.lastFrame()), /topics\(3\)/);
	});

	test(': command line completes with Tab, runs :groups and :topic, keeps a wrong command to fix', async () => {
		const service = new FakeService(demo());
		service.lags = [groupLag('billing', 'Stable', [['orders', 0, 90, 100, 'c-1']], 'consumer')];
		const ui = start(service);
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		for (const key of [':', 'g', 'r', KEY.tab]) await press(ui.stdin, ui.lastFrame, key);
		assert.match(plain(ui.lastFrame()), /^:groups/m);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		let frame = await waitForFrame(ui.lastFrame, f => f.includes('billing'), 'the groups view');
		assert.match(lineWith(frame, 'billing'), /billing\s+consumer\s+Stable\s+1\s+orders\s+10\s/);
		// The groups view redraws on its own (ages tick), so wait for the explorer rather than for any change.
		ui.stdin.write(KEY.escape);
		await waitForFrame(ui.lastFrame, f => /topics\(3\)/.test(f), 'Esc to go back to the explorer');

		for (const key of [':', 't', 'o', 'p', 'i', 'c', ' ', 'pay', KEY.tab]) await press(ui.stdin, ui.lastFrame, key);
		assert.match(plain(ui.lastFrame()), /^:topic payments/m, 'topic names complete too');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		assert.match(plain(ui.lastFrame()), /partitions\(2\) of payments/);

		for (const key of [':', 'nope', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		frame = plain(ui.lastFrame());
		assert.match(frame, /^:nope\s+unknown command :nope/m, 'the typed command stays, with the error');
		await press(ui.stdin, ui.lastFrame, KEY.backspace);
		assert.match(plain(ui.lastFrame()), /^:nop\s/m);
	});

	test('a refresh keeps the selection on the same topic when rows move, and marks what changed', async () => {
		const service = new FakeService(demo());
		const ui = start(service);
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		await press(ui.stdin, ui.lastFrame, 'G');
		assert.match(selectedRow(ui.lastFrame()), /^payments/);
		service.next = snapshotOf(
			[
				topic('aaa-new', partitions(1)),
				topic('orders', partitions(3, 100)),
				topic('payments', partitions(2, 75)),
				topic('page-views', partitions(6, 1000)),
			],
			[1, 2, 3],
			2,
		);
		await press(ui.stdin, ui.lastFrame, 'r');
		const frame = await waitForFrame(ui.lastFrame, f => f.includes('topics(4)'), 'the refresh');
		assert.match(
			selectedRow(ui.lastFrame()),
			/^payments\s+2\s+1\s+0\s+0\s+150↑/,
			'still on payments, count marked as grown',
		);
		assert.match(lineWith(frame, ' 0      1'), /75↑/, 'the partition high watermark is marked');
		assert.match(lineWith(frame, 'orders'), /\s300\s+-\s+-\s+-$/, 'unchanged counts carry no mark; no group reads it');
	});

	test('a refresh still running is not started again', async () => {
		const service = new FakeService(demo());
		const ui = start(service);
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		let release = () => {};
		service.gate = new Promise<void>(resolve => (release = resolve));
		const before = service.snapshotCalls;
		pressQuietly(ui.stdin, 'r');
		await waitForFrame(ui.lastFrame, () => service.snapshotCalls > before, 'the refresh to start');
		const calls = service.snapshotCalls;
		await press(ui.stdin, ui.lastFrame, 'r');
		await waitForFrame(ui.lastFrame, f => f.includes('a refresh is already running'), 'the notice');
		assert.equal(service.snapshotCalls, calls);
		release();
	});

	test('a cluster that goes away: last data stays, marked stale, and comes back by itself', async () => {
		const service = new FakeService(demo());
		const ui = start(service);
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		service.next = new Error('cannot reach fake:9092: connection refused');
		await press(ui.stdin, ui.lastFrame, 'r');
		let frame = await waitForFrame(ui.lastFrame, f => f.includes('reconnecting'), 'the reconnecting state');
		assert.match(frame, /topics\(3\) \[stale\]/);
		assert.ok(frame.includes('orders'), 'the last data is still shown');
		assert.match(frame, /cannot reach fake:9092: connection refused/);
		// Each refresh is asked for once the one before has failed.
		for (const failures of [2, 3]) {
			await press(ui.stdin, ui.lastFrame, 'r', {
				check: f => f.includes(`(${failures} failed)`),
				what: `failure ${failures}`,
			});
		}
		frame = await waitForFrame(ui.lastFrame, f => f.includes('● lost'), 'the lost state');
		assert.match(frame, /retry in \d+s/);
		service.next = demo();
		await press(ui.stdin, ui.lastFrame, 'r');
		frame = await waitForFrame(ui.lastFrame, f => f.includes('● connected'), 'recovery');
		assert.ok(!frame.includes('[stale]'));
	});

	test('an unreachable cluster at start shows the address and the error, and keeps retrying', async () => {
		const service = new FakeService(new Error('cannot reach fake:9092: connection refused'));
		const ui = start(service);
		const frame = await waitForFrame(ui.lastFrame, f => f.includes('connection refused'), 'the error');
		assert.match(frame, /Cannot load the cluster at fake:9092\./);
		assert.match(frame, /kex keeps retrying/);
		service.next = demo();
		await press(ui.stdin, ui.lastFrame, 'r');
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics once it answers');
	});

	test('an unreachable configured cluster points to kex config check, not to --brokers', async () => {
		const service = new FakeService(new Error('cannot reach fake:9092: connection refused'));
		const ui = renderApp({service, identity: {name: 'staging'}, size: {columns: 80, rows: 24}});
		const frame = plain(await waitForFrame(ui.lastFrame, f => f.includes('connection refused'), 'the error'));
		assert.match(frame, /kex keeps retrying; q quits\. kex config check staging tries each step of the\s+connection\./);
		assert.doesNotMatch(frame, /--brokers/);
	});

	test('frames fit the terminal: never taller than it, no line wider, at 80x24, 100x40 and after a resize; tiny gets a notice', async () => {
		const many = snapshotOf(
			Array.from({length: 300}, (_, i) =>
				topic(`topic-${String(i).padStart(4, '0')}-${'x'.repeat(i % 70)}`, partitions((i % 40) + 1)),
			),
			[1, 2, 3, 4, 5, 6, 7],
		);
		const service = new FakeService(many);
		const ui = renderApp({service, size: {columns: 80, rows: 24}});
		const fits = (columns: number, rows: number) => {
			const lines = plain(ui.lastFrame()).split('\n');
			assert.ok(lines.length <= rows - 1, `${lines.length} lines at ${columns}x${rows}`);
			for (const line of lines) assert.ok(line.length <= columns, `line of ${line.length} at ${columns}: ${line}`);
		};
		await waitForFrame(ui.lastFrame, f => f.includes('topics(300)'), 'the topics');
		fits(80, 24);
		await press(ui.stdin, ui.lastFrame, 'G');
		assert.match(selectedRow(ui.lastFrame()), /^topic-0299/);
		fits(80, 24);
		ui.rerender({service, size: {columns: 100, rows: 40}});
		await waitForFrame(ui.lastFrame, f => f.split('\n').length > 30, 'the larger frame');
		fits(100, 40);
		assert.match(selectedRow(ui.lastFrame()), /^topic-0299/, 'the selection survives the resize');
		ui.rerender({service, size: {columns: 40, rows: 10}});
		const tiny = await waitForFrame(ui.lastFrame, f => f.includes('larger'), 'the notice');
		// Wrapped to the window: all of it, its size too, on lines no wider than 40.
		assert.equal(
			plain(tiny)
				.split('\n')
				.map(line => line.trim())
				.join(' '),
			'Make the window larger: kex needs 60x15, this is 40x10.',
		);
		fits(40, 10);
	});

	test('names from the cluster cannot reach the terminal as control sequences', async () => {
		const service = new FakeService(demo());
		service.lags = [groupLag('evil\u001B]0;pwned\u0007\u001B[2J', 'Empty', [['orders', 0, 1, 2, null]])];
		const ui = start(service);
		await waitForFrame(ui.lastFrame, f => f.includes('topics(3)'), 'the topics');
		for (const key of [':', 'groups', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(
			() => ui.lastFrame(),
			f => f.includes('evil'),
			'the group',
		);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const raw = await waitForFrame(
			() => ui.lastFrame(),
			f => f.includes('group evil'),
			'the group in full',
		);
		assert.match(raw, /group evil\\x1b\]0;pwned\\x07\\x1b\[2J/);
		assert.ok(!(ui.lastFrame() ?? '').includes('\u001B]0;'), 'no OSC sequence in the output');
	});
});
