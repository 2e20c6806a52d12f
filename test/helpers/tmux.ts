import {spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {waitFor} from './env.js';

// The built kex in a real terminal (tmux), as a user runs it: keys go in with send-keys, the screen comes out
// with capture-pane. Each session has its own tmux server, so tests never touch a user's tmux.

export type Terminal = {
	keys(...keys: string[]): void;
	screen(): string;
	waitForScreen(check: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): void;
	/**
	 * Runs a `:` command: opens the command line (again, if a key sent while kex was still starting was lost),
	 * clears it, types the command and Enter.
	 */
	command(text: string): Promise<void>;
	close(): void;
};

export const openTerminal = (command: string, columns: number, rows: number): Terminal => {
	const socket = `kex-test-${randomUUID().slice(0, 8)}`;
	const tmux = (...args: string[]) => {
		const r = spawnSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
		if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
		return r.stdout;
	};
	// Ink renders only a last frame when it thinks it runs in CI; the shell wrapper also shows how kex exited.
	const env = Object.keys(process.env).filter(k => k === 'CI' || k.startsWith('CI_') || k === 'CONTINUOUS_INTEGRATION');
	tmux(
		'new-session',
		'-d',
		'-x',
		String(columns),
		'-y',
		String(rows),
		`env ${env.map(k => `-u ${k}`).join(' ')} ${command}; echo "kex exited with $?"; sleep 600`,
	);
	const screen = () => tmux('capture-pane', '-p');
	return {
		keys: (...keys) => void tmux('send-keys', ...keys),
		screen,
		waitForScreen: (check, what, timeoutMs = 15_000) =>
			waitFor(
				() => {
					const s = screen();
					return check(s) ? s : undefined;
				},
				() => `${what}; the screen was:\n${screen()}`,
				timeoutMs,
			),
		resize: (c, r) => void tmux('resize-window', '-x', String(c), '-y', String(r)),
		command: async text => {
			const open = () => screen().includes('Enter run');
			await waitFor(
				async () => {
					if (!open()) tmux('send-keys', ':');
					for (let i = 0; i < 10 && !open(); i++) await new Promise(resolve => setTimeout(resolve, 100));
					return open() ? true : undefined;
				},
				() => `the command line; the screen was:\n${screen()}`,
			);
			tmux('send-keys', 'C-u', ...text.split(''));
			await waitFor(() => (screen().includes(`:${text}`) ? true : undefined), `:${text} typed`);
			tmux('send-keys', 'Enter');
		},
		close: () => void spawnSync('tmux', ['-L', socket, 'kill-server']),
	};
};
