import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {describe, test} from 'node:test';
import {
	brokers1,
	CONSUMER_GROUPS,
	consumerProtocolMember,
	createTopic,
	kafkaVersion,
	kcat,
	runCli,
	tool,
	uniqueName,
	waitFor,
} from './helpers/env.js';

// The changing commands against the real broker, each checked with Kafka's own tools or kcat: what kex says it did
// is what the cluster now holds, and what it refused left the cluster as it was.

const at = ['--brokers', brokers1];
const major = Number(kafkaVersion.split('.')[0]);
const ACL_COMMAND = major >= 4 ? 'org.apache.kafka.tools.AclCommand' : 'kafka.admin.AclCommand';

const kex = async (args: string[], status = 0) => {
	const r = await runCli([...args, ...at]);
	assert.equal(r.status, status, `kex ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
	assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
	return r;
};

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

const topicExists = (topic: string) =>
	tool('org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', brokers1, '--list']).split('\n').includes(topic);

const offsetsOf = (topic: string, time: '-1' | '-2') =>
	tool('org.apache.kafka.tools.GetOffsetShell', ['--bootstrap-server', brokers1, '--topic', topic, '--time', time])
		.trim()
		.split('\n')
		.map(line => line.split(':'))
		.map(([, partition, offset]) => [Number(partition), Number(offset)] as const)
		.sort((a, b) => a[0] - b[0]);

/** Committed offsets as ConsumerGroupCommand reads them: topic/partition → offset ('-' when none). */
const committedByTool = (group: string) => {
	const text = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers1, '--describe', '--group', group]);
	const rows = new Map<string, string>();
	for (const line of text.split('\n')) {
		const cells = line.trim().split(/\s+/);
		if (cells[0] === group) rows.set(`${cells[1]}/${cells[2]}`, cells[3]!);
	}
	return rows;
};

describe('changing the cluster from the command line', () => {
	test('topic create: validated by the broker first, created with its configs; bad input changes nothing', async () => {
		const topic = uniqueName('chg-create');
		const dry = await kex([
			'topic',
			'create',
			topic,
			'--partitions',
			'3',
			'--config',
			'retention.ms=3600000',
			'--dry-run',
		]);
		assert.match(
			dry.stdout,
			/dry run: the broker would create topic .*: 3 partition\(s\), replication factor 1, retention\.ms=3600000/,
		);
		assert.equal(topicExists(topic), false, 'a dry run creates nothing');

		const refusals: Array<[string[], number, RegExp]> = [
			[['--replication-factor', '3'], 1, /cannot create topic .*: .*replication factor of 3 .*only 1 broker/i],
			[['--config', 'retention.ms=soon'], 1, /Invalid value soon for configuration retention\.ms/],
			[['--config', 'no.such.config=1'], 1, /Unknown topic config name: no\.such\.config/],
			[['--partitions', '0'], 2, /invalid --partitions "0"/],
		];
		for (const [extra, status, message] of refusals) {
			const r = await kex(['topic', 'create', topic, '--yes', ...extra], status);
			assert.match(r.stderr, message, extra.join(' '));
		}
		assert.match((await kex(['topic', 'create', 'no spaces!', '--yes'], 2)).stderr, /only letters, digits/);
		assert.match((await kex(['topic', 'create', topic], 2)).stderr, /add --yes to confirm/);
		assert.equal(topicExists(topic), false, 'nothing refused was created');

		const created = await kex([
			'topic',
			'create',
			topic,
			'--partitions',
			'3',
			'--config',
			'retention.ms=3600000',
			'--config',
			'cleanup.policy=compact',
			'--yes',
			'--json',
		]);
		assert.equal(JSON.parse(created.stdout).partitions, 3);
		const configs = topicConfigs(topic);
		assert.match(configs, /cleanup\.policy=compact/);
		assert.match(configs, /retention\.ms=3600000/);
		assert.equal(offsetsOf(topic, '-1').length, 3, 'GetOffsetShell sees three partitions');
		assert.match((await kex(['topic', 'create', topic, '--yes'], 1)).stderr, /already exists/);

		// Without --partitions and --replication-factor: the broker's own defaults, as its configs say.
		const plain = uniqueName('chg-defaults');
		const made = JSON.parse((await kex(['topic', 'create', plain, '--yes', '--json'])).stdout);
		const brokerConfigs = tool('kafka.admin.ConfigCommand', [
			'--bootstrap-server',
			brokers1,
			'--describe',
			'--all',
			'--entity-type',
			'brokers',
			'--entity-name',
			'1',
		]);
		assert.equal(made.partitions, Number(/\bnum\.partitions=(\d+)/.exec(brokerConfigs)?.[1]));
		assert.equal(made.replicationFactor, Number(/\bdefault\.replication\.factor=(\d+)/.exec(brokerConfigs)?.[1]));
		assert.equal(offsetsOf(plain, '-1').length, made.partitions);
	});

	test('topic config: set and reset single configs, the others untouched; a wrong value is refused', async () => {
		const topic = uniqueName('chg-config');
		await createTopic(brokers1, topic, 1);
		await kex([
			'topic',
			'config',
			topic,
			'--set',
			'retention.ms=7200000',
			'--set',
			'max.message.bytes=2000000',
			'--yes',
		]);
		const set = topicConfigs(topic);
		assert.match(set, /retention\.ms=7200000/);
		assert.match(set, /max\.message\.bytes=2000000/);
		const listed = JSON.parse((await kex(['topic', 'config', topic, '--json'])).stdout) as Array<{
			name: string;
			value: string;
			source: string;
		}>;
		assert.deepEqual(
			listed.find(c => c.name === 'retention.ms'),
			{...listed.find(c => c.name === 'retention.ms'), value: '7200000', source: 'topic'},
		);

		const bad = await kex(['topic', 'config', topic, '--set', 'retention.ms=abc', '--yes'], 1);
		assert.match(bad.stderr, /Invalid value abc for configuration retention\.ms/);
		await kex(['topic', 'config', topic, '--reset', 'retention.ms', '--yes']);
		const after = topicConfigs(topic);
		assert.doesNotMatch(after, /retention\.ms=/, 'reset: no longer set on the topic');
		assert.match(after, /max\.message\.bytes=2000000/, 'the other config stays');
	});

	test('topic partitions and truncate: the partition count and the low watermark move, as Kafka tools see', async () => {
		const topic = uniqueName('chg-parts');
		await createTopic(brokers1, topic, 2);
		kcat(['-b', brokers1, '-P', '-t', topic, '-p', '0'], Array.from({length: 10}, (_, i) => `m${i}`).join('\n') + '\n');
		assert.match((await kex(['topic', 'partitions', topic, '--count', '2', '--yes'], 2)).stderr, /has 2 partitions/);
		const grown = await kex(['topic', 'partitions', topic, '--count', '4', '--yes']);
		assert.match(grown.stdout, /2 -> 4 partitions/);
		assert.equal(offsetsOf(topic, '-1').length, 4);

		const dry = await kex(['topic', 'truncate', topic, '--partition', '0', '--before', '6', '--dry-run']);
		assert.match(dry.stdout, /offsets 0 to 5, 6 message\(s\)/);
		assert.deepEqual(offsetsOf(topic, '-2')[0], [0, 0], 'a dry run deletes nothing');
		assert.match(
			(await kex(['topic', 'truncate', topic, '--partition', '0', '--before', '11', '--yes'], 2)).stderr,
			/beyond the high watermark .* \(10\)/,
		);
		const done = await kex(['topic', 'truncate', topic, '--partition', '0', '--before', '6', '--yes', '--json']);
		assert.equal(JSON.parse(done.stdout).lowWatermark, 6);
		assert.deepEqual(offsetsOf(topic, '-2')[0], [0, 6], 'the low watermark moved to 6');
		const left = kcat(['-b', brokers1, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q']).toString();
		assert.equal(left, 'm6\nm7\nm8\nm9\n');
	});

	test('topic delete: asks for the name, deletes, and a second delete says it is gone', async () => {
		const topic = uniqueName('chg-delete');
		await createTopic(brokers1, topic, 1);
		assert.match((await kex(['topic', 'delete', topic], 2)).stderr, /add --yes/);
		assert.equal(topicExists(topic), true);
		await kex(['topic', 'delete', topic, '--yes']);
		await waitFor(() => (topicExists(topic) ? undefined : true), `${topic} to be gone`);
		assert.match((await kex(['topic', 'delete', topic, '--yes'], 1)).stderr, /unknown topic|no such topic/);
	});

	test('group reset: the dry run is a preview, the reset commits exactly it, a group with members is refused', async () => {
		const topic = uniqueName('chg-reset');
		const group = uniqueName('chg-group');
		await createTopic(brokers1, topic, 3);
		for (const p of [0, 1, 2])
			kcat(
				['-b', brokers1, '-P', '-t', topic, '-p', String(p)],
				Array.from({length: 5 + p * 5}, (_, i) => `v${i}`).join('\n') + '\n',
			);
		assert.match((await kex(['group', 'reset', group, '--to', 'oldest'], 1)).stderr, /unknown group: .* name a topic/);
		const preview = JSON.parse(
			(await kex(['group', 'reset', group, '--topic', topic, '--to', '3', '--dry-run', '--json'])).stdout,
		);
		assert.deepEqual(preview, [
			{topic, partition: 0, currentOffset: null, newOffset: 3, lagAfter: 2},
			{topic, partition: 1, currentOffset: null, newOffset: 3, lagAfter: 7},
			{topic, partition: 2, currentOffset: null, newOffset: 3, lagAfter: 12},
		]);
		await kex(['group', 'reset', group, '--topic', topic, '--to', '3', '--yes']);
		assert.deepEqual(Object.fromEntries(committedByTool(group)), {
			[`${topic}/0`]: '3',
			[`${topic}/1`]: '3',
			[`${topic}/2`]: '3',
		});

		const shifted = JSON.parse((await kex(['group', 'reset', group, '--to', 'shift:5', '--dry-run', '--json'])).stdout);
		assert.deepEqual(
			shifted.map((r: {newOffset: number; note?: string}) => [r.newOffset, r.note ?? null]),
			[
				[5, 'asked 8: past the end'],
				[8, null],
				[8, null],
			],
		);
		// A time after the newest message: the end, said in a note short enough for the preview's row on 80 columns.
		const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
		const later = JSON.parse((await kex(['group', 'reset', group, '--to', inAnHour, '--dry-run', '--json'])).stdout);
		assert.deepEqual(
			later.map((r: {newOffset: number; note?: string}) => [r.newOffset, r.note ?? null]),
			[5, 10, 15].map(end => [end, 'none since that time: the end']),
		);
		await kex(['group', 'reset', group, '--topic', topic, '--partitions', '1', '--to', 'newest', '--yes']);
		const committed = committedByTool(group);
		assert.equal(committed.get(`${topic}/1`), '10');
		assert.equal(committed.get(`${topic}/2`), '3', 'partitions not chosen keep their offsets');

		// A member reading: refused, offsets untouched.
		const consumer = spawn('kcat', ['-b', brokers1, '-G', group, topic, '-q'], {stdio: 'ignore'});
		try {
			await waitFor(async () => {
				const r = await runCli(['group', 'reset', group, '--to', 'oldest', '--yes', ...at]);
				return /1 active member/.test(r.stderr) && r.status === 1 ? true : undefined;
			}, 'the reset to be refused while kcat is a member');
		} finally {
			consumer.kill();
		}
	});

	if (major >= 4)
		test('group reset of a consumer-protocol (KIP-848) group, once its member has left', async () => {
			const topic = uniqueName('chg-848');
			const group = uniqueName('chg-848g');
			await createTopic(brokers1, topic, 2);
			kcat(['-b', brokers1, '-P', '-t', topic, '-p', '0'], 'a\nb\nc\nd\n');
			const consumer = consumerProtocolMember(brokers1, topic, group);
			try {
				await waitFor(
					() => (committedByTool(group).get(`${topic}/0`) === '4' ? true : undefined),
					'the KIP-848 member to commit',
					60_000,
				);
				assert.match((await kex(['group', 'reset', group, '--to', 'oldest', '--yes'], 1)).stderr, /active member/);
			} finally {
				consumer.kill('SIGTERM');
			}
			await waitFor(
				async () => {
					const r = await runCli(['group', 'reset', group, '--to', '1', '--yes', ...at]);
					return r.status === 0 ? true : undefined;
				},
				'the reset once the member has left',
				60_000,
			);
			assert.equal(committedByTool(group).get(`${topic}/0`), '1');
		});

	test('group delete: its offsets of one topic, then the group', async () => {
		const [a, b] = [uniqueName('chg-gd-a'), uniqueName('chg-gd-b')];
		const group = uniqueName('chg-gd');
		await createTopic(brokers1, a, 1);
		await createTopic(brokers1, b, 1);
		await kex(['group', 'reset', group, '--topic', a, '--to', 'oldest', '--yes']);
		await kex(['group', 'reset', group, '--topic', b, '--to', 'oldest', '--yes']);
		await kex(['group', 'delete', group, '--topic', a, '--yes']);
		assert.deepEqual([...committedByTool(group).keys()], [`${b}/0`]);
		assert.match((await kex(['group', 'delete', group], 2)).stderr, /add --yes/);
		await kex(['group', 'delete', group, '--yes']);
		const listed = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers1, '--list']).split('\n');
		assert.equal(listed.includes(group), false);
		assert.match((await kex(['group', 'delete', group, '--yes'], 1)).stderr, /unknown group/);
	});

	test('acl create, list and delete, as Kafka’s ACL tool lists them', async () => {
		const topic = uniqueName('chg-acl');
		const principal = `User:${uniqueName('alice')}`;
		const aclTool = () => tool(ACL_COMMAND, ['--bootstrap-server', brokers1, '--list', '--topic', topic]);
		await kex(['acl', 'create', '--principal', principal, '--operation', 'read', '--topic', topic, '--yes']);
		await kex([
			'acl',
			'create',
			'--principal',
			principal,
			'--operation',
			'write',
			'--topic',
			topic,
			'--deny',
			'--host',
			'10.0.0.1',
			'--yes',
		]);
		assert.match(aclTool(), new RegExp(`principal=${principal}, host=\\*, operation=READ, permissionType=ALLOW`));
		assert.match(
			aclTool(),
			new RegExp(`principal=${principal}, host=10\\.0\\.0\\.1, operation=WRITE, permissionType=DENY`),
		);
		const listed = JSON.parse((await kex(['acl', 'list', '--principal', principal, '--json'])).stdout);
		assert.equal(listed.length, 2);
		assert.match((await kex(['acl', 'delete', '--yes'], 2)).stderr, /never deletes every ACL/);
		const deleted = JSON.parse(
			(await kex(['acl', 'delete', '--principal', principal, '--operation', 'read', '--yes', '--json'])).stdout,
		);
		assert.deepEqual(
			deleted.deleted.map((d: {operation: string}) => d.operation),
			['read'],
		);
		assert.doesNotMatch(aclTool(), /operation=READ/);
		assert.match(aclTool(), /operation=WRITE/);
		await kex(['acl', 'delete', '--principal', principal, '--yes']);
	});

	test('read-only refuses every change, dry runs included, and changes nothing', async () => {
		const topic = uniqueName('chg-ro');
		await createTopic(brokers1, topic, 1);
		const changes = [
			['topic', 'create', uniqueName('chg-ro-new'), '--yes'],
			['topic', 'delete', topic, '--yes'],
			['topic', 'config', topic, '--set', 'retention.ms=1000', '--yes'],
			['topic', 'partitions', topic, '--count', '3', '--dry-run'],
			['topic', 'truncate', topic, '--partition', '0', '--before', '0', '--yes'],
			['group', 'reset', 'g', '--topic', topic, '--to', 'oldest', '--yes'],
			['group', 'delete', 'g', '--yes'],
			['acl', 'create', '--principal', 'User:x', '--operation', 'read', '--topic', topic, '--yes'],
			['acl', 'delete', '--principal', 'User:x', '--yes'],
			['produce', topic, 'value'],
		];
		for (const args of changes) {
			const r = await kex([...args, '--read-only'], 3);
			assert.match(r.stderr, /^kex: read-only: kex changes nothing on this cluster/, args.join(' '));
		}
		assert.equal(topicExists(topic), true);
		assert.doesNotMatch(topicConfigs(topic), /retention\.ms=/);
		assert.deepEqual(offsetsOf(topic, '-1'), [[0, 0]], 'nothing was written');
		// Reading still works.
		await kex(['topic', 'config', topic, '--read-only']);
		await kex(['acl', 'list', '--read-only']);
	});
});
