import {spawn, spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {kafkaTool, libDir, ROOT, type ClusterState} from '../../scripts/local-kafka.js';

// What tests share: where the test clusters are, a few setup helpers, and the independent clients used as
// oracles (kcat, Kafka's own tools). kafkajs appears here only to create topics and run real consumers.

export const brokers1 = process.env['KEX_TEST_BROKERS_1'] ?? '127.0.0.1:19092';
export const brokers3 = process.env['KEX_TEST_BROKERS_3'] ?? '127.0.0.1:29092,127.0.0.1:29094,127.0.0.1:29096';
export const kafkaVersion = process.env['KEX_TEST_KAFKA_VERSION'] ?? '4.1.2';
/** The one-node test cluster's secured listeners and the CA that signed their certificate (scripts/secure-kafka.ts). */
export const secure = JSON.parse(
	process.env['KEX_TEST_SECURE'] ??
		JSON.stringify({
			saslPlaintext: 19094,
			ssl: 19095,
			saslSsl: 19096,
			mtls: 19097,
			ca: path.join(ROOT, '.kafka/test-1/tls/ca.pem'),
		}),
) as {saslPlaintext: number; ssl: number; saslSsl: number; mtls: number; ca: string};
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The 3-node cluster whose brokers failover.test.ts kills (scripts/test.ts starts it for that file). */
export const failoverCluster = (): ClusterState => {
	const state = process.env['KEX_TEST_FAILOVER'];
	if (!state) throw new Error('failover.test.ts runs through npm test, which starts its cluster');
	return JSON.parse(state) as ClusterState;
};

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export const admin = async <T>(
	brokers: string,
	work: (a: ReturnType<InstanceType<typeof kafkajs.Kafka>['admin']>) => Promise<T>,
) => {
	const a = new kafkajs.Kafka({brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING}).admin();
	await a.connect();
	try {
		return await work(a);
	} finally {
		await a.disconnect();
	}
};

export const createTopic = async (brokers: string, topic: string, numPartitions = 3, replicationFactor = 1) =>
	admin(brokers, async a => {
		await a.createTopics({topics: [{topic, numPartitions, replicationFactor}], waitForLeaders: false});
		// Until every broker knows the topic, a broker may answer "unknown topic" (Kafka 3.9 more often than 4.x);
		// kafkajs's own wait gives up on that answer, so wait here for every partition's leader.
		await waitFor(async () => {
			const [t] = (await a.fetchTopicMetadata({topics: [topic]})).topics;
			return t && t.partitions.length === numPartitions && t.partitions.every(p => p.leader >= 0) ? true : undefined;
		}, `the leaders of ${topic}`);
		// Then each broker on its own: kcat may ask any of them, and one a step behind answers "unknown partition".
		for (const broker of brokers.split(',')) {
			await waitFor(
				() =>
					admin(broker, async one => {
						const [t] = (await one.fetchTopicMetadata({topics: [topic]})).topics;
						return t && t.partitions.length === numPartitions ? true : undefined;
					}),
				`${broker} to know ${topic}`,
			);
		}
	});

export const kcat = (args: string[], input?: Buffer | string) => {
	const result = spawnSync('kcat', args, {input, maxBuffer: 256 * 1024 * 1024});
	if (result.status !== 0) throw new Error(`kcat ${args.join(' ')} failed: ${result.stderr.toString()}`);
	return result.stdout;
};

export const tool = (cls: string, args: string[]) => {
	const result = kafkaTool(kafkaVersion, cls, args);
	if (result.status !== 0) throw new Error(`${cls} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
	return result.stdout;
};

export const CONSUMER_GROUPS = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

/** Kafka's console consumer as a member of `group` on the Kafka 4 consumer protocol (KIP-848), committing often. */
export const consumerProtocolMember = (bootstrap: string, topic: string, group: string, clientId = 'kex-test-kip848') =>
	spawn(
		'java',
		[
			'-cp',
			`${libDir(kafkaVersion)}/*`,
			'-Xmx256m',
			'org.apache.kafka.tools.consumer.ConsoleConsumer',
			'--bootstrap-server',
			bootstrap,
			'--topic',
			topic,
			'--group',
			group,
			'--from-beginning',
			'--consumer-property',
			'group.protocol=consumer',
			'--consumer-property',
			`client.id=${clientId}`,
			'--consumer-property',
			'auto.commit.interval.ms=200',
		],
		{stdio: 'ignore'},
	);

export type CliResult = {status: number; stdout: string; stderr: string; ms: number};

/** Where kex writes its log in tests (XDG_STATE_HOME), never the user's own. */
export const stateHome = mkdtempSync(path.join(tmpdir(), 'kex-state-'));
export const logOf = () => path.join(stateHome, 'kex', 'kex.log');

/** The built kex running with `args`: what it has printed so far (read while it runs), and its exit status. */
export const startCli = (args: string[], env: NodeJS.ProcessEnv = {}) => {
	const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, XDG_STATE_HOME: stateHome, ...env}});
	const seen = {stdout: '', stderr: ''};
	child.stdout.on('data', d => (seen.stdout += d));
	child.stderr.on('data', d => (seen.stderr += d));
	const exited = new Promise<number>(resolve => child.on('close', status => resolve(status ?? -1)));
	return {child, seen, exited};
};

export const runCli = async (
	args: string[],
	options: {input?: string; env?: NodeJS.ProcessEnv} = {},
): Promise<CliResult> => {
	const started = Date.now();
	const {child, seen, exited} = startCli(args, options.env);
	if (options.input !== undefined) child.stdin.end(options.input);
	else child.stdin.end();
	const status = await exited;
	return {status, stdout: seen.stdout, stderr: seen.stderr, ms: Date.now() - started};
};

/** Polls until `check` returns a value other than undefined, or fails after the deadline. */
export const waitFor = async <T>(
	check: () => Promise<T | undefined> | T | undefined,
	/** What is awaited; a function when it should say how things stand at the deadline (a screen, say). */
	what: string | (() => string),
	timeoutMs = 30_000,
): Promise<T> => {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline)
			throw new Error(
				`timed out waiting for ${typeof what === 'function' ? what() : what}${lastError ? `: ${String(lastError)}` : ''}`,
			);
		await new Promise(resolve => setTimeout(resolve, 200));
	}
};
