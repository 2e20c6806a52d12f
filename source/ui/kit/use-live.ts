import {useCallback, useEffect, useReducer, useRef} from 'react';
import {errorText} from './format.js';
import {initialLiveState, liveReducer, nextDelay, type LiveState} from './live-state.js';

export type Live<T> = LiveState<T> & {
	/** Starts a refresh now; false when one is already running (it is never started twice). */
	refresh: () => boolean;
};

/**
 * Polls `load` while mounted: the first call at once (`load` may hand over an early, partial answer: it is shown
 * until the first full one), then every `intervalMs`, backing off after failures. The
 * last good data stays while the source fails, and a later success replaces it without the caller doing anything.
 * While not `enabled` nothing is polled and the last data is kept. `firstLook`: an early answer already in hand,
 * shown from the first frame.
 */
export const useLive = <T>(
	load: (early?: (data: T) => void) => Promise<T>,
	intervalMs: number,
	enabled = true,
	clock: () => number = Date.now,
	firstLook: T | null = null,
): Live<T> => {
	const [state, dispatch] = useReducer(liveReducer<T>, firstLook, initialLiveState<T>);
	const inFlight = useRef(false);
	const failures = useRef(0);
	const answered = useRef(false);
	const timer = useRef<NodeJS.Timeout | null>(null);
	const run = useRef<() => void>(() => {});
	const loadRef = useRef(load);
	loadRef.current = load;
	const clockRef = useRef(clock);
	clockRef.current = clock;

	useEffect(() => {
		if (!enabled) return;
		let mounted = true;
		const schedule = () => {
			timer.current = setTimeout(run.current, nextDelay(failures.current, intervalMs));
		};
		run.current = () => {
			if (inFlight.current || !mounted) return;
			if (timer.current) clearTimeout(timer.current);
			// Starting changes nothing on screen, so it is not a state change: a render of the whole app costs a frame.
			inFlight.current = true;
			// Only the first load is asked for an early answer: after it, one would be made for nothing.
			const early = answered.current
				? undefined
				: (data: T) => {
						if (mounted) dispatch({type: 'early', data});
					};
			loadRef
				.current(early)
				.then(
					data => {
						if (!mounted) return;
						failures.current = 0;
						answered.current = true;
						dispatch({type: 'succeeded', data, at: clockRef.current()});
					},
					(error: unknown) => {
						if (!mounted) return;
						failures.current += 1;
						dispatch({
							type: 'failed',
							error: errorText(error),
							retryAt: clockRef.current() + nextDelay(failures.current, intervalMs),
						});
					},
				)
				.finally(() => {
					inFlight.current = false;
					if (mounted) schedule();
				});
		};
		run.current();
		return () => {
			mounted = false;
			if (timer.current) clearTimeout(timer.current);
		};
	}, [intervalMs, enabled]);

	const refresh = useCallback(() => {
		if (inFlight.current) return false;
		run.current();
		return true;
	}, []);

	return {...state, refresh};
};
