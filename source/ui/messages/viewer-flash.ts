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

/** What the viewer has to say on the status line: a running task, an error, a bad filter, a notice. */
export const viewerFlash = (state: ViewerState, filter: ParsedFilter, now: number): Flash | null =>
	state.task
		? {level: 'info', text: taskLine(state.task, now)}
		: state.error
			? {level: 'error', text: state.error}
			: !filter.ok
				? {level: 'error', text: filter.error}
				: state.notice
					? {level: 'info', text: state.notice}
					: null;
