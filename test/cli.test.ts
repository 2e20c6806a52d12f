import {readFileSync} from 'node:fs';
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {brokers1, createTopic, kcat, logOf, runCli, uniqueName} from './helpers/env.js';

const at = ['--brokers', brokers1];

describe('kex subcommands against the real broker', () => {
	test('an unreachable broker gives one clear line and a non-zero exit, fast; the detail goes to the log', async () => {
		const r = await runCli(['topics', '--brokers', '127.0.0.1:9'], {env: {KAFKA_BROKERS: ''}});
		assert.equal(r.status, 1);
		assert.equal(r.stderr, `kex: cannot reach 127.0.0.1:9: connection refused\nkex: details in ${logOf()}\n`);
		assert.match(
			readFileSync(logOf(), 'utf8'),
			/kex topics\nKexError: cannot reach 127\.0\.0\.1:9[^]*code ECONNREFUSED/,
		);
		assert.equal(r.stdout, '');
		assert.ok(r.ms < 5000, `took ${r.ms} ms`);
	});

	test('KAFKA_BROKERS selects the cluster', async () => {
		const r = await runCli(['brokers', '--json'], {env: {KAFKA_BROKERS: brokers1}});
		assert.equal(r.status, 0, r.stderr);
		assert.equal(JSON.parse(r.stdout).brokers[0].port, Number(brokers1.split(':')[1]));
	});

	test('bad input: unknown topic, unknown group, offset out of range, malformed header and --from', async () => {
		const topic = uniqueName('cli-bad');
		await createTopic(brokers1, topic, 1);
		kcat(['-b', brokers1, '-P', '-t', topic], 'a\nb\n');
		const cases: Array<[string[], number, RegExp]> = [
			[['topic', 'does-not-exist', ...at], 1, /^kex: unknown topic: does-not-exist\n$/],
			[['consume', 'does-not-exist', ...at], 1, /^kex: unknown topic: does-not-exist\n$/],
			[['lag', 'no-group', ...at], 1, /^kex: unknown group: no-group\n$/],
			[
				['consume', topic, '--from', '5', ...at],
				1,
				/offset 5 is out of range for .* partition 0: it holds offsets 0 to 1/,
			],
			[['consume', topic, '--partition', '3', ...at], 1, /has no partition 3/],
			[['produce', topic, 'x', '--header', '=v', ...at], 2, /invalid --header "=v"/],
			[['consume', topic, '--from', 'soon', ...at], 2, /invalid --from "soon"/],
			[['topics', '--brokers', 'nohostport'], 2, /invalid broker address "nohostport"/],
			[['nonsense', ...at], 2, /unknown command "nonsense"/],
			// kcat's and Kafka's tools' words, and typos, point to kex's.
			[
				['consume', topic, '--offset', '5', ...at],
				2,
				/^kex: unknown option --offset; did you mean --from\? \(kex --help lists them\)\n$/,
			],
			[['topics', '--jsn', ...at], 2, /^kex: unknown option --jsn; did you mean --json\?/],
			[['topics', '-x', ...at], 2, /^kex: unknown option -x \(kex --help lists them\)\n$/],
		];
		for (const [args, status, message] of cases) {
			const r = await runCli(args);
			assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message, args.join(' '));
			assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
		}
	});

	test('a time ago is written as the help writes it, after a space: --from -15m, --to -1h', async () => {
		const topic = uniqueName('cli-ago');
		await createTopic(brokers1, topic, 1);
		const now = Date.now();
		const lines = [
			{value: 'two hours ago', timestamp: now - 2 * 3_600_000},
			{value: 'a minute ago', timestamp: now - 60_000},
		].map(m => JSON.stringify({key: null, headers: [], ...m}));
		const written = await runCli(['produce', topic, '--format', 'ndjson', '--keep-timestamps', ...at], {
			input: `${lines.join('\n')}\n`,
		});
		assert.equal(written.status, 0, written.stderr);
		for (const from of [['--from', '-15m'], ['--from=-15m']]) {
			const r = await runCli(['consume', topic, ...from, ...at]);
			assert.equal(r.status, 0, `${from.join(' ')}: ${r.stderr}`);
			assert.deepEqual(
				r.stdout
					.trim()
					.split('\n')
					.map(line => line.split('\t')[4]),
				['a minute ago'],
				from.join(' '),
			);
		}
		const reset = await runCli([
			'group',
			'reset',
			uniqueName('cli-ago-group'),
			'--topic',
			topic,
			'--to',
			'-1h',
			'--dry-run',
			'--json',
			...at,
		]);
		assert.equal(reset.status, 0, reset.stderr);
		assert.deepEqual(
			JSON.parse(reset.stdout).map((r: {newOffset: number}) => r.newOffset),
			[1],
			'the first message of the last hour',
		);
	});

	test('produce from stdin and consume --json round-trip, with headers and keys', async () => {
		const topic = uniqueName('cli-roundtrip');
		await createTopic(brokers1, topic, 1);
		const produced = await runCli(
			['produce', topic, '--key', 'k', '--header', 'a=1', '--header', 'nil', '--json', ...at],
			{input: 'one\ntwo\n'},
		);
		assert.equal(produced.status, 0, produced.stderr);
		assert.deepEqual(
			produced.stdout
				.trim()
				.split('\n')
				.map(l => JSON.parse(l).offset),
			[0, 1],
		);
		const consumed = await runCli(['consume', topic, '--json', ...at]);
		const lines = consumed.stdout
			.trim()
			.split('\n')
			.map(l => JSON.parse(l));
		assert.deepEqual(
			lines.map(l => [l.offset, l.key, l.value, l.headers]),
			[
				[
					0,
					'k',
					'one',
					[
						{key: 'a', value: '1'},
						{key: 'nil', value: null},
					],
				],
				[
					1,
					'k',
					'two',
					[
						{key: 'a', value: '1'},
						{key: 'nil', value: null},
					],
				],
			],
		);
	});

	test('hostile message bytes never reach the terminal as control sequences', async () => {
		const topic = uniqueName('cli-hostile');
		await createTopic(brokers1, topic, 1);
		const evil = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b1m\u202eevil';
		kcat(['-b', brokers1, '-P', '-t', topic, '-K', '|', '-H', `h=${evil}`], `${evil}|${evil}\n`);
		kcat(['-b', brokers1, '-P', '-t', topic, '-D', '\u0001'], Buffer.from([0xff, 0xfe, 0x1b, 0x5b, 0x48]));
		const r = await runCli(['consume', topic, ...at]);
		assert.equal(r.status, 0, r.stderr);
		assert.doesNotMatch(
			r.stdout,
			/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/,
			'no control characters besides tab and newline',
		);
		assert.match(r.stdout, /\\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[31mred\\x9b1m\\u\{202e\}evil/);
		assert.match(r.stdout, /\\xff\\xfe\\x1b\[H/);
		const json = await runCli(['consume', topic, '--json', ...at]);
		const binary = JSON.parse(json.stdout.trim().split('\n')[1]!);
		assert.deepEqual(binary.value, {base64: Buffer.from([0xff, 0xfe, 0x1b, 0x5b, 0x48]).toString('base64')});
	});

	test('output piped into a reader that stops early ends quietly', async () => {
		const topic = uniqueName('cli-pipe');
		await createTopic(brokers1, topic, 1);
		kcat(['-b', brokers1, '-P', '-t', topic], `${Array.from({length: 20_000}, (_, i) => `line ${i}`).join('\n')}\n`);
		const {spawnSync} = await import('node:child_process');
		const r = spawnSync('bash', ['-c', `node dist/cli.js consume ${topic} --brokers ${brokers1} | head -3`], {
			encoding: 'utf8',
		});
		assert.equal(r.stdout.trim().split('\n').length, 3);
		assert.equal(r.stderr, '');
	});
});
