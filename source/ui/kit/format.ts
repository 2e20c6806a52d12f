// Numbers, times and errors as the screen shows them: exact counts with separators, ages in the largest sensible
// unit, an error's message.

export const count = (n: number | null | undefined): string =>
	n === null || n === undefined ? '?' : n.toLocaleString('en-US');

export {age} from '../../shared/age.js';

/** The line to show for anything thrown. */
export {errorText} from '../../shared/error-text.js';

export const idList = (ids: number[]): string => ids.join(',');

/** A count still being read (the explorer's first frame, before the watermarks answer). */
export const COUNTING = {text: '…', dim: true} as const;
