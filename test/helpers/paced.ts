import kafkajs from 'kafkajs';

// A real producer and a real consumer group member that keep steady rates per partition, for tests that measure
// rates and the time to clear a lag. Both pace by the clock (how many by now, not how long to wait after each), so a
// late timer makes up its arrears and the average rate is exact. The consumer reads for real and commits no further
// than it has read; "caught up" is when it has committed everything up to the high watermark of its last fetch.

const TICK_MS = 100;

const connectionOf = (brokers: string) =>
	new kafkajs.Kafka({brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING});

/** Writes `perSecond[p]` messages a second to each partition p until stopped. */
export const pacedProducer = async (brokers: string, topic: string, perSecond: number[]) => {
	const producer = connectionOf(brokers).producer();
	await producer.connect();
	const started = Date.now();
	const sent = perSecond.map(() => 0);
	let busy = false;
	const tick = async () => {
		if (busy) return;
		busy = true;
		const elapsed = (Date.now() - started) / 1000;
		const messages = perSecond.flatMap((rate, partition) => {
			const due = Math.floor(rate * elapsed) - sent[partition]!;
			sent[partition]! += due;
			return Array.from({length: due}, () => ({partition, value: 'x'}));
		});
		try {
			if (messages.length > 0) await producer.send({topic, messages});
		} finally {
			busy = false;
		}
	};
	const timer = setInterval(() => void tick(), TICK_MS);
	return {
		stop: async () => {
			clearInterval(timer);
			await producer.disconnect();
		},
	};
};

/** A group member reading `topic` and committing at most `perSecond[p]` messages a second on partition p. */
export const pacedConsumer = async (brokers: string, topic: string, groupId: string, perSecond: number[]) => {
	const consumer = connectionOf(brokers).consumer({groupId, maxWaitTimeInMs: TICK_MS, sessionTimeout: 10_000});
	await consumer.connect();
	await consumer.subscribe({topics: [topic], fromBeginning: true});
	// Per partition: where pacing started, what was read, what the log held at the last fetch, what is committed.
	const state = perSecond.map(() => ({
		startedAt: 0,
		from: 0,
		read: 0,
		highWatermark: 0,
		committed: 0,
		caughtUpAt: 0,
	}));
	await consumer.run({
		autoCommit: false,
		eachBatch: async ({batch}) => {
			const p = state[batch.partition]!;
			const last = batch.messages.at(-1);
			if (!p.startedAt) {
				p.startedAt = Date.now();
				p.from = Number(batch.messages[0]?.offset ?? batch.highWatermark);
				p.committed = p.from;
			}
			if (last) p.read = Number(last.offset) + 1;
			p.highWatermark = Number(batch.highWatermark);
		},
	});
	let busy = false;
	const tick = async () => {
		if (busy) return;
		busy = true;
		const now = Date.now();
		const commits = state.flatMap((p, partition) => {
			if (!p.startedAt) return [];
			const allowed = p.from + Math.floor((perSecond[partition]! * (now - p.startedAt)) / 1000);
			const to = Math.min(allowed, p.read);
			if (to <= p.committed) return [];
			p.committed = to;
			if (!p.caughtUpAt && to >= p.highWatermark) p.caughtUpAt = now;
			return [{topic, partition, offset: String(to)}];
		});
		try {
			if (commits.length > 0) await consumer.commitOffsets(commits);
		} finally {
			busy = false;
		}
	};
	const timer = setInterval(() => void tick(), TICK_MS);
	let stopped: Promise<void> | undefined;
	return {
		/** True once every partition has been fetched from, so pacing runs on all of them. */
		pacing: () => state.every(p => p.startedAt > 0),
		/** When the whole group had caught up: the last of its partitions to do so, or undefined while one has not. */
		caughtUpAt: () => (state.every(p => p.caughtUpAt > 0) ? Math.max(...state.map(p => p.caughtUpAt)) : undefined),
		stop: async () => {
			clearInterval(timer);
			stopped ??= consumer.disconnect();
			await stopped;
		},
	};
};
