import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import kafkajs from 'kafkajs';
import {admin, brokers1, CLI, createTopic, kcat, logOf, runCli, secure, uniqueName} from './helpers/env.js';
import {openTerminal} from './helpers/tmux.js';

// kex against the secured listeners of the one-node test cluster (scripts/secure-kafka.ts): SASL_PLAINTEXT,
// SSL and SASL_SSL with PLAIN and SCRAM users and a CA made at test time. kcat on the PLAINTEXT listener of the
// same broker is the witness (Debian's kcat cannot do SCRAM against Kafka 4.1).

const host = '127.0.0.1';
const dir = mkdtempSync(path.join(tmpdir(), 'kex-secure-'));
const otherCa = path.join(path.dirname(secure.ca), 'other-ca.pem');
const PASSWORD = 'kex-secret';

const config = path.join(dir, 'config.yaml');
const env = {KEX_PW: PASSWORD, KEX_WRONG_PW: 'not-the-password'};
writeFileSync(
	config,
	`default: scram-tls
clusters:
  scram-tls:
    brokers: [${host}:${secure.saslSsl}]
    tls: {ca: ${secure.ca}}
    sasl: {mechanism: scram-sha-512, username: kex, password: \${KEX_PW}}
    label: PROD
    color: red
  scram256:
    brokers: [${host}:${secure.saslPlaintext}]
    sasl: {mechanism: scram-sha-256, username: kex, password-command: "echo ${PASSWORD}"}
  plain-tls:
    brokers: [${host}:${secure.saslSsl}]
    tls: {ca: ${secure.ca}}
    sasl: {mechanism: plain, username: kex, password: \${KEX_PW}}
  tls-only:
    brokers: [${host}:${secure.ssl}]
    tls: {ca: ${secure.ca}}
  wrong-password:
    brokers: [${host}:${secure.saslPlaintext}]
    sasl: {mechanism: scram-sha-512, username: kex, password: \${KEX_WRONG_PW}}
  unknown-ca:
    brokers: [${host}:${secure.ssl}]
    tls: {ca: ${otherCa}}
  other-name:
    brokers: [${host}:${secure.ssl}]
    tls: {ca: ${secure.ca}, server-name: kafka.example.com}
  no-such-host:
    brokers: [kafka.no-such-host.invalid:9092]
  plaintext-on-tls:
    brokers: [${host}:${secure.ssl}]
  reader:
    brokers: [${host}:${secure.saslPlaintext}]
    sasl: {mechanism: scram-sha-512, username: reader, password: reader-secret}
  mtls:
    brokers: [${host}:${secure.mtls}]
    tls: {ca: ${secure.ca}, cert: ${path.join(path.dirname(secure.ca), 'client-cert.pem')}, key: ${path.join(path.dirname(secure.ca), 'client-key.pem')}}
  mtls-without-certificate:
    brokers: [${host}:${secure.mtls}]
    tls: {ca: ${secure.ca}}
  plain-local:
    brokers: [${brokers1.split(',')[0]}]
  tls-on-plaintext:
    brokers: [${brokers1.split(',')[0]}]
    tls: {ca: ${secure.ca}}
`,
);

const kex = (args: string[]) => runCli([...args, '--config', config], {env});

describe('secured listeners: TLS, SASL PLAIN and SCRAM, against the real broker', () => {
	const topic = uniqueName('secure');
	before(async () => {
		await createTopic(brokers1, topic, 2);
	});

	test('SCRAM-SHA-512 over TLS: every command works, and what kex writes kcat reads on the plaintext listener', async () => {
		const produced = await kex(['produce', topic, 'über TLS', '--key', 'k1', '--header', 'via=sasl_ssl']);
		assert.equal(produced.status, 0, produced.stderr);
		assert.match(produced.stdout, /wrote .* partition \d offset 0/);
		const consumed = await kex(['consume', topic, '--json']);
		assert.equal(consumed.status, 0, consumed.stderr);
		const m = JSON.parse(consumed.stdout.trim()) as {key: string; value: string; headers: unknown[]};
		assert.deepEqual([m.key, m.value, m.headers], ['k1', 'über TLS', [{key: 'via', value: 'sasl_ssl'}]]);
		const theirs = kcat(['-b', brokers1, '-C', '-t', topic, '-e', '-q', '-f', '%k|%s|%h\n']).toString();
		assert.equal(theirs, 'k1|über TLS|via=sasl_ssl\n');
		for (const args of [['brokers'], ['topics'], ['topic', topic], ['groups']]) {
			const r = await kex([...args, '--json']);
			assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
			JSON.parse(r.stdout);
		}
		const brokers = JSON.parse((await kex(['brokers', '--json'])).stdout) as {brokers: Array<{port: number}>};
		assert.deepEqual(
			brokers.brokers.map(b => b.port),
			[secure.saslSsl],
			'the brokers are the ones of the listener connected to',
		);
	});

	test('SCRAM-SHA-256 without TLS (password from a command), PLAIN over TLS, and TLS alone all connect', async () => {
		for (const cluster of ['scram256', 'plain-tls', 'tls-only']) {
			const r = await kex(['topic', topic, '--cluster', cluster]);
			assert.equal(r.status, 0, `${cluster}: ${r.stderr}`);
			assert.match(r.stdout, /PARTITION/);
		}
	});

	test('TLS with a client certificate: the certificate is who kex is; without one, the handshake failure says so', async () => {
		const ok = await kex(['topic', topic, '--cluster', 'mtls']);
		assert.equal(ok.status, 0, ok.stderr);
		const check = await kex(['config', 'check', 'mtls']);
		assert.match(check.stdout, /✓ authenticated: by the client certificate \(TLS\)/);
		const without = await kex(['topics', '--cluster', 'mtls-without-certificate']);
		assert.equal(without.status, 1);
		assert.match(
			without.stderr,
			/^kex: cluster mtls-without-certificate: TLS handshake with .* failed: the server wants a client certificate it trusts \(tls\.cert and tls\.key\)\n/,
		);
	});

	test('config check says each step: TCP, the TLS certificate, who, the broker, and access', async () => {
		const r = await kex(['config', 'check']);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.trim().split('\n');
		assert.match(lines[0]!, /^cluster scram-tls \(.*config\.yaml\)$/);
		assert.match(lines[1]!, new RegExp(`^✓ TCP: ${host}:${secure.saslSsl} reachable`));
		assert.match(
			lines[2]!,
			/^✓ TLS: TLSv1\.[23] .* certificate localhost issued by kex local CA, verified, expires \d{4}-\d\d-\d\d/,
		);
		assert.equal(lines[3], '✓ authenticated: as kex (SASL SCRAM-SHA-512 over TLS)');
		assert.match(lines[4]!, /^✓ broker 1 .*Fetch v\d+/);
		assert.ok(lines.some(l => /^✓ consumer groups: may list them/.test(l)));
	});

	test('failures read as sentences (not as a timeout) and never show the password', async () => {
		const cases: Array<[string, RegExp]> = [
			[
				'wrong-password',
				/^kex: cluster wrong-password: authentication as kex \(SCRAM-SHA-512\) at .* failed: wrong user name or password$/,
			],
			[
				'unknown-ca',
				/^kex: cluster unknown-ca: TLS handshake with .* failed: the server's certificate is signed by a CA this connection does not trust/,
			],
			[
				'other-name',
				/^kex: cluster other-name: TLS handshake with .* failed: the server's certificate is for another name: it names IP Address:127\.0\.0\.1, DNS:localhost/,
			],
			[
				'no-such-host',
				/^kex: cluster no-such-host: cannot reach kafka\.no-such-host\.invalid:9092: (host not found|host name lookup failed)$/,
			],
			[
				'plaintext-on-tls',
				/^kex: cluster plaintext-on-tls: .* closed the connection at once: it probably expects TLS or SASL on this port$/,
			],
			[
				'tls-on-plaintext',
				/^kex: cluster tls-on-plaintext: TLS handshake with .* failed: the port does not answer in TLS/,
			],
		];
		for (const [cluster, expected] of cases) {
			const r = await kex(['topics', '--cluster', cluster]);
			assert.equal(r.status, 1, cluster);
			const [said, details] = r.stderr.trim().split('\n');
			assert.match(said!, expected);
			assert.equal(details, `kex: details in ${logOf()}`);
			assert.doesNotMatch(r.stderr + r.stdout + readFileSync(logOf(), 'utf8'), /not-the-password|kex-secret/);
		}
		const check = await kex(['config', 'check', 'unknown-ca']);
		assert.equal(check.status, 1);
		assert.match(check.stdout, /✓ TCP: .* reachable/);
		assert.match(check.stdout, /✗ TLS handshake with .* failed: the server's certificate is signed by a CA/);
	});

	test('a one-off connection from flags: --tls-ca and --sasl with the password from the environment', async () => {
		const r = await runCli(
			[
				'topic',
				topic,
				'--brokers',
				`${host}:${secure.saslSsl}`,
				'--tls-ca',
				secure.ca,
				'--sasl',
				'scram-sha-512',
				'--sasl-username',
				'kex',
			],
			{env: {KEX_SASL_PASSWORD: PASSWORD}},
		);
		assert.equal(r.status, 0, r.stderr);
		const missing = await runCli([
			'topics',
			'--brokers',
			`${host}:${secure.saslPlaintext}`,
			'--sasl',
			'plain',
			'--sasl-username',
			'kex',
		]);
		assert.equal(missing.status, 2);
		assert.match(
			missing.stderr,
			/--sasl plain needs a password: set KEX_SASL_PASSWORD, or give --sasl-password-command/,
		);
		assert.ok(readFileSync(secure.ca, 'utf8').includes('BEGIN CERTIFICATE'));
	});

	test(':ctx switches clusters in the explorer: Tab completes the name, :ctx alone lists them; the header follows', async () => {
		const term = openTerminal(`env KEX_PW=${PASSWORD} node ${CLI} --config ${config} --cluster plain-local`, 110, 30);
		try {
			await term.waitForScreen(
				s => /^kex {2}plain-local {2}127\.0\.0\.1:\d+ {2}cluster /m.test(s),
				'the first cluster',
			);
			term.keys(':', 'c', 't', 'x', ' ', 's', 'c', 'r', 'a', 'm', '-', 'Tab');
			await term.waitForScreen(s => s.includes(':ctx scram-tls'), 'the completed name');
			term.keys('Enter');
			const switched = await term.waitForScreen(
				s => /^kex {2}scram-tls PROD {2}127\.0\.0\.1:\d+/m.test(s) && s.includes('● connected'),
				'the header of the second cluster',
			);
			assert.match(
				switched,
				new RegExp(`127\\.0\\.0\\.1:${secure.saslSsl} `),
				'its brokers are those of the SASL_SSL listener',
			);
			term.keys(':', 'c', 't', 'x', 'Enter');
			await term.waitForScreen(
				s => /clusters\(\d+\)/.test(s) && s.includes('scram-tls  (in use)'),
				'the list of clusters',
			);
			term.keys('Escape');
			await term.waitForScreen(
				s => !/clusters\(\d+\)/.test(s) && s.includes('topics('),
				'the list closed, the cluster kept',
			);
			// Picked from the list: the next one down.
			term.keys(':', 'c', 't', 'x', 'Enter');
			await term.waitForScreen(s => s.includes('❯ scram-tls  (in use)'), 'the list again');
			term.keys('Down');
			await term.waitForScreen(s => s.includes('❯ scram256'), 'the next cluster highlighted');
			term.keys('Enter');
			await term.waitForScreen(
				s => new RegExp(`^kex {2}scram256 {2}127\\.0\\.0\\.1:${secure.saslPlaintext} `, 'm').test(s),
				'the header of the cluster picked',
			);
			term.keys(':', 'c', 't', 'x', ' ', 'n', 'o', 'p', 'e', 'Enter');
			await term.waitForScreen(s => s.includes('no cluster named nope (there are: '), 'an unknown name said');
			// Esc and q apart: sent together, a terminal reads them as Alt-q.
			term.keys('Escape');
			await term.waitForScreen(s => !s.includes(':ctx nope'), 'the command line closed');
			term.keys('q');
			await term.waitForScreen(s => s.includes('kex exited with 0'), 'kex to quit');
		} finally {
			term.close();
		}
	});

	test('a user the ACLs allow little: what it may not see is said as not authorized, the rest works', async () => {
		const visible = uniqueName('acl-visible');
		const hidden = uniqueName('acl-secret');
		const group = uniqueName('acl-group');
		await createTopic(brokers1, visible, 1);
		await createTopic(brokers1, hidden, 1);
		const {AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes} = kafkajs;
		await admin(brokers1, async a => {
			await a.createAcls({
				acl: [AclOperationTypes.DESCRIBE, AclOperationTypes.READ].map(operation => ({
					resourceType: AclResourceTypes.TOPIC,
					resourceName: visible,
					resourcePatternType: ResourcePatternTypes.LITERAL,
					principal: 'User:reader',
					host: '*',
					operation,
					permissionType: AclPermissionTypes.ALLOW,
				})),
			});
			// A group with a commit, which the reader may not describe.
			await a.setOffsets({groupId: group, topic: hidden, partitions: [{partition: 0, offset: '0'}]});
		});
		await kex(['produce', visible, 'readable', '--cluster', 'scram-tls']);
		const as = (args: string[]) => kex([...args, '--cluster', 'reader']);

		const topics = await as(['topics', '--json']);
		assert.equal(topics.status, 0, topics.stderr);
		const names = (JSON.parse(topics.stdout) as Array<{name: string}>).map(t => t.name);
		assert.ok(names.includes(visible) && !names.includes(hidden), `the reader sees ${names.join(', ')}`);
		const consumed = await as(['consume', visible]);
		assert.equal(consumed.status, 0, consumed.stderr);
		assert.match(consumed.stdout, /readable/);
		const expectations: Array<[string[], RegExp]> = [
			[['topic', hidden], new RegExp(`^kex: cluster reader: not authorized to describe topic ${hidden}`)],
			[['consume', hidden], new RegExp(`^kex: cluster reader: not authorized to describe topic ${hidden}`)],
			[['produce', visible, 'x'], new RegExp(`not authorized to write to this topic`)],
			[['lag', group], new RegExp(`^kex: cluster reader: not authorized to describe group ${group}`)],
		];
		for (const [args, expected] of expectations) {
			const r = await as(args);
			assert.equal(r.status, 1, args.join(' '));
			assert.match(r.stderr, expected);
		}
		const brokers = await as(['brokers']);
		assert.equal(brokers.status, 0);
		assert.match(brokers.stdout, /controller unknown \(not authorized to describe the cluster\)/);

		// The explorer: the controller is unknown, not absent, and the topics the reader may see are there.
		const term = openTerminal(`node ${CLI} --config ${config} --cluster reader`, 110, 30);
		try {
			await term.waitForScreen(s => /topics\(\d+\)/.test(s), 'the topics the reader may see');
			// A cluster kept between runs holds older topics like it: the filter finds this run's.
			term.keys('/', ...visible.split(''), 'Enter');
			const screen = await term.waitForScreen(s => s.includes(visible), 'the visible topic');
			assert.match(screen, /controller \? \(not authorized\) {2}● connected/);
			assert.ok(!screen.includes(hidden));
			term.keys('q');
			await term.waitForScreen(s => s.includes('kex exited with 0'), 'kex to quit');
		} finally {
			term.close();
		}
	});

	test('OAUTHBEARER: a token from an OAuth token endpoint (client credentials) connects; a wrong secret is said as such', async () => {
		// A token endpoint of our own, issuing the unsigned JWTs Kafka's unsecured validator accepts.
		const issued: string[] = [];
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', chunk => (body += chunk));
			req.on('end', () => {
				const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
					.toString()
					.split(':');
				const form = new URLSearchParams(body);
				if (form.get('grant_type') !== 'client_credentials' || secret !== 'client-secret') {
					res.writeHead(401, {'content-type': 'application/json'});
					return res.end(JSON.stringify({error: 'invalid_client', error_description: 'bad client secret'}));
				}
				const now = Math.floor(Date.now() / 1000);
				const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
				const token = `${part({alg: 'none'})}.${part({sub: id, iat: now, exp: now + 600, scope: form.get('scope')})}.`;
				issued.push(`${id} ${form.get('scope')}`);
				res.writeHead(200, {'content-type': 'application/json'});
				res.end(JSON.stringify({access_token: token, token_type: 'bearer', expires_in: 600}));
			});
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as AddressInfo;
		const oauthConfig = path.join(dir, 'oauth.yaml');
		const cluster = (secret: string) => `
    brokers: [${host}:${secure.saslPlaintext}]
    sasl:
      mechanism: oauthbearer
      token-endpoint: http://127.0.0.1:${port}/token
      client-id: kex
      client-secret: ${secret}
      scope: kafka`;
		writeFileSync(oauthConfig, `clusters:\n  oauth:${cluster('client-secret')}\n  oauth-wrong:${cluster('nope')}\n`);
		try {
			const ok = await runCli(['topic', topic, '--config', oauthConfig, '--cluster', 'oauth']);
			assert.equal(ok.status, 0, ok.stderr);
			assert.match(ok.stdout, /PARTITION/);
			assert.ok(
				issued.includes('kex kafka'),
				`a token was issued to the client kex (a super user) for the scope kafka: ${issued.join('; ')}`,
			);
			const check = await runCli(['config', 'check', 'oauth', '--config', oauthConfig]);
			assert.match(check.stdout, /✓ authenticated: as the client kex \(SASL OAUTHBEARER, not encrypted\)/);
			const wrong = await runCli(['topics', '--config', oauthConfig, '--cluster', 'oauth-wrong']);
			assert.equal(wrong.status, 1);
			assert.match(
				wrong.stderr,
				/the token endpoint http:\/\/127\.0\.0\.1:\d+\/token refused the client credentials \(HTTP 401, invalid_client: bad client secret\)/,
			);
			assert.doesNotMatch(wrong.stderr, /nope/);
		} finally {
			server.close();
		}
	});
});
