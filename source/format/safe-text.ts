import {isUtf8} from 'node:buffer';

// Message bytes are never trusted: anything that a terminal would act on (C0/C1 controls, DEL, bidi overrides,
// and bytes that are not UTF-8) is shown as a visible escape instead of being passed through.

const ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\'};

// C0, DEL, C1, bidi embeddings/overrides/isolates and line/paragraph separators.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\\]/g;

const escapeChar = (ch: string) => {
	const known = ESCAPES[ch];
	if (known) return known;
	const code = ch.codePointAt(0)!;
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
};

/** Escapes what a terminal would interpret in a string that is already text. */
export const safeString = (text: string): string => text.replace(UNSAFE, escapeChar);

const UNSAFE_KEEP_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** As safeString, but a backslash stays one: for text that is already escaped, such as pretty-printed JSON. */
export const safeEscaped = (text: string): string => text.replace(UNSAFE_KEEP_BACKSLASH, escapeChar);

/** Renders bytes as one safe line: UTF-8 text with escapes, or every non-text byte as \xNN. */
export const safeBytes = (bytes: Buffer | null, nullText = 'null'): string => {
	if (bytes === null) return nullText;
	if (isUtf8(bytes)) return safeString(bytes.toString('utf8'));
	let out = '';
	for (const byte of bytes) {
		out +=
			byte >= 0x20 && byte < 0x7f && byte !== 0x5c
				? String.fromCharCode(byte)
				: `\\x${byte.toString(16).padStart(2, '0')}`;
	}
	return out;
};
