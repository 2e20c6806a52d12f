import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {initProducerId} from './protocol/init-producer-id.js';
import type {Sequencing} from './batch-writer.js';

export type Identity = {id: number; epoch: number};

/**
 * The idempotent producer: an id from the cluster and, per partition, the sequence number of the next record.
 * A batch sent again after its answer was lost keeps its sequence numbers, so the leader (a new one too: the
 * producer state is replicated with the log) writes it once and answers with the offsets it was first given.
 */
export const createProducerIdentity = (connection: Connection) => {
	let identity: Promise<Identity | null> | null = null;
	const sequences = new Map<string, number>();
	const identityOf = (): Promise<Identity | null> =>
		(identity ??= connection
			.anyBroker(async b => {
				if (!b.supports(initProducerId)) return null;
				// A broker just started may not have a block of producer ids yet: it says so, and has one soon.
				for (let attempt = 0; ; attempt++) {
					const answer = await b.send(initProducerId, {transactionTimeoutMs: 60_000});
					if (answer.errorCode === ErrorCode.NONE) return {id: answer.producerId, epoch: answer.producerEpoch};
					// Not allowed (IDEMPOTENT_WRITE before Kafka 2.8) stays so: write as a plain producer, as kcat does.
					if (answer.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) return null;
					if (attempt >= 10) {
						identity = null;
						return null;
					}
					await new Promise(resolve => setTimeout(resolve, 100 * (attempt + 1)));
				}
			})
			.catch((error: unknown) => {
				identity = null;
				throw error;
			}));
	/** A refused batch leaves a gap in its partition's sequence: the next write starts over with a new id. */
	const dropIdentity = (id: Identity | null) => {
		void identity?.then(current => {
			if (current && id && current.id === id.id) identity = null;
		});
	};
	const sequenced = (id: Identity | null, topic: string, partition: number, count: number): Sequencing | null => {
		if (!id) return null;
		const key = `${id.id}\u0000${topic}\u0000${partition}`;
		const baseSequence = sequences.get(key) ?? 0;
		// Sequence numbers are int32 and wrap to 0, as Kafka's producers wrap them.
		sequences.set(key, (baseSequence + count) % 2 ** 31);
		return {producerId: id.id, producerEpoch: id.epoch, baseSequence};
	};
	return {identityOf, dropIdentity, sequenced};
};
