import {useEffect, useMemo} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {useStore} from '../kit/store.js';
import {createViewer, type Viewer} from './viewer-controller.js';
import type {ViewerState} from './viewer-state.js';

/** The message viewer for this service: its commands, and its state (re-rendering as it changes). */
export const useViewer = (service: KafkaService, cap: number): {viewer: Viewer; state: ViewerState} => {
	const viewer = useMemo(() => createViewer(service, cap), [service, cap]);
	// Reads in flight stop when the viewer is replaced or the app ends.
	useEffect(() => () => viewer.close(), [viewer]);
	return {viewer, state: useStore(viewer.store)};
};
