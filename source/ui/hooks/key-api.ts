import type {Dispatch} from 'react';
import type {ExplorerAction, ExplorerState} from '../state/explorer-state.js';
import type {KeyContext} from './use-explorer-keys.js';

/** What key handlers split out of useExplorerKeys work with: the latest context and state, and how to act. */
export type KeyApi = {
	context: {current: KeyContext};
	latest: {current: ExplorerState};
	dispatch: Dispatch<ExplorerAction>;
	flash: (level: 'info' | 'warn' | 'error', text: string) => void;
};
