import type {Watch} from './broker-handle.js';
import {isConnectionTrouble} from './kafkajs-errors.js';
import type {SilentBroker} from './types.js';

// Which brokers the cluster lists but kex cannot reach, and why. A dead broker stays listed until its session times
// out (9 s by default); noting every request's outcome lets the header say it at once, and lets "any broker"
// requests try the ones that answer first.

export const createSilentBrokers = (
	addressOf: (nodeId: number) => string,
	why: (error: unknown, address: string) => string,
) => {
	const silent = new Map<number, SilentBroker>();
	const watch: Watch = {
		answered: nodeId => void silent.delete(nodeId),
		failed: (nodeId, error) => {
			if (!isConnectionTrouble(error) || silent.has(nodeId)) return;
			const address = addressOf(nodeId);
			silent.set(nodeId, {id: nodeId, address, reason: why(error, address), since: Date.now()});
		},
	};
	return {
		watch,
		list: () => [...silent.values()].sort((a, b) => a.id - b.id),
		/** Those that answered first, then the silent ones, longest silent last (it may be back by now). */
		inTryOrder: (ids: number[]) => [...ids].sort((a, b) => (silent.get(a)?.since ?? 0) - (silent.get(b)?.since ?? 0)),
		/** A broker the cluster no longer lists is no longer ours to report. */
		keepListed: (listed: (nodeId: number) => boolean) => {
			for (const id of silent.keys()) if (!listed(id)) silent.delete(id);
		},
	};
};
