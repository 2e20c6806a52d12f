import {useEffect, useMemo} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {useStore} from '../kit/store.js';
import {createViewer, type Viewer} from './viewer-controller.js';
import type {ViewerState} from './viewer-state.js';
import type {Schemas} from '../../schema/schemas.js';

/** The message viewer for this service: its commands, and its state (re-rendering as it changes). */
export const useViewer = (
	service: KafkaService,
	cap: number,
	schemas: Schemas | null = null,
): {viewer: Viewer; state: ViewerState} => {
	const viewer = useMemo(() => createViewer(service, cap, schemas), [service, cap, schemas]);
	// Reads in flight stop when the viewer is replaced or the app ends.
	useEffect(() => () => viewer.close(), [viewer]);
	return {viewer, state: useStore(viewer.store)};
};
