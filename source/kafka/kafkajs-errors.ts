import {KexError, isKexError} from './errors.js';

// Turns what kafkajs throws into one line a person can act on. kafkajs wraps the socket error a few layers deep
// (retries exceeded -> connection error -> Node's error with a code), so we walk the causes.

type ErrorLike = {
	name?: string;
	message?: string;
	code?: string;
	type?: string;
	cause?: unknown;
	originalError?: unknown;
};

const causes = (error: unknown): ErrorLike[] => {
	const chain: ErrorLike[] = [];
	let current = error as ErrorLike | undefined;
	while (current && typeof current === 'object' && chain.length < 10) {
		chain.push(current);
		current = (current.cause ?? current.originalError) as ErrorLike | undefined;
	}
	return chain;
};

const SOCKET_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed',
};

const BROKER_ERRORS: Record<string, [KexError['kind'], string]> = {
	UNKNOWN_TOPIC_OR_PARTITION: ['unknown-topic', 'unknown topic or partition'],
	OFFSET_OUT_OF_RANGE: ['offset-out-of-range', 'offset out of range'],
	GROUP_ID_NOT_FOUND: ['unknown-group', 'unknown group'],
	MESSAGE_TOO_LARGE: ['invalid-input', 'message larger than the broker accepts'],
	RECORD_LIST_TOO_LARGE: ['invalid-input', 'batch larger than the broker accepts'],
	SASL_AUTHENTICATION_FAILED: ['unreachable', 'authentication failed'],
	TOPIC_AUTHORIZATION_FAILED: ['broker-error', 'not authorized for this topic'],
	GROUP_AUTHORIZATION_FAILED: ['broker-error', 'not authorized for this group'],
	CLUSTER_AUTHORIZATION_FAILED: ['broker-error', 'not authorized for this cluster operation'],
};

export const toKexError = (error: unknown, brokers: string[], connectionTimeout: number): Error => {
	if (isKexError(error)) return error;
	const chain = causes(error);
	const where = brokers.join(',');
	for (const e of chain) {
		if (e.code && SOCKET_REASONS[e.code])
			return new KexError('unreachable', `cannot reach ${where}: ${SOCKET_REASONS[e.code]}`);
		if (e.message && /connection timeout/i.test(e.message)) {
			return new KexError('unreachable', `cannot reach ${where}: no answer within ${connectionTimeout} ms`);
		}
		if (e.type && BROKER_ERRORS[e.type]) {
			const [kind, text] = BROKER_ERRORS[e.type]!;
			return new KexError(kind, e.message && e.message !== text ? `${text}: ${e.message}` : text);
		}
	}
	for (const e of chain) {
		if (e.name === 'KafkaJSConnectionError' || e.name === 'KafkaJSConnectionClosedError') {
			return new KexError('unreachable', `cannot reach ${where}: ${e.message ?? 'connection failed'}`);
		}
	}
	const last = chain.at(-1);
	return new KexError('broker-error', last?.message ?? String(error));
};
