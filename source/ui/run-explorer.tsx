import {render, useApp} from 'ink';
import {Component, useState, type ReactNode} from 'react';
import type {KafkaService} from '../kafka/types.js';
import type {Schemas} from '../schema/schemas.js';
import {App} from './app.js';
import type {ClusterIdentity} from './shell/header.js';

// The explorer owns the terminal while it runs: the alternate screen (so quitting restores what was there), raw
// keys, a hidden cursor. Every way out (q, Ctrl-C, a signal, a bug) goes through `restore`.

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

class Boundary extends Component<{children: ReactNode; onError: (error: Error) => void}, {failed: boolean}> {
	override state = {failed: false};
	static getDerivedStateFromError() {
		return {failed: true};
	}
	override componentDidCatch(error: Error) {
		this.props.onError(error);
	}
	override render() {
		return this.state.failed ? null : this.props.children;
	}
}

const ExitOnError = ({children}: {children: ReactNode}) => {
	const {exit} = useApp();
	return <Boundary onError={error => exit(error)}>{children}</Boundary>;
};

/** One cluster's connection as the explorer shows it. */
export type Session = {
	service: KafkaService;
	identity?: ClusterIdentity;
	readOnly: boolean;
	refreshMs: number;
	/** The cluster's schema registry, when it has one (and decoding is on). */
	schemas?: Schemas | null;
};

export type ExplorerOptions = {
	session: Session;
	messageWindow: number;
	logFile?: string;
	/** The configured clusters :ctx switches between; `open` connects to one (and may fail, said in words). */
	clusters?: {names: readonly string[]; open(name: string): Session};
};

/** Holds the cluster in use; a switch starts a fresh explorer on the new cluster and closes the old connection. */
const Switcher = ({
	first,
	clusters,
	messageWindow,
	logFile,
	onSwitch,
}: {first: Session; onSwitch: (s: Session) => void} & Omit<ExplorerOptions, 'session'>) => {
	const [session, setSession] = useState(first);
	const [problem, setProblem] = useState<{text: string} | null>(null);
	const switchTo = (name: string) => {
		if (!clusters || name === session.identity?.name) return;
		try {
			const next = clusters.open(name);
			void session.service.close();
			setSession(next);
			onSwitch(next);
		} catch (error) {
			setProblem({text: `cannot switch to ${name}: ${error instanceof Error ? error.message : String(error)}`});
		}
	};
	const name = session.identity?.name ?? session.service.bootstrap.join(',');
	return (
		<App
			key={name}
			service={session.service}
			identity={session.identity}
			clusters={clusters ? {names: clusters.names, current: name, switchTo} : undefined}
			problem={problem}
			refreshMs={session.refreshMs}
			readOnly={session.readOnly}
			schemas={session.schemas ?? null}
			messageWindow={messageWindow}
			logFile={logFile}
		/>
	);
};

export const runExplorer = async ({session, messageWindow, clusters, logFile}: ExplorerOptions): Promise<void> => {
	// The session in use when the explorer ends, so that its connection is closed too.
	let current = session;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		process.stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
	};
	process.stdout.write(ENTER_ALT_SCREEN);
	process.once('exit', restore);
	const instance = render(
		<ExitOnError>
			<Switcher
				first={session}
				clusters={clusters}
				messageWindow={messageWindow}
				logFile={logFile}
				onSwitch={s => (current = s)}
			/>
		</ExitOnError>,
		{exitOnCtrlC: false, patchConsole: true},
	);
	const stop = () => instance.unmount();
	for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.once(signal, stop);
	try {
		await instance.waitUntilExit();
	} finally {
		instance.cleanup();
		restore();
		if (current !== session) await current.service.close();
	}
};
