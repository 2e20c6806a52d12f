/** @jsxRuntime automatic */
/** @jsxImportSource react */
import {after} from 'node:test';
import type {ReactElement} from 'react';
import type {AppProps} from '../../source/ui/app.js';
import {plain} from './ink.js';

// The app rendered for component tests: colours forced on so the selected row (drawn inverse) can be told apart,
// on-screen clocks stopped so frames change only when something happens, and every render unmounted at the end.
process.env['FORCE_COLOR'] = '1';
const {render} = await import('ink-testing-library');
const {App} = await import('../../source/ui/app.js');

const mounted: Array<{unmount(): void}> = [];
after(() => mounted.forEach(m => m.unmount()));

export type AppOptions = Omit<AppProps, 'tickMs' | 'refreshMs' | 'readOnly'> & {refreshMs?: number; readOnly?: boolean};

const element = ({refreshMs = 60_000, readOnly = false, ...rest}: AppOptions) =>
	(<App tickMs={0} refreshMs={refreshMs} readOnly={readOnly} {...rest} />) as ReactElement;

export const renderApp = (options: AppOptions) => {
	const ui = render(element(options));
	mounted.push(ui);
	return {...ui, rerender: (next: AppOptions) => ui.rerender(element(next))};
};

const INVERSE = '\u001B[7m';

/** The selected row: the one drawn inverse (in the focused pane). */
export const selectedRow = (raw: string | undefined) => plain((raw ?? '').split('\n').find(l => l.includes(INVERSE)));
