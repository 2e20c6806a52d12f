import {useState} from 'react';
import {isKexError} from '../../kafka/errors.js';
import type {KafkaService} from '../../kafka/types.js';
import {createStore, useStore, type Store} from '../kit/store.js';
import type {ChangeSpec} from './change-spec.js';
import {changeReducer, closedChange, type ChangeAction, type ChangeState} from './change-state.js';

// The change dialog's store and its two trips to the cluster: the check (what would happen) and the change.

export type Changes = {
	store: Store<ChangeState, ChangeAction>;
	state: ChangeState;
	open(spec: ChangeSpec): void;
	check(): Promise<void>;
	/** Applies the confirmed change; resolves to what was done, or null when it failed (said in the dialog). */
	apply(): Promise<string | null>;
};

const reason = (error: unknown) =>
	isKexError(error) ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;

export const useChanges = (service: KafkaService): Changes => {
	const [store] = useState(() => createStore(changeReducer, closedChange));
	const state = useStore(store);
	const [actions] = useState(() => ({
		open: (spec: ChangeSpec) => store.dispatch({type: 'open', spec}),
		async check() {
			const {spec, values, phase} = store.getState();
			if (!spec || phase !== 'editing') return;
			store.dispatch({type: 'checking'});
			try {
				store.dispatch({type: 'preview', preview: await spec.check(values, service)});
			} catch (error) {
				store.dispatch({type: 'failed', error: reason(error)});
			}
		},
		async apply() {
			const {spec, values, phase} = store.getState();
			if (!spec || phase !== 'confirming') return null;
			store.dispatch({type: 'applying'});
			try {
				const done = await spec.apply(values, service);
				store.dispatch({type: 'close'});
				return done;
			} catch (error) {
				store.dispatch({type: 'failed', error: reason(error)});
				return null;
			}
		},
	}));
	return {store, state, ...actions};
};
