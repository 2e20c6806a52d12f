import type {RawApi} from './api.js';

// InitProducerId (API 22): a producer id and epoch for an idempotent producer (no transactional id), so the
// partition leader can drop a batch sent twice (a retry after an answer was lost) by its sequence numbers.

export type InitProducerIdResponse = {errorCode: number; producerId: number; producerEpoch: number};

export const initProducerId: RawApi<{transactionTimeoutMs: number}, InitProducerIdResponse> = {
	apiKey: 22,
	apiName: 'InitProducerId',
	// Version 2 is the first flexible one (Kafka 2.4+); 3 and 4 add fields for bumping an existing id.
	minVersion: 2,
	maxVersion: 4,
	encode(request, version, w) {
		w.compactString(null); // TransactionalId: none, idempotence only
		w.int32(request.transactionTimeoutMs);
		if (version >= 3) {
			w.int64(-1); // ProducerId: a new one
			w.int16(-1); // ProducerEpoch
		}
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const errorCode = r.int16();
		const producerId = r.int64();
		const producerEpoch = r.int16();
		r.taggedFields();
		return {errorCode, producerId, producerEpoch};
	},
};
