import {KexError, isKexError} from './errors.js';
import type {ConnectionOptions} from './types.js';

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

const UNTRUSTED = "the server's certificate is signed by a CA this connection does not trust (give it: tls.ca)";
const CLIENT_CERTIFICATE_WANTED = 'the server wants a client certificate it trusts (tls.cert and tls.key)';

/** Node's TLS verification codes, said as what the user can do about them. */
const TLS_REASONS: Record<string, string> = {
	SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
	DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed and not trusted (give it as tls.ca)",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
	CERT_HAS_EXPIRED: "the server's certificate has expired",
	CERT_NOT_YET_VALID: "the server's certificate is not valid yet (check the clocks)",
	ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another name",
	ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: CLIENT_CERTIFICATE_WANTED,
	ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: CLIENT_CERTIFICATE_WANTED,
};

/** A TLS verification failure (node's code) as what the user can do about it; undefined for other codes. */
export const tlsReason = (code: string | undefined): string | undefined => (code ? TLS_REASONS[code] : undefined);

/** OpenSSL's alerts as kafkajs passes them on, in its message only. */
const TLS_ALERTS: Array<[RegExp, string]> = [
	[/alert bad certificate|alert certificate required/i, CLIENT_CERTIFICATE_WANTED],
];

/** How the connection was made, to tell apart what a closed connection most likely means. */
export type Security = {
	tls: boolean;
	sasl: {mechanism: string; username?: string} | null;
	/** The connection worked before: a closed connection then means a broker went away, not a wrong port. */
	established?: boolean;
};

const CONNECTION_ERRORS = new Set([
	'KafkaJSConnectionError',
	'KafkaJSConnectionClosedError',
	'KafkaJSRequestTimeoutError',
	'KafkaJSBrokerNotFound',
]);

/**
 * Whether the error says a broker could not be reached or stopped answering (as opposed to answering "no"): what
 * another broker, or the same one a moment later, may well answer.
 */
export const isConnectionTrouble = (error: unknown): boolean =>
	causes(error).some(
		e =>
			CONNECTION_ERRORS.has(e.name ?? '') ||
			(e.code !== undefined && SOCKET_REASONS[e.code] !== undefined) ||
			/closed connection|connection timeout/i.test(e.message ?? ''),
	);

const PLAIN: Security = {tls: false, sasl: null};

/** What of the connection's options the error messages use: never a secret. */
export const securityOf = ({tls, sasl}: Pick<ConnectionOptions, 'tls' | 'sasl'>): Security => ({
	tls: tls !== undefined,
	sasl: sasl ? {mechanism: sasl.mechanism, username: 'username' in sasl ? sasl.username : sasl.principal} : null,
});

/** Answers that say the cluster is between leaders or controllers: asked again a moment later, it answers. */
const ELECTION_ERRORS = new Set([
	'LEADER_NOT_AVAILABLE',
	'NOT_LEADER_FOR_PARTITION',
	'NOT_LEADER_OR_FOLLOWER',
	'NOT_CONTROLLER',
	'REQUEST_TIMED_OUT',
	'COORDINATOR_NOT_AVAILABLE',
	'COORDINATOR_LOAD_IN_PROGRESS',
	'NOT_COORDINATOR',
]);

/** Trouble that passes while brokers die and come back: no answer, or "in the middle of an election". */
export const isPassingTrouble = (error: unknown): boolean =>
	isConnectionTrouble(error) || causes(error).some(e => ELECTION_ERRORS.has(e.type ?? ''));

const describeError = (
	error: unknown,
	brokers: string[],
	connectionTimeout: number,
	security: Security = PLAIN,
): Error => {
	if (isKexError(error)) return error;
	const chain = causes(error);
	const where = brokers.join(',');
	const mechanism = security.sasl?.mechanism.toUpperCase();
	for (const e of chain) {
		const alert = TLS_ALERTS.find(([pattern]) => pattern.test(e.message ?? ''));
		if (alert) return new KexError('unreachable', `TLS handshake with ${where} failed: ${alert[1]}`);
		if (e.code && TLS_REASONS[e.code]) {
			const names =
				e.code === 'ERR_TLS_CERT_ALTNAME_INVALID'
					? / is not in the cert's altnames: (.*)$/.exec(e.message ?? '')
					: null;
			const detail = names ? `: it names ${names[1]} (set tls.server-name, or connect by one of those)` : '';
			return new KexError('unreachable', `TLS handshake with ${where} failed: ${TLS_REASONS[e.code]}${detail}`);
		}
		if (
			security.tls &&
			(e.code === 'ECONNRESET' || /wrong version number|packet length too long/i.test(e.message ?? ''))
		) {
			return new KexError(
				'unreachable',
				`TLS handshake with ${where} failed: the port does not answer in TLS (a plaintext listener? drop tls)`,
			);
		}
		if (e.name === 'KafkaJSSASLAuthenticationError' || /authentication failed/i.test(e.message ?? '')) {
			const who = security.sasl?.username ? ` as ${security.sasl.username}` : '';
			const reason = /not supported by the server|unsupported sasl mechanism/i.test(e.message ?? '')
				? `the brokers do not offer ${mechanism}`
				: /invalid credentials|bad user name or password|authentication failed/i.test(e.message ?? '')
					? 'wrong user name or password'
					: (e.message ?? 'refused');
			return new KexError('unreachable', `authentication${who} (${mechanism ?? 'SASL'}) at ${where} failed: ${reason}`);
		}
		if (/not valid given the current SASL state|ILLEGAL_SASL_STATE/i.test(`${e.message} ${e.type}`)) {
			return new KexError(
				'unreachable',
				`${where} does not use SASL on this port: drop sasl, or connect to its SASL listener`,
			);
		}
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
		if (/closed connection/i.test(e.message ?? '') && security.established) {
			return new KexError('unreachable', `${where} closed the connection (the broker stopped or restarted?)`);
		}
		if (/closed connection/i.test(e.message ?? '') && !(security.tls && security.sasl)) {
			// A broker closes the connection on a first request it cannot read: TLS or SASL expected.
			const wants = security.tls ? 'SASL' : security.sasl ? 'TLS' : 'TLS or SASL';
			return new KexError(
				'unreachable',
				`${where} closed the connection at once: it probably expects ${wants} on this port`,
			);
		}
		if (e.name === 'KafkaJSConnectionError' || e.name === 'KafkaJSConnectionClosedError') {
			return new KexError('unreachable', `cannot reach ${where}: ${e.message ?? 'connection failed'}`);
		}
	}
	const last = chain.at(-1);
	return new KexError('broker-error', last?.message ?? String(error));
};

/** One line a person can act on, carrying what went wrong underneath for the log. */
export const toKexError = (
	error: unknown,
	brokers: string[],
	connectionTimeout: number,
	security: Security = PLAIN,
) => {
	if (isKexError(error)) return error;
	const said = describeError(error, brokers, connectionTimeout, security);
	return isKexError(said) ? new KexError(said.kind, said.message, error) : said;
};
