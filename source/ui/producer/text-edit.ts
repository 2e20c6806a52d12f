// A text being edited: its content and where the cursor is. Pure; every form field is one of these.

export type EditText = {text: string; cursor: number};

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
	const end = text.indexOf('\n', at);
	return end < 0 ? text.length : end;
};

export const insert = (e: EditText, input: string): EditText => ({
	text: e.text.slice(0, e.cursor) + input + e.text.slice(e.cursor),
	cursor: e.cursor + input.length,
});

/** Applies an editing key; null when the key is not one (the caller may use it otherwise). */
export const edit = (e: EditText, key: string): EditText | null => {
	const {text, cursor} = e;
	switch (key) {
		case 'left':
			return {text, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {text, cursor: Math.min(text.length, cursor + 1)};
		case 'home':
		case 'ctrl+a':
			return {text, cursor: lineStart(text, cursor)};
		case 'end':
		case 'ctrl+e':
			return {text, cursor: lineEnd(text, cursor)};
		case 'up':
		case 'down': {
			const start = lineStart(text, cursor);
			const column = cursor - start;
			if (key === 'up') {
				if (start === 0) return null;
				const previous = lineStart(text, start - 1);
				return {text, cursor: Math.min(previous + column, start - 1)};
			}
			const end = lineEnd(text, cursor);
			if (end === text.length) return null;
			return {text, cursor: Math.min(end + 1 + column, lineEnd(text, end + 1))};
		}
		case 'backspace':
			return cursor === 0 ? e : {text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1};
		case 'delete':
			return {text: text.slice(0, cursor) + text.slice(cursor + 1), cursor};
		case 'ctrl+u': {
			const start = lineStart(text, cursor);
			return {text: text.slice(0, start) + text.slice(cursor), cursor: start};
		}
		case 'ctrl+k':
			return {text: text.slice(0, cursor) + text.slice(lineEnd(text, cursor)), cursor};
		default:
			return null;
	}
};

/** Line and column (from 1) of an offset, to point at errors. */
export const lineColumn = (text: string, at: number) => {
	const before = text.slice(0, at);
	const line = before.split('\n').length;
	return {line, column: at - lineStart(text, at) + 1};
};
