import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {chooseCluster} from '../source/config/choose-cluster.js';
import {defaultConfigPath, parseConfig} from '../source/config/config-file.js';
import {mskIamToken} from '../source/kafka/msk-iam.js';
import {ROOT} from '../scripts/local-kafka.js';
import {runCli} from './helpers/env.js';

// The configuration file as a user writes it: the issue's minimal form, secrets from the environment and from a
// command, and every mistake named with the file, the line and what is wrong, before anything connects.

const dir = mkdtempSync(path.join(tmpdir(), 'kex-config-'));
const file = (name: string, text: string) => {
	const at = path.join(dir, name);
	writeFileSync(at, text);
	return at;
};

const MINIMAL = `default: local
clusters:
  local:
    brokers: [127.0.0.1:9092]
  staging:
    brokers: [kafka-1.staging:9093, kafka-2.staging:9093]
    tls: {ca: ${path.join(dir, 'ca.pem')}}
    sasl: {mechanism: scram-sha-512, username: kex, password: \${STAGING_KAFKA_PASSWORD}}
    read-only: true
`;

describe('the configuration file', () => {
	test('the minimal form works: named clusters, a default, TLS with a CA file, SCRAM with the password from the environment', () => {
		writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
		const config = file('minimal.yaml', MINIMAL);
		const env = {STAGING_KAFKA_PASSWORD: 's3cr}t {pw}'};
		const local = chooseCluster({config}, env);
		assert.equal(local.name, 'local');
		assert.deepEqual(local.connection.brokers, ['127.0.0.1:9092']);
		assert.equal(local.readOnly, false);
		const staging = chooseCluster({config, cluster: 'staging'}, env);
		assert.deepEqual(staging.connection.brokers, ['kafka-1.staging:9093', 'kafka-2.staging:9093']);
		assert.match(staging.connection.tls!.ca!, /BEGIN CERTIFICATE/);
		assert.equal(staging.connection.tls!.verify, true);
		assert.deepEqual(staging.connection.sasl, {mechanism: 'scram-sha-512', username: 'kex', password: 's3cr}t {pw}'});
		assert.equal(staging.readOnly, true);
		// KEX_CLUSTER picks one too; --brokers overrides the file for a quick look.
		assert.equal(chooseCluster({config}, {...env, KEX_CLUSTER: 'staging'}).name, 'staging');
		assert.deepEqual(chooseCluster({config, brokers: '10.0.0.1:9092'}, env).connection.brokers, ['10.0.0.1:9092']);
	});

	test('a password command gives the secret; a failing one says so without running on', () => {
		const config = file(
			'command.yaml',
			`clusters:
  a:
    brokers: [h:1]
    sasl: {mechanism: plain, username: u, password-command: "printf 'from-command\\\\n'"}
  b:
    brokers: [h:1]
    sasl: {mechanism: plain, username: u, password-command: "echo nope >&2; exit 3"}
`,
		);
		const a = chooseCluster({config, cluster: 'a'}, {});
		assert.equal(
			a.connection.sasl && 'password' in a.connection.sasl ? a.connection.sasl.password : null,
			'from-command',
		);
		assert.throws(
			() => chooseCluster({config, cluster: 'b'}, {}),
			/cluster b: password-command failed \(exit 3\): nope/,
		);
	});

	test('each mistake names the file, the line and what is wrong', () => {
		const at = (name: string, text: string, env: NodeJS.ProcessEnv = {}) => {
			const f = file(name, text);
			try {
				parseConfig(f, text, env);
			} catch (error) {
				return (error as Error).message.replace(`${f}:`, 'FILE:');
			}
			return 'no error';
		};
		assert.equal(
			at('yaml.yaml', 'clusters:\n  a:\n    brokers: [h:1\n'),
			'FILE:4: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
		);
		assert.equal(
			at(
				'mechanism.yaml',
				'clusters:\n  a:\n    brokers: [h:1]\n    sasl:\n      mechanism: scram-sha-1\n      username: u\n      password: p\n',
			),
			'FILE:5: clusters.a.sasl.mechanism: is one of plain, scram-sha-256, scram-sha-512, oauthbearer, aws-msk-iam',
		);
		assert.equal(
			at('typo.yaml', 'clusters:\n  a:\n    brokers: [h:1]\n    read_only: true\n'),
			'FILE:4: clusters.a: Unrecognized key: "read_only"',
		);
		assert.equal(
			at('default.yaml', 'default: prod\nclusters:\n  a:\n    brokers: [h:1]\n'),
			'FILE:1: default: names no cluster (there are: a)',
		);
		assert.equal(
			at('nopw.yaml', 'clusters:\n  a:\n    brokers: [h:1]\n    sasl: {mechanism: plain, username: u}\n'),
			'FILE:4: clusters.a.sasl.password: plain needs a password (or password-command)',
		);
	});

	test('a variable that is not set is said where it is used, when its cluster is used, not before', () => {
		const config = file(
			'vars.yaml',
			'default: local\nclusters:\n  local:\n    brokers: [h:1]\n  prod:\n    brokers: [h:2]\n    sasl: {mechanism: plain, username: u, password: ${NOT_SET_HERE}}\n',
		);
		assert.equal(chooseCluster({config}, {}).name, 'local', "another cluster's variables need not be set");
		assert.throws(
			() => chooseCluster({config, cluster: 'prod'}, {}),
			/vars\.yaml:7: \$\{NOT_SET_HERE\} is not set in the environment/,
		);
	});

	test('a file without a default: its only cluster is used; of several, kex asks which rather than connect elsewhere', () => {
		const one = file('one.yaml', 'clusters:\n  only: {brokers: [h:1]}\n');
		assert.equal(chooseCluster({config: one}, {}).name, 'only');
		assert.deepEqual(chooseCluster({config: one}, {}).connection.brokers, ['h:1']);
		const two = file('two-no-default.yaml', 'clusters:\n  dev: {brokers: [h:1]}\n  prod: {brokers: [h:2]}\n');
		assert.throws(
			() => chooseCluster({config: two}, {}),
			/two-no-default\.yaml has 2 clusters and no default: choose one with --cluster NAME \(there are: dev, prod\)/,
		);
		// KAFKA_BROKERS still says where to connect, as it does with no file.
		assert.deepEqual(chooseCluster({config: two}, {KAFKA_BROKERS: 'h:9'}).connection.brokers, ['h:9']);
	});

	test('an unknown cluster lists the known ones; a missing --config file is said', () => {
		const config = file('two.yaml', 'clusters:\n  dev: {brokers: [h:1]}\n  prod: {brokers: [h:2]}\n');
		assert.throws(
			() => chooseCluster({config, cluster: 'stage'}, {}),
			/no cluster named "stage" in .*two\.yaml \(there are: dev, prod\)/,
		);
		assert.throws(
			() => chooseCluster({config: path.join(dir, 'absent.yaml')}, {}),
			/absent\.yaml: cannot be read \(ENOENT\)/,
		);
	});

	test('AWS MSK IAM: the region and the credentials source reach the AWS signer, whose token is signed for them', async () => {
		const credentials = file(
			'aws-credentials',
			'[team]\naws_access_key_id = AKIATEAMPROFILE\naws_secret_access_key = team-secret\n',
		);
		const config = file(
			'msk.yaml',
			`clusters:
  msk-default:
    brokers: [b-1.msk.example:9098]
    sasl: {mechanism: aws-msk-iam, region: eu-west-1}
  msk-profile:
    brokers: [b-1.msk.example:9098]
    sasl: {mechanism: aws-msk-iam, region: us-east-2, profile: team}
  msk-role:
    brokers: [b-1.msk.example:9098]
    sasl: {mechanism: aws-msk-iam, region: ap-south-1, role-arn: 'arn:aws:iam::123456789012:role/kafka-reader'}
`,
		);
		// The token is a presigned URL: its host names the region, its credential scope the access key and service.
		const signedFor = async (cluster: string) => {
			const choice = chooseCluster({config, cluster}, {});
			assert.equal(choice.connection.tls?.verify, true, 'MSK takes IAM over TLS');
			const sasl = choice.connection.sasl!;
			assert.equal(sasl.mechanism, 'oauthbearer');
			const token = await (sasl as {token: () => Promise<string>}).token();
			return new URL(Buffer.from(token, 'base64url').toString());
		};
		const saved = {...process.env};
		Object.assign(process.env, {
			AWS_ACCESS_KEY_ID: 'AKIAFROMENVIRONMENT',
			AWS_SECRET_ACCESS_KEY: 'environment-secret',
			AWS_SHARED_CREDENTIALS_FILE: credentials,
			AWS_EC2_METADATA_DISABLED: 'true',
		});
		try {
			const fromChain = await signedFor('msk-default');
			assert.equal(fromChain.host, 'kafka.eu-west-1.amazonaws.com');
			assert.equal(fromChain.searchParams.get('Action'), 'kafka-cluster:Connect');
			assert.match(
				fromChain.searchParams.get('X-Amz-Credential')!,
				/^AKIAFROMENVIRONMENT\/\d{8}\/eu-west-1\/kafka-cluster\/aws4_request$/,
			);
			const fromProfile = await signedFor('msk-profile');
			assert.equal(fromProfile.host, 'kafka.us-east-2.amazonaws.com');
			assert.match(fromProfile.searchParams.get('X-Amz-Credential')!, /^AKIATEAMPROFILE\//);
		} finally {
			for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
			Object.assign(process.env, saved);
		}
		// Assuming a role needs AWS's STS: here the signer is a stand-in that says what it was asked for.
		const asked: unknown[] = [];
		const fake = {
			generateAuthToken: async () => ({token: 'x', expiryTime: 0}),
			generateAuthTokenFromProfile: async () => ({token: 'x', expiryTime: 0}),
			generateAuthTokenFromRole: async (o: unknown) => (
				asked.push(o),
				{token: 'role-token', expiryTime: Date.now() + 900_000}
			),
		};
		const token = mskIamToken(
			{region: 'ap-south-1', roleArn: 'arn:aws:iam::123456789012:role/kafka-reader'},
			async () => fake,
		);
		assert.equal(await token(), 'role-token');
		assert.equal(await token(), 'role-token', 'kept until it nears its expiry');
		assert.deepEqual(asked, [
			{region: 'ap-south-1', awsRoleArn: 'arn:aws:iam::123456789012:role/kafka-reader', awsRoleSessionName: undefined},
		]);
		const role = chooseCluster({config, cluster: 'msk-role'}, {});
		assert.equal(
			(role.connection.sasl as {principal: string}).principal,
			'AWS IAM, the role arn:aws:iam::123456789012:role/kafka-reader',
		);
	});

	test("the readme's example configurations are valid, every kind of cluster in them", () => {
		const readme = readFileSync(path.join(ROOT, 'readme.md'), 'utf8');
		const examples = [...readme.matchAll(/```yaml\n([^]*?)```/g)].map(m => parseConfig('readme.md', m[1]!, {}));
		const registry = examples.find(e => Object.values(e.config.clusters).some(c => c.registry));
		assert.equal(registry?.config.clusters['prod']?.registry?.url, 'https://registry.prod:8081');
		const loaded = examples.find(e => 'local' in e.config.clusters)!;
		assert.deepEqual(Object.keys(loaded.config.clusters), ['local', 'staging', 'prod', 'confluent', 'oauth', 'msk']);
		assert.deepEqual(
			Object.values(loaded.config.clusters).map(c => c.sasl?.mechanism ?? 'none'),
			['none', 'scram-sha-512', 'none', 'plain', 'oauthbearer', 'aws-msk-iam'],
		);
	});

	test('the default file is in the XDG config folder', () => {
		const before = process.env['XDG_CONFIG_HOME'];
		process.env['XDG_CONFIG_HOME'] = '/somewhere/xdg';
		try {
			assert.equal(defaultConfigPath(), '/somewhere/xdg/kex/config.yaml');
		} finally {
			if (before === undefined) delete process.env['XDG_CONFIG_HOME'];
			else process.env['XDG_CONFIG_HOME'] = before;
		}
	});

	test('kex config lists the clusters with secrets masked, in a table and as JSON; a broken file stops kex with status 2', async () => {
		const config = file(
			'listed.yaml',
			`default: prod
clusters:
  prod:
    brokers: [b1:9093]
    sasl: {mechanism: scram-sha-256, username: ops, password: \${PROD_PW}}
    read-only: true
    label: PROD
    color: red
  staging:
    brokers: [b2:9093]
    registry: {url: https://reg.example:8081, username: ops, password: \${PROD_PW}}
`,
		);
		const env = {PROD_PW: 'very-secret-value'};
		const table = await runCli(['config', '--config', config], {env});
		assert.equal(table.status, 0, table.stderr);
		assert.match(table.stdout, /prod \*\s+b1:9093\s+no\s+scram-sha-256 ops\s+yes\s+PROD/);
		assert.match(table.stdout, /staging\s+b2:9093\s+no\s+no\s+https:\/\/reg\.example:8081\s+no/);
		const json = await runCli(['config', '--config', config, '--json'], {env});
		const parsed = JSON.parse(json.stdout) as {
			clusters: Array<{sasl: {password: string}; registry: {url: string; password: string} | null}>;
		};
		assert.equal(parsed.clusters[0]!.sasl.password, '****');
		assert.deepEqual(parsed.clusters[1]!.registry, {
			url: 'https://reg.example:8081',
			username: 'ops',
			password: '****',
		});
		for (const out of [table.stdout, table.stderr, json.stdout, json.stderr])
			assert.doesNotMatch(out, /very-secret-value/);
		const broken = file('broken.yaml', 'clusters:\n  a:\n    brokers: 12\n');
		const bad = await runCli(['topics', '--config', broken, '--cluster', 'a']);
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /broken\.yaml:3: clusters\.a\.brokers: /);
	});

	test('a schema registry: basic auth (a password command too), a token, --registry with credentials from the environment; mistakes named', () => {
		writeFileSync(path.join(dir, 'reg-ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n');
		const config = file(
			'registry.yaml',
			`clusters:
  basic:
    brokers: [h:1]
    registry:
      url: https://reg.example:8081
      username: kex
      password-command: "printf 'reg-secret\\n'"
      tls: {ca: reg-ca.pem}
  token:
    brokers: [h:1]
    registry: {url: http://reg.example/apis/ccompat/v7, token: \${REG_TOKEN}}
  plain:
    brokers: [h:1]
`,
		);
		const basic = chooseCluster({config, cluster: 'basic'}, {});
		assert.deepEqual(basic.registry!.auth, {kind: 'basic', username: 'kex', password: 'reg-secret'});
		assert.equal(basic.registry!.url, 'https://reg.example:8081');
		assert.match(basic.registry!.tls!.ca!, /MIIC/);
		const token = chooseCluster({config, cluster: 'token'}, {REG_TOKEN: 't0k'});
		assert.deepEqual(token.registry!.auth, {kind: 'bearer', token: 't0k'});
		assert.equal(chooseCluster({config, cluster: 'plain'}, {}).registry, undefined);
		// --registry for a run: on a configured cluster, or a one-off; its credentials from the environment only.
		const flagged = chooseCluster(
			{config, cluster: 'plain', registry: 'http://r:8081'},
			{KEX_REGISTRY_USERNAME: 'u', KEX_REGISTRY_PASSWORD: 'p'},
		);
		assert.deepEqual(flagged.registry, {url: 'http://r:8081', auth: {kind: 'basic', username: 'u', password: 'p'}});
		const oneOff = chooseCluster({brokers: 'h:1', registry: 'http://r:8081'}, {KEX_REGISTRY_TOKEN: 'x'});
		assert.deepEqual(oneOff.registry, {url: 'http://r:8081', auth: {kind: 'bearer', token: 'x'}});
		assert.throws(
			() => chooseCluster({brokers: 'h:1', registry: 'not a url'}, {}),
			/--registry takes the registry's URL/,
		);
		const mistakes: Array<[string, RegExp]> = [
			['registry: {url: nope}', /clusters\.a\.registry\.url: is the URL of the registry/],
			['registry: {url: http://r, password: p}', /clusters\.a\.registry\.username: a password needs a username/],
			[
				'registry: {url: http://r, username: u, token: t}',
				/clusters\.a\.registry\.token: give a username and password or a token, not both/,
			],
			['registry: {url: http://r, wat: 1}', /clusters\.a\.registry: .*wat/],
		];
		for (const [yaml, error] of mistakes) {
			const bad = file('bad-registry.yaml', `clusters:\n  a:\n    brokers: [h:1]\n    ${yaml}\n`);
			assert.throws(() => chooseCluster({config: bad, cluster: 'a'}, {}), error);
		}
	});
});
