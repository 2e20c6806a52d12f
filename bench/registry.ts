import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {ccompat, registryUp} from '../scripts/local-registry.js';
import {ensureWitness} from '../test/helpers/witness.js';
import {createRegistryClient} from '../source/schema/registry-client.js';
import {benchCluster, median, run, timed} from './kit.js';

// npm run bench:registry: Avro through a schema registry, kex beside Confluent's own client (confluent-kafka's
// AvroSerializer and AvroDeserializer over librdkafka; kcat has no Avro here). 200,000 payments: written from a file
// of JSON values (kex produce --subject against the witness's serializer), then read and printed as JSON lines
// (kex consume --json, decoding, against the witness's deserializer). Apicurio Registry in memory on 48081.

/** The witness's bench schema (test/witness/registry_witness.py), for kex's subject. */
const BENCH_SCHEMA = JSON.stringify({
	type: 'record',
	name: 'Payment',
	namespace: 'bench',
	fields: [
		{name: 'order_id', type: 'long'},
		{name: 'customer', type: 'string'},
		{name: 'amount_cents', type: 'long'},
		{name: 'method', type: {type: 'enum', name: 'Method', symbols: ['CARD', 'SEPA', 'PAYPAL']}},
		{name: 'note', type: ['null', 'string'], default: null},
	],
});

const COUNT = Number(process.env['BENCH_COUNT'] ?? 200_000);
const ROUNDS = Number(process.env['BENCH_RUNS'] ?? 3);
const python = path.join(process.cwd(), '.kafka', 'witness-venv', 'bin', 'python');
const script = path.join(process.cwd(), 'test', 'witness', 'registry_witness.py');

run(async () => {
	const state = await benchCluster();
	const b = state.bootstrap;
	const registry = ccompat((await registryUp('bench', 48081)).state.url);
	const client = createRegistryClient({url: registry});
	await ensureWitness();
	const file = path.join(os.tmpdir(), 'kex-bench-payments.jsonl');
	const methods = ['CARD', 'SEPA', 'PAYPAL'];
	writeFileSync(
		file,
		Array.from({length: COUNT}, (_, i) =>
			JSON.stringify({
				order_id: 1_000_000 + i,
				customer: `customer-${i % 977}`,
				amount_cents: (i * 7919) % 100_000,
				method: methods[i % 3],
				note: i % 5 === 0 ? null : `note ${i}`,
			}),
		).join('\n') + '\n',
	);
	const admin = new kafkajs.Kafka({brokers: b.split(','), logLevel: kafkajs.logLevel.NOTHING}).admin();
	await admin.connect();
	const labels = {
		produce: ['confluent-kafka AvroSerializer', 'kex produce --subject'],
		consume: ['confluent-kafka AvroDeserializer', 'kex consume --json (decoded)'],
	};
	const results = {produce: [[], []], consume: [[], []]} as Record<
		'produce' | 'consume',
		Array<Array<{seconds: number; mb: number}>>
	>;
	for (let round = 0; round < ROUNDS; round++) {
		const stamp = `${Date.now().toString(36)}-${round}`;
		const topics = [`bench-avro-py-${stamp}`, `bench-avro-kex-${stamp}`];
		await admin.createTopics({topics: topics.map(topic => ({topic, numPartitions: 6})), waitForLeaders: true});
		// The Python witness registers the schema (under its own topic's subject and under kex's) the first time.
		results.produce[0]!.push(
			timed(labels.produce[0]!, `${python} ${script} bench-produce ${b} ${registry} ${topics[0]} ${file}`),
		);
		// kex's subject gets the witness's schema, as a team's own producer would have registered it.
		await client.register(`${topics[1]}-value`, {schema: BENCH_SCHEMA, schemaType: 'AVRO', references: []});
		results.produce[1]!.push(
			timed(
				labels.produce[1]!,
				`node dist/cli.js produce ${topics[1]} --brokers ${b} --registry ${registry} --file ${file} --format lines --subject ${topics[1]}-value`,
			),
		);
		results.consume[0]!.push(
			timed(labels.consume[0]!, `${python} ${script} bench-consume ${b} ${registry} ${topics[1]} ${COUNT}`),
		);
		results.consume[1]!.push(
			timed(labels.consume[1]!, `node dist/cli.js consume ${topics[1]} --brokers ${b} --registry ${registry} --json`),
		);
		await admin.deleteTopics({topics}).catch(() => {});
	}
	await admin.disconnect();
	console.log(
		`\n${COUNT.toLocaleString('en-US')} Avro records (5 fields, ~40 B), 6 partitions, 1 broker (Kafka ${state.version}), Apicurio Registry 3.0.9, ${os.cpus().length} cores, median of ${ROUNDS}`,
	);
	for (const what of ['produce', 'consume'] as const) {
		const base = median(results[what][0]!.map(r => r.seconds));
		labels[what].forEach((label, i) => {
			const seconds = median(results[what][i]!.map(r => r.seconds));
			const mb = median(results[what][i]!.map(r => r.mb));
			console.log(
				`${label.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(COUNT / seconds)
					.toLocaleString('en-US')
					.padStart(
						9,
					)} msg/s  ${mb.toFixed(0).padStart(4)} MB peak  ${(seconds / base).toFixed(2)}x the witness  (${results[what][i]!.map(r => r.seconds.toFixed(2)).join(', ')})`,
			);
		});
	}
});
