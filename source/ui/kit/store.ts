import {useSyncExternalStore} from 'react';

// A store around a pure reducer. Dispatch applies the reducer at once, so a key handler that handles several key
// presses from one input event reads, for each, the state the previous one left; components subscribe to it.

export type Store<State, Action> = {
	getState(): State;
	dispatch(action: Action): void;
	subscribe(listener: () => void): () => void;
};

export const createStore = <State, Action>(
	reducer: (state: State, action: Action) => State,
	initial: State,
): Store<State, Action> => {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		dispatch(action) {
			const next = reducer(state, action);
			if (next === state) return;
			state = next;
			for (const listener of listeners) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
};

/** The store's state, re-rendering when it changes. */
export const useStore = <State, Action>(store: Store<State, Action>): State =>
	useSyncExternalStore(store.subscribe, store.getState);
