import type {Command, PaneId} from './binding-types.js';
import type {KeyApi} from './types.js';

// What every list pane does with a key: move, page, filter, the command line, help, quit.

const MOVES: Partial<Record<Command, number>> = {down: 1, up: -1};

/** Handles the commands all lists share; false when `command` is not one of them. */
export const listCommand = (api: KeyApi, pane: PaneId, command: Command): boolean => {
	const {app} = api;
	const shape = api.screen().shapes[pane] ?? {keys: [], height: 1};
	const delta = MOVES[command];
	if (delta !== undefined) app.dispatch({type: 'move', pane, shape, delta});
	else if (command === 'top' || command === 'bottom') app.dispatch({type: 'jump', pane, shape, to: command});
	else if (command === 'pageDown' || command === 'pageUp') {
		app.dispatch({type: 'page', pane, shape, direction: command === 'pageDown' ? 1 : -1});
	} else if (command === 'filter') app.dispatch({type: 'startFilter'});
	else if (command === 'commandLine') app.dispatch({type: 'openCommand'});
	else if (command === 'help') app.dispatch({type: 'help', open: true});
	else if (command === 'quit') api.exit();
	else return false;
	return true;
};

/** r: a refresh now, unless one is running. */
export const refreshWith = (api: KeyApi, refresh: () => boolean) => {
	if (!refresh()) api.flash('info', 'a refresh is already running');
};
