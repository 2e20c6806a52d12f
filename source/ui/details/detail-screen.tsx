import {Box, Text} from 'ink';
import type {ConfigEntry} from '../../kafka/change-types.js';
import {fallbackText} from '../../shared/change-text.js';
import type {Box as Area} from '../kit/box.js';
import {ListPane} from '../kit/list-pane.js';
import type {Column} from '../kit/table.js';
import type {Listed} from '../kit/list-types.js';
import type {ListPosition} from '../kit/list-window.js';
import {fit} from '../kit/text-fit.js';
import type {DetailTarget} from '../shell/app-state.js';

// A topic's or broker's details: a few lines of disk (and, for a topic, who reads it), then every config with its
// value, where the value comes from, and what a reset would leave.

export type DetailModel = {
	target: DetailTarget;
	list: Listed<ConfigEntry>;
	/** The lines above the configs: disk, and who reads a topic; as many as fit. */
	head: string[];
	error: string | null;
	loading: boolean;
	stale: boolean;
};

const COLUMNS: Array<Column<ConfigEntry>> = [
	{title: 'CONFIG', width: 'flex', minWidth: 24, maxWidth: 42, cell: c => c.name},
	// A broker's values (listeners, class names) are long: without the reset column they take its room.
	{title: 'VALUE', width: 'flex', minWidth: 12, maxWidth: 80, cell: c => (c.sensitive ? '(hidden)' : (c.value ?? '-'))},
	{
		title: 'SOURCE',
		width: 11,
		cell: c => ({
			text: c.source,
			color: c.source === 'topic' || c.source === 'broker' ? 'cyan' : undefined,
			dim: c.source === 'default',
		}),
	},
];

/** Topics only: what a reset would leave. */
const RESET_COLUMN: Column<ConfigEntry> = {
	title: 'RESET TO',
	width: 'flex',
	minWidth: 10,
	maxWidth: 30,
	cell: c => ({text: c.source === 'topic' ? fallbackText(c) : '', dim: true}),
};

type Props = {model: DetailModel; position: ListPosition; filter: string; box: Area};

/** Rows the configs list gets under the head and the error line. */
export const configsHeight = (model: Pick<DetailModel, 'head' | 'error'>, height: number) =>
	height - model.head.length - (model.error ? 1 : 0);

export const DetailScreen = ({model, position, filter, box}: Props) => {
	const {head, stale} = model;
	const what = model.target.kind === 'topic' ? `topic ${model.target.name}` : `broker ${model.target.id}`;
	return (
		<Box flexDirection="column" width={box.width} height={box.height}>
			{model.error ? (
				<Text color="red" wrap="truncate">
					{fit(`✖ ${model.error}`, box.width)}
				</Text>
			) : null}
			{head.map((line, i) => (
				<Text key={i} wrap="truncate">
					{fit(line, box.width)}
				</Text>
			))}
			<ListPane
				list={model.list}
				position={position}
				filter={filter}
				focused
				stale={stale}
				box={{width: box.width, height: configsHeight(model, box.height)}}
				name={`configs of ${what}`}
				columns={model.target.kind === 'topic' ? [...COLUMNS, RESET_COLUMN] : COLUMNS}
				empty={model.loading ? 'asking the cluster…' : 'no configs'}
			/>
		</Box>
	);
};
