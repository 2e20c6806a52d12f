// Numbers, times and errors as the screen shows them: exact counts with separators, ages in the largest sensible
// unit, an error's message.

export const count = (n: number | null | undefined): string =>
	n === null || n === undefined ? '?' : n.toLocaleString('en-US');

export const age = (ms: number): string => {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
	if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(s / 86_400)}d${Math.floor((s % 86_400) / 3600)}h`;
};

/** The line to show for anything thrown. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const idList = (ids: number[]): string => ids.join(',');
