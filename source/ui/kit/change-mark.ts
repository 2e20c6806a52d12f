import type {Change} from './list-types.js';
import type {Cell} from './table.js';

/** A number with k9s-style marks: ↑ or ↓ when it changed since the last refresh. */
export const marked = (text: string, change: Change, color?: string): Cell => {
	if (change === 'up') return {text: `${text}↑`, color: 'green'};
	if (change === 'down') return {text: `${text}↓`, color: 'yellow'};
	return {text: `${text} `, color};
};
