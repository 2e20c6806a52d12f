#!/usr/bin/env node
import meow from 'meow';
import {parseLimit} from './source/cli/commands.js';
import {COMMANDS, type CommandName} from './source/cli/command-table.js';
import {Output} from './source/cli/output.js';
import {
	negativeValuesJoined,
	parseInterval,
	parseNonNegative,
	parseRefresh,
	unknownOption,
	valueFlagsOf,
} from './source/cli/parse.js';
import {chooseCluster, configuredCluster, type ClusterChoice} from './source/config/choose-cluster.js';
import {loadConfig} from './source/config/config-file.js';
import {parseCompression} from './source/kafka/codecs.js';
import {isKexError} from './source/kafka/errors.js';
import {logError, logFile} from './source/shared/error-log.js';
import {keepHeapSmall} from './source/shared/small-heap.js';
import {createKafkaService} from './source/kafka/service.js';
import {warmStart} from './source/kafka/warm-start.js';
import {openSchemas} from './source/schema/open-schemas.js';

const FLAGS = {
	brokers: {type: 'string'},
	timeout: {type: 'string'},
	json: {type: 'boolean', default: false},
	internal: {type: 'boolean', default: false},
	from: {type: 'string'},
	limit: {type: 'string'},
	partition: {type: 'string'},
	key: {type: 'string'},
	header: {type: 'string', isMultiple: true, default: [] as string[]},
	refresh: {type: 'string'},
	readOnly: {type: 'boolean', default: false},
	window: {type: 'string'},
	file: {type: 'string'},
	format: {type: 'string'},
	keySeparator: {type: 'string'},
	keepPartitions: {type: 'boolean', default: false},
	keepTimestamps: {type: 'boolean', default: false},
	compression: {type: 'string'},
	sample: {type: 'string'},
	watch: {type: 'boolean', default: false},
	config: {type: 'string', isMultiple: true, default: [] as string[]},
	cluster: {type: 'string'},
	dryRun: {type: 'boolean', default: false},
	yes: {type: 'boolean', default: false},
	partitions: {type: 'string'},
	replicationFactor: {type: 'string'},
	set: {type: 'string', isMultiple: true, default: [] as string[]},
	reset: {type: 'string', isMultiple: true, default: [] as string[]},
	count: {type: 'string'},
	before: {type: 'string'},
	to: {type: 'string'},
	topic: {type: 'string'},
	group: {type: 'string'},
	principal: {type: 'string'},
	operation: {type: 'string'},
	host: {type: 'string'},
	prefixed: {type: 'boolean', default: false},
	deny: {type: 'boolean', default: false},
	kafkaCluster: {type: 'boolean', default: false},
	transactionalId: {type: 'string'},
	tls: {type: 'boolean'},
	tlsCa: {type: 'string'},
	tlsInsecure: {type: 'boolean'},
	sasl: {type: 'string'},
	saslUsername: {type: 'string'},
	saslPasswordCommand: {type: 'string'},
	registry: {type: 'string'},
	decode: {type: 'boolean', default: true},
	subject: {type: 'string'},
	schemaVersion: {type: 'string'},
	schemaId: {type: 'string'},
	message: {type: 'string'},
} as const;

const argv = negativeValuesJoined(process.argv.slice(2), valueFlagsOf(FLAGS));
// Said as kex says every mistake, with the option meant when it was a typo (meow's own check would print the bare word).
const unknown = unknownOption(argv, FLAGS);
if (unknown) {
	const hint = unknown.nearest ? `; did you mean ${unknown.nearest}?` : '';
	process.stderr.write(`kex: unknown option ${unknown.word}${hint} (kex --help lists them)\n`);
	process.exit(2);
}

const cli = meow(
	`
	Usage
	  $ kex [options]                 the explorer: brokers, topics, partitions, groups (needs a terminal)
	  $ kex <command> [options]       scriptable commands

	Commands
	  brokers                     the cluster: brokers, racks, the active controller
	  topics                      topics with partitions, replication, under-replicated and message counts
	  topic NAME                  partitions of a topic: leader, replicas, ISR, watermarks
	  groups                      consumer groups with type (classic or consumer), state and coordinator
	  lag GROUP                   committed offsets and lag per partition of a group
	  consume TOPIC               print messages (reads without a consumer group, commits nothing)
	  produce TOPIC [VALUE]       write a message, or one message per line of stdin
	  config                      the configured clusters (secrets masked) and where the file is
	  config check [NAME]         connect step by step: TCP, TLS, authentication, broker versions, access
	  broker ID                   a broker's configs with their sources, and its log dirs: size, free space

	Changes (each asks first; --yes answers for scripts, --dry-run shows what it would do; --read-only refuses)
	  topic create NAME           [--partitions N] [--replication-factor N] (default: the broker's) [--config KEY=VALUE ...]
	  topic delete NAME           asks for the topic's name to be typed
	  topic config NAME           every config with its source; [--set KEY=VALUE ...] [--reset KEY ...] changes
	  topic partitions NAME       --count N: grow to N partitions
	  topic truncate NAME         --partition P --before OFFSET|end: delete the records before OFFSET
	  group reset GROUP           --to oldest|newest|OFFSET|TIME|shift:N [--topic T [--partitions 0,2-4]]
	  group delete GROUP          a group without members; with --topic T only its offsets of T
	  acl list|create|delete      --principal User:NAME --operation OP --topic|--group NAME|--kafka-cluster
	                              [--prefixed] [--host H] [--deny]

	Options
	  --cluster NAME              a cluster of the configuration file (default: $KEX_CLUSTER, else its default)
	  --config FILE               the configuration file (default ~/.config/kex/config.yaml, or under $XDG_CONFIG_HOME);
	                              --config KEY=VALUE (with =) is a topic config for topic create
	  --brokers HOST:PORT,...     a one-off connection (default $KAFKA_BROKERS or 127.0.0.1:9092), with:
	  --tls, --tls-ca FILE        TLS, trusting the system's CAs or this CA file (--tls-insecure: verify nothing)
	  --sasl MECHANISM            plain, scram-sha-256 or scram-sha-512, with --sasl-username USER and the password
	                              in $KEX_SASL_PASSWORD or from --sasl-password-command "CMD"
	  --registry URL              a schema registry (Confluent-compatible API) for this run; credentials in
	                              $KEX_REGISTRY_USERNAME and $KEX_REGISTRY_PASSWORD, or $KEX_REGISTRY_TOKEN
	  --no-decode                 show registry-framed keys and values as bytes (decoding is on with a registry)
	  --timeout MS                connection timeout (default 3000)
	  --refresh SECONDS           explorer: refresh interval (default 5; 0.5 to 3600, or 500ms, 2m)
	  --read-only                 offer no action that changes the cluster, and refuse every command that would
	  --window N                  explorer: messages the viewer keeps in memory (default 5000, 500 to 1000000)
	  --json                      JSON output (consume and produce: one object a line)
	  --internal                  topics: include internal topics such as __consumer_offsets
	  --from WHERE                consume: oldest (default), newest, an offset, a time
	                              (2024-05-01T12:00:00Z, -15m, -2h, -1d) or @<epoch ms>
	  --limit N                   consume: at most N messages (with --from newest: the newest N, default 10)
	  --partition P               consume: one partition only; produce: write to partition P
	  --key K                     produce: message key
	  --header NAME=VALUE         produce: a header (repeatable); NAME alone sends a null value
	  --file FILE                 produce: many messages from FILE (stdin when not given and not a terminal)
	  --format ndjson|lines       produce: NDJSON as consume --json and the viewer's export write (the default
	                              for .ndjson/.jsonl files), or one value a line (the default otherwise)
	  --key-separator SEP         produce, lines: the key is what comes before the first SEP
	  --keep-partitions           produce, ndjson: write each message to the partition its line names
	  --keep-timestamps           produce, ndjson: keep each line's timestamp (else now)
	  --compression CODEC         produce: none (default), gzip, snappy, lz4 or zstd
	  --subject SUBJECT           produce: values are JSON, encoded with the subject's latest schema (Avro,
	                              Protobuf or JSON Schema); --schema-version N for another, --schema-id N for an id,
	                              --message NAME for a Protobuf message other than the file's first
	  --sample INTERVAL           lag: two samples this far apart (10s, 2m), for the rates and the time to clear
	  --watch                     lag: a line per interval (--sample, default 10s) until Ctrl-C; with --json, JSON lines

	Examples
	  $ kex topics
	  $ kex consume orders --from -15m --limit 20
	  $ kex consume orders --json | jq .value
	  $ kex produce orders '{"id": 1}' --key order-1 --header source=cli
	  $ kex produce orders-copy --file export.ndjson
	  $ kex produce orders --file values.txt --key-separator '|'
	  $ kex produce orders --file export.ndjson --compression zstd
	  $ kex produce payments '{"id": 1, "amount": "12.50"}' --subject payments-value --registry http://localhost:8081
	  $ kex lag billing
	  $ kex lag billing --sample 10s --json | jq .timeToClear
	  $ kex topic create orders --partitions 6 --replication-factor 3 --config retention.ms=86400000
	  $ kex group reset billing --topic orders --to -1h --dry-run
	  $ kex acl create --principal User:reader --operation read --topic orders --yes
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: false,
		flags: FLAGS,
		argv,
	},
);

const fail = (message: string, code: number): never => {
	process.stderr.write(`kex: ${message}\n`);
	process.exit(code);
};

// Errors of a named cluster say which cluster they are about.
let errorPrefix = '';

// --config FILE is the configuration file; --config KEY=VALUE a new topic's config.
const configFiles = cli.flags.config.filter(c => !c.includes('='));
if (configFiles.length > 1) fail(`--config FILE names one configuration file, not ${configFiles.length}`, 2);

const connectionFlags = () => ({
	config: configFiles[0],
	cluster: cli.flags.cluster,
	brokers: cli.flags.brokers,
	tls: cli.flags.tls,
	tlsCa: cli.flags.tlsCa,
	tlsInsecure: cli.flags.tlsInsecure,
	sasl: cli.flags.sasl,
	saslUsername: cli.flags.saslUsername,
	saslPasswordCommand: cli.flags.saslPasswordCommand,
	readOnly: cli.flags.readOnly,
	registry: cli.flags.registry,
});

const main = async () => {
	keepHeapSmall();
	const [command, ...args] = cli.input;
	const connectionTimeout = parseNonNegative('--timeout', cli.flags.timeout) ?? 3000;
	if (command === 'config') {
		const {configCommand} = await import('./source/cli/config-commands.js');
		const out = new Output();
		try {
			await configCommand({args, flags: connectionFlags(), json: cli.flags.json, connectionTimeout, out});
		} finally {
			// The steps a check got through are printed before its error.
			await out.flush();
		}
		return;
	}
	if (command && !(command in COMMANDS)) fail(`unknown command "${command}" (run kex --help)`, 2);
	const choice = chooseCluster(connectionFlags());
	if (choice.file) errorPrefix = `cluster ${choice.name}: `;
	if (!command) return explore(choice, connectionTimeout);
	const connection = {...choice.connection, connectionTimeout, readOnly: choice.readOnly};

	const flags = {
		json: cli.flags.json,
		internal: cli.flags.internal,
		from: cli.flags.from,
		limit: parseLimit(cli.flags.limit),
		partition: parseNonNegative('--partition', cli.flags.partition),
		key: cli.flags.key,
		header: cli.flags.header,
		file: cli.flags.file,
		format: cli.flags.format,
		keySeparator: cli.flags.keySeparator,
		keepPartitions: cli.flags.keepPartitions,
		keepTimestamps: cli.flags.keepTimestamps,
		compression: cli.flags.compression === undefined ? undefined : parseCompression(cli.flags.compression),
		sample: cli.flags.sample === undefined ? undefined : parseInterval('--sample', cli.flags.sample),
		watch: cli.flags.watch,
		schema: {
			subject: cli.flags.subject,
			schemaVersion: cli.flags.schemaVersion,
			schemaId: cli.flags.schemaId,
			message: cli.flags.message,
		},
	};
	const service = createKafkaService(connection);
	const schemas = choice.registry && cli.flags.decode ? openSchemas(choice.registry) : null;
	const out = new Output();
	process.once('SIGINT', () => {
		void out.flush().finally(() => process.exit(130));
	});
	try {
		const change = {
			dryRun: cli.flags.dryRun,
			yes: cli.flags.yes,
			partitions: cli.flags.partitions,
			replicationFactor: cli.flags.replicationFactor,
			configs: cli.flags.config.filter(c => c.includes('=')),
			set: cli.flags.set,
			reset: cli.flags.reset,
			count: cli.flags.count,
			before: cli.flags.before,
			to: cli.flags.to,
			topic: cli.flags.topic,
			group: cli.flags.group,
			kafkaCluster: cli.flags.kafkaCluster,
			transactionalId: cli.flags.transactionalId,
			principal: cli.flags.principal,
			operation: cli.flags.operation,
			host: cli.flags.host,
			prefixed: cli.flags.prefixed,
			deny: cli.flags.deny,
		};
		const context = {service, args, flags, out, stdin: process.stdin, stderr: process.stderr, change, schemas};
		await COMMANDS[command as CommandName](context);
		await out.flush();
	} finally {
		await service.close();
	}
};

/**
 * The explorer's code. yoga-layout (Ink's layout engine) loads its WebAssembly, a data: URL, through fetch() when
 * there is one, and the first fetch() loads undici, Node's HTTP client: tens of milliseconds of every start. Without
 * fetch it decodes the same bytes itself; fetch is back once the explorer is loaded.
 */
const loadExplorer = async () => {
	const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Reflect.deleteProperty(globalThis, 'fetch');
	try {
		return await import('./source/ui/run-explorer.js');
	} finally {
		if (fetch) Object.defineProperty(globalThis, 'fetch', fetch);
	}
};

const explore = async (choice: ClusterChoice, connectionTimeout: number) => {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		fail(
			'the explorer needs a terminal (stdin and stdout are not both a TTY). In scripts and pipes use the commands: kex topics, kex consume TOPIC, kex lag GROUP ... (kex --help)',
			2,
		);
	}
	const messageWindow = parseNonNegative('--window', cli.flags.window) ?? 5000;
	if (messageWindow < 500 || messageWindow > 1_000_000)
		fail(`--window must be between 500 and 1000000, not ${messageWindow}`, 2);
	// React's production build is the one bundled (scripts/build.ts defines NODE_ENV): its development build keeps
	// profiling records of every render and runs slower.
	// Ink renders only the last frame when it believes it runs in CI; on a real terminal that would show nothing.
	for (const name of Object.keys(process.env))
		if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete process.env[name];
	// A cluster as the explorer opens it. It logs each new failure as it happens (a command logs the one that
	// ends it).
	const sessionOf = (c: ClusterChoice) => ({
		service: createKafkaService({
			...c.connection,
			readOnly: c.readOnly,
			connectionTimeout,
			onFailure: error => void logError(error, `kex explorer ${c.name}`),
		}),
		identity: {name: c.name, label: c.label, color: c.color},
		readOnly: c.readOnly,
		refreshMs: parseRefresh(cli.flags.refresh ?? c.refresh),
		schemas: c.registry && cli.flags.decode ? openSchemas(c.registry) : null,
	});
	const opened = sessionOf(choice);
	// Connecting and the first Metadata run while the explorer's code loads and draws its first frame.
	const first = {...opened, service: warmStart(opened.service)};
	const {runExplorer} = await loadExplorer();
	// :ctx switches between the clusters of the configuration file, when there is one.
	const loaded = loadConfig(configFiles[0]);
	const clusters = loaded
		? {
				names: Object.keys(loaded.config.clusters),
				open: (name: string) => sessionOf(configuredCluster(loaded, name, cli.flags.readOnly)),
			}
		: undefined;
	try {
		await runExplorer({session: first, messageWindow, clusters, logFile: logFile()});
	} finally {
		await first.service.close();
	}
};

main().then(
	() => process.exit(0),
	(error: unknown) => {
		if (isKexError(error) && error.kind === 'invalid-input') fail(`${errorPrefix}${error.message}`, 2);
		if (isKexError(error) && error.kind === 'read-only') fail(`${errorPrefix}${error.message}`, 3);
		// A failure to reach or use the cluster, or of kex itself: the full detail goes to the log, whose path is
		// said. What the line says in full (an unknown topic, a refusal by ACLs) needs no more.
		const needsDetail = !isKexError(error) || ['unreachable', 'broker-error', 'not-supported'].includes(error.kind);
		const context = `kex ${cli.input[0] ?? '(explorer)'}${errorPrefix ? ` ${errorPrefix.trim()}` : ''}`;
		const logged = needsDetail ? logError(error, context) : null;
		const details = logged ? `\nkex: details in ${logged}` : '';
		if (isKexError(error)) fail(`${errorPrefix}${error.message}${details}`, 1);
		// Anything else is a bug in kex: say so in one line, with the detail only when asked for.
		fail(
			`unexpected error: ${error instanceof Error ? error.message : String(error)}${process.env['KEX_DEBUG'] ? `\n${(error as Error).stack}` : ''}${details}`,
			1,
		);
	},
);
