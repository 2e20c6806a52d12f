/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {renderApp, selectedRow} from './helpers/app.js';
import {FakeService, message, partitions, snapshotOf, topic} from './helpers/fake-service.js';
import {KEY, lineWith, plain, press, waitForFrame} from './helpers/ink.js';

// The message viewer on an in-memory service: opening, reading in both directions, the detail view, search,
// scan, export, and hostile bytes. The real broker is exercised in viewer-e2e.test.ts.

/** `orders`: 2 partitions of 1,000 JSON messages each, interleaved in time; `evil`: hostile bytes. */
const cluster = () => {
	const service = new FakeService(snapshotOf([topic('orders', partitions(2, 1000)), topic('evil', partitions(1, 1))]));
	const base = Date.UTC(2026, 0, 1);
	service.logs.set(
		'orders',
		[0, 1].map(p =>
			Array.from({length: 1000}, (_, o) =>
				message(
					'orders',
					p,
					o,
					base + (o * 2 + p) * 1000,
					JSON.stringify({id: o * 2 + p, amount: (o * 7) % 500, customer: {name: `c${o % 10}`}}),
					`order-${o * 2 + p}`,
					[{key: 'source', value: Buffer.from('test')}],
				),
			),
		),
	);
	service.logs.set('evil', [
		[
			message(
				'evil',
				0,
				0,
				base,
				Buffer.concat([Buffer.from('a\u001B]0;PWNED\u0007\u001B[2J\u001B[5mb'), Buffer.from([0xff])]),
				Buffer.from('k\u001B[31m'),
				[{key: 'h\u001B[1m', value: Buffer.from('\u001B]52;c;Zm9v\u0007')}],
			),
		],
	]);
	return service;
};

const start = async (service: FakeService, options: {rows?: number; columns?: number; window?: number} = {}) => {
	const size = {columns: options.columns ?? 100, rows: options.rows ?? 30};
	const ui = renderApp({service, size, messageWindow: options.window});
	await waitForFrame(ui.lastFrame, f => f.includes('topics(2)'), 'the topics');
	return ui;
};

const openOrders = async (ui: Awaited<ReturnType<typeof start>>) => {
	await press(ui.stdin, ui.lastFrame, 'j'); // orders is second, after evil
	await press(ui.stdin, ui.lastFrame, 'm');
	const frame = await waitForFrame(ui.lastFrame, f => f.includes('messages(200) of orders'), 'the viewer');
	await waitForFrame(ui.lastFrame, () => selectedRow(ui.lastFrame()).includes('order-1999 '), 'the newest selected');
	return frame;
};

describe('message viewer (in-memory service)', () => {
	test('m opens the newest messages of all partitions merged by time, the newest selected; Enter shows one in full', async () => {
		const ui = await start(cluster());
		await openOrders(ui);
		const frame = plain(ui.lastFrame());
		assert.match(frame, /from newest 100\/partition/);
		assert.match(selectedRow(ui.lastFrame()), /^\s+1\s+999 2026-01-01 00:33:19\.000Z order-1999\s+\{"id":1999/);
		assert.match(lineWith(frame, 'order-1998'), /^\s+0\s+999 /, 'partitions interleave by time');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const detail = plain(ui.lastFrame());
		assert.match(detail, /orders {2}partition 1 {2}offset 999/);
		assert.match(detail, /key order-1999/);
		assert.match(detail, /source: test/);
		assert.match(detail, /value as json \(auto\)/);
		assert.match(detail, /^ {2}"customer": \{$/m);
		for (let i = 0; i < 3; i++) await press(ui.stdin, ui.lastFrame, 'v');
		assert.match(plain(ui.lastFrame()), /^00000000 {2}7b 22 69 64 22 3a/m, 'v cycles to the hex dump');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		assert.match(plain(ui.lastFrame()), /messages\(200\) of orders/);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		assert.match(plain(ui.lastFrame()), /topics\(2\)/, 'Esc again goes back to the explorer');
	});

	test('keys typed in one burst each see the moves before them: kk then Enter opens the third newest', async () => {
		const ui = await start(cluster());
		await openOrders(ui);
		ui.stdin.write('kk\r');
		const detail = await waitForFrame(ui.lastFrame, f => f.includes('value as json'), 'the message in full');
		assert.match(detail, /key order-1997/);
	});

	test('at 80 columns the footer keeps the keys of the viewer itself before the general ones', async () => {
		const ui = await start(cluster(), {columns: 80});
		await openOrders(ui);
		const footer = plain(ui.lastFrame()).trimEnd().split('\n').at(-1)!;
		assert.match(footer, /f follow {2}n scan {2}t goto/);
		assert.match(footer, /\? help {2}q quit$/);
	});

	test('scrolling past either end loads more, and the window stays bounded', async () => {
		const service = cluster();
		const ui = await start(service, {window: 300});
		await openOrders(ui);
		const shownCount = () => Number(/messages\((\d+)\)/.exec(plain(ui.lastFrame()))?.[1] ?? 0);
		await press(ui.stdin, ui.lastFrame, 'g');
		await waitForFrame(ui.lastFrame, () => shownCount() > 200, 'a page loaded before');
		assert.match(selectedRow(ui.lastFrame()), /order-1800 /, 'the selection stays on the message it was on');
		for (let i = 0; i < 4; i++) {
			await press(ui.stdin, ui.lastFrame, 'g');
			await waitForFrame(ui.lastFrame, f => !f.includes('loading'), 'a load before');
			assert.ok(shownCount() <= 300, `${shownCount()} shown, the window is 300`);
		}
		assert.match(selectedRow(ui.lastFrame()), /order-1[0-4]\d\d /, 'far back now');
		for (let i = 0; i < 8 && !selectedRow(ui.lastFrame()).includes('order-1999 '); i++) {
			await press(ui.stdin, ui.lastFrame, 'G');
			await waitForFrame(ui.lastFrame, f => !f.includes('loading'), 'a load after');
			assert.ok(shownCount() <= 300);
		}
		assert.match(selectedRow(ui.lastFrame()), /order-1999 /, 'back at the newest, read again');
	});

	test('/ filters loaded messages by text, regex and JSON field; a bad expression says why; n scans on for a match', async () => {
		const ui = await start(cluster());
		await openOrders(ui);
		const filter = async (text: string) => {
			await press(ui.stdin, ui.lastFrame, '/');
			const empty = (f: string) => f.split('\n').some(line => line.trimEnd() === '/');
			await press(ui.stdin, ui.lastFrame, KEY.ctrlU, {check: empty, what: 'an empty filter line'});
			for (const ch of text) await press(ui.stdin, ui.lastFrame, ch);
			await press(ui.stdin, ui.lastFrame, KEY.enter);
			return plain(ui.lastFrame());
		};
		assert.match(await filter('ORDER-1999'), /messages\(1\/200\)/);
		assert.match(await filter('/^order-18[0-4]\\d$/m'), /messages\(50\/200\)/);
		assert.match(await filter('.customer.name == c3'), /messages\(20\/200\)/);
		assert.match(await filter('.amount >= 490'), /messages\(\d+\/200\)/);
		assert.match(await filter('.amount > '), /needs a value to compare with/);
		assert.match(await filter('/(/'), /invalid regular expression/);
		await filter('order-42 ');
		assert.match(plain(ui.lastFrame()), /messages\(0\/200\)/);
		for (const key of ['t', 'oldest', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(ui.lastFrame, f => f.includes('from oldest'), 'the oldest messages');
		assert.match(await filter('"id":1500,'), /messages\(0\/\d+\)/, 'not among the loaded messages');
		await press(ui.stdin, ui.lastFrame, 'n');
		const found = await waitForFrame(ui.lastFrame, f => /found after scanning [\d,]+ messages/.test(f), 'the scan');
		assert.match(found, /messages\(1\/\d+\)/);
		await waitForFrame(ui.lastFrame, () => selectedRow(ui.lastFrame()).includes('order-1500 '), 'the match selected');
	});

	test('n also searches what is loaded but not yet shown: a partition whose messages come later in time', async () => {
		// From oldest, partition 0 has more to load, so the list stops at its 100th message; partition 1's messages,
		// all later in time, are loaded and hidden. The match is one of them.
		const base = Date.UTC(2026, 0, 1);
		const p1 = {...partitions(1, 50)[0]!, partition: 1};
		const service = new FakeService(snapshotOf([topic('skewed', [partitions(1, 300)[0]!, p1])]));
		service.logs.set('skewed', [
			Array.from({length: 300}, (_, o) => message('skewed', 0, o, base + o * 1000, `early-${o}`, null, [])),
			Array.from({length: 50}, (_, o) =>
				message('skewed', 1, o, base + 1_000_000 + o * 1000, o === 10 ? 'needle' : `late-${o}`, null, []),
			),
		]);
		const ui = renderApp({service, size: {columns: 100, rows: 30}});
		await waitForFrame(ui.lastFrame, f => f.includes('topics(1)'), 'the topic');
		await press(ui.stdin, ui.lastFrame, 'm');
		await waitForFrame(ui.lastFrame, f => f.includes('messages('), 'the viewer');
		for (const key of ['t', 'oldest', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(ui.lastFrame, f => f.includes('from oldest'), 'the oldest messages');
		await press(ui.stdin, ui.lastFrame, '/');
		for (const ch of 'needle') await press(ui.stdin, ui.lastFrame, ch);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		assert.match(plain(ui.lastFrame()), /messages\(0\/100\)/, 'loaded, not shown');
		await press(ui.stdin, ui.lastFrame, 'n');
		await waitForFrame(ui.lastFrame, f => /found after scanning [\d,]+ messages/.test(f), 'the scan');
		await waitForFrame(ui.lastFrame, () => selectedRow(ui.lastFrame()).includes('needle'), 'the match selected');
	});

	test("goto an offset past every partition's end says so and keeps the view", async () => {
		const ui = await start(cluster());
		await openOrders(ui);
		for (const key of ['t', '99999', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		const frame = await waitForFrame(ui.lastFrame, f => f.includes('past every'), 'the error');
		assert.match(frame, /offset 99999 is past every partition's end \(last: 999\)/);
		assert.match(frame, /order-1999/, 'the previous messages are still shown');
	});

	test('goto: a bad offset or time keeps the view and says why; a good one moves there', async () => {
		const ui = await start(cluster());
		await openOrders(ui);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		for (const key of [KEY.tab, 'j', 'm']) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(ui.lastFrame, f => f.includes('partition 1 from newest'), 'the partition viewer');
		for (const key of ['t', '5000', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		let frame = await waitForFrame(ui.lastFrame, f => f.includes('out of range'), 'the error');
		assert.match(frame, /offset 5000 is out of range: partition 1 holds offsets 0 to 999/);
		assert.match(frame, /order-1999/, 'the previous messages are still shown');
		for (const key of ['t', 'soon', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		frame = plain(ui.lastFrame());
		assert.match(
			frame,
			/^:goto soon\s+try oldest, newest, 42, -15m, 2024-05-01T12:00Z or @<epoch ms>/m,
			'a malformed time stays on the line with the reason',
		);
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		for (const key of ['t', '10', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		frame = await waitForFrame(ui.lastFrame, f => f.includes('from offset 10'), 'the new position');
		assert.match(frame, /^\s+1\s+10 .*order-21 /m);
	});

	test('hostile bytes in keys, values and headers are shown escaped and never reach the terminal', async () => {
		const ui = await start(cluster());
		await press(ui.stdin, ui.lastFrame, 'm');
		const list = await waitForFrame(ui.lastFrame, f => f.includes('messages(1) of evil'), 'the viewer');
		assert.match(list, /k\\x1b\[31m\s+a\\x1b\]0;PWNED\\x07\\x1b\[2J\\x1b\[5mb\\xff/);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const raw = ui.lastFrame() ?? '';
		assert.match(plain(raw), /h\\x1b\[1m: \\x1b\]52;c;Zm9v\\x07/);
		for (const sequence of ['\u001B]0;', '\u001B[2J', '\u001B[5m', '\u001B]52;', '\u0007'])
			assert.ok(!raw.includes(sequence), JSON.stringify(sequence));
	});

	test('s saves the selected message and E exports the matches, as NDJSON; an existing file is not overwritten', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'kex-export-'));
		const ui = await start(cluster());
		await openOrders(ui);
		const file = path.join(dir, 'one.ndjson');
		for (const key of ['s', KEY.ctrlU, `save ${file}`, KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(ui.lastFrame, f => f.includes('exported 1 message'), 'the save');
		assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
			topic: 'orders',
			partition: 1,
			offset: 999,
			timestamp: Date.UTC(2026, 0, 1) + 1999_000,
			timestampType: 'create',
			key: 'order-1999',
			value: JSON.stringify({id: 1999, amount: (999 * 7) % 500, customer: {name: 'c9'}}),
			headers: [{key: 'source', value: 'test'}],
		});
		for (const key of ['s', KEY.ctrlU, `save ${file}`, KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		assert.match(plain(ui.lastFrame()), new RegExp(`^:save ${file}\\s+.*exists; choose another`, 'm'));
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		for (const key of ['/', '.customer.name == c3', KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		const all = path.join(dir, 'all.ndjson');
		for (const key of ['E', KEY.ctrlU, `export ${all}`, KEY.enter]) await press(ui.stdin, ui.lastFrame, key);
		await waitForFrame(ui.lastFrame, f => f.includes('exported 20 messages'), 'the export');
		const lines = readFileSync(all, 'utf8')
			.trim()
			.split('\n')
			.map(l => JSON.parse(l) as {value: string});
		assert.equal(lines.length, 20);
		assert.ok(lines.every(l => JSON.parse(l.value).customer.name === 'c3'));
	});
});

describe('an unreadable batch in the viewer (in-memory service)', () => {
	test('is one red row saying why; Enter shows the reason in full; the rows around it read as usual', async () => {
		const service = new FakeService(snapshotOf([topic('broken', partitions(1, 3)), topic('other', partitions(1))]));
		const base = Date.UTC(2026, 0, 1);
		const bad = {
			...message('broken', 0, 1, base + 1000, null),
			batch: {compression: 'zstd' as const, baseOffset: 1, lastOffset: 1, storedBytes: 72, recordsBytes: null},
			unreadable: 'zstd batch could not be decompressed: invalid zstd data',
		};
		service.logs.set('broken', [
			[message('broken', 0, 0, base, 'before'), bad, message('broken', 0, 2, base + 2000, 'after')],
		]);
		const ui = renderApp({service, size: {columns: 120, rows: 30}});
		await waitForFrame(ui.lastFrame, f => f.includes('topics(2)'), 'the topics');
		await press(ui.stdin, ui.lastFrame, 'm'); // broken is first
		await waitForFrame(ui.lastFrame, f => f.includes('after'), 'the messages');
		const frame = plain(ui.lastFrame());
		assert.match(lineWith(frame, 'before'), /^\s+0\s+0 /);
		assert.match(
			lineWith(frame, 'unreadable'),
			/1 .*unreadable\s+zstd batch could not be decompressed: invalid zstd data/,
		);
		assert.match(lineWith(frame, 'after'), /^\s+0\s+2 /);
		const raw = (ui.lastFrame() ?? '').split('\n').find(l => l.includes('unreadable')) ?? '';
		assert.ok(raw.includes('\u001B[31m'), 'the unreadable row is red');
		await press(ui.stdin, ui.lastFrame, 'k');
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		const detail = plain(ui.lastFrame());
		assert.match(detail, /batch: zstd, offset 1, records 72B compressed, not decompressed/);
		assert.match(detail, /zstd batch could not be decompressed: invalid zstd data \(offset 1 not shown\)/);
		assert.doesNotMatch(detail, /tombstone/, 'an unreadable batch is not said to be a tombstone');
	});
});
