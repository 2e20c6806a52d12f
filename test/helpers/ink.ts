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

/**
 * Sends a key as a person types it and waits until it shows: until `until` holds when given, else until the frame
 * changes. A key that changes nothing on screen fails the test with the frame it left.
 */
export const press = async (
	stdin: {write(data: string): void},
	lastFrame: () => string | undefined,
	key: string,
	until?: {check: (frame: string) => boolean; what: string},
) => {
	// Raw frames: a selection that moves changes only the colours.
	const before = lastFrame();
	stdin.write(key);
	const check = until?.check ?? (() => lastFrame() !== before);
	const what = until?.what ?? `the screen to change after ${JSON.stringify(key)}`;
	return waitForFrame(lastFrame, check, what, 3000);
};

/** Sends a key that is expected to change nothing on screen (a refresh whose answer is the same). */
export const pressQuietly = (stdin: {write(data: string): void}, key: string) => stdin.write(key);

/** The line of the frame that contains `text`. */
export const lineWith = (frame: string, text: string) => frame.split('\n').find(l => l.includes(text)) ?? '';
