import {backoffMs, pause} from './backoff.js';
import type {ReadRequest} from './types.js';

// Reading through a broker's death: how long to wait for a partition's leader, and what to say meanwhile.

/** What the waiting needs to know of a failure: whether another try may help, and how to say it. */
export type FailureJudge = {
	/** Whether the error means a broker could not be reached (worth trying again after looking up the leaders). */
	unreachable(error: unknown): boolean;
	/** The error in words. */
	describe(error: unknown): string;
};

/** A bounded read waits this long for a partition's leader to answer again (a new one elected) before failing. */
export const LEADER_WAIT_MS = 30_000;
/**
 * A leader that does not answer, or answers that it no longer leads: wait a little longer each time, look the
 * leaders up again, and go on; a bounded read gives up after LEADER_WAIT_MS, a live tail never does (it says what
 * it waits for and picks up where it was).
 */
export const createRecovery = (transport: FailureJudge, request: ReadRequest) => {
	// Since when each partition (-1: the start, before partitions are known) has waited for its leader.
	const since = new Map<number, number>();
	let attempts = 0;
	return {
		async wait(error: unknown, partitions: number[], relocate: () => Promise<void>) {
			const now = Date.now();
			for (const p of partitions) if (!since.has(p)) since.set(p, now);
			if (!request.follow && now - Math.min(...since.values()) > LEADER_WAIT_MS) throw error;
			request.onTrouble?.(transport.describe(error));
			await pause(backoffMs(attempts++), request.signal);
			try {
				await relocate();
			} catch (failed) {
				// Nobody answers the lookup either: the next round tries again, later.
				if (!transport.unreachable(failed)) throw failed;
			}
		},
		recovered(partitions: number[]) {
			if (since.size === 0) return;
			for (const p of partitions) since.delete(p);
			if (since.size > 0) return;
			attempts = 0;
			request.onTrouble?.(null);
		},
	};
};
