import {render, useApp} from 'ink';
import {Component, type ReactNode} from 'react';
import type {KafkaService} from '../kafka/types.js';
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

export type ExplorerOptions = {
	service: KafkaService;
	identity?: ClusterIdentity;
	refreshMs: number;
	readOnly: boolean;
	messageWindow: number;
};

export const runExplorer = async ({
	service,
	identity,
	refreshMs,
	readOnly,
	messageWindow,
}: ExplorerOptions): Promise<void> => {
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
			<App
				service={service}
				identity={identity}
				refreshMs={refreshMs}
				readOnly={readOnly}
				messageWindow={messageWindow}
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
	}
};
