import {Box, Text} from 'ink';
import {safeString} from '../../format/safe-text.js';
import {fit, rule} from '../kit/text-fit.js';
import {formatTime} from '../messages/messages-pane.js';
import type {FieldId} from './draft.js';
import type {ProducerState, TextField} from './producer-state.js';

const LABEL = 10;

const LABELS: Record<FieldId, string> = {
	topic: 'Topic',
	partition: 'Partition',
	key: 'Key',
	value: 'Value',
	schema: 'Schema',
	headers: 'Headers',
	tombstone: '',
	json: '',
	compression: '',
};

/** Topic names that contain what is typed, the best (prefix) matches first. */
export const topicSuggestions = (typed: string, topics: readonly string[]) => {
	const t = typed.trim().toLowerCase();
	const matching = topics.filter(name => name.toLowerCase().includes(t));
	return [
		...matching.filter(n => n.toLowerCase().startsWith(t)),
		...matching.filter(n => !n.toLowerCase().startsWith(t)),
	];
};

/** The lines of a field's text with the cursor drawn, cut to the width and to at most `rows` lines around it. */
const fieldLines = (text: string, cursor: number | null, width: number, rows: number) => {
	const lines = text.split('\n');
	let cursorLine = 0;
	let column = 0;
	if (cursor !== null) {
		const before = text.slice(0, cursor).split('\n');
		cursorLine = before.length - 1;
		column = before.at(-1)!.length;
	}
	const first = Math.max(0, Math.min(cursorLine - rows + 1, lines.length - rows));
	const shown = lines.slice(first, first + rows);
	// The field keeps its rows when short, so a multi-line field looks like one.
	while (shown.length < rows) shown.push('');
	return shown.map((line, i) => {
		const index = first + i;
		// An empty Text takes no row in Ink; a space keeps the field's height.
		if (cursor === null || index !== cursorLine) return {before: safeString(line) || ' ', at: '', after: ''};
		// Keep the cursor on screen: show the end of a long line when the cursor is there.
		const start = Math.max(0, column - width + 2);
		const visible = line.slice(start);
		return {
			before: safeString(visible.slice(0, column - start)),
			at: visible[column - start] ?? ' ',
			after: safeString(visible.slice(column - start + 1)),
		};
	});
};

export type FileStatus = {
	path: string;
	topic: string;
	running: boolean;
	progress: {lines: number; sent: number; startedAt: number} | null;
	outcome: string | null;
	failed?: boolean;
};

const fileLine = (f: FileStatus) => {
	if (f.outcome) return f.outcome;
	if (!f.running) return `send every line of ${f.path} to ${f.topic}? y sends, any other key goes back`;
	const p = f.progress;
	const rate = p ? Math.round(p.sent / Math.max(0.001, (Date.now() - p.startedAt) / 1000)) : 0;
	return `sending ${f.path}: ${(p?.lines ?? 0).toLocaleString('en-US')} lines read, ${(p?.sent ?? 0).toLocaleString('en-US')} written (${rate.toLocaleString('en-US')}/s); Esc cancels`;
};

export type ProducerFormProps = {
	file: FileStatus | null;
	state: ProducerState;
	topics: readonly string[];
	width: number;
	height: number;
	readOnlyNotice?: string;
};

export const ProducerForm = ({state, file, topics, width, height}: ProducerFormProps) => {
	const {draft, field} = state;
	const room = width - LABEL - 1;
	// Suggestions take rows only where there are rows to spare (10 are the form's minimum).
	const suggestions =
		field === 'topic' ? topicSuggestions(draft.topic, topics).slice(0, Math.max(0, Math.min(5, height - 10))) : [];
	// The options fit one line at 80 columns with the short labels.
	const wide = width >= 90;
	const where =
		draft.partition.trim() && draft.partition.trim() !== 'auto'
			? `partition ${draft.partition.trim()}`
			: 'the partition the key decides';
	const result = file
		? {color: file.failed ? 'red' : file.outcome ? 'green' : 'yellow', text: fileLine(file)}
		: state.confirming
			? {
					color: 'yellow',
					text: `send this message to ${draft.topic.trim()}, ${where}${draft.schema.trim() ? `, the value encoded with ${draft.schema.trim()}` : ''}${state.compression === 'none' ? '' : `, ${state.compression}-compressed`}? y sends, any other key goes back`,
				}
			: state.sending
				? {color: 'yellow', text: 'sending ...'}
				: state.problem
					? {color: 'red', text: state.problem.message}
					: state.sent
						? {
								color: 'green',
								text: `sent to ${state.sent.topic} partition ${state.sent.partition} offset ${state.sent.offset} at ${formatTime(state.sent.timestamp)}; ^o opens it`,
							}
						: {
								color: 'gray',
								text:
									state.history.length > 0
										? `${state.history.length} sent this session; ^p recalls them`
										: 'Tab moves between fields, ^s sends (after y to confirm), Esc leaves the draft as it is',
							};
	const resultText = safeString(result.text);
	// Two lines for what happened, up to four when a broker's reason is long: the rows come from the value's.
	// Rows: title, topic(+suggestions), partition, key, value(n), schema, headers(m), options, result.
	const fields = 1 + 1 + suggestions.length + 1 + 1 + 1 + 1;
	const wanted = Math.ceil(resultText.length / Math.max(20, width - 10));
	const resultRows = Math.max(2, Math.min(4, wanted, height - fields - 2));
	const fixed = fields + resultRows;
	const spare = Math.max(2, height - fixed);
	// The two share the spare rows exactly: a row too many and Ink squeezes the form, drawing over the value.
	const valueRows = Math.max(1, Math.min(Math.ceil(spare * 0.7), spare - 1));
	const headerRows = spare - valueRows;
	const row = (id: TextField, rows: number) => {
		const focused = field === id;
		const problem = state.problem?.field === id;
		const lines = fieldLines(draft[id] || '', focused ? state.cursors[id] : null, room, rows);
		const placeholder = {
			partition: 'auto (the key decides)',
			key: 'none (null)',
			value: draft.tombstone ? '(tombstone: no value is sent)' : '',
			headers: 'name: value, one a line',
			schema: 'none (a subject, subject@2 or id:7 encodes the value, as JSON, with it)',
			topic: 'type to choose',
		}[id];
		return (
			<Box key={id} flexDirection="row" width={width}>
				<Text color={problem ? 'red' : focused ? 'cyan' : undefined} bold={focused}>
					{fit(`${focused ? '›' : ' '}${LABELS[id]}`, LABEL)}{' '}
				</Text>
				<Box flexDirection="column" width={room}>
					{lines.map((l, i) => (
						<Text key={i} wrap="truncate" dimColor={id === 'value' && draft.tombstone}>
							{!draft[id] && placeholder && i === 0 && !focused ? <Text dimColor>{placeholder}</Text> : l.before}
							{focused && l.at !== '' ? <Text inverse>{l.at}</Text> : null}
							{l.after}
						</Text>
					))}
				</Box>
			</Box>
		);
	};
	const box = (id: 'tombstone' | 'json', label: string) => (
		<Text color={field === id ? 'cyan' : undefined} bold={field === id}>
			{field === id ? '›' : ' '}[{draft[id] ? 'x' : ' '}] {label}
		</Text>
	);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text color="cyan" bold wrap="truncate">
				{rule(
					`produce${draft.topic ? ` to ${draft.topic}` : ''}${state.recalled !== null ? ` (recalled ${state.recalled + 1} of ${state.history.length})` : ''}${draft.base64 ? ' (key and value are base64)' : ''}`,
					width,
				)}
			</Text>
			{row('topic', 1)}
			{suggestions.map((name, i) => (
				<Text
					key={name}
					wrap="truncate"
					color={i === state.suggestion ? 'cyan' : undefined}
					dimColor={i !== state.suggestion}
				>
					{' '.repeat(LABEL + 1)}
					{i === state.suggestion ? '▸ ' : '  '}
					{fit(name, room - 2)}
				</Text>
			))}
			{row('partition', 1)}
			{row('key', 1)}
			{row('value', valueRows)}
			{row('schema', 1)}
			{row('headers', headerRows)}
			<Box flexDirection="row">
				<Text>{' '.repeat(LABEL)}</Text>
				{box('tombstone', wide ? 'tombstone (null value)' : 'tombstone')}
				<Text> </Text>
				{box('json', wide ? 'check the value is JSON' : 'JSON check')}
				<Text> </Text>
				<Text color={field === 'compression' ? 'cyan' : undefined} bold={field === 'compression'}>
					{field === 'compression' ? '›' : ' '}compression: {state.compression}
					{field === 'compression' ? <Text dimColor> (Space changes)</Text> : null}
				</Text>
			</Box>
			<Box height={resultRows} width={width} overflow="hidden">
				<Text wrap="wrap" color={result.color}>
					{resultText}
				</Text>
			</Box>
		</Box>
	);
};
