import {Box, Text} from 'ink';
import {fit, rule} from './text-fit.js';

/** A titled message in place of a view that has nothing to show, saying why. */
export const Notice = ({
	title,
	lines,
	width,
	height,
}: {
	title: string;
	lines: string[];
	width: number;
	height: number;
}) => (
	<Box flexDirection="column" width={width} height={height}>
		<Text color="cyan" bold wrap="truncate">
			{rule(title, width)}
		</Text>
		{lines.map((line, i) => (
			<Text key={i} wrap="truncate" color={i === 0 ? 'yellow' : undefined} dimColor={i > 0}>
				{fit(line, width)}
			</Text>
		))}
	</Box>
);
