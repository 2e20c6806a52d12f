import type {Message} from '../kafka/types.js';
import {safeString} from './safe-text.js';

// How a batch that could not be read is said: in the viewer's row, the detail, and on `kex consume`'s stderr.

const count = (n: number) => n.toLocaleString('en-US');

/** "zstd batch could not be decompressed: … (offsets 1,200 to 1,249 are not shown)" */
export const unreadableText = (m: Message): string => {
	const {lastOffset} = m.batch;
	const span =
		lastOffset > m.offset ? `offsets ${count(m.offset)} to ${count(lastOffset)}` : `offset ${count(m.offset)}`;
	return `${safeString(m.unreadable ?? '')} (${span} not shown)`;
};

/** The line `kex consume` writes to stderr: where, then why. */
export const unreadableLine = (m: Message): string =>
	`${safeString(m.topic)} partition ${m.partition} offset ${count(m.offset)}: ${unreadableText(m)}`;
