import {stripVTControlCharacters} from 'node:util';

// Keys as a terminal sends them, and polling for what a user would read.

export const KEY = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	ctrlF: '\u0006',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

export const plain = (frame: string | undefined) => stripVTControlCharacters(frame ?? '');

/** Polls the last frame until `check` holds, or fails with the frame it last saw. */
export const waitForFrame = async (
	lastFrame: () => string | undefined,
	check: (frame: string) => boolean,
	what: string,
	timeoutMs = 3000,
) => {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = plain(lastFrame());
		if (check(frame)) return frame;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${frame}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
};

/** Sends a key and waits until the frame changes (each key is a separate press, as a person types). */
export const press = async (stdin: {write(data: string): void}, lastFrame: () => string | undefined, key: string) => {
	const before = plain(lastFrame());
	stdin.write(key);
	const deadline = Date.now() + 500;
	while (plain(lastFrame()) === before && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 5));
};

/** The line of the frame that contains `text`. */
export const lineWith = (frame: string, text: string) => frame.split('\n').find(l => l.includes(text)) ?? '';
