/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {renderApp, selectedRow} from './helpers/app.js';
import {FakeService, message, partitions, snapshotOf, topic} from './helpers/fake-service.js';
import {KEY, plain, press, pressQuietly, waitForFrame} from './helpers/ink.js';

// The producer form on an in-memory service: what it sends, how it says no, and that the draft is never lost.

const cluster = () => {
	const service = new FakeService(snapshotOf([topic('orders', partitions(3)), topic('audit', partitions(1))]));
	service.logs.set('orders', [
		[
			message('orders', 0, 0, Date.UTC(2026, 0, 1), '{"id":7}', 'order-7', [
				{key: 'source', value: Buffer.from('web')},
				{key: 'trace', value: null},
			]),
		],
		[],
		[message('orders', 2, 0, Date.UTC(2026, 0, 1), Buffer.from([0xff, 0x00, 0x01]), Buffer.from([0xfe]))],
	]);
	return service;
};

const start = async (service: FakeService, readOnly = false) => {
	const ui = renderApp({service, readOnly, size: {columns: 100, rows: 30}});
	await waitForFrame(ui.lastFrame, f => f.includes('topics(2)'), 'the topics');
	return ui;
};

/** Types text as separate key presses (a paste would arrive as one chunk, which is split the same way). */
const type = async (ui: Awaited<ReturnType<typeof start>>, text: string) => {
	for (const ch of text) await press(ui.stdin, ui.lastFrame, ch === '\n' ? KEY.enter : ch);
};

describe('producer (in-memory service)', () => {
	test('p on a topic opens the form for it; ^s asks, y sends key, multi-line value and headers exactly as typed', async () => {
		const service = cluster();
		const ui = await start(service);
		await press(ui.stdin, ui.lastFrame, 'j'); // orders
		await press(ui.stdin, ui.lastFrame, 'p');
		await waitForFrame(ui.lastFrame, f => f.includes('produce to orders'), 'the form');
		for (let i = 0; i < 2; i++) await press(ui.stdin, ui.lastFrame, KEY.tab); // value -> schema -> headers
		await type(ui, 'source: kex\ntrace\nsource: again');
		for (let i = 0; i < 2; i++) await press(ui.stdin, ui.lastFrame, KEY.shiftTab); // back to value
		await type(ui, 'grüße\n  {"emoji": "🎉"}');
		await press(ui.stdin, ui.lastFrame, KEY.shiftTab); // key
		await type(ui, 'k-ü');
		await press(ui.stdin, ui.lastFrame, KEY.shiftTab); // partition
		await type(ui, '2');
		await press(ui.stdin, ui.lastFrame, '\u0013'); // ^s
		assert.match(plain(ui.lastFrame()), /send this message to orders, partition 2\? y sends/);
		assert.equal(service.produced.length, 0, 'nothing is sent before the confirmation');
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes('sent to orders partition 2 offset 1'), 'the result');
		const [sent] = service.produced;
		assert.equal(sent!.partition, 2);
		assert.equal(sent!.key!.toString('utf8'), 'k-ü');
		assert.equal(sent!.value!.toString('utf8'), 'grüße\n  {"emoji": "🎉"}');
		assert.deepEqual(
			sent!.headers.map(h => [h.key, h.value?.toString('utf8') ?? null]),
			[
				['source', 'kex'],
				['trace', null],
				['source', 'again'],
			],
		);
		assert.match(plain(ui.lastFrame()), /Value\s+grüße/, 'the form stays filled');
	});

	test('bad input gets a clear message and the draft stays exactly as typed', async () => {
		const service = cluster();
		const ui = await start(service);
		await press(ui.stdin, ui.lastFrame, 'j');
		await press(ui.stdin, ui.lastFrame, 'p');
		await waitForFrame(ui.lastFrame, f => f.includes('produce to orders'), 'the form');
		await type(ui, '{"a": 1,\n "b": }');
		for (let i = 0; i < 4; i++) await press(ui.stdin, ui.lastFrame, KEY.tab); // schema, headers, tombstone, json
		await press(ui.stdin, ui.lastFrame, ' ');
		const send = async () => {
			await press(ui.stdin, ui.lastFrame, '\u0013');
			await press(ui.stdin, ui.lastFrame, 'y');
			return plain(ui.lastFrame());
		};
		assert.match(await send(), /not JSON at line 2, column 7: expected a value, found "}"/);
		assert.match(plain(ui.lastFrame()), /Value\s+\{"a": 1,\n\s+"b": \}/, 'the value is unchanged');
		// Now a bad partition, then a header without a name.
		for (const key of [KEY.backspace, '2', '}']) await press(ui.stdin, ui.lastFrame, key);
		for (let i = 0; i < 2; i++) await press(ui.stdin, ui.lastFrame, KEY.shiftTab);
		await type(ui, '7');
		assert.match(await send(), /orders has 3 partitions: 0 to 2/);
		await press(ui.stdin, ui.lastFrame, KEY.backspace);
		for (let i = 0; i < 4; i++) await press(ui.stdin, ui.lastFrame, KEY.tab);
		await type(ui, ': nameless');
		assert.match(await send(), /header line 1 has no name/);
		for (let i = 0; i < 10; i++) await press(ui.stdin, ui.lastFrame, KEY.backspace);
		service.failNextSend = new Error('cannot reach fake:9092: connection refused');
		assert.match(
			await send(),
			/not sent, the draft is kept: cannot reach fake:9092: connection refused \(the message may or may not\s+have been written\)/,
		);
		assert.equal(service.produced.length, 0);
		await send();
		await waitForFrame(ui.lastFrame, f => f.includes('sent to orders'), 'the send once the broker is back');
		assert.equal(service.produced[0]!.value!.toString(), '{"a": 1,\n "b": 2}');
	});

	test("a broker's long reason is shown whole at 80x24; at the smallest size the value's first line stays whole", async () => {
		for (const [columns, rows] of [
			[80, 24],
			[60, 15],
		] as const) {
			const service = cluster();
			const ui = renderApp({service, size: {columns, rows}});
			await waitForFrame(ui.lastFrame, f => f.includes('topics(2)'), 'the topics');
			await press(ui.stdin, ui.lastFrame, 'j');
			await press(ui.stdin, ui.lastFrame, 'p');
			await waitForFrame(ui.lastFrame, f => f.includes('produce to orders'), 'the form');
			await type(ui, '{"name":"zed"');
			service.failNextSend = new Error(
				'cannot write to orders/0: the broker rejected the record (record 0: Compacted topic cannot accept message without key in topic partition orders-0)',
			);
			await press(ui.stdin, ui.lastFrame, '\u0013');
			await press(ui.stdin, ui.lastFrame, 'y');
			const frame = await waitForFrame(ui.lastFrame, f => f.includes('not sent'), 'the refusal');
			assert.match(frame, /Value\s+\{"name":"zed"/, `the value, whole, at ${columns}x${rows}`);
			if (columns === 80) assert.match(frame, /without key in topic\s+partition orders-0\)/, 'the reason, to its end');
			ui.unmount();
		}
	});

	test('produce again from a message: key, value and headers carried over, binary as base64; tombstones; ^p recalls', async () => {
		const service = cluster();
		const ui = await start(service);
		await press(ui.stdin, ui.lastFrame, 'j');
		await press(ui.stdin, ui.lastFrame, 'm');
		await waitForFrame(ui.lastFrame, f => f.includes('messages(2) of orders'), 'the viewer');
		await waitForFrame(ui.lastFrame, () => selectedRow(ui.lastFrame()).includes('\\xfe'), 'the newest selected');
		await press(ui.stdin, ui.lastFrame, 'g');
		await press(ui.stdin, ui.lastFrame, 'p');
		const form = await waitForFrame(ui.lastFrame, f => f.includes('produce to orders'), 'the form');
		assert.match(form, /Key\s+order-7/);
		assert.match(form, /Value\s+\{"id":7\}/);
		assert.match(form, /Headers\s+source: web\n\s+trace/);
		for (let i = 0; i < 3; i++) await press(ui.stdin, ui.lastFrame, KEY.tab); // schema, headers, tombstone
		await press(ui.stdin, ui.lastFrame, ' ');
		await press(ui.stdin, ui.lastFrame, '\u0013');
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes('sent to orders'), 'the tombstone sent');
		assert.equal(service.produced[0]!.value, null);
		assert.equal(service.produced[0]!.key!.toString(), 'order-7');
		await press(ui.stdin, ui.lastFrame, KEY.escape); // back to the viewer
		await press(ui.stdin, ui.lastFrame, 'G');
		await press(ui.stdin, ui.lastFrame, 'p');
		const binary = await waitForFrame(ui.lastFrame, f => f.includes('base64'), 'the binary message');
		assert.match(binary, /Key\s+\/g==/);
		assert.match(binary, /Value\s+\/wAB/);
		await press(ui.stdin, ui.lastFrame, '\u0013');
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(
			ui.lastFrame,
			f => f.includes('2 sent this session') || /sent to orders .*offset/.test(f),
			'the second send',
		);
		assert.deepEqual([...service.produced[1]!.value!], [0xff, 0x00, 0x01]);
		await press(ui.stdin, ui.lastFrame, '\u0010'); // ^p
		assert.match(plain(ui.lastFrame()), /recalled 2 of 2/);
		await press(ui.stdin, ui.lastFrame, '\u0010');
		assert.match(plain(ui.lastFrame()), /recalled 1 of 2/);
		assert.match(plain(ui.lastFrame()), /\[x\] tombstone/);
	});

	test('the compression is chosen with Space, said in the confirmation, sent, and kept for the next draft', async () => {
		const service = cluster();
		const ui = await start(service);
		await press(ui.stdin, ui.lastFrame, 'j'); // orders
		await press(ui.stdin, ui.lastFrame, 'p');
		await waitForFrame(ui.lastFrame, f => f.includes('compression: none'), 'the form');
		await type(ui, 'first');
		for (let i = 0; i < 5; i++) await press(ui.stdin, ui.lastFrame, KEY.tab); // value -> schema -> headers -> boxes -> compression
		await press(ui.stdin, ui.lastFrame, ' ');
		await press(ui.stdin, ui.lastFrame, ' ');
		await press(ui.stdin, ui.lastFrame, ' ');
		assert.match(plain(ui.lastFrame()), /›compression: lz4/);
		await press(ui.stdin, ui.lastFrame, '\u0013'); // ^s
		assert.match(
			plain(ui.lastFrame()),
			/send this message to orders, the partition the key decides, lz4-compressed\? y/,
		);
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes('sent to orders'), 'the result');
		assert.deepEqual(service.compressions, ['lz4']);
		// Leaving the form and opening it again (a new draft) keeps the session's choice.
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await press(ui.stdin, ui.lastFrame, 'p');
		assert.match(plain(ui.lastFrame()), /compression: lz4/);
	});

	test('^f sends a file: asked first, every line written, a report whose footer says how back to the form', async () => {
		const service = cluster();
		const ui = await start(service);
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'kex-file-')), 'lines.txt');
		writeFileSync(file, 'eins\nzwei\ndrei\n');
		await press(ui.stdin, ui.lastFrame, 'j');
		await press(ui.stdin, ui.lastFrame, 'p');
		await waitForFrame(ui.lastFrame, f => f.includes('produce to orders'), 'the form');
		await press(ui.stdin, ui.lastFrame, '\u0006'); // ^f
		await type(ui, file);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(ui.lastFrame, f => f.includes(`send every line of ${file} to orders?`), 'the question');
		assert.match(plain(ui.lastFrame()), /y yes\s+n\/Esc no/);
		assert.equal(service.produced.length, 0, 'nothing is sent before the answer');
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes(`wrote 3 messages from ${file}`), 'the report');
		// Unkeyed lines go round the partitions: in file order within each, in any order across them.
		assert.deepEqual(service.produced.map(m => m.value?.toString('utf8')).sort(), ['drei', 'eins', 'zwei']);
		const report = plain(ui.lastFrame());
		assert.match(report, /any key back to the form/, 'the footer says what a key does now');
		assert.ok(!report.includes('y yes'), 'not the question any more');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await waitForFrame(ui.lastFrame, f => f.includes('^s send'), "the form's footer");
	});

	test('^f with a folder, or a file that is not there: the reason, nothing sent, the draft kept', async () => {
		const service = cluster();
		const ui = await start(service);
		const folder = mkdtempSync(path.join(tmpdir(), 'kex-folder-'));
		await press(ui.stdin, ui.lastFrame, 'j');
		await press(ui.stdin, ui.lastFrame, 'p');
		await waitForFrame(ui.lastFrame, f => f.includes('produce to orders'), 'the form');
		await type(ui, 'kept');
		// A folder: asked, then the reason in the report.
		await press(ui.stdin, ui.lastFrame, '\u0006'); // ^f
		await type(ui, folder);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await press(ui.stdin, ui.lastFrame, 'y');
		await waitForFrame(ui.lastFrame, f => f.includes(`${folder}: not a file`), 'the reason');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		await waitForFrame(ui.lastFrame, f => f.includes('^s send'), "the form's footer");
		// A file that is not there: said on the command line, which keeps what was typed to fix it.
		const missing = path.join(folder, 'none.txt');
		await press(ui.stdin, ui.lastFrame, '\u0006');
		await type(ui, missing);
		await press(ui.stdin, ui.lastFrame, KEY.enter);
		await waitForFrame(ui.lastFrame, f => f.includes(`no such file: ${missing}`), 'the reason');
		await press(ui.stdin, ui.lastFrame, KEY.escape);
		assert.equal(service.produced.length, 0);
		await waitForFrame(ui.lastFrame, f => /Value\s+kept/.test(f), 'the draft');
	});

	test('read-only mode offers no producer', async () => {
		const service = cluster();
		const ui = await start(service, true);
		await press(ui.stdin, ui.lastFrame, 'j');
		assert.ok(!plain(ui.lastFrame()).includes('produce'), 'no hint');
		// Keys are handled in order: once the help shows, p has been handled. Had p opened the producer, ? would be
		// text in its form and the help would never show: the wait below is the check.
		pressQuietly(ui.stdin, 'p');
		const help = await press(ui.stdin, ui.lastFrame, '?', {check: f => f.includes('help: Esc'), what: 'the help'});
		assert.ok(!help.includes('produce to'), 'p opened no producer');
		assert.ok(!help.includes('write a message'), 'not in the help either');
	});
});
