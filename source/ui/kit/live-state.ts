// The life of polled data: the latest good answer, the one before it (to mark what changed), and the connection
// as the header shows it. Pure, so the stale and recovery paths are tested without a cluster.

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'lost';

export type LiveState<T> = {
	data: T | null;
	previous: T | null;
	status: ConnectionStatus;
	/** The last failure, as the user reads it. */
	error: string | null;
	lastGoodAt: number | null;
	failures: number;
	/** When the next attempt after a failure starts. */
	retryAt: number | null;
};

export type LiveAction<T> =
	| {type: 'early'; data: T}
	| {type: 'succeeded'; data: T; at: number}
	| {type: 'failed'; error: string; retryAt: number};

/** After this many failures in a row the connection counts as lost rather than reconnecting. */
export const LOST_AFTER = 3;

/** `firstLook`: an early answer in hand before the first load, shown from the first frame. */
export const initialLiveState = <T>(firstLook: T | null = null): LiveState<T> => ({
	data: firstLook,
	previous: null,
	status: 'connecting',
	error: null,
	lastGoodAt: null,
	failures: 0,
	retryAt: null,
});

export const liveReducer = <T>(state: LiveState<T>, action: LiveAction<T>): LiveState<T> => {
	switch (action.type) {
		case 'early':
			// Only before the first answer: shown while it is completed, never in place of a full one.
			return state.data === null ? {...state, data: action.data} : state;
		case 'succeeded':
			return {
				data: action.data,
				previous: state.data,
				status: 'connected',
				error: null,
				lastGoodAt: action.at,
				failures: 0,
				retryAt: null,
			};
		case 'failed': {
			const failures = state.failures + 1;
			const status = failures >= LOST_AFTER ? 'lost' : state.data === null ? 'connecting' : 'reconnecting';
			return {...state, status, error: action.error, failures, retryAt: action.retryAt};
		}
	}
};

/** The longest wait between attempts: a cluster that comes back is found again within this. */
export const MAX_BACKOFF_MS = 8000;

/** Wait before the next attempt: the interval while healthy, then 1 s, 2 s, 4 s, 8 s after failures. */
export const nextDelay = (failures: number, intervalMs: number): number =>
	failures === 0 ? intervalMs : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
