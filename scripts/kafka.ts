import {parseArgs} from 'node:util';
import {createKafkaService} from '../source/kafka/service.js';
import {SECURE_USERS, securePorts} from './secure-kafka.js';
import {
	caFile,
	clusterNames,
	deadNodes,
	down,
	killNode,
	isRunning,
	portAnswers,
	ports,
	readState,
	resolveVersion,
	up,
	type ReadyCheck,
} from './local-kafka.js';

// npm run kafka:up [-- --nodes 3 | --secure] | kafka:down [-- --clean] | kafka:status | kafka:kill -- NODE [--name N]

/** Ready when every broker is in the metadata and the quorum has elected a leader. */
export const clusterReady: ReadyCheck = async (bootstrap, nodes) => {
	const service = createKafkaService({brokers: bootstrap.split(','), connectionTimeout: 1000, requestTimeout: 5000});
	try {
		const info = await service.cluster();
		return info.brokers.length === nodes && info.controllerId !== null;
	} catch {
		return false;
	} finally {
		await service.close();
	}
};

/** The command that starts this cluster (again): the defaults left out. */
const upCommand = (state: {name: string; nodes: number; basePort: number; secure?: boolean}) => {
	const args = [
		...(state.nodes > 1 ? ['--nodes', String(state.nodes)] : []),
		...(state.secure ? ['--secure'] : []),
		...(state.name === `local-${state.nodes}${state.secure ? '-secure' : ''}` ? [] : ['--name', state.name]),
		...(state.basePort === 9092 ? [] : ['--port', String(state.basePort)]),
	];
	return `npm run kafka:up${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
};

const main = async () => {
	const {positionals, values} = parseArgs({
		allowPositionals: true,
		options: {
			nodes: {type: 'string', default: '1'},
			name: {type: 'string'},
			port: {type: 'string', default: '9092'},
			clean: {type: 'boolean', default: false},
			secure: {type: 'boolean', default: false},
		},
	});
	const command = positionals[0] ?? 'status';
	const nodes = Number(values.nodes);
	if (command === 'up') {
		if (nodes !== 1 && nodes !== 3) throw new Error('--nodes is 1 or 3');
		const basePort = Number(values.port);
		if (values.secure && nodes !== 1) throw new Error('--secure runs on one node (--nodes 1)');
		const name = values.name ?? `local-${nodes}${values.secure ? '-secure' : ''}`;
		const spec = {name, nodes, basePort, version: resolveVersion(), secure: values.secure};
		// Another local cluster on the same ports would make this one fail to bind: name it instead.
		for (const other of clusterNames()) {
			const state = readState(other);
			if (other !== spec.name && isRunning(state) && state.basePort === basePort) {
				throw new Error(
					`the ${state.nodes}-node cluster "${other}" already runs at ${state.bootstrap}; stop it first with npm run kafka:down`,
				);
			}
		}
		const {state, started, restarted} = await up(spec, clusterReady);
		console.log(
			restarted.length > 0
				? `started node ${restarted.join(', ')} again: ${state.nodes}-node Apache Kafka ${state.version} (KRaft) runs whole`
				: `${started ? 'started' : 'already running:'} ${state.nodes}-node Apache Kafka ${state.version} (KRaft)`,
		);
		console.log(`bootstrap: ${state.bootstrap}`);
		if (state.secure) {
			const p = securePorts(state.basePort);
			const users = Object.entries(SECURE_USERS)
				.map(([u, pw]) => `${u}/${pw}`)
				.join(', ');
			console.log(
				`SASL_PLAINTEXT 127.0.0.1:${p.saslPlaintext}, SSL 127.0.0.1:${p.ssl}, SASL_SSL 127.0.0.1:${p.saslSsl}, SSL with a client certificate (tls/client-cert.pem, client-key.pem) 127.0.0.1:${p.mtls}`,
			);
			console.log(`users (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512): ${users}; CA certificate: ${caFile(state.name)}`);
		}
	} else if (command === 'down') {
		const names = values.name ? [values.name] : clusterNames();
		let stopped = 0;
		for (const name of names) if (await down(name, {clean: values.clean})) stopped++;
		console.log(stopped > 0 ? `stopped ${stopped} cluster${stopped > 1 ? 's' : ''}` : 'nothing was running');
	} else if (command === 'status') {
		const names = clusterNames();
		let any = false;
		for (const name of names) {
			const state = readState(name)!;
			if (state.pids.length === 0) continue;
			any = true;
			const answering = await Promise.all(ports(state).map(p => portAnswers(p.broker)));
			const dead = deadNodes(state);
			const health = isRunning(state)
				? answering.every(Boolean)
					? 'running'
					: 'starting'
				: `partly down (node ${dead.map(n => `${n} at 127.0.0.1:${ports(state)[n - 1]!.broker}`).join(', ')} dead; ${upCommand(state)} starts ${dead.length > 1 ? 'them' : 'it'} again)`;
			console.log(
				`${name}: ${health}, ${state.nodes}-node Kafka ${state.version}, bootstrap ${state.bootstrap}, pids ${state.pids.join(' ')}`,
			);
		}
		if (!any) console.log('no local Kafka is running (start one with npm run kafka:up)');
	} else if (command === 'kill') {
		const node = Number(positionals[1]);
		const running = clusterNames().filter(n => readState(n)!.pids.length > 0);
		const name = values.name ?? (running.length === 1 ? running[0]! : undefined);
		if (!name) throw new Error(`name the cluster with --name (running: ${running.join(', ') || 'none'})`);
		const state = readState(name);
		if (!state || !Number.isInteger(node) || node < 1 || node > state.nodes)
			throw new Error(`kill takes a node number from 1 to ${state?.nodes ?? 1}, such as npm run kafka:kill -- 2`);
		console.log(
			(await killNode(name, node))
				? `killed node ${node} of ${name} (127.0.0.1:${ports(state)[node - 1]!.broker}); ${upCommand(state)} starts it again`
				: `node ${node} of ${name} was not running`,
		);
	} else {
		throw new Error(`unknown command ${command}: use up, down, status or kill`);
	}
};

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	});
}
