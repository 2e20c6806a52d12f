import os from 'node:os';
import kafkajs from 'kafkajs';
import {kafkaTool} from '../scripts/local-kafka.js';
import {createKafkaService} from '../source/kafka/service.js';
import {benchCluster, median, openKex, pause, run, timeTo} from './kit.js';

// npm run bench:groups: 200 consumer groups, each with committed offsets on 10 topics of 5 partitions (50
// partitions a group), on the bench cluster (bench-1, port 39092). Times kex's groups view from `:groups` to the
// full list with lag (in a pseudo-terminal), the service's refresh of all groups with lag, and Kafka's own
// `kafka-consumer-groups --describe --all-groups` on the same cluster.

const GROUPS = 200;
const TOPICS = 10;
const PARTITIONS = 5;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const topicName = (i: number) => `bench-g-topic-${i}`;
const groupName = (i: number) => `bench-g-${String(i).padStart(3, '0')}`;

const setUp = async (bootstrap: string) => {
	const kafka = new kafkajs.Kafka({brokers: bootstrap.split(','), logLevel: kafkajs.logLevel.NOTHING});
	const admin = kafka.admin();
	await admin.connect();
	try {
		const existing = new Set(await admin.listTopics());
		const topics = Array.from({length: TOPICS}, (_, i) => topicName(i));
		const missing = topics.filter(t => !existing.has(t));
		if (missing.length > 0) {
			await admin.createTopics({
				topics: missing.map(topic => ({topic, numPartitions: PARTITIONS})),
				waitForLeaders: true,
			});
			const producer = kafka.producer();
			await producer.connect();
			for (const topic of topics) {
				await producer.send({
					topic,
					messages: Array.from({length: 500}, (_, i) => ({partition: i % PARTITIONS, value: `m${i}`})),
				});
			}
			await producer.disconnect();
		}
		const groups = new Set((await admin.listGroups()).groups.map(g => g.groupId));
		// admin.setOffsets takes seconds a call; one OffsetCommit per group to its coordinator (kafkajs's cluster,
		// as the adapter reaches it) commits all 50 partitions at once, as an empty group's commit from a tool would.
		const symbol = Object.getOwnPropertySymbols(kafka).find(x => x.description === 'private:Kafka:createCluster')!;
		const cluster = (
			kafka as unknown as Record<
				symbol,
				(options: object) => {
					connect(): Promise<void>;
					disconnect(): Promise<void>;
					findGroupCoordinator(q: {groupId: string}): Promise<{offsetCommit(r: object): Promise<unknown>}>;
				}
			>
		)[symbol]!({});
		await cluster.connect();
		for (let g = 0; g < GROUPS; g++) {
			if (groups.has(groupName(g))) continue;
			const coordinator = await cluster.findGroupCoordinator({groupId: groupName(g)});
			await coordinator.offsetCommit({
				groupId: groupName(g),
				groupGenerationId: -1,
				memberId: '',
				retentionTime: -1,
				topics: topics.map(topic => ({
					topic,
					partitions: Array.from({length: PARTITIONS}, (_, p) => ({
						partition: p,
						offset: String((g * 7 + p * 3) % 100),
					})),
				})),
			});
			if (g % 20 === 19) process.stdout.write(`\rgroups with commits: ${g + 1} of ${GROUPS}`);
		}
		await cluster.disconnect();
		process.stdout.write('\n');
	} finally {
		await admin.disconnect();
	}
};

const tuiFirstList = async (bootstrap: string) => {
	const term = openKex(['--brokers', bootstrap, '--refresh', '60']);
	await term.until(/topics\(/);
	await pause(300);
	const ms = await timeTo(term, ':groups\r', /groups\(200\)[\s\S]*bench-g-000\s+classic\s+Empty\s+0\s+\S+\s+[\d,]+/);
	await term.quit();
	return ms;
};

run(async () => {
	const state = await benchCluster();
	const bootstrap = state.bootstrap;
	await setUp(bootstrap);

	const tui: number[] = [];
	const refresh: number[] = [];
	const tool: number[] = [];
	let rows = 0;
	for (let run = 0; run < RUNS; run++) {
		tui.push(await tuiFirstList(bootstrap));
		const service = createKafkaService({brokers: bootstrap.split(',')});
		await service.groupsLag();
		const t = performance.now();
		const all = await service.groupsLag();
		refresh.push(performance.now() - t);
		rows = all.filter(r => r.ok).reduce((n, r) => n + (r.ok ? r.lag.partitions.length : 0), 0);
		await service.close();
		const t2 = performance.now();
		const described = kafkaTool(state.version, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
			'--bootstrap-server',
			bootstrap,
			'--describe',
			'--all-groups',
		]);
		tool.push(performance.now() - t2);
		if (described.status !== 0) throw new Error(described.stderr);
	}
	console.log(
		`\n${GROUPS} groups x ${TOPICS * PARTITIONS} partitions (${rows.toLocaleString('en-US')} rows), 1 broker (Kafka ${state.version}), ${os.cpus().length} cores, median of ${RUNS}`,
	);
	console.log(
		`kex: ':groups' to the full list with lag      ${median(tui).toFixed(0).padStart(6)} ms   (${tui.map(v => v.toFixed(0)).join(', ')})`,
	);
	console.log(
		`kex: a refresh of all groups with lag          ${median(refresh).toFixed(0).padStart(6)} ms   (${refresh.map(v => v.toFixed(0)).join(', ')})`,
	);
	console.log(
		`kafka-consumer-groups --describe --all-groups ${median(tool).toFixed(0).padStart(6)} ms   (${tool.map(v => v.toFixed(0)).join(', ')}; includes starting the JVM)`,
	);
});
