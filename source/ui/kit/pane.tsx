import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {rule} from './text-fit.js';

export type PaneProps = {
	title: string;
	/** Shown in the title as k9s does: `topics(12/5000) </ord>`. */
	filter: string;
	focused: boolean;
	stale: boolean;
	width: number;
	height: number;
	children: ReactNode;
};

/**
 * A titled region without side borders, so narrow terminals keep their columns for data. Only rows past its height
 * are cut: what it holds is already fitted to its width, and ink cutting each line to the width again (slice-ansi,
 * grapheme by grapheme) was a seventh of the time the explorer's first frame took to draw.
 */
export const Pane = ({title, filter, focused, stale, width, height, children}: PaneProps) => {
	const line = rule(`${title}${filter ? ` </${filter}>` : ''}${stale ? ' [stale]' : ''}`, width);
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Text
				color={focused ? 'cyan' : stale ? 'yellow' : undefined}
				dimColor={!focused && !stale}
				bold={focused}
				wrap="truncate"
			>
				{line}
			</Text>
			{children}
		</Box>
	);
};
