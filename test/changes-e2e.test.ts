import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {brokers1, CLI, CONSUMER_GROUPS, kcat, runCli, tool, uniqueName, waitFor} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';

// The change dialog in a real terminal against the real broker: what the screen confirms is what Kafka's own tools
// then find. The commands' side of the same changes is in changes-cli.test.ts.

const topicConfigs = (topic: string) =>
	tool('kafka.admin.ConfigCommand', [
		'--bootstrap-server',
		brokers1,
		'--describe',
		'--entity-type',
		'topics',
		'--entity-name',
		topic,
	]);

describe('changing the cluster in the explorer, in a terminal, against the real broker', () => {
	const topic = uniqueName('ui-chg');
	let term: Terminal;
	const type = (text: string) => term.keys(...text.split(''));
	before(() => {
		term = openTerminal(`node ${CLI} --brokers ${brokers1} --refresh 2`, 110, 32);
	});
	after(() => term?.close());

	test('C creates a topic with its configs, d and e change one config, as Kafka’s tools then see', async () => {
		await term.waitForScreen(s => s.includes('● connected'), 'the first frame');
		term.keys('C');
		await term.waitForScreen(s => s.includes('create a topic'), 'the dialog');
		type(topic);
		term.keys('Tab', 'C-u');
		type('2');
		term.keys('Tab', 'Tab');
		type('retention.ms=120000');
		await term.waitForScreen(s => s.includes('retention.ms=120000'), 'the configs typed');
		term.keys('Enter');
		await term.waitForScreen(s => s.includes(`the broker accepts topic ${topic}: 2 partition(s)`), 'the check');
		term.keys('y');
		await term.waitForScreen(s => s.includes(`created topic ${topic}`), 'the result');
		assert.match(topicConfigs(topic), /retention\.ms=120000/);
		const meta = JSON.parse(kcat(['-b', brokers1, '-L', '-J', '-t', topic]).toString()) as {
			topics: Array<{partitions: unknown[]}>;
		};
		assert.equal(meta.topics[0]!.partitions.length, 2);

		await term.command(`topic ${topic}`);
		// Selected once the explorer's refresh has it: its partitions show.
		await term.waitForScreen(s => s.includes(`partitions(2) of ${topic}`), 'the new topic selected');
		term.keys('d');
		await term.waitForScreen(s => s.includes(`configs of topic ${topic}`) && s.includes('on disk:'), 'the details');
		term.keys('/');
		type('retention.ms');
		term.keys('Enter');
		await term.waitForScreen(s => s.includes('</retention.ms>'), 'the filter applied');
		term.keys('G', 'e'); // the last of delete.retention.ms, local.retention.ms, retention.ms
		await term.waitForScreen(s => s.includes(`set retention.ms of ${topic}`), 'the config dialog');
		term.keys('C-u');
		type('60000');
		term.keys('Enter');
		await term.waitForScreen(s => s.includes('retention.ms: 120000 -> 60000'), 'the check');
		term.keys('y');
		await term.waitForScreen(s => s.includes(`${topic}: retention.ms = 60000`), 'the result');
		assert.match(topicConfigs(topic), /retention\.ms=60000/);
	});

	test('R commits exactly the previewed offsets; D deletes the topic once its name is typed', async () => {
		const group = uniqueName('ui-chg-g');
		kcat(['-b', brokers1, '-P', '-t', topic, '-p', '0'], 'a\nb\nc\n');
		const made = await runCli([
			'group',
			'reset',
			group,
			'--topic',
			topic,
			'--to',
			'oldest',
			'--yes',
			'--brokers',
			brokers1,
		]);
		assert.equal(made.status, 0, made.stderr);
		await term.command('groups');
		term.keys('/');
		type(group);
		term.keys('Enter');
		// Its row, not the filter in the title: the group shows once a refresh has found it.
		await term.waitForScreen(s => new RegExp(`^${group}\\s+classic`, 'm').test(s), 'the group in the list');
		term.keys('R');
		await term.waitForScreen(s => s.includes(`reset the offsets of group ${group}`), 'the reset dialog');
		term.keys('Enter');
		const preview = await term.waitForScreen(s => s.includes('y: do it'), 'the preview');
		assert.match(preview, new RegExp(`${topic}\\s+0\\s+0\\s+3\\s+0`), 'partition 0: from 0 to 3, lag 0 after');
		term.keys('y');
		await term.waitForScreen(s => s.includes(`group ${group}: 2 offset(s) committed`), 'the result');
		const described = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers1, '--describe', '--group', group]);
		assert.match(described, new RegExp(`${group}\\s+${topic}\\s+0\\s+3\\s+3\\s+0`));

		await term.command(`topic ${topic}`);
		await term.waitForScreen(s => s.includes(`partitions(2) of ${topic}`), 'the topic selected');
		term.keys('D');
		await term.waitForScreen(s => s.includes(`Type ${topic} and Enter`), 'the question');
		type(topic.slice(0, -1));
		term.keys('Enter');
		type(topic.slice(-1));
		await term.waitForScreen(s => s.includes(`Enter to confirm, Esc to go back: ${topic}`), 'the whole name typed');
		const list = () =>
			tool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', brokers1, '--list']).split('\n');
		assert.ok(list().includes(topic), 'a part of the name deletes nothing');
		term.keys('Enter');
		await term.waitForScreen(s => s.includes(`deleted topic ${topic}`), 'the result');
		await waitFor(() => (list().includes(topic) ? undefined : true), `${topic} to be gone`);
	});
});
