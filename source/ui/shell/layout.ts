// Where everything goes, computed from the terminal size alone. The frame is one line shorter than the terminal:
// Ink clears the whole screen when a frame fills it, which is what makes terminal apps flicker.

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

export type Layout =
	| {tooSmall: true; columns: number; rows: number}
	| {tooSmall: false; columns: number; frameHeight: number; bodyHeight: number};

/** Header (2 lines), then the body, then the flash line and the footer. */
export const CHROME_ROWS = 4;

export const screenLayout = (columns: number, rows: number): Layout => {
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) return {tooSmall: true, columns, rows};
	const frameHeight = rows - 1;
	return {tooSmall: false, columns, frameHeight, bodyHeight: frameHeight - CHROME_ROWS};
};
