import {bytesOf} from './batch-writer.js';
import {KexError} from './errors.js';
import type {createProducer} from './producing.js';
import type {RecordSet} from './record-set.js';
import type {ProduceRequest, ProduceResult, SendOptions, SendOutcome} from './types.js';

// Messages the caller gathered as objects (the producer form, kex produce with a value), written through the same
// record sets as a file, with an outcome per message.

type Producer = ReturnType<typeof createProducer>;

export const messageSender = ({records, sendRecords}: Producer) => {
	/** Messages gathered by the caller: each partition's in one batch, however large, and the outcome of each. */
	const send = async (messages: ProduceRequest[], options: SendOptions = {}): Promise<SendOutcome[]> => {
		const sets = new Map<string, RecordSet>();
		const now = Date.now();
		// A message that cannot be placed stops the whole call before anything is sent.
		for (let i = 0; i < messages.length; i++) {
			const m = messages[i]!;
			let set = sets.get(m.topic);
			if (!set) sets.set(m.topic, (set = await records(m.topic, Infinity)));
			const bytes = bytesOf(m.key, m.value, m.headers);
			set.add(set.partitionOf(m.partition, bytes), bytes, m.timestamp ?? now, i);
		}
		const outcomes: SendOutcome[] = new Array(messages.length);
		for (const o of await sendRecords([...sets.values()], options)) {
			for (let i = 0; i < o.count; i++) {
				outcomes[o.lines[i]!] =
					o.status === 'written'
						? {
								status: 'written',
								topic: o.topic,
								partition: o.partition,
								offset: o.baseOffset + i,
								timestamp: o.logAppendTime >= 0 ? o.logAppendTime : o.timestampOf(i),
							}
						: {status: o.status, error: o.error};
			}
		}
		return outcomes;
	};

	const produce = async (messages: ProduceRequest[], options?: SendOptions): Promise<ProduceResult[]> => {
		const outcomes = await send(messages, options);
		const bad = outcomes.find(o => o.status !== 'written');
		if (bad && 'error' in bad) {
			if (bad.status === 'unknown') {
				throw new KexError('unreachable', `${bad.error} (the message may or may not have been written)`);
			}
			throw new KexError('broker-error', bad.error);
		}
		return outcomes.map(o => {
			const {status: _, ...result} = o as {status: 'written'} & ProduceResult;
			return result;
		});
	};

	return {send, produce};
};
