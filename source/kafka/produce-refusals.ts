import {ErrorCode, LEADER_MOVED, PRODUCE_ERRORS} from './error-codes.js';
import {KexError} from './errors.js';
import type {ProducePartitionResponse} from './protocol/produce.js';

// What a partition's refusal of a write means: whether the same batch may be sent again, and the line a person reads.

/** Refusals after which the same batch is sent again: nothing was written, or a resend cannot duplicate it. */
export const RETRIABLE: ReadonlySet<number> = new Set([
	...LEADER_MOVED,
	ErrorCode.NOT_ENOUGH_REPLICAS,
	ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
	ErrorCode.REQUEST_TIMED_OUT,
	// A batch ahead of it in the same partition is still on its way (a retry overtook it).
	ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
]);

/** Refusals that may come after the leader wrote the batch: only a batch with sequence numbers is sent again. */
export const MAYBE_WRITTEN: ReadonlySet<number> = new Set([
	ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
	ErrorCode.REQUEST_TIMED_OUT,
]);

export const produceError = (topic: string, partition: number, p: ProducePartitionResponse) => {
	const reason = PRODUCE_ERRORS[p.errorCode] ?? `error ${p.errorCode}`;
	// The first record's own reason says most ("Compacted topic cannot accept message without key ..."); the
	// broker's summary ("One or more records have been rejected ...") only when there is none.
	const first = p.recordErrors.find(Boolean);
	const detail = first
		? `${first}${p.recordErrors.length > 1 ? ` (${p.recordErrors.length} records rejected)` : ''}`
		: (p.errorMessage ?? '');
	const kind =
		p.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
			? 'unknown-topic'
			: tooLarge(p.errorCode) || p.errorCode === ErrorCode.INVALID_RECORD
				? 'invalid-input'
				: 'broker-error';
	return new KexError(kind, `cannot write to ${topic}/${partition}: ${reason}${detail ? ` (${detail})` : ''}`);
};

export const tooLarge = (code: number) =>
	code === ErrorCode.MESSAGE_TOO_LARGE || code === ErrorCode.RECORD_LIST_TOO_LARGE;
