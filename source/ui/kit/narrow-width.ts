import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

// string-width 8 measures any string that is not plain ASCII with Intl.Segmenter and the RGI emoji regular
// expression. V8 builds both on first use (about 90 ms of a 2-core machine's start) and then spends 0.7 ms on each
// 140-column rule of box-drawing characters, which every kex screen draws. The characters below are one column wide
// by string-width's own answer (most are ambiguous-width, narrow unless asked otherwise), so a string made of them
// and printable ASCII, once its colours are stripped as string-width strips them, is as wide as it is long. The
// build hands this to ink and the libraries around it in place of string-width (scripts/build.ts); anything else is
// measured by string-width as before.

/** The marks and arrows kex draws; its rules and sparklines are box drawing and blocks (U+2500 to U+259F). */
export const NARROW = '·…›←↑→↓≥▶▸●✖✗';
const onlyNarrow = new RegExp(`^[\\u0020-\\u007E${NARROW}\\u2500-\\u259F]*$`);

type Options = Parameters<typeof stringWidth>[1];

export default function narrowWidth(text: string, options?: Options): number {
	if (typeof text !== 'string' || options?.ambiguousIsNarrow === false || options?.countAnsiEscapeCodes) {
		return stringWidth(text, options);
	}
	const plain = text.includes('\u001B') || text.includes('\u009B') ? stripAnsi(text) : text;
	return onlyNarrow.test(plain) ? plain.length : stringWidth(plain, options);
}
