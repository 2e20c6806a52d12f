import type {ConfigChanges, ConfigEntry, ConfigSource} from '../change-types.js';
import type {Connection} from '../connection.js';
import {KexError} from '../errors.js';
import {OP_DELETE, OP_SET, incrementalAlterConfigs} from '../protocol/admin/alter-configs.js';
import {
	RESOURCE_BROKER,
	RESOURCE_TOPIC,
	describeConfigs,
	type DescribedConfig,
} from '../protocol/admin/describe-configs.js';
import {refusal} from './refusal.js';

// Configs of a topic or a broker, each with where its value comes from and what it falls back to, and changes to
// single topic configs (IncrementalAlterConfigs: the others stay as they are).

const SOURCES: Record<number, ConfigSource> = {
	1: 'topic',
	2: 'broker',
	3: 'all brokers',
	4: 'broker file',
	5: 'default',
	6: 'broker logger',
	7: 'client metrics',
	8: 'group',
};

const TYPES = ['unknown', 'boolean', 'string', 'int', 'short', 'long', 'double', 'list', 'class', 'password'];

export const sourceName = (code: number): ConfigSource => SOURCES[code] ?? 'unknown';

const entryOf = (c: DescribedConfig): ConfigEntry => {
	// Synonyms come most specific first, the entry's own source among them: the next one is what a reset leaves.
	const below = c.synonyms.filter(s => s.source !== c.source);
	const fallback = below[0] ? {value: below[0].value, source: sourceName(below[0].source)} : null;
	return {
		name: c.name,
		value: c.value,
		source: sourceName(c.source),
		sensitive: c.sensitive,
		readOnly: c.readOnly,
		type: TYPES[c.type] ?? 'unknown',
		documentation: c.documentation,
		fallback,
	};
};

const byName = (a: ConfigEntry, b: ConfigEntry) => a.name.localeCompare(b.name);

export const topicConfigs = async (connection: Connection, topic: string): Promise<ConfigEntry[]> =>
	connection.run(async () => {
		const answer = await connection.anyBroker(b =>
			b.send(describeConfigs, {resourceType: RESOURCE_TOPIC, resourceName: topic}),
		);
		if (answer.errorCode !== 0)
			throw refusal(`describe the configs of topic ${topic}`, answer.errorCode, answer.errorMessage);
		return answer.configs.map(entryOf).sort(byName);
	});

/** Asked of the broker itself: only it knows its static (file) settings. */
export const brokerConfigs = async (connection: Connection, brokerId: number): Promise<ConfigEntry[]> =>
	connection.run(async () => {
		const target = await connection.broker(brokerId);
		const answer = await target.send(describeConfigs, {resourceType: RESOURCE_BROKER, resourceName: String(brokerId)});
		if (answer.errorCode !== 0)
			throw refusal(`describe the configs of broker ${brokerId}`, answer.errorCode, answer.errorMessage);
		return answer.configs.map(entryOf).sort(byName);
	});

export const alterTopicConfigs = async (
	connection: Connection,
	topic: string,
	changes: ConfigChanges,
	{validateOnly}: {validateOnly: boolean},
): Promise<void> => {
	const both = Object.keys(changes.set).filter(name => changes.reset.includes(name));
	if (both.length > 0) throw new KexError('invalid-input', `${both.join(', ')}: both set and reset; choose one`);
	const list = [
		...Object.entries(changes.set).map(([name, value]) => ({name, op: OP_SET, value})),
		...changes.reset.map(name => ({name, op: OP_DELETE, value: null})),
	];
	if (list.length === 0) throw new KexError('invalid-input', 'nothing to change: give --set KEY=VALUE or --reset KEY');
	await connection.run(async () => {
		const request = {resourceType: RESOURCE_TOPIC, resourceName: topic, changes: list, validateOnly};
		const answer = await connection.anyBroker(b => b.send(incrementalAlterConfigs, request));
		if (answer.errorCode !== 0)
			throw refusal(`change the configs of topic ${topic}`, answer.errorCode, answer.errorMessage);
	});
};
