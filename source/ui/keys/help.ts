import type {Command} from './binding-types.js';
import type {KeyApi} from './types.js';

// Keys while the help is open: scroll it, close it.

const PAGE = 10;

export const helpKey = (api: KeyApi, command: Command | undefined) => {
	const {app} = api;
	if (command === 'closeHelp') return app.dispatch({type: 'help', open: false});
	if (command === 'quit') return api.exit();
	const max = api.screen().helpMax;
	const delta = {down: 1, up: -1, pageDown: PAGE, pageUp: -PAGE, top: -max, bottom: max}[command as string];
	if (delta !== undefined) app.dispatch({type: 'helpScroll', delta, max});
};
