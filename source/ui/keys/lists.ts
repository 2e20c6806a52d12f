import type {ListMotion, ListShape} from '../kit/list-window.js';
import type {Command, PaneId} from './binding-types.js';
import type {KeyApi} from './types.js';

// What every list does with a key: move, page, filter, the command line, help, quit.

/** The move of the selection a command asks for, in a list of that shape; null when it is no move. */
export const motionFor = (command: Command | undefined, shape: ListShape): ListMotion | null => {
	if (command === 'down' || command === 'up') return {type: 'move', shape, delta: command === 'down' ? 1 : -1};
	if (command === 'top' || command === 'bottom') return {type: 'jump', shape, to: command};
	if (command === 'pageDown' || command === 'pageUp')
		return {type: 'page', shape, direction: command === 'pageDown' ? 1 : -1};
	return null;
};

/** The list's shape as the last frame showed it. */
export const shapeOf = (api: KeyApi, pane: PaneId): ListShape => api.screen().shapes[pane] ?? {keys: [], height: 1};

/** Handles the commands all lists share; false when `command` is not one of them. */
export const listCommand = (api: KeyApi, pane: PaneId, command: Command): boolean => {
	const {app} = api;
	const motion = motionFor(command, shapeOf(api, pane));
	if (motion) app.dispatch({...motion, pane});
	else if (command === 'filter') app.dispatch({type: 'startFilter'});
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
