// Waiting between tries while a broker or a leader is replaced: 0.1 s, doubling, at most 2 s. Kafka's own clients
// back off the same way (retry.backoff.ms to retry.backoff.max.ms).

const MAX_BACKOFF_MS = 2000;

export const backoffMs = (attempt: number) => Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);

/** Resolves after `ms`, or at once when the signal aborts. */
export const pause = (ms: number, signal?: AbortSignal) =>
	new Promise<void>(resolve => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, {once: true});
	});
