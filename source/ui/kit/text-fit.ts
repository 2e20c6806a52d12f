import cliTruncate from 'cli-truncate';
import stringWidth from './narrow-width.js';
import {safeEscaped} from '../../format/safe-text.js';

/**
 * Text made safe (no control sequences reach the terminal; text already escaped, such as previews of message
 * bytes, is not escaped twice) and exactly `width` columns wide:
 * cut with an ellipsis when longer, padded when shorter. Wide characters count as two.
 */
export const fit = (text: string, width: number, align: 'left' | 'right' = 'left'): string => {
	if (width <= 0) return '';
	let safe = safeEscaped(text);
	let w = stringWidth(safe);
	if (w > width) {
		safe = cliTruncate(safe, width, {position: 'end'});
		w = stringWidth(safe);
	}
	const pad = ' '.repeat(Math.max(0, width - w));
	return align === 'right' ? pad + safe : safe + pad;
};

export const widthOf = (text: string) => stringWidth(text);

/** A title line: "── label ─────" exactly `width` wide, the label cut if it must be. */
export const rule = (label: string, width: number): string => {
	const text = safeEscaped(`── ${label} `);
	const head = fit(text, Math.min(widthOf(text), width));
	return head + '─'.repeat(Math.max(0, width - widthOf(head)));
};
