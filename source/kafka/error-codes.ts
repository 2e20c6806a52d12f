// Kafka's error codes that kex acts on, by the names Kafka's protocol guide gives them. Code that compares an
// error code compares it with one of these, never with a bare number.

export const ErrorCode = {
	NONE: 0,
	OFFSET_OUT_OF_RANGE: 1,
	CORRUPT_MESSAGE: 2,
	UNKNOWN_TOPIC_OR_PARTITION: 3,
	LEADER_NOT_AVAILABLE: 5,
	NOT_LEADER_OR_FOLLOWER: 6,
	MESSAGE_TOO_LARGE: 10,
	REQUEST_TIMED_OUT: 7,
	RECORD_LIST_TOO_LARGE: 18,
	NOT_ENOUGH_REPLICAS: 19,
	NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20,
	TOPIC_AUTHORIZATION_FAILED: 29,
	GROUP_AUTHORIZATION_FAILED: 30,
	CLUSTER_AUTHORIZATION_FAILED: 31,
	OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
	DUPLICATE_SEQUENCE_NUMBER: 46,
	INVALID_PRODUCER_EPOCH: 47,
	UNKNOWN_PRODUCER_ID: 59,
	FENCED_LEADER_EPOCH: 74,
	UNKNOWN_LEADER_EPOCH: 76,
	INVALID_RECORD: 87,
} as const;

/** After these a partition's leader may have moved: look it up again and retry. */
export const LEADER_MOVED: ReadonlySet<number> = new Set([
	ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
	ErrorCode.LEADER_NOT_AVAILABLE,
	ErrorCode.NOT_LEADER_OR_FOLLOWER,
	ErrorCode.FENCED_LEADER_EPOCH,
	ErrorCode.UNKNOWN_LEADER_EPOCH,
]);

/** What a refused write means, in words. */
export const PRODUCE_ERRORS: Readonly<Record<number, string>> = {
	[ErrorCode.CORRUPT_MESSAGE]: 'the broker found the message corrupt',
	[ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]: 'unknown topic or partition',
	[ErrorCode.NOT_LEADER_OR_FOLLOWER]: 'the partition leader moved; try again',
	[ErrorCode.MESSAGE_TOO_LARGE]: 'the message is larger than the topic or broker allows (max.message.bytes)',
	[ErrorCode.RECORD_LIST_TOO_LARGE]: 'the batch is larger than the broker allows (message.max.bytes)',
	[ErrorCode.NOT_ENOUGH_REPLICAS]: 'not enough in-sync replicas to accept the write (min.insync.replicas)',
	[ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND]: 'written, but not enough replicas acknowledged it in time',
	[ErrorCode.TOPIC_AUTHORIZATION_FAILED]: 'not authorized to write to this topic',
	[ErrorCode.INVALID_RECORD]: 'the broker rejected the record',
};
