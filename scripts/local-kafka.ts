import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {runs} from './pid-check.js';
import {ensureCertificates, scramFormatArgs, SECURITY_VERSION, securePorts, secureProperties} from './secure-kafka.js';

// Runs Apache Kafka in KRaft combined mode (each node broker and controller) on loopback, from jars that Maven
// fetches from Maven Central. Used by `npm run kafka:*`, the tests, the demo and the benchmarks.

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATE = path.join(ROOT, '.kafka');

/** "3.9", "3.9.x" and "4.1" name a release line; an exact version passes through. */
const LINES: Record<string, string> = {'3.9': '3.9.2', '4.0': '4.0.2', '4.1': '4.1.2', '4.2': '4.2.2', '4.3': '4.3.1'};
export const DEFAULT_VERSION = '4.1.2';

export const resolveVersion = (requested = process.env.KAFKA_VERSION): string => {
	if (!requested) return DEFAULT_VERSION;
	const line = requested.replace(/\.x$/, '');
	return LINES[line] ?? requested;
};

export type ClusterSpec = {
	name: string;
	nodes: number;
	basePort: number;
	version: string;
	/** One node only: SASL_PLAINTEXT, SSL and SASL_SSL listeners beside PLAINTEXT (see secure-kafka.ts). */
	secure?: boolean;
};

export type ClusterState = ClusterSpec & {
	clusterId: string;
	/** What the secured listeners were set up with (users, authorizer): a cluster set up otherwise starts afresh. */
	security?: string;
	pids: number[];
	bootstrap: string;
};

const usesLog4j2 = (version: string) => Number(version.split('.')[0]) >= 4;

export const libDir = (version: string) => path.join(STATE, 'lib', version);

/** Copies the broker's and tools' jars into .kafka/lib/<version> once; Maven caches downloads in ~/.m2. */
export const ensureJars = (version: string): string => {
	const dir = libDir(version);
	if (existsSync(path.join(dir, '.complete'))) return dir;
	console.error(`fetching Apache Kafka ${version} jars through Maven...`);
	rmSync(dir, {recursive: true, force: true});
	const args = [
		'-B',
		'-q',
		'-f',
		path.join(ROOT, 'kafka', 'pom.xml'),
		`-Dkafka.version=${version}`,
		...(usesLog4j2(version) ? ['-Dlog4j2'] : []),
		'dependency:copy-dependencies',
		'-DincludeScope=runtime',
		`-DoutputDirectory=${dir}`,
	];
	const result = spawnSync('mvn', args, {stdio: ['ignore', 'inherit', 'inherit']});
	if (result.error || result.status !== 0) {
		throw new Error(`Maven could not fetch Kafka ${version} (exit ${result.status ?? result.error?.message})`);
	}
	writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
	return dir;
};

const logConfig = (version: string): {file: string; flag: string} => {
	mkdirSync(STATE, {recursive: true});
	if (usesLog4j2(version)) {
		const file = path.join(STATE, 'log4j2.properties');
		writeFileSync(
			file,
			[
				'status = warn',
				'appender.out.type = Console',
				'appender.out.name = out',
				'appender.out.target = SYSTEM_ERR',
				'appender.out.layout.type = PatternLayout',
				'appender.out.layout.pattern = [%d] %p %m (%c)%n',
				`rootLogger.level = \${sys:kex.log.level:-INFO}`,
				'rootLogger.appenderRef.out.ref = out',
				'logger.kafka.name = kafka',
				'logger.kafka.level = INFO',
				'logger.state.name = state.change.logger',
				'logger.state.level = WARN',
				'',
			].join('\n'),
		);
		return {file, flag: `-Dlog4j2.configurationFile=${file}`};
	}
	const file = path.join(STATE, 'log4j.properties');
	writeFileSync(
		file,
		[
			'log4j.rootLogger=${kex.log.level}, out',
			'kex.log.level=INFO',
			'log4j.appender.out=org.apache.log4j.ConsoleAppender',
			'log4j.appender.out.Target=System.err',
			'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
			'log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n',
			'log4j.logger.state.change.logger=WARN',
			'',
		].join('\n'),
	);
	return {file, flag: `-Dlog4j.configuration=file:${file}`};
};

/** The secured setup a cluster wants, or (a running one) has, as one string to compare. */
const securityOf = (c: ClusterSpec | ClusterState) =>
	'clusterId' in c ? (c.security ?? (c.secure ? 'earlier' : '')) : c.secure ? SECURITY_VERSION : '';

const clusterDir = (spec: Pick<ClusterSpec, 'name'>) => path.join(STATE, spec.name);

/** The CA certificate a client trusts to reach a secured cluster's TLS listeners. */
export const caFile = (name: string) => path.join(STATE, name, 'tls', 'ca.pem');
const stateFile = (name: string) => path.join(STATE, name, 'cluster.json');

export const ports = (spec: Pick<ClusterSpec, 'nodes' | 'basePort'>) =>
	Array.from({length: spec.nodes}, (_, i) => ({
		node: i + 1,
		broker: spec.basePort + 2 * i,
		controller: spec.basePort + 2 * i + 1,
	}));

const serverProperties = (spec: ClusterSpec, node: number, dataDir: string) => {
	const all = ports(spec);
	const me = all[node - 1]!;
	const rf = Math.min(3, spec.nodes);
	const secure = spec.secure ? secureProperties(spec.basePort, ensureCertificates(clusterDir(spec))) : null;
	const listeners = [`PLAINTEXT://127.0.0.1:${me.broker}`, ...(secure?.listeners ?? [])];
	return [
		'process.roles=broker,controller',
		`node.id=${node}`,
		`controller.quorum.voters=${all.map(p => `${p.node}@127.0.0.1:${p.controller}`).join(',')}`,
		`listeners=${[...listeners, `CONTROLLER://127.0.0.1:${me.controller}`].join(',')}`,
		`advertised.listeners=${listeners.join(',')}`,
		'inter.broker.listener.name=PLAINTEXT',
		'controller.listener.names=CONTROLLER',
		`listener.security.protocol.map=${['CONTROLLER:PLAINTEXT', 'PLAINTEXT:PLAINTEXT', ...(secure?.protocols ?? [])].join(',')}`,
		...(secure?.lines ?? []),
		`log.dirs=${dataDir}`,
		...(spec.nodes > 1 ? [`broker.rack=r${node}`] : []),
		`num.partitions=1`,
		`default.replication.factor=${rf}`,
		`offsets.topic.replication.factor=${rf}`,
		`offsets.topic.num.partitions=${spec.nodes > 1 ? 12 : 6}`,
		`transaction.state.log.replication.factor=${rf}`,
		`transaction.state.log.min.isr=${Math.min(2, rf)}`,
		`share.coordinator.state.topic.replication.factor=${rf}`,
		`share.coordinator.state.topic.min.isr=${Math.min(2, rf)}`,
		'group.initial.rebalance.delay.ms=0',
		// A local cluster should not grow without bound: keep a day, or 1 GiB a partition.
		'log.retention.hours=24',
		'log.retention.bytes=1073741824',
		'auto.create.topics.enable=false',
		'',
	].join('\n');
};

const java = (version: string, cls: string, args: string[], extra: string[] = []) => {
	const log = logConfig(version);
	return ['-cp', `${libDir(version)}/*`, log.flag, ...extra, cls, ...args];
};

/**
 * Where a version's tools keep their class-data-sharing archive: the classes one tool run loaded, mapped by every
 * later run instead of read from the jars and verified again. It halves a tool's start (1.7 s to 0.8 s here), and
 * the tests run Kafka's tools as witnesses a hundred times or more.
 */
const toolArchive = (version: string) => `${libDir(version)}.jsa`;

/** Runs one of Kafka's own command-line tools and returns what it printed. */
export const kafkaTool = (version: string, cls: string, args: string[]) => {
	ensureJars(version);
	const archive = toolArchive(version);
	const have = existsSync(archive);
	// StorageTool (run at every cluster start) loads the broker's classes, not the admin client's the others use.
	const training = !have && cls !== 'kafka.tools.StorageTool' ? `${archive}.${process.pid}` : null;
	const sharing = have
		? [`-XX:SharedArchiveFile=${archive}`]
		: training
			? [`-XX:ArchiveClassesAtExit=${training}`]
			: [];
	// A tool runs for a second or two: the client compiler alone and the serial collector start fastest. The JVM's
	// own warnings (an archive it cannot map, say) go to stderr, never into the output a test reads.
	const quick = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xlog:disable', '-Xlog:all=warning:stderr'];
	const result = spawnSync(
		'java',
		java(version, cls, args, ['-Dkex.log.level=WARN', '-Xmx512m', ...quick, ...sharing]),
		{encoding: 'utf8', maxBuffer: 256 * 1024 * 1024},
	);
	if (training && existsSync(training)) renameSync(training, archive);
	return {status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? ''};
};

/** A broker kex started: its pid may have gone to another process since the state file was written. */
const alive = (pid: number) => runs(pid, 'kafka.Kafka');

const portFree = (port: number) =>
	new Promise<boolean>(resolve => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});

const portAnswers = (port: number) =>
	new Promise<boolean>(resolve => {
		const socket = net.connect({port, host: '127.0.0.1'});
		socket.setTimeout(500);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});

export const readState = (name: string): ClusterState | null => {
	try {
		return JSON.parse(readFileSync(stateFile(name), 'utf8')) as ClusterState;
	} catch {
		return null;
	}
};

export const isRunning = (state: ClusterState | null): state is ClusterState =>
	state !== null && state.pids.length > 0 && state.pids.every(alive);

const tail = (file: string, lines = 40) => {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log written)';
	}
};

const nodeLog = (spec: ClusterSpec, node: number) => path.join(clusterDir(spec), `node-${node}`, 'server.log');

export type ReadyCheck = (bootstrap: string, nodes: number) => Promise<boolean>;

/**
 * Starts the cluster unless it already runs, and returns once every broker answers metadata requests and the
 * quorum has a leader. Throws with the tail of the failing node's log when a node dies or never gets ready.
 */
/** Starts one node's process (formatting its storage the first time) and returns its pid. */
const startNode = (spec: ClusterSpec, clusterId: string, node: number): number => {
	const nodeDir = path.join(clusterDir(spec), `node-${node}`);
	const dataDir = path.join(nodeDir, 'data');
	mkdirSync(nodeDir, {recursive: true});
	const config = path.join(nodeDir, 'server.properties');
	writeFileSync(config, serverProperties(spec, node, dataDir));
	if (!existsSync(path.join(dataDir, 'meta.properties'))) {
		const formatted = kafkaTool(spec.version, 'kafka.tools.StorageTool', [
			'format',
			'-t',
			clusterId,
			'-c',
			config,
			'--ignore-formatted',
			...(spec.secure ? scramFormatArgs() : []),
		]);
		if (formatted.status !== 0)
			throw new Error(`could not format node ${node}:\n${formatted.stdout}${formatted.stderr}`);
	}
	const out = openSync(nodeLog(spec, node), 'a');
	const child = spawn(
		'java',
		java(
			spec.version,
			'kafka.Kafka',
			[config],
			[
				'-Xms256m',
				'-Xmx768m',
				'-XX:+UseG1GC',
				'-XX:MaxGCPauseMillis=20',
				'-Djava.awt.headless=true',
				`-Dkafka.logs.dir=${nodeDir}`,
			],
		),
		{detached: true, stdio: ['ignore', out, out]},
	);
	child.unref();
	return child.pid!;
};

/** The nodes (1-based) of a cluster whose process is gone while others of it still run. */
export const deadNodes = (state: ClusterState | null): number[] =>
	state && state.pids.length > 0 ? state.pids.flatMap((pid, i) => (alive(pid) ? [] : [i + 1])) : [];

const sameShape = (a: ClusterSpec, b: ClusterSpec) =>
	a.nodes === b.nodes && a.basePort === b.basePort && a.version === b.version && securityOf(a) === securityOf(b);

/**
 * Starts the cluster unless it already runs, and returns once every broker answers metadata requests and the
 * quorum has a leader. A cluster of the same shape with some nodes dead gets those nodes started again, the others
 * left as they are. Throws with the tail of the failing node's log when a node dies or never gets ready.
 */
export const up = async (
	spec: ClusterSpec,
	ready: ReadyCheck,
	timeoutMs = 120_000,
): Promise<{state: ClusterState; started: boolean; restarted: number[]}> => {
	const existing = readState(spec.name);
	const someAlive = existing !== null && existing.pids.some(alive);
	if (someAlive && !sameShape(existing, spec)) {
		throw new Error(
			`a ${existing.nodes}-node Kafka ${existing.version} cluster "${spec.name}" is already running at ${existing.bootstrap}; stop it first (npm run kafka:down)`,
		);
	}
	if (isRunning(existing)) return {state: existing, started: false, restarted: []};
	if (spec.secure && spec.nodes !== 1) throw new Error('secured listeners are offered on a one-node cluster only');
	const restart = someAlive ? deadNodes(existing) : [];
	const toStart = someAlive ? ports(spec).filter(p => restart.includes(p.node)) : ports(spec);
	for (const p of toStart) {
		const secured = spec.secure ? Object.values(securePorts(spec.basePort)) : [];
		for (const port of [p.broker, p.controller, ...secured]) {
			// A node stopped a moment ago may hold its port for a few seconds more.
			const until = Date.now() + 15_000;
			while (!(await portFree(port))) {
				if (Date.now() > until)
					throw new Error(`port ${port} is in use by another program; free it or choose another base port`);
				await new Promise(resolve => setTimeout(resolve, 250));
			}
		}
	}

	ensureJars(spec.version);
	const dir = clusterDir(spec);
	// The data of a cluster of another shape or version cannot be reused: start that one afresh.
	if (existing && !sameShape(existing, spec)) rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	let clusterId = existing && sameShape(existing, spec) ? existing.clusterId : '';
	if (!clusterId) {
		const made = kafkaTool(spec.version, 'kafka.tools.StorageTool', ['random-uuid']);
		clusterId = made.stdout.trim().split('\n').at(-1) ?? '';
		if (made.status !== 0 || !clusterId) throw new Error(`could not make a cluster id:\n${made.stderr}`);
	}

	const pids = ports(spec).map(({node}) =>
		someAlive && !restart.includes(node) ? existing.pids[node - 1]! : startNode(spec, clusterId, node),
	);
	const bootstrap = ports(spec)
		.map(p => `127.0.0.1:${p.broker}`)
		.join(',');
	const state: ClusterState = {...spec, clusterId, pids, bootstrap, security: securityOf(spec)};
	writeFileSync(stateFile(spec.name), JSON.stringify(state, null, 2));

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const dead = pids.findIndex(pid => !alive(pid));
		if (dead >= 0) {
			await down(spec.name);
			throw new Error(
				`Kafka node ${dead + 1} exited while starting. Its log ends with:\n${tail(nodeLog(spec, dead + 1))}`,
			);
		}
		if (
			(await Promise.all(ports(spec).map(p => portAnswers(p.broker)))).every(Boolean) &&
			(await ready(bootstrap, spec.nodes))
		) {
			return {state, started: !someAlive, restarted: restart};
		}
		if (Date.now() > deadline) {
			const logs = ports(spec).map(p => `--- node ${p.node} ---\n${tail(nodeLog(spec, p.node), 15)}`);
			await down(spec.name);
			throw new Error(`Kafka did not get ready within ${timeoutMs / 1000} s. The logs end with:\n${logs.join('\n')}`);
		}
		await new Promise(resolve => setTimeout(resolve, 300));
	}
};

/**
 * Kills one node at once (SIGKILL, as a crash or a pulled plug would), for tests and demos of a broker dying.
 * The cluster's state keeps the dead pid, so `up` knows which node to start again.
 */
export const killNode = async (name: string, node: number): Promise<boolean> => {
	const state = readState(name);
	const pid = state?.pids[node - 1];
	if (!pid || !alive(pid)) return false;
	process.kill(pid, 'SIGKILL');
	const deadline = Date.now() + 10_000;
	while (alive(pid) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
	return true;
};

/** Stops the cluster's processes (SIGTERM, then SIGKILL after a grace period). Its data stays unless `clean`. */
export const down = async (name: string, {clean = false, graceMs = 20_000} = {}): Promise<boolean> => {
	const state = readState(name);
	const running = state?.pids.filter(alive) ?? [];
	for (const pid of running) {
		try {
			process.kill(pid, 'SIGTERM');
		} catch {
			// Gone already: nothing to stop.
		}
	}
	const deadline = Date.now() + graceMs;
	while (running.some(alive) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 200));
	for (const pid of running.filter(alive)) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone meanwhile.
		}
	}
	// Until the processes are gone their ports are taken: a start right after would find them in use.
	const killed = Date.now() + 10_000;
	while (running.some(alive) && Date.now() < killed) await new Promise(resolve => setTimeout(resolve, 100));
	if (state) {
		writeFileSync(stateFile(name), JSON.stringify({...state, pids: []}, null, 2));
		if (clean) rmSync(path.join(STATE, name), {recursive: true, force: true});
	}
	return running.length > 0;
};

export const clusterNames = (): string[] => {
	try {
		return readdirSync(STATE).filter(entry => existsSync(stateFile(entry)));
	} catch {
		return [];
	}
};

export {nodeLog, portAnswers};
