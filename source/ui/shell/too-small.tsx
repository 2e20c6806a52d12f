import {Text} from 'ink';
import {MIN_COLUMNS, MIN_ROWS} from './layout.js';

/** Drawn instead of the app when the terminal cannot hold it; kept to lines that fit even a tiny window. */
export const TooSmall = ({columns, rows}: {columns: number; rows: number}) => (
	<Text color="yellow" wrap="truncate">
		{columns >= 30
			? `Make the window larger: kex needs ${MIN_COLUMNS}x${MIN_ROWS}, this is ${columns}x${rows}.`
			: 'Window too small'}
	</Text>
);
