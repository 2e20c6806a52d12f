import {count} from '../kit/format.js';
import type {Flash} from '../shell/app-state.js';
import type {ParsedFilter} from './message-filter.js';
import type {Task, ViewerState} from './viewer-state.js';

const taskLine = (task: Task, now: number) => {
	const seconds = Math.max(0.001, (now - task.startedAt) / 1000);
	const read = `${count(task.scanned)} read (${count(Math.round(task.scanned / seconds))}/s)`;
	return task.kind === 'scan'
		? `searching: ${read}, no match yet. Esc cancels`
		: `exporting to ${task.file}: ${count(task.matched)} written, ${read}. Esc cancels`;
};

/** Why the end of the view waits: open transactions hold partitions at their last stable offset. */
export const heldText = (state: ViewerState): string | null => {
	const held = (state.window?.spans ?? []).filter(s => (s.pending ?? 0) > 0 && s.next >= s.high);
	if (held.length === 0) return null;
	const offsets = held.reduce((n, s) => n + s.pending!, 0);
	const where =
		held.length === 1
			? `partition ${held[0]!.partition} waits at offset ${count(held[0]!.high)}`
			: `partitions ${held.map(s => s.partition).join(', ')} wait`;
	return `${where}: an open transaction holds ${count(offsets)} later offset${offsets === 1 ? '' : 's'} until it commits or aborts (reading committed only)`;
};

/** What the viewer has to say on the status line: a running task, an error, a bad filter, a notice, a wait. */
export const viewerFlash = (state: ViewerState, filter: ParsedFilter, now: number): Flash | null =>
	state.task
		? {level: 'info', text: taskLine(state.task, now)}
		: state.error
			? {level: 'error', text: state.error}
			: !filter.ok
				? {level: 'error', text: filter.error}
				: state.notice
					? {level: 'info', text: state.notice}
					: state.waiting
						? {level: 'warn', text: `live tail waits: ${state.waiting}; it goes on by itself`}
						: heldFlash(state);

const heldFlash = (state: ViewerState): Flash | null => {
	const text = heldText(state);
	return text ? {level: 'info', text} : null;
};
