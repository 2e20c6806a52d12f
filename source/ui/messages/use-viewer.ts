import {useEffect, useState} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {useStore} from '../kit/store.js';
import {createViewer, type Viewer} from './viewer-controller.js';
import type {ViewerState} from './viewer-state.js';

/** The message viewer for this service: its commands, and its state (re-rendering as it changes). */
export const useViewer = (service: KafkaService, cap: number): {viewer: Viewer; state: ViewerState} => {
	const [viewer, setViewer] = useState(() => createViewer(service, cap));
	const [made, setMade] = useState({service, cap});
	if (made.service !== service || made.cap !== cap) {
		// Another cluster or window size: a new viewer (React's pattern for state derived from props).
		setMade({service, cap});
		setViewer(createViewer(service, cap));
	}
	// Reads in flight stop when the viewer is replaced or the app ends.
	useEffect(() => () => viewer.close(), [viewer]);
	return {viewer, state: useStore(viewer.store)};
};
