import {Box as InkBox, Text} from 'ink';
import {safeString} from '../../format/safe-text.js';
import {descriptorText} from '../../schema/formats/protobuf-format.js';
import type {Box} from '../kit/box.js';
import {ListPane} from '../kit/list-pane.js';
import type {ListPosition} from '../kit/list-window.js';
import {resolveIndex} from '../kit/list-window.js';
import {fit, rule} from '../kit/text-fit.js';
import type {SubjectsModel, VersionRow, VersionsModel} from './use-subjects.js';

// :subjects: the registry's subjects, and with Enter one subject's versions above the selected version's schema.

const TYPE_NAMES = {AVRO: 'Avro', PROTOBUF: 'Protobuf', JSON: 'JSON Schema'} as const;

export const SubjectsScreen = ({
	model,
	position,
	filter,
	box,
	where,
}: {
	model: SubjectsModel;
	position: ListPosition;
	filter: string;
	box: Box;
	where: string;
}) => (
	<ListPane
		list={model.list}
		position={position}
		filter={filter}
		focused
		stale={model.stale}
		box={box}
		name="subjects"
		detail={where}
		columns={[
			{title: 'SUBJECT', width: 'flex', minWidth: 16, cell: r => safeString(r.subject)},
			{title: 'TYPE', width: 11, cell: r => TYPE_NAMES[r.type]},
			{title: 'LATEST', width: 6, align: 'right', cell: r => `v${r.version}`},
			{title: 'ID', width: 7, align: 'right', cell: r => String(r.id)},
			{title: 'COMPATIBILITY', width: 19, cell: r => r.compatibility ?? '-'},
		]}
		empty={model.error ?? (model.loading ? 'reading the registry…' : 'no subjects')}
	/>
);

const shownLines = new WeakMap<VersionRow, string[]>();

/** The schema as text: JSON pretty-printed, .proto as registered; made once per version fetched. */
export const schemaLines = (v: VersionRow): string[] => {
	const known = shownLines.get(v);
	if (known) return known;
	const lines = linesOf(v);
	shownLines.set(v, lines);
	return lines;
};

const linesOf = (v: VersionRow): string[] => {
	let text = v.schema;
	if (v.type !== 'PROTOBUF') {
		try {
			text = JSON.stringify(JSON.parse(v.schema), null, 2);
		} catch {
			// Not JSON: shown as registered.
		}
	} else {
		const described = descriptorText(text);
		if (described !== null) text = `// registered as a FileDescriptorProto (base64), shown decoded\n${described}`;
	}
	return text.split('\n').map(l => safeString(l.replace(/\t/g, '  ')));
};

/**
 * The versions take up to a third of the height; the schema of the selected one fills the rest, scrolled by J/K:
 * the screen and the keys work it out the same way.
 */
export const subjectLayout = (model: VersionsModel, position: ListPosition, height: number) => {
	const listHeight = Math.max(4, Math.min(model.list.rows.length + 3, Math.floor(height / 3)));
	const selected = model.list.rows[resolveIndex(position, model.list.keys)] ?? null;
	const room = Math.max(1, height - listHeight - 1);
	const lines = selected ? schemaLines(selected) : [];
	return {listHeight, selected, room, lines, max: Math.max(0, lines.length - room)};
};

export type SubjectLayout = ReturnType<typeof subjectLayout>;

export const SubjectScreen = ({
	subject,
	model,
	layout,
	position,
	filter,
	scroll,
	box,
}: {
	subject: string;
	model: VersionsModel;
	/** subjectLayout of the model: the keys page by it too, so the app works it out once. */
	layout: SubjectLayout;
	position: ListPosition;
	filter: string;
	scroll: number;
	box: Box;
}) => {
	const {listHeight, selected, room, lines, max} = layout;
	const from = Math.min(scroll, max);
	const shown = lines.slice(from, from + room);
	return (
		<InkBox flexDirection="column" width={box.width} height={box.height}>
			<ListPane
				list={model.list}
				position={position}
				filter={filter}
				focused
				stale={false}
				box={{width: box.width, height: listHeight}}
				name="versions"
				detail={`of ${safeString(subject)}`}
				columns={[
					{title: 'VERSION', width: 8, align: 'right', cell: r => `v${r.version}`},
					{title: 'ID', width: 8, align: 'right', cell: r => String(r.id)},
					{title: 'TYPE', width: 'flex', minWidth: 11, cell: r => TYPE_NAMES[r.type]},
				]}
				empty={model.error ?? (model.loading ? 'reading the versions…' : 'no versions')}
			/>
			<Text color="cyan" bold wrap="truncate">
				{rule(
					selected
						? `schema v${selected.version} (id ${selected.id})${lines.length > room ? `, lines ${from + 1}-${from + shown.length} of ${lines.length} (J/K)` : ''}`
						: 'schema',
					box.width,
				)}
			</Text>
			{shown.map((line, i) => (
				<Text key={i} wrap="truncate">
					{fit(line, box.width)}
				</Text>
			))}
		</InkBox>
	);
};
