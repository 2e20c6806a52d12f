import kafkajs from 'kafkajs';
import type {SchemaEncoder} from '../source/schema/schemas.js';
import {payment, paymentEncoder} from './demo-payments.js';

// The life in the demo cluster, run as a child of `npm run demo` while kex is open: page views at a steady rate,
// new orders and payments now and then, profile updates (and deletions) on the compacted topic, one consumer group
// that keeps up (analytics) and one that falls further behind (billing). Dev tooling, so it may use kafkajs.

const brokers = (process.argv[2] ?? '127.0.0.1:9092').split(',');
const kafka = new kafkajs.Kafka({brokers, clientId: 'kex-demo', logLevel: kafkajs.logLevel.NOTHING});

const PAGES = ['/', '/search', '/product/42', '/product/7', '/cart', '/checkout', '/account'];
const CUSTOMERS = ['ada', 'grace', 'linus', 'barbara', 'ken', 'margaret', 'dennis', 'frances'];
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

let orderId = 5000 + Math.floor(Math.random() * 1000);

/** Payments are Avro through the demo's registry (argv[3]); set once its schema is registered. */
let encoder: SchemaEncoder | null = null;

const tick = async (producer: kafkajs.Producer) => {
	const now = Date.now();
	const views = Array.from({length: 8}, () => ({
		key: `session-${Math.floor(Math.random() * 40)}`,
		value: JSON.stringify({
			page: pick(PAGES),
			customer: pick(CUSTOMERS),
			ms: Math.floor(Math.random() * 900),
			at: new Date(now).toISOString(),
		}),
	}));
	const messages: kafkajs.TopicMessages[] = [{topic: 'page-views', messages: views}];
	if (Math.random() < 0.5) {
		orderId += 1;
		const customer = pick(CUSTOMERS);
		messages.push({
			topic: 'orders',
			messages: [
				{
					key: `order-${orderId}`,
					value: JSON.stringify({
						id: orderId,
						customer,
						amount: Math.round(Math.random() * 50_000) / 100,
						currency: 'EUR',
					}),
					headers: {source: 'web', schema: 'order.v1'},
				},
			],
		});
		if (encoder)
			messages.push({
				topic: 'payments',
				messages: [
					{
						key: `order-${orderId}`,
						value: payment(encoder, orderId, Math.floor(Math.random() * 50_000), customer, now),
					},
				],
			});
	}
	if (Math.random() < 0.1) {
		const customer = pick(CUSTOMERS);
		messages.push({
			topic: 'customers',
			messages: [
				{
					key: customer,
					value:
						Math.random() < 0.15
							? null
							: JSON.stringify({
									name: customer,
									tier: pick(['free', 'pro', 'team']),
									updated: new Date(now).toISOString(),
								}),
				},
			],
		});
	}
	await producer.sendBatch({topicMessages: messages});
};

/**
 * A group that has never committed shows no lag until its consumer reaches each partition, which for a slow one
 * takes minutes: its offsets start at the oldest message, so the lag shows from the demo's first seconds.
 */
const startAtOldest = async (groupId: string, topics: string[]) => {
	const admin = kafka.admin();
	await admin.connect();
	try {
		for (const topic of topics) {
			const [committed] = await admin.fetchOffsets({groupId, topics: [topic]});
			const missing = committed?.partitions.filter(p => p.offset === '-1') ?? [];
			if (missing.length === 0) continue;
			const low = await admin.fetchTopicOffsets(topic);
			const partitions = missing.map(p => ({
				partition: p.partition,
				offset: low.find(l => l.partition === p.partition)?.low ?? '0',
			}));
			await admin.setOffsets({groupId, topic, partitions});
		}
	} catch {
		// A member from a demo run a moment ago still holds the group: it has committed already.
	} finally {
		await admin.disconnect();
	}
};

/** A member of `groupId` reading `topics`, one message per `delayMs`; joins again whenever kafkajs gives up. */
const consume = async (groupId: string, topics: string[], delayMs: number) => {
	await startAtOldest(groupId, topics);
	const consumer = kafka.consumer({groupId, sessionTimeout: 10_000});
	// kafkajs stops a consumer for good on an error it does not count as passing, such as its coordinator dying
	// mid-request: the demo's groups must outlive a broker killed to show kex riding it out.
	consumer.on(consumer.events.CRASH, ({payload}) => {
		if (payload.restart) return;
		setTimeout(() => void run().catch(() => setTimeout(() => void run(), 5000)), 2000);
	});
	const run = async () => {
		await consumer.connect();
		await consumer.subscribe({topics, fromBeginning: true});
		// Commits every second, not after each fetched batch (which a slow consumer takes minutes to finish).
		await consumer.run({
			autoCommitInterval: 1000,
			eachMessage: async () => {
				if (delayMs > 0) await new Promise(resolve => setTimeout(resolve, delayMs));
			},
		});
	};
	await run();
	return consumer;
};

const main = async () => {
	encoder = await paymentEncoder(process.argv[3] ?? 'http://127.0.0.1:8081/apis/ccompat/v7');
	const producer = kafka.producer();
	await producer.connect();
	// Traffic first: joining a group takes seconds, and the demo should look alive from the first frame.
	const timer = setInterval(() => void tick(producer).catch((error: unknown) => console.error(String(error))), 500);
	const consumers = await Promise.all([
		consume('analytics', ['page-views'], 0),
		consume('billing', ['payments', 'orders'], 700),
	]);
	const stop = async () => {
		clearInterval(timer);
		await Promise.allSettled([producer.disconnect(), ...consumers.map(c => c.disconnect())]);
		process.exit(0);
	};
	process.once('SIGTERM', () => void stop());
	process.once('SIGINT', () => void stop());
};

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	});
}
