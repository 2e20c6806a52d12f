import {useEffect} from 'react';
import type {Store} from '../kit/store.js';
import type {AppAction, AppState, Flash} from './app-state.js';

/** How long an info or warning stays on the status line. */
const FLASH_MS = 4000;

/** Infos and warnings go after a while; errors stay until the next key. */
export const useFlashTimeout = (app: Store<AppState, AppAction>, flash: Flash | null) => {
	useEffect(() => {
		if (!flash || flash.level === 'error') return;
		const id = setTimeout(() => app.dispatch({type: 'flash', flash: null}), FLASH_MS);
		return () => clearTimeout(id);
	}, [app, flash]);
};
