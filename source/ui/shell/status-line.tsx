import {Text} from 'ink';
import type {Flash, Mode} from './app-state.js';
import {fit} from '../kit/text-fit.js';

const COLOR = {info: 'cyan', warn: 'yellow', error: 'red'} as const;

export type StatusLineProps = {
	mode: Mode;
	filter: string;
	command: string;
	candidates: string[];
	flash: Flash | null;
	width: number;
};

/** One line: what is being typed (filter or command, with completions), else the latest message. */
export const StatusLine = ({mode, filter, command, candidates, flash, width}: StatusLineProps) => {
	if (mode === 'filter' || mode === 'command') {
		const prompt = mode === 'filter' ? `/${filter}` : `:${command}`;
		const after =
			mode === 'command' && flash
				? `   ${flash.text}`
				: mode === 'command' && candidates.length > 0
					? `   ${candidates.slice(0, 12).join('  ')}${candidates.length > 12 ? '  …' : ''}`
					: '';
		// The cursor is drawn, so the prompt is cut from the left when the line is long: the end is what is typed.
		const room = Math.max(1, width - 1);
		const shown = prompt.length > room ? `…${prompt.slice(prompt.length - room + 1)}` : prompt;
		return (
			<Text wrap="truncate">
				<Text bold>{fit(shown, Math.min(room, shown.length))}</Text>
				<Text inverse> </Text>
				<Text dimColor={!flash} color={flash ? COLOR[flash.level] : undefined}>
					{fit(after, Math.max(0, width - shown.length - 1))}
				</Text>
			</Text>
		);
	}
	if (!flash) return <Text> </Text>;
	return (
		<Text color={COLOR[flash.level]} wrap="truncate">
			{fit(flash.text, width)}
		</Text>
	);
};
