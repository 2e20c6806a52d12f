import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type Size = {columns: number; rows: number};

const sizeOf = (stdout: NodeJS.WriteStream): Size => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

/** The terminal's size, following resizes. Tests pass a size instead, as the test stdout has no rows. */
export const useTerminalSize = (fixed?: Size): Size => {
	const {stdout} = useStdout();
	const [size, setSize] = useState<Size>(() => fixed ?? sizeOf(stdout));
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
};
