import {useCallback, useReducer} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {toRequest, type Draft} from './draft.js';
import {initialProducerState, producerReducer} from './producer-state.js';

/** The producer form's state and its one way to the cluster: sending the draft (after the user confirmed). */
export const useProducer = (service: KafkaService) => {
	const [state, dispatch] = useReducer(producerReducer, undefined, () => initialProducerState());

	const send = useCallback(
		async (draft: Draft, topics: ReadonlyMap<string, number>) => {
			const made = toRequest(draft, topics);
			if (!made.ok) return dispatch({type: 'problem', problem: made.problem});
			dispatch({type: 'sending'});
			try {
				const [result] = await service.produce([made.request]);
				dispatch({type: 'sent', result: result!});
			} catch (error) {
				dispatch({type: 'problem', problem: {field: null, message: `not sent, the draft is kept: ${(error as Error).message}`}});
			}
		},
		[service],
	);

	return {state, dispatch, send};
};

export type Producer = ReturnType<typeof useProducer>;
