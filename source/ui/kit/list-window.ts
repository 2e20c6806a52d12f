// Windowed lists: which row is selected and which rows are on screen, from the row keys alone. Selection is kept
// by key, so a refresh that adds, removes or reorders rows does not move the user.

export type ListPosition = {selectedKey: string | null; index: number; offset: number};

export const INITIAL_POSITION: ListPosition = {selectedKey: null, index: 0, offset: 0};

const clamp = (n: number, low: number, high: number) => Math.max(low, Math.min(high, n));

/** The selected index now: where the selected key is, else where the selection was (clamped). */
export const resolveIndex = (position: ListPosition, keys: string[]): number => {
	if (keys.length === 0) return -1;
	if (position.selectedKey !== null) {
		const found = keys.indexOf(position.selectedKey);
		if (found >= 0) return found;
	}
	return clamp(position.index, 0, keys.length - 1);
};

/** First visible row: the remembered scroll position, moved only as far as needed to show the selection. */
export const visibleOffset = (offset: number, index: number, height: number, length: number): number => {
	if (height <= 0 || length <= height) return 0;
	let top = clamp(offset, 0, length - height);
	if (index >= 0 && index < top) top = index;
	if (index >= top + height) top = index - height + 1;
	return top;
};

/** Moves the selection by `delta` rows (clamped), or to an absolute index with `to`. */
export const moveSelection = (
	position: ListPosition,
	keys: string[],
	height: number,
	move: {delta: number} | {to: number},
): ListPosition => {
	if (keys.length === 0) return position;
	const current = resolveIndex(position, keys);
	const index = clamp('to' in move ? move.to : current + move.delta, 0, keys.length - 1);
	const offset = visibleOffset(position.offset, index, height, keys.length);
	return {selectedKey: keys[index]!, index, offset};
};

/** Moves a page: the selection and the window move together, as in a pager. */
export const pageSelection = (
	position: ListPosition,
	keys: string[],
	height: number,
	direction: 1 | -1,
): ListPosition => {
	if (keys.length === 0) return position;
	const page = Math.max(1, height - 1);
	const current = resolveIndex(position, keys);
	const index = clamp(current + direction * page, 0, keys.length - 1);
	const offset = visibleOffset(position.offset + direction * page, index, height, keys.length);
	return {selectedKey: keys[index]!, index, offset};
};

/** Row keys and visible height of a list as shown, which movement needs and only the view knows. */
export type ListShape = {keys: string[]; height: number};

/** A move of the selection: by rows, to either end, or by a page. */
export type ListMotion =
	| {type: 'move'; shape: ListShape; delta: number}
	| {type: 'jump'; shape: ListShape; to: 'top' | 'bottom'}
	| {type: 'page'; shape: ListShape; direction: 1 | -1};

export const applyMotion = (position: ListPosition, motion: ListMotion): ListPosition => {
	const {keys, height} = motion.shape;
	if (motion.type === 'page') return pageSelection(position, keys, height, motion.direction);
	const to = motion.type === 'jump' ? {to: motion.to === 'top' ? 0 : keys.length - 1} : {delta: motion.delta};
	return moveSelection(position, keys, height, to);
};
