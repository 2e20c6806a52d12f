import {Box, Text} from 'ink';
import {COMMANDS} from './command-line.js';
import {CATEGORIES, KEYMAP} from '../keys/keymap.js';
import {fit, rule} from '../kit/text-fit.js';

const FILTER_SYNTAX = 'text (any case), /regex/, or a JSON field: .id == 42, .amount > 100, .tags ~ x';

export type HelpLine = {text: string; heading?: boolean};

/** The help as lines, built from the keymap and the command table, so it never disagrees with the keys. */
export const helpLines = (readOnly: boolean): HelpLine[] => {
	const lines: HelpLine[] = [];
	for (const category of CATEGORIES) {
		lines.push({text: category, heading: true});
		for (const b of KEYMAP.filter(k => k.category === category && !(readOnly && k.dangerous))) {
			lines.push({text: `  ${b.label.padEnd(12)} ${b.description}`});
		}
	}
	lines.push({text: 'Filters', heading: true});
	lines.push({text: `  ${'/'.padEnd(12)} ${FILTER_SYNTAX}`});
	lines.push({text: 'Commands (after :)', heading: true});
	for (const c of COMMANDS)
		lines.push({text: `  :${[c.name, ...(c.aliases ?? [])].join(', :').padEnd(11)} ${c.description}`});
	return lines;
};

export const HelpScreen = ({
	lines,
	offset,
	width,
	height,
}: {
	lines: HelpLine[];
	offset: number;
	width: number;
	height: number;
}) => {
	const body = height - 1;
	const shown = lines.slice(offset, offset + body);
	const more =
		lines.length > body
			? `  (j/k scroll, ${offset + 1}-${Math.min(lines.length, offset + body)} of ${lines.length})`
			: '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color="cyan" bold wrap="truncate">
				{rule(`help: Esc, q or ? to close${more}`, width)}
			</Text>
			{shown.map((line, i) => (
				<Text key={offset + i} bold={line.heading} color={line.heading ? 'cyan' : undefined} wrap="truncate">
					{fit(line.text, width)}
				</Text>
			))}
		</Box>
	);
};
