import assert from 'node:assert/strict';
import type {ChildProcess} from 'node:child_process';
import {after, before, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {createKafkaService} from '../source/kafka/service.js';
import type {GroupLag, KafkaService} from '../source/kafka/types.js';
import {
	brokers1,
	CLI,
	CONSUMER_GROUPS,
	consumerProtocolMember,
	createTopic,
	kafkaVersion,
	tool,
	uniqueName,
	waitFor,
} from './helpers/env.js';
import {openTerminal} from './helpers/tmux.js';

type ToolRow = {topic: string; partition: number; current: number | null; logEnd: number; lag: number | null};

const bootstrap = brokers1.split(',')[0]!;

/** Rows of `kafka-consumer-groups --describe`: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ... */
const describeWithTool = (group: string): ToolRow[] =>
	tool(CONSUMER_GROUPS, ['--bootstrap-server', bootstrap, '--describe', '--group', group])
		.split('\n')
		.map(line => line.trim().split(/\s+/))
		.filter(cols => cols[0] === group && /^\d+$/.test(cols[2] ?? ''))
		.map(cols => ({
			topic: cols[1]!,
			partition: Number(cols[2]),
			current: cols[3] === '-' ? null : Number(cols[3]),
			logEnd: Number(cols[4]),
			lag: cols[5] === '-' ? null : Number(cols[5]),
		}))
		.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);

const assertMatchesTool = (ours: GroupLag, theirs: ToolRow[]) => {
	assert.ok(theirs.length > 0, 'the tool printed rows');
	for (const row of theirs) {
		const mine = ours.partitions.find(p => p.topic === row.topic && p.partition === row.partition);
		assert.ok(mine, `kex shows ${row.topic}/${row.partition}`);
		assert.deepEqual(
			{current: mine.committedOffset, logEnd: mine.logEndOffset, lag: mine.lag},
			{current: row.current, logEnd: row.logEnd, lag: row.lag},
			`${row.topic}/${row.partition}`,
		);
	}
	// kex also lists the partitions of the group's topics that the tool leaves out: only ever as never committed.
	for (const extra of ours.partitions.filter(
		p => !theirs.some(t => t.topic === p.topic && t.partition === p.partition),
	)) {
		assert.equal(extra.committedOffset, null, `${extra.topic}/${extra.partition} is not in the tool's output`);
	}
	assert.equal(
		ours.totalLag,
		theirs.reduce((sum, r) => sum + (r.lag ?? 0), 0),
	);
};

/** One group through the batched path the groups view uses. */
const batched = async (service: KafkaService, group: string): Promise<GroupLag> => {
	const [result] = await service.groupsLag([group]);
	assert.ok(result?.ok, `groupsLag: ${result && !result.ok ? result.error : 'nothing'}`);
	return result.lag;
};

describe('consumer group lag equals kafka-consumer-groups --describe', () => {
	let service: KafkaService;
	const topic = uniqueName('lag');
	before(async () => {
		await createTopic(brokers1, topic, 3);
		service = createKafkaService({brokers: brokers1.split(',')});
		await service.produce(
			[0, 1, 2].flatMap(partition =>
				Array.from({length: 10}, (_, i) => ({topic, partition, key: null, value: Buffer.from(`v${i}`), headers: []})),
			),
		);
	});
	after(() => service.close());

	test('an empty classic group with commits on some partitions, then with a live member', async () => {
		const group = uniqueName('classic');
		// Commits made by Kafka's own tool: partition 0 at 3, partition 1 at 7, partition 2 never.
		const commit = (partition: number, offset: number) =>
			tool(CONSUMER_GROUPS, [
				'--bootstrap-server',
				bootstrap,
				'--reset-offsets',
				'--group',
				group,
				'--topic',
				`${topic}:${partition}`,
				'--to-offset',
				String(offset),
				'--execute',
			]);
		commit(0, 3);
		commit(1, 7);

		const empty = await service.groupLag(group);
		assert.equal(empty.group.state, 'Empty');
		assert.deepEqual(
			empty.partitions.map(p => [p.partition, p.committedOffset, p.lag]),
			[
				[0, 3, 7],
				[1, 7, 3],
				[2, null, null],
			],
		);
		assert.equal(empty.partitionsWithoutCommit, 1);
		const emptyRows = describeWithTool(group);
		assertMatchesTool(empty, emptyRows);
		// The groups view's batched read (all groups of a coordinator at once) says the same.
		assertMatchesTool(await batched(service, group), emptyRows);

		// The group view in a terminal shows the same numbers; the partition never committed is marked as such.
		const term = openTerminal(`node ${CLI} --brokers ${brokers1} --refresh 60`, 140, 30);
		try {
			await term.waitForScreen(s => s.includes('● connected'), 'the first frame');
			await term.command('groups');
			await term.waitForScreen(s => s.includes('groups('), 'the groups view');
			// Filtered before looked for: on a test cluster kept between runs the list is longer than the screen.
			term.keys('/', ...group.split(''), 'Enter');
			await term.waitForScreen(s => s.includes(`</${group}>`) && s.includes(group), 'the group, filtered');
			term.keys('Enter');
			const screen = await term.waitForScreen(
				s => s.includes(`group ${group}`) && /\s2\s+none\s+10\s+n\/a/.test(s),
				'the group view',
			);
			assert.match(screen, /total lag 10 \(\+1 partition\(s\) never committed, not counted\)/);
			for (const row of emptyRows) {
				const line = screen.split('\n').find(l => new RegExp(`^${row.topic}\\s+${row.partition}\\s`).test(l)) ?? '';
				assert.match(
					line,
					new RegExp(`\\s${row.partition}\\s+${row.current ?? 'none'}\\s+${row.logEnd}\\s+${row.lag ?? 'n/a'}\\s`),
					`row ${row.partition}: ${line}`,
				);
			}
		} finally {
			term.close();
		}

		// A classic member that never commits: partition 2 is assigned but has no committed offset.
		const consumer = new kafkajs.Kafka({
			brokers: brokers1.split(','),
			logLevel: kafkajs.logLevel.NOTHING,
			clientId: 'lag-test',
		}).consumer({groupId: group});
		await consumer.connect();
		try {
			await consumer.subscribe({topic, fromBeginning: true});
			await consumer.run({autoCommit: false, eachMessage: async () => {}});
			const live = await waitFor(async () => {
				const lag = await service.groupLag(group);
				return lag.group.state === 'Stable' && lag.partitions.every(p => p.owner) ? lag : undefined;
			}, 'the classic member to own every partition');
			assert.equal(live.group.type, 'classic');
			assert.equal(live.group.members.length, 1);
			assert.equal(live.partitions.find(p => p.partition === 2)!.owner!.clientId, 'lag-test');
			const theirs = describeWithTool(group);
			assert.deepEqual(
				theirs.find(r => r.partition === 2),
				{topic, partition: 2, current: null, logEnd: 10, lag: null},
			);
			assertMatchesTool(await service.groupLag(group), theirs);
			assertMatchesTool(await batched(service, group), theirs);
		} finally {
			await consumer.disconnect();
		}
	});

	// Kafka 3.9 has no consumer protocol to test (nor ConsumerGroupDescribe): its groups are the classic ones above.
	const hasConsumerProtocol = Number(kafkaVersion.split('.')[0]) >= 4;
	if (hasConsumerProtocol)
		test('a group on the Kafka 4 consumer protocol (KIP-848) shows its real state, members and lag', async () => {
			const group = uniqueName('kip848');
			let consumer: ChildProcess | null = null;
			try {
				consumer = consumerProtocolMember(bootstrap, topic, group, 'kip848-test');
				// Wait until it has read and committed everything, so that the numbers hold still for both tools.
				const settled = await waitFor(
					async () => {
						const lag = await service.groupLag(group);
						return lag.group.members.length === 1 &&
							lag.partitions.length === 3 &&
							lag.partitions.every(p => p.lag === 0)
							? lag
							: undefined;
					},
					'the KIP-848 consumer to commit every partition',
					60_000,
				);
				assert.equal(settled.group.type, 'consumer');
				assert.equal(settled.group.state, 'Stable');
				assert.equal(settled.group.members[0]!.clientId, 'kip848-test');
				assert.deepEqual(settled.group.members[0]!.assignment.map(a => a.partition).sort(), [0, 1, 2]);
				const rows = describeWithTool(group);
				assertMatchesTool(settled, rows);
				assertMatchesTool(await batched(service, group), rows);
				const listed = (await service.groups()).find(g => g.groupId === group)!;
				assert.deepEqual([listed.type, listed.state], ['consumer', 'Stable']);
			} finally {
				consumer?.kill('SIGKILL');
			}
		});

	test('an unknown group is a clear error', async () => {
		await assert.rejects(service.groupLag('no-such-group-here'), /unknown group: no-such-group-here/);
		assert.deepEqual(await service.groupsLag(['no-such-group-here']), [
			{
				ok: false,
				groupId: 'no-such-group-here',
				error: 'unknown group: no-such-group-here (deleted, or never existed)',
			},
		]);
	});
});
