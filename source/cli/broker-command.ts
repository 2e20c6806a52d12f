import {KexError} from '../kafka/errors.js';
import type {CommandContext} from './commands.js';
import {bytes} from '../shared/bytes.js';
import {renderTable} from './table.js';

// kex broker ID: one broker's configs with their sources, and its log directories with size and free space.

export const broker = async ({service, args, flags, out}: CommandContext) => {
	const id = Number(args[0]);
	if (args[0] === undefined || !Number.isInteger(id) || id < 0)
		throw new KexError('invalid-input', 'missing broker id: kex broker ID (kex brokers lists them)');
	const known = await service.cluster();
	if (!known.brokers.some(b => b.id === id))
		throw new KexError(
			'invalid-input',
			`no broker ${id} in the cluster (it has ${known.brokers.map(b => b.id).join(', ')})`,
		);
	const [configs, dirs] = await Promise.all([service.brokerConfigs(id), service.logDirs({brokers: [id]})]);
	if (flags.json) return out.write(`${JSON.stringify({broker: id, configs, logDirs: dirs}, null, 2)}\n`);
	await out.write(
		renderTable(dirs, [
			{title: 'LOG DIR', value: d => d.path || '-'},
			{title: 'SIZE', value: d => bytes(d.replicas.reduce((sum, r) => sum + r.size, 0)), align: 'right'},
			{title: 'REPLICAS', value: d => d.replicas.length, align: 'right'},
			{title: 'FREE', value: d => bytes(d.usableBytes), align: 'right'},
			{title: 'VOLUME', value: d => bytes(d.totalBytes), align: 'right'},
			{title: 'ERROR', value: d => d.error ?? ''},
		]),
	);
	await out.write('\n');
	await out.write(
		renderTable(configs, [
			{title: 'CONFIG', value: x => x.name},
			{title: 'VALUE', value: x => (x.sensitive ? '(hidden)' : (x.value ?? '-'))},
			{title: 'SOURCE', value: x => x.source},
		]),
	);
};
