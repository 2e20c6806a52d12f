import {parseArgs} from 'node:util';
import {ccompat, readRegistry, REGISTRY_VERSION, registryDown, registryUp} from './local-registry.js';

// npm run registry:up [-- --port 8081 --name local] | registry:down | registry:status

const main = async () => {
	const {positionals, values} = parseArgs({
		allowPositionals: true,
		options: {port: {type: 'string', default: '8081'}, name: {type: 'string', default: 'local'}},
	});
	const command = positionals[0] ?? 'status';
	const name = values.name;
	if (command === 'up') {
		const {state, started} = await registryUp(name, Number(values.port));
		console.log(`${started ? 'started' : 'already running:'} Apicurio Registry ${REGISTRY_VERSION} (in memory)`);
		console.log(`Confluent-compatible API: ${ccompat(state.url)}  (kex --registry ${ccompat(state.url)})`);
	} else if (command === 'down') {
		console.log((await registryDown(name)) ? `stopped the registry "${name}"` : 'nothing was running');
	} else if (command === 'status') {
		const state = readRegistry(name);
		console.log(
			state
				? `${name}: running, ${ccompat(state.url)}, pid ${state.pid}`
				: 'no local registry is running (start one with npm run registry:up)',
		);
	} else throw new Error(`unknown command ${command}: use up, down or status`);
};

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
