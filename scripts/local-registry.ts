import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {runs} from './pid-check.js';
import {ROOT} from './local-kafka.js';

// Runs Apicurio Registry (in-memory storage) on loopback from its Maven Central distribution, the way local-kafka.ts
// runs Kafka: its Confluent-compatible API is what kex and the witness clients talk to. Used by
// `npm run registry:*`, the tests and the demo.

export const REGISTRY_VERSION = '3.0.9';
const STATE = path.join(ROOT, '.kafka', 'registry');
const ARTIFACT = `io.apicurio:apicurio-registry-app:${REGISTRY_VERSION}:zip:all`;

export type RegistryState = {
	name: string;
	port: number;
	pid: number;
	url: string;
	/** Its HTTPS address, when it was started with a certificate. */
	tlsUrl?: string;
};

/** HTTPS beside HTTP: a PEM certificate (with its chain) and its key, on another port. */
export type RegistryTls = {port: number; cert: string; key: string};

const appDir = () => path.join(STATE, `app-${REGISTRY_VERSION}`);
const runner = () => path.join(appDir(), `apicurio-registry-app-${REGISTRY_VERSION}-runner.jar`);
const stateFile = (name: string) => path.join(STATE, `${name}.json`);
const logFile = (name: string) => path.join(STATE, `${name}.log`);

/** The Confluent-compatible API of a registry at `base`. */
export const ccompat = (base: string) => `${base}/apis/ccompat/v7`;

/** Fetches the distribution through Maven (cached in ~/.m2) and unzips it once. */
const ensureApp = () => {
	if (existsSync(path.join(appDir(), '.complete'))) return;
	console.error(`fetching Apicurio Registry ${REGISTRY_VERSION} through Maven...`);
	const got = spawnSync('mvn', ['-B', '-q', 'dependency:get', `-Dartifact=${ARTIFACT}`, '-Dtransitive=false'], {
		encoding: 'utf8',
	});
	if (got.status !== 0) throw new Error(`could not fetch ${ARTIFACT}:\n${got.stdout}${got.stderr}`);
	const zip = path.join(
		os.homedir(),
		'.m2/repository/io/apicurio/apicurio-registry-app',
		REGISTRY_VERSION,
		`apicurio-registry-app-${REGISTRY_VERSION}-all.zip`,
	);
	rmSync(appDir(), {recursive: true, force: true});
	mkdirSync(appDir(), {recursive: true});
	const unzipped = spawnSync('unzip', ['-q', zip, '-d', appDir()], {encoding: 'utf8'});
	if (unzipped.status !== 0) throw new Error(`could not unzip ${zip}: ${unzipped.stderr}`);
	writeFileSync(path.join(appDir(), '.complete'), '');
};

/** The registry kex started: its pid may have gone to another process since the state file was written. */
const alive = (pid: number) => runs(pid, 'apicurio-registry-app');

export const readRegistry = (name: string): RegistryState | null => {
	try {
		const state = JSON.parse(readFileSync(stateFile(name), 'utf8')) as RegistryState;
		return alive(state.pid) ? state : null;
	} catch {
		return null;
	}
};

const answers = async (url: string) => {
	try {
		const response = await fetch(`${ccompat(url)}/subjects`, {signal: AbortSignal.timeout(1000)});
		return response.ok;
	} catch {
		return false;
	}
};

const tail = (file: string) => {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
	} catch {
		return '(no log written)';
	}
};

/** Starts the registry unless it runs, and returns once its compatible API answers. */
export const registryUp = async (
	name: string,
	port: number,
	tls?: RegistryTls,
	timeoutMs = 90_000,
): Promise<{state: RegistryState; started: boolean}> => {
	const running = readRegistry(name);
	// One started without the HTTPS port asked for now is started again.
	if (running && (!tls || running.tlsUrl)) return {state: running, started: false};
	if (running) await registryDown(name);
	const url = `http://127.0.0.1:${port}`;
	if (await answers(url)) throw new Error(`port ${port} already serves a registry kex did not start; stop it first`);
	ensureApp();
	mkdirSync(STATE, {recursive: true});
	const out = openSync(logFile(name), 'w');
	const child = spawn(
		'java',
		[
			'-Xms64m',
			'-Xmx384m',
			'-XX:+UseSerialGC',
			`-Dquarkus.http.port=${port}`,
			'-Dquarkus.http.host=127.0.0.1',
			...(tls
				? [
						`-Dquarkus.http.ssl-port=${tls.port}`,
						`-Dquarkus.http.ssl.certificate.files=${tls.cert}`,
						`-Dquarkus.http.ssl.certificate.key-files=${tls.key}`,
					]
				: []),
			// Schemas may be registered by kex's tests and demo without an admin.
			'-Dapicurio.rest.deletion.artifact.enabled=true',
			'-Dapicurio.rest.deletion.artifact-version.enabled=true',
			'-jar',
			runner(),
		],
		{detached: true, stdio: ['ignore', out, out], cwd: appDir()},
	);
	child.unref();
	const state: RegistryState = {
		name,
		port,
		pid: child.pid!,
		url,
		...(tls ? {tlsUrl: `https://127.0.0.1:${tls.port}`} : {}),
	};
	writeFileSync(stateFile(name), JSON.stringify(state, null, 2));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!alive(state.pid))
			throw new Error(`the registry exited while starting. Its log ends with:\n${tail(logFile(name))}`);
		if (await answers(url)) return {state, started: true};
		if (Date.now() > deadline) {
			await registryDown(name);
			throw new Error(`the registry did not get ready within ${timeoutMs / 1000} s:\n${tail(logFile(name))}`);
		}
		await new Promise(resolve => setTimeout(resolve, 250));
	}
};

/** Stops it (SIGTERM, then SIGKILL). Its schemas were in memory: they go with it. */
export const registryDown = async (name: string): Promise<boolean> => {
	const state = readRegistry(name);
	if (!state) return false;
	process.kill(state.pid, 'SIGTERM');
	const deadline = Date.now() + 10_000;
	while (alive(state.pid) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100));
	if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
	rmSync(stateFile(name), {force: true});
	return true;
};
