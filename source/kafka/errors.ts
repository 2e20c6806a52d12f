// One error type for everything the service layer reports to people: `message` is the line they read.

export type KexErrorKind =
	| 'unreachable'
	| 'unknown-topic'
	| 'unknown-partition'
	| 'unknown-group'
	| 'offset-out-of-range'
	| 'invalid-input'
	| 'not-supported'
	/** ACLs do not let this principal do it. */
	| 'not-authorized'
	| 'broker-error'
	/** The cluster said no to a change, with its reason (an invalid config, a topic that exists, a group with members). */
	| 'refused'
	/** A change asked of a read-only session: refused before anything is sent. */
	| 'read-only';

export class KexError extends Error {
	constructor(
		readonly kind: KexErrorKind,
		message: string,
		/** What went wrong underneath (a socket error, kafkajs's error), for the log. */
		cause?: unknown,
	) {
		super(message, cause === undefined ? undefined : {cause});
		this.name = 'KexError';
	}
}

export const isKexError = (error: unknown): error is KexError => error instanceof KexError;

/** What ACLs refused, in the same words everywhere: "not authorized to read topic orders (its ACLs do not allow READ)". */
export const notAuthorized = (operation: 'describe' | 'read' | 'write', resource: 'topic' | 'group', name: string) =>
	new KexError(
		'not-authorized',
		`not authorized to ${operation} ${resource} ${name} (its ACLs do not allow ${operation.toUpperCase()})`,
	);
