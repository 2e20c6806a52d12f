import {Text} from 'ink';
import type {Hint} from '../keys/keymap.js';
import {widthOf} from '../kit/text-fit.js';

const SEPARATOR = '  ';

/** The hints that fit `width`, in keymap order; pinned ones (help, quit) are kept and others dropped from the end. */
export const fitHints = (hints: Hint[], width: number): Hint[] => {
	const size = (list: Hint[]) => widthOf(list.map(h => `${h.label} ${h.text}`).join(SEPARATOR));
	const shown = [...hints];
	for (let i = shown.length - 1; i >= 0 && size(shown) > width; i--) if (!shown[i]!.pinned) shown.splice(i, 1);
	return shown;
};

/** The keys that work here, built from the keymap of the focused pane. */
export const Footer = ({hints, width}: {hints: Hint[]; width: number}) => (
	<Text wrap="truncate">
		{fitHints(hints, width).map((h, i) => (
			<Text key={h.label}>
				{i > 0 ? SEPARATOR : ''}
				<Text bold>{h.label}</Text>
				<Text dimColor> {h.text}</Text>
			</Text>
		))}
	</Text>
);
