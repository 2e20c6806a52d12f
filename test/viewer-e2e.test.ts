import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, before, describe, test} from 'node:test';
import {brokers1, CLI, CONSUMER_GROUPS, createTopic, kcat, tool, uniqueName} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';

// The message viewer of the built kex, in tmux, against the real broker: what it lists and exports is checked
// against kcat byte for byte, hostile bytes stay visible escapes on the real terminal, and browsing leaves the
// cluster's consumer groups and their offsets exactly as they were.

type KcatMessage = {partition: number; offset: number; key: string | null; payload: string | null};

describe('the message viewer in a terminal, against the real broker', () => {
	const topic = uniqueName('viewer');
	const group = uniqueName('viewer-witness');
	const dir = mkdtempSync(path.join(tmpdir(), 'kex-viewer-'));
	let term: Terminal | null = null;
	const groupsState = () => {
		const list = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers1, '--list']).split('\n').filter(Boolean).sort();
		const offsets = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers1, '--describe', '--group', group])
			.split('\n')
			.filter(l => l.includes(topic))
			.map(l => l.trim().split(/\s+/).slice(0, 4).join(' ')); // group, topic, partition, committed offset
		return {list, offsets};
	};
	let before_: ReturnType<typeof groupsState>;

	before(async () => {
		await createTopic(brokers1, topic, 2);
		for (const p of [0, 1])
			kcat(
				['-b', brokers1, '-P', '-t', topic, '-p', String(p), '-K', ':'],
				Array.from({length: 30}, (_, i) => `key-${p}-${i}:{"n":${i},"p":${p}}`).join('\n') + '\n',
			);
		kcat(
			['-b', brokers1, '-P', '-t', topic, '-p', '0', '-k', 'hostile'],
			Buffer.concat([Buffer.from('x\u001B]0;PWNED\u0007\u001B[2J\u001B[31mred'), Buffer.from([0xff, 0x00])]),
		);
		// A group with a committed offset, to check that browsing changes nothing about it.
		kcat(['-b', brokers1, '-G', group, '-o', 'beginning', '-e', '-c', '5', topic]);
		before_ = groupsState();
	});
	// Each test starts its own kex, so none depends on what another left on screen.
	afterEach(() => {
		term?.close();
		term = null;
	});

	/** A fresh kex with the viewer open on `name`, once `ready` shows. */
	const openViewer = async (name: string, ready: (screen: string) => boolean) => {
		const t = openTerminal(`node ${CLI} --brokers ${brokers1} --refresh 60`, 120, 40);
		term = t;
		await t.waitForScreen(s => s.includes('● connected'), 'the first frame');
		await t.command(`topic ${name}`);
		await t.waitForScreen(s => s.includes(`of ${name}`), 'the topic');
		t.keys('m');
		// A frame may be captured while it is being drawn: wait for the rows too.
		const screen = await t.waitForScreen(ready, 'the viewer');
		return {t, screen};
	};
	const all = (s: string) => s.includes(`messages(61) of ${topic}`) && s.includes('hostile') && s.includes('key-1-20 ');

	test('the newest messages equal what kcat reads; the hostile one is shown escaped', async () => {
		const {screen} = await openViewer(topic, all);
		const theirs = kcat(['-b', brokers1, '-C', '-t', topic, '-o', 'beginning', '-e', '-J'])
			.toString()
			.trim()
			.split('\n')
			.map(l => JSON.parse(l) as KcatMessage);
		for (const m of theirs.filter(x => x.key?.startsWith('key-1-2'))) {
			const row = screen.split('\n').find(l => new RegExp(`^\\s+${m.partition}\\s+${m.offset} `).test(l)) ?? '';
			assert.match(row, new RegExp(`${m.key}\\s+\\{"n":\\d+,"p":1\\}`), `partition ${m.partition} offset ${m.offset}`);
		}
		const hostile = screen.split('\n').find(l => l.includes('hostile')) ?? '';
		assert.match(hostile, /^\s+0\s+30 .*hostile\s+x\\x1b\]0;PWNED\\x07\\x1b\[2J\\x1b\[31mred\\xff\\x00/);
		assert.ok(!screen.includes('PWNED\u0007'));
	});

	test('the detail view shows the hostile value as a hex dump, escaped header-free, and the terminal title is untouched', async () => {
		const {t: term} = await openViewer(topic, all);
		term.keys('/', ...'PWNED'.split(''), 'Enter');
		await term.waitForScreen(s => s.includes('messages(1/61)'), 'the filter');
		term.keys('Enter');
		const screen = await term.waitForScreen(
			s => s.includes('value as hex (auto)') && s.includes('00000010'),
			'the detail',
		);
		assert.match(screen, /^00000000 {2}78 1b 5d 30 3b 50 57 4e 45 44 07 1b 5b 32 4a 1b {2}x\.\]0;PWNED\.\.\[2J\./m);
		assert.match(screen, /offset 30/);
		term.keys('Escape');
		await term.waitForScreen(s => s.includes('messages(1/61)'), 'back to the list');
		term.keys('Escape');
		await term.waitForScreen(s => s.includes('messages(61)'), 'the filter cleared');
	});

	test('export writes every message as NDJSON that matches kcat byte for byte', async () => {
		const file = path.join(dir, 'all.ndjson');
		const {t: term} = await openViewer(topic, all);
		term.keys('t', 'C-u', ...'goto oldest'.split(''), 'Enter');
		await term.waitForScreen(s => s.includes('from oldest'), 'the oldest');
		term.keys('E', 'C-u', ...`export ${file}`.split(''), 'Enter');
		await term.waitForScreen(s => s.includes('exported 61 messages'), 'the export');
		const ours = readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map(l => JSON.parse(l) as {partition: number; offset: number; key: string; value: string | {base64: string}});
		const theirs = kcat(['-b', brokers1, '-C', '-t', topic, '-o', 'beginning', '-e', '-f', '%p %o %k %S\\n'])
			.toString()
			.trim()
			.split('\n');
		assert.equal(ours.length, theirs.length);
		for (const m of ours) {
			const value = typeof m.value === 'string' ? Buffer.from(m.value) : Buffer.from(m.value.base64, 'base64');
			assert.ok(theirs.includes(`${m.partition} ${m.offset} ${m.key} ${value.length}`), `${m.partition}/${m.offset}`);
			const raw = kcat([
				'-b',
				brokers1,
				'-C',
				'-t',
				topic,
				'-p',
				String(m.partition),
				'-o',
				String(m.offset),
				'-c',
				'1',
				'-e',
				'-f',
				'%s',
			]);
			assert.ok(raw.equals(value), `value of ${m.partition}/${m.offset}`);
		}
	});

	test('live tail shows a message produced while it runs', async () => {
		// A topic of its own: what it writes changes no other test's topic.
		const tail = uniqueName('viewer-tail');
		await createTopic(brokers1, tail, 2);
		kcat(['-b', brokers1, '-P', '-t', tail, '-p', '0', '-K', ':'], 'before:already-there\n');
		const {t: term} = await openViewer(tail, s => s.includes('already-there'));
		term.keys('f');
		await term.waitForScreen(s => s.includes('▶ following'), 'following');
		kcat(['-b', brokers1, '-P', '-t', tail, '-p', '1', '-k', 'live'], 'arrived-while-tailing');
		await term.waitForScreen(s => /live\s+arrived-while-tailing/.test(s), 'the new message');
		term.keys('f');
		await term.waitForScreen(s => !s.includes('▶ following'), 'paused');
	});

	test('n finds a match loaded but not yet shown (a partition written later than the first page of another), typed right after the filter', async () => {
		// From oldest, partition 0 has more than a page, so the time-merged list stops at its 100th message; partition
		// 1, written afterwards, is loaded but hidden, and holds the match.
		const skewed = uniqueName('viewer-scan');
		await createTopic(brokers1, skewed, 2);
		kcat(
			['-b', brokers1, '-P', '-t', skewed, '-p', '0'],
			Array.from({length: 150}, (_, i) => `early-${i}`).join('\n') + '\n',
		);
		kcat(
			['-b', brokers1, '-P', '-t', skewed, '-p', '1'],
			Array.from({length: 20}, (_, i) => (i === 7 ? 'the-needle' : `late-${i}`)).join('\n') + '\n',
		);
		const {t: term} = await openViewer(skewed, s => s.includes(`messages(`) && s.includes('late-19'));
		// From the newest messages nothing lies further on: n says how to scan the whole topic.
		term.keys('/', 'C-u', ...'the-needle-not'.split(''), 'Enter', 'n');
		await term.waitForScreen(s => s.includes('nothing after these to scan: t goto oldest'), 'the way to scan it all');
		term.keys('Escape');
		await term.waitForScreen(s => s.includes('late-19'), 'the filter cleared');
		term.keys('t', 'C-u', ...'goto oldest'.split(''), 'Enter');
		await term.waitForScreen(s => s.includes('from oldest') && s.includes('early-0'), 'the oldest');
		// The filter, Enter and n in one burst, as a quick typist sends them: n scans for the filter just committed.
		term.keys('/', 'C-u', ...'the-needle'.split(''), 'Enter', 'n');
		const found = await term.waitForScreen(s => /found after scanning [\d,]+ messages/.test(s), 'the scan');
		const offset = kcat(['-b', brokers1, '-C', '-t', skewed, '-p', '1', '-o', 'beginning', '-e', '-f', '%o %s\n'])
			.toString()
			.split('\n')
			.find(l => l.endsWith(' the-needle'))!
			.split(' ')[0];
		assert.match(found, new RegExp(`^\\s+1\\s+${offset} .*the-needle`, 'm'), 'the match, where kcat reads it');
	});

	test('browsing left no consumer group behind and moved no committed offset', () => {
		const after_ = groupsState();
		// Other test files run at the same time and make groups of their own; none may have touched this topic.
		for (const group_ of after_.list.filter(g => !before_.list.includes(g))) {
			const described = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers1, '--describe', '--group', group_]);
			assert.ok(!described.includes(topic), `group ${group_} appeared and reads ${topic}`);
		}
		// Other files delete groups of their own meanwhile: the one that reads this topic must still be there.
		assert.ok(before_.list.includes(group) && after_.list.includes(group), 'the witness group did not go away');
		assert.deepEqual(after_.offsets, before_.offsets);
		assert.ok(after_.offsets.length > 0, 'the witness group still has its committed offsets');
	});
});
