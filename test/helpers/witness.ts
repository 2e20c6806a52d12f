import {execFile, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ROOT} from '../../scripts/local-kafka.js';

// The Schema Registry tests' independent side: Confluent's Python client and serializers (test/witness), in a
// virtual environment of their own made on first use from test/witness/requirements.txt, and the test .proto
// compiled by protoc from grpcio-tools.

export const registryUrl = process.env['KEX_TEST_REGISTRY'] ?? 'http://127.0.0.1:18081';
/** The same registry over HTTPS, with the one-node test cluster's server certificate (npm test starts it so). */
export const registryTlsUrl = process.env['KEX_TEST_REGISTRY_TLS'] || 'https://127.0.0.1:18443';
/** The Confluent-compatible API, which kex and the witness both use. */
export const ccompatUrl = `${registryUrl}/apis/ccompat/v7`;

const VENV = path.join(ROOT, '.kafka', 'witness-venv');
const WITNESS = path.join(ROOT, 'test', 'witness');
const python = path.join(VENV, 'bin', 'python');

const run = (command: string, args: string[]) => {
	const result = spawnSync(command, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
	return result.stdout;
};

/** The same, without holding the event loop: npm test installs the witness while Kafka starts. */
const runAsync = (command: string, args: string[]) =>
	new Promise<void>((resolve, reject) =>
		execFile(command, args, {maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) =>
			error ? reject(new Error(`${command} ${args.join(' ')} failed:\n${stderr}${stdout}`)) : resolve(),
		),
	);

/** Makes (or refreshes, when the requirements changed) the witness's virtual environment. */
export const installWitness = async (): Promise<void> => {
	const requirements = readFileSync(path.join(WITNESS, 'requirements.txt'), 'utf8');
	const stamp = path.join(VENV, '.requirements');
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === requirements) return;
	await runAsync('python3', ['-m', 'venv', VENV]);
	await runAsync(python, ['-m', 'pip', 'install', '-q', '-r', path.join(WITNESS, 'requirements.txt')]);
	writeFileSync(stamp, requirements);
};

/**
 * The virtual environment (npm test installs it once before the files run, so two files never install at once),
 * and the compiled .proto's folder, one per caller.
 */
export const ensureWitness = async (): Promise<string> => {
	await installWitness();
	const protoOut = mkdtempSync(path.join(tmpdir(), 'kex-witness-proto-'));
	run(python, [
		'-m',
		'grpc_tools.protoc',
		`-I${WITNESS}`,
		`--python_out=${protoOut}`,
		path.join(WITNESS, 'payments.proto'),
		path.join(WITNESS, 'common.proto'),
	]);
	return protoOut;
};

/** Runs the witness script; its stdout as JSON lines. */
export const witness = (args: string[]): Array<Record<string, unknown>> =>
	run(python, [path.join(WITNESS, 'registry_witness.py'), ...args])
		.split('\n')
		.filter(Boolean)
		.map(l => JSON.parse(l) as Record<string, unknown>);
