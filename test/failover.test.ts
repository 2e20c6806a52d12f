import assert from 'node:assert/strict';
import {after, beforeEach, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {clusterReady} from '../scripts/kafka.js';
import {down, killNode, readState, up} from '../scripts/local-kafka.js';
import {
	admin,
	CLI,
	CONSUMER_GROUPS,
	createTopic,
	failoverCluster,
	kcat,
	startCli,
	tool,
	uniqueName,
	waitFor,
} from './helpers/env.js';
import {openTerminal, type Terminal} from './helpers/tmux.js';

// Brokers die while kex works, on a 3-node cluster of its own (every topic with 3 replicas): a partition's leader
// is killed as a crash would (SIGKILL) under the live tail, under `kex produce --file`, under the groups view, and
// then the whole cluster stops and starts again. kcat and Kafka's own tools say what is true afterwards.

const cluster = failoverCluster();
const brokers = cluster.bootstrap;
const spec = {name: cluster.name, nodes: cluster.nodes, basePort: cluster.basePort, version: cluster.version};

/** Every node running again, whatever a test killed. */
const restore = () => up(spec, clusterReady);

const leaderOf = (topic: string, partition: number) =>
	admin(brokers, async a => {
		const [t] = (await a.fetchTopicMetadata({topics: [topic]})).topics;
		return t!.partitions.find(p => p.partitionId === partition)!.leader;
	});

/** A producer of our own that rides out a leader change (idempotent, patient retries); `dead` is left out. */
const witnessProducer = (dead?: number) =>
	new kafkajs.Kafka({
		brokers: brokers.split(',').filter((_, i) => i + 1 !== dead),
		logLevel: kafkajs.logLevel.NOTHING,
		retry: {retries: 15, initialRetryTime: 200, maxRetryTime: 2000},
	}).producer({idempotent: true, maxInFlightRequests: 1});

/** Offsets and values of a partition as kcat reads them. */
const kcatRows = (topic: string, partition: number) =>
	kcat(['-b', brokers, '-C', '-t', topic, '-p', String(partition), '-o', 'beginning', '-e', '-q', '-f', '%o %s\n'])
		.toString()
		.trim()
		.split('\n')
		.filter(Boolean);

describe('a broker dies while kex works', () => {
	let term: Terminal | undefined;
	// Each test starts on a whole cluster, whatever the one before it killed.
	beforeEach(async () => {
		term?.close();
		term = undefined;
		await restore();
	});
	after(async () => {
		term?.close();
		await restore();
	});

	/** Samples the screen until stopped, remembering whether the header ever said the connection was lost. */
	const watchForLost = (t: Terminal) => {
		let seen = '';
		const timer = setInterval(() => {
			const screen = t.screen();
			if (screen.includes('● lost')) seen = screen;
		}, 150);
		return {
			stop: () => {
				clearInterval(timer);
				return seen;
			},
		};
	};

	/** kex in a terminal of this size, connected. */
	const openKex = async (columns: number, rows: number) => {
		term = openTerminal(`node ${CLI} --brokers ${brokers} --refresh 1`, columns, rows);
		await term.waitForScreen(s => s.includes('● connected'), 'the first frame');
		return term;
	};

	/** kex with the viewer live-tailing `topic`, once `loaded` shows what was there before. */
	const openTail = async (topic: string, rows: number, loaded: (screen: string) => boolean) => {
		const t = await openKex(120, rows);
		await t.command(`topic ${topic}`);
		await t.waitForScreen(s => s.includes(`of ${topic}`), 'the topic');
		t.keys('m');
		await t.waitForScreen(s => loaded(s) && !s.includes('loading'), 'the viewer');
		t.keys('f');
		await t.waitForScreen(s => s.includes('following'), 'the live tail');
		return t;
	};

	test('the live tail goes on through a leader change: no gap, no duplicate, never "lost"', async () => {
		const topic = uniqueName('tail');
		await createTopic(brokers, topic, 1, 3);
		const t = await openTail(topic, 60, s => s.includes('no messages here'));
		const lost = watchForLost(t);

		const leader = await leaderOf(topic, 0);
		const producer = witnessProducer();
		await producer.connect();
		try {
			for (let i = 0; i < 40; i++) {
				await producer.send({topic, acks: -1, messages: [{value: `v-${String(i).padStart(2, '0')}`}]});
				if (i === 14) {
					await killNode(cluster.name, leader);
					await t.waitForScreen(s => s.includes('v-14'), 'the tail before the kill');
				}
			}
		} finally {
			await producer.disconnect();
		}
		const screen = await t.waitForScreen(s => s.includes('v-39'), 'the tail to go on after the kill', 60_000);
		assert.equal(lost.stop(), '', 'the header never says lost while two brokers answer');
		const shown = screen.split('\n').flatMap(line => {
			const row = /^\s+0\s+(\d+)\s.*\b(v-\d\d)\b/.exec(line);
			return row ? [`${row[1]} ${row[2]}`] : [];
		});
		assert.deepEqual(shown, kcatRows(topic, 0), 'the rows on screen are the partition, exactly');
		assert.equal(new Set(shown.map(r => r.split(' ')[1])).size, 40, 'every message, once');
	});

	test('kex produce --file through a leader kill: every line reported written is in the topic exactly once', async () => {
		const topic = uniqueName('produce');
		await createTopic(brokers, topic, 3, 3);
		const lines = Array.from({length: 20_000}, (_, i) => `line-${String(i).padStart(5, '0')}`);
		const victim = await leaderOf(topic, 0);
		const {child, seen, exited} = startCli(['produce', topic, '--brokers', brokers]);
		// The lines arrive over two seconds, as from a pipe: the leader dies while most are still to come.
		let killed = false;
		for (let i = 0; i < lines.length; i += 1000) {
			child.stdin.write(`${lines.slice(i, i + 1000).join('\n')}\n`);
			if (i === 6000) {
				await waitFor(
					async () =>
						(await admin(brokers, a => a.fetchTopicOffsets(topic))).reduce((n, p) => n + Number(p.high), 0) >= 5000
							? true
							: undefined,
					'the first batch written',
				);
				killed = await killNode(cluster.name, victim);
			}
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		child.stdin.end();
		const status = await exited;
		assert.ok(killed, 'the leader was killed mid-way');
		assert.equal(status, 0, `kex produce failed: ${seen.stderr}`);
		assert.match(seen.stdout, /wrote 20,000 message\(s\)/);
		const values = [0, 1, 2].flatMap(p => kcatRows(topic, p).map(r => r.split(' ')[1]!));
		assert.equal(values.length, 20_000, 'nothing written twice, nothing missing');
		assert.deepEqual(new Set(values), new Set(lines));
	});

	test('kex consume waits for a leader that stops answering, says so on stderr, and prints everything once it is back', async t => {
		const topic = uniqueName('consume-wait');
		// One replica: no other broker can take the partition over, so the read must wait for this one.
		await createTopic(brokers, topic, 1, 1);
		const values = Array.from({length: 500}, (_, i) => `m${i}`);
		kcat(['-b', brokers, '-P', '-t', topic, '-p', '0'], `${values.join('\n')}\n`);
		const victim = await leaderOf(topic, 0);
		// Frozen (SIGSTOP), not killed: the cluster fences it and the partition has no leader; thawed, it is back in
		// seconds, where a restart may take longer than a bounded read waits. The topic is deleted after: a partition
		// with one replica goes leaderless whenever a later test kills its broker.
		const pid = readState(cluster.name)!.pids[victim - 1]!;
		const thaw = () => process.kill(pid, 'SIGCONT');
		t.after(async () => {
			thaw();
			await admin(brokers, a => a.deleteTopics({topics: [topic]}));
		});
		process.kill(pid, 'SIGSTOP');
		const alive = brokers
			.split(',')
			.filter((_, i) => i + 1 !== victim)
			.join(',');
		await waitFor(
			() => (/partition 0, leader -1,/.test(kcat(['-b', alive, '-L', '-t', topic]).toString()) ? true : undefined),
			'the partition without a leader',
			60_000,
		);
		const {seen, exited} = startCli(['consume', topic, '--brokers', alive]);
		await waitFor(
			() => (/^kex: waiting: .*no leader/m.test(seen.stderr) ? true : undefined),
			() => `a word on stderr: ${seen.stderr}`,
		);
		assert.equal(seen.stdout, '', 'nothing printed while the partition has no leader');
		thaw();
		assert.equal(await exited, 0, seen.stderr);
		assert.deepEqual(
			seen.stdout
				.trim()
				.split('\n')
				.map(line => line.split('\t')[4]),
			values,
		);
		assert.match(seen.stderr, /^kex: reading again$/m);
		// A reason is said when it changes, not at every try.
		const said = seen.stderr.split('\n').filter(line => line.startsWith('kex: waiting: '));
		assert.ok(
			said.every((line, i) => line !== said[i - 1]),
			`the same reason twice in a row: ${seen.stderr}`,
		);
	});

	test('kex consume names the dead leader it waits for, not the brokers it started from', async t => {
		const topic = uniqueName('consume-dead');
		await createTopic(brokers, topic, 1, 1);
		kcat(['-b', brokers, '-P', '-t', topic, '-p', '0'], 'm0\n');
		const victim = await leaderOf(topic, 0);
		// Deleted once the broker is back: a client given the whole cluster may try the dead one first.
		t.after(async () => {
			await restore();
			await admin(brokers, a => a.deleteTopics({topics: [topic]}));
		});
		// Killed, the broker is still the partition's leader until the cluster fences it (seconds later): kex reads
		// its offsets from a broker that refuses the connection while the ones it was given answer.
		assert.ok(await killNode(cluster.name, victim), 'the leader was killed');
		const alive = brokers.split(',').filter((_, i) => i + 1 !== victim);
		const victimAddress = brokers.split(',')[victim - 1]!;
		const {child, seen, exited} = startCli(['consume', topic, '--brokers', alive.join(',')]);
		try {
			const said = await waitFor(
				() => seen.stderr.split('\n').find(line => line.startsWith('kex: waiting: ')),
				() => `a word on stderr: ${seen.stderr}`,
			);
			assert.ok(said.includes(`broker ${victim} (${victimAddress})`), `the leader named: ${said}`);
			assert.ok(!alive.some(address => said.includes(address)), `a broker that answers blamed: ${said}`);
		} finally {
			child.kill();
			await exited;
		}
	});

	test("the groups view keeps lag equal to Kafka's own tool after a broker dies", async () => {
		const topic = uniqueName('lagged');
		const group = uniqueName('lagged-group');
		await createTopic(brokers, topic, 3, 3);
		for (const p of [0, 1, 2])
			kcat(
				['-b', brokers, '-P', '-t', topic, '-p', String(p)],
				`${Array.from({length: 10 + p}, (_, i) => `m${i}`).join('\n')}\n`,
			);
		await admin(brokers, a =>
			a.setOffsets({groupId: group, topic, partitions: [0, 1, 2].map(partition => ({partition, offset: '3'}))}),
		);
		const t = await openKex(140, 40);
		await t.command('groups');
		await t.waitForScreen(s => s.includes('groups('), 'the groups view');
		// Filtered: the cluster is kept between runs, and its list of groups grows longer than the screen.
		t.keys('/', ...group.split(''), 'Enter');
		await t.waitForScreen(s => s.includes(`</${group}>`) && s.includes(group), 'the group listed');
		const lost = watchForLost(t);
		// The broker that leads the group's partition of __consumer_offsets is its coordinator: kill one of the
		// others' and the coordinator in turn would be luck; kill broker 1, then add lag while it is down.
		await killNode(cluster.name, 1);
		// The witness writes once the cluster has fenced broker 1: kafkajs would try the dead leader and give up.
		const alive = brokers.split(',').slice(1).join(',');
		await waitFor(
			() => admin(alive, async a => ((await a.describeCluster()).brokers.length === 2 ? true : undefined)),
			'broker 1 fenced',
		);
		const producer = witnessProducer(1);
		await producer.connect();
		try {
			await producer.send({topic, acks: -1, messages: [0, 1, 2].map(partition => ({partition, value: 'late'}))});
		} finally {
			await producer.disconnect();
		}
		const theirs = await waitFor(
			() => {
				const out = tool(CONSUMER_GROUPS, ['--bootstrap-server', brokers, '--describe', '--group', group]);
				const lag = out
					.split('\n')
					.filter(l => l.includes(topic))
					.reduce((n, l) => n + Number(l.trim().split(/\s+/)[5]), 0);
				return lag === 27 ? lag : undefined;
			},
			"Kafka's tool to see the late writes",
			60_000,
		);
		const row = await t.waitForScreen(
			s => new RegExp(`${group}\\s.*\\b${theirs}\\b`).test(s),
			'the group with the lag the tool reports',
			60_000,
		);
		assert.match(row, new RegExp(`${group}\\s.*\\b27\\b`));
		assert.equal(lost.stop(), '', 'never "lost" while two brokers answer');
	});

	test('the whole cluster stops and starts again: kex says so, then recovers by itself and the tail goes on', async () => {
		const topic = uniqueName('outage');
		await createTopic(brokers, topic, 1, 3);
		kcat(['-b', brokers, '-P', '-t', topic, '-p', '0'], 'before\n');
		const t = await openTail(topic, 40, s => s.includes('before'));
		await down(cluster.name, {graceMs: 5000});
		await t.waitForScreen(s => /● (lost|reconnecting)/.test(s), 'kex to notice', 60_000);
		assert.match(t.screen(), /before/, 'what was shown stays on screen');
		await restore();
		await t.waitForScreen(s => s.includes('● connected'), 'kex to reconnect by itself', 60_000);
		// A broker back from the dead is no longer said to be silent, even one that leads nothing yet.
		await t.waitForScreen(s => /\b3 brokers\s/.test(s), 'every broker answering again', 30_000);
		kcat(['-b', brokers, '-P', '-t', topic, '-p', '0'], 'after\n');
		await t.waitForScreen(s => s.includes('after') && s.includes('following'), 'the tail to go on', 60_000);
	});
});
