import {Text} from 'ink';
import {safeString} from '../../format/safe-text.js';
import {Pane} from '../kit/pane.js';
import {fit} from '../kit/text-fit.js';
import type {ChangeState} from './change-state.js';

// The change dialog: the fields as typed, the cluster's objection in red, then what would happen and the question.
// It takes the body of the screen, so nothing else competes for the keys or the eye.

type Props = {state: ChangeState; width: number; height: number};

const wrap = (text: string, width: number): string[] => {
	const lines: string[] = [];
	let rest = text;
	while (rest.length > width && width > 10) {
		const cut = rest.lastIndexOf(' ', width);
		const at = cut > width / 2 ? cut : width;
		lines.push(rest.slice(0, at));
		rest = `  ${rest.slice(at).trimStart()}`;
	}
	lines.push(rest);
	return lines;
};

export const ChangeDialog = ({state, width, height}: Props) => {
	const {spec, values, field, phase, preview, typed, error} = state;
	if (!spec) return null;
	const labelWidth = Math.max(0, ...spec.fields.map(f => f.label.length)) + 2;
	const rows: Array<{text: string; color?: string; bold?: boolean; dim?: boolean}> = [];
	spec.fields.forEach((f, i) => {
		const here = i === field && phase === 'editing';
		const value = safeString(values[f.name] ?? '');
		const shown = f.choices ? `< ${value} >` : `${value}${here ? '▏' : ''}`;
		rows.push({text: `${here ? '›' : ' '} ${f.label.padEnd(labelWidth)}${shown}`, bold: here});
		if (here && f.hint) rows.push({text: `  ${' '.repeat(labelWidth)}${f.hint}`, dim: true});
	});
	if (spec.fields.length > 0) rows.push({text: ''});
	// The cluster's reason in full: wrapped, never cut, since it is what tells the person what to fix.
	if (error) for (const line of wrap(`✖ ${safeString(error)}`, width)) rows.push({text: line, color: 'red'});
	if (phase === 'checking') rows.push({text: 'asking the cluster what this would do…', color: 'yellow'});
	if (phase === 'applying') rows.push({text: 'changing the cluster…', color: 'yellow'});
	if (preview && (phase === 'confirming' || phase === 'applying')) {
		// The question stays on screen however long the preview: the end of a long one is cut, and said so.
		const room = Math.max(1, height - 1 - rows.length - 3);
		const lines = preview.lines.flatMap(line => wrap(`  ${safeString(line)}`, width));
		const shown =
			lines.length > room ? [...lines.slice(0, room - 1), `  … and ${lines.length - room + 1} more lines`] : lines;
		for (const line of shown) rows.push({text: line});
		rows.push({text: ''});
		if (phase === 'confirming')
			rows.push(
				preview.typed
					? {
							text: `Type ${preview.typed} and Enter to confirm, Esc to go back: ${safeString(typed)}▏`,
							color: 'yellow',
							bold: true,
						}
					: {text: 'y: do it   Esc: back to the form', color: 'yellow', bold: true},
			);
	} else if (phase === 'editing') {
		rows.push({
			text: 'Enter: check (nothing changes yet)   Esc: leave, keeping what you typed',
			dim: true,
		});
	}
	return (
		<Pane title={spec.title} filter="" focused stale={false} width={width} height={height}>
			{rows.slice(0, height - 1).map((r, i) => (
				<Text key={i} color={r.color} bold={r.bold} dimColor={r.dim} wrap="truncate">
					{fit(r.text, width)}
				</Text>
			))}
		</Pane>
	);
};
