import type {Key} from 'ink';

/** One name for a key press, as the keymap spells it: 'j', 'G', 'down', 'ctrl+f', 'shift+tab', 'enter'. */
export const keyName = (input: string, key: Key): string => {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl) return `ctrl+${input.toLowerCase()}`;
	return input;
};

const CONTROL_NAMES: Record<string, string> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007f': 'backspace',
	'\b': 'backspace',
};

/**
 * The key presses in one input event. Ink hands over plain text that arrived in one chunk (fast typing, key
 * repeat, a paste) as a single event; each character is its own key press here.
 */
export const keyPresses = (input: string, key: Key): Array<{name: string; text: string}> => {
	const chars = [...input];
	if (chars.length <= 1 || key.ctrl || key.meta || input.includes('\u001B'))
		return [{name: keyName(input, key), text: input}];
	return chars.map(ch => {
		const named = CONTROL_NAMES[ch];
		if (named) return {name: named, text: ''};
		const code = ch.codePointAt(0)!;
		if (code < 0x20) return {name: `ctrl+${String.fromCharCode(code + 96)}`, text: ''};
		return {name: ch, text: ch};
	});
};
