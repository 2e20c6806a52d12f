import {Box, Text} from 'ink';
import {MIN_COLUMNS, MIN_ROWS} from './layout.js';

/** Drawn instead of the app when the terminal cannot hold it; wrapped, so a narrow window still reads its size. */
export const TooSmall = ({columns, rows}: {columns: number; rows: number}) => (
	<Box width={columns}>
		<Text color="yellow" wrap="wrap">
			{columns >= 30
				? `Make the window larger: kex needs ${MIN_COLUMNS}x${MIN_ROWS}, this is ${columns}x${rows}.`
				: 'Window too small'}
		</Text>
	</Box>
);
