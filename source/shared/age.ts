// A span of time in its largest sensible units ("42s", "4m10s", "3h05m", "2d4h"): the one way the screen and the
// command line say how old, how long, or how soon.

export const age = (ms: number): string => {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
	if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(s / 86_400)}d${Math.floor((s % 86_400) / 3600)}h`;
};
