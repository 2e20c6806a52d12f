import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {brokers3, CLI, createTopic, kcat, runCli, tool, uniqueName} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';

// The built kex in tmux against the 3-node cluster: what the screen shows is checked against kcat and Kafka's own
// quorum tool, then a produce with kcat must show up after a refresh, and quitting must restore the terminal.

type KcatMetadata = {
	brokers: Array<{id: number; name: string}>;
	topics: Array<{
		topic: string;
		partitions: Array<{partition: number; leader: number; replicas: Array<{id: number}>; isrs: Array<{id: number}>}>;
	}>;
};

const rowOf = (screen: string, pattern: RegExp) => screen.split('\n').find(l => pattern.test(l)) ?? '';
const cells = (line: string) => line.trim().split(/\s+/);

describe('the explorer in a terminal, against the real 3-node cluster', () => {
	const topic = uniqueName('e2e');
	let term: Terminal;
	before(async () => {
		await createTopic(brokers3, topic, 3, 3);
		for (const [partition, count] of [
			[0, 5],
			[1, 0],
			[2, 12],
		] as const) {
			if (count > 0)
				kcat(
					['-b', brokers3, '-P', '-t', topic, '-p', String(partition)],
					`${Array.from({length: count}, (_, i) => `m${i}`).join('\n')}\n`,
				);
		}
		term = openTerminal(`node ${CLI} --brokers ${brokers3} --refresh 60`, 120, 40);
	});
	after(() => term?.close());

	test('brokers, controller, and the partitions of a topic equal what kcat and the quorum tool report', async () => {
		await term.waitForScreen(s => s.includes('● connected'), 'the first frame');
		const meta = JSON.parse(kcat(['-b', brokers3, '-L', '-J', '-t', topic]).toString()) as KcatMetadata;
		const status = tool('org.apache.kafka.tools.MetadataQuorumCommand', [
			'--bootstrap-server',
			brokers3.split(',')[0]!,
			'describe',
			'--status',
		]);
		const leader = Number(/LeaderId:\s*(\d+)/.exec(status)?.[1]);

		let screen = term.screen();
		assert.match(screen, new RegExp(`3 brokers {2}controller ${leader} `));
		for (const b of meta.brokers) {
			const row = cells(rowOf(screen, new RegExp(`^\\s+${b.id} ${b.name.replace('.', '\\.')}`)));
			assert.equal(row[1], b.name, `broker ${b.id}`);
			assert.equal(row.includes('active'), b.id === leader, `controller mark on broker ${b.id}`);
		}

		term.keys('/', ...topic.split(''), 'Enter');
		const partitionRow = (s: string, p: number) => rowOf(s, new RegExp(`^\\s+${p}\\s+\\d\\s+\\d,\\d,\\d`));
		// A frame may be captured while it is being drawn: wait for the whole pane.
		screen = await term.waitForScreen(
			s => s.includes(`partitions(3) of ${topic}`) && [0, 1, 2].every(p => partitionRow(s, p) !== ''),
			'the topic selected by the filter',
		);
		assert.match(
			rowOf(screen, new RegExp(`^${topic} `)),
			/\s3\s+3\s+0\s+0\s+17\s+-\s+-\s+-$/,
			'partitions, RF, URP, offline, messages',
		);
		const expectedHigh = [5, 0, 12];
		for (const p of meta.topics[0]!.partitions) {
			const row = cells(rowOf(screen, new RegExp(`^\\s+${p.partition}\\s+${p.leader}\\s`)));
			assert.deepEqual(
				row.slice(0, 4),
				[String(p.partition), String(p.leader), p.replicas.map(r => r.id).join(','), p.isrs.map(r => r.id).join(',')],
				`partition ${p.partition}`,
			);
			assert.deepEqual(row.slice(4), ['0', String(expectedHigh[p.partition]), String(expectedHigh[p.partition])]);
		}
	});

	test('r refreshes now: messages produced by kcat appear, marked as grown', async () => {
		kcat(['-b', brokers3, '-P', '-t', topic, '-p', '1'], 'n1\nn2\nn3\n');
		term.keys('r');
		const screen = await term.waitForScreen(
			s => /\s17\s*↑|20↑/.test(rowOf(s, new RegExp(`^${topic} `))),
			'the refreshed count',
		);
		assert.match(rowOf(screen, new RegExp(`^${topic} `)), /20↑\s+-\s+-\s+-$/);
		assert.match(rowOf(screen, /^\s+1\s+\d\s+\d,\d,\d/), /\s3↑\s+3$/, 'partition 1: high watermark 3, marked');
	});

	test('at 80x24 every line fits; q quits with status 0 and restores the screen', async () => {
		term.resize(80, 24);
		const screen = await term.waitForScreen(
			s => s.split('\n').some(l => l.startsWith('── topics(')) && !s.includes('kex exited'),
			'the 80x24 frame',
		);
		for (const line of screen.split('\n')) assert.ok(line.length <= 80, line);
		term.keys('q');
		const after = await term.waitForScreen(s => s.includes('kex exited with'), 'the exit');
		assert.match(after, /kex exited with 0/);
		assert.ok(!after.includes('topics('), 'the alternate screen is gone');
	});
});

test('without a terminal the explorer points to the scriptable commands', async () => {
	const r = await runCli(['--brokers', brokers3]);
	assert.equal(r.status, 2);
	assert.match(r.stderr, /^kex: the explorer needs a terminal .* kex topics, kex consume TOPIC/);
});
