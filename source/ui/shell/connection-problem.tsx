import {Box, Text} from 'ink';
import {fit} from '../kit/text-fit.js';

/** Shown in place of the panes until a first answer arrives: what was tried and what happened. */
export const ConnectionProblem = ({
	bootstrap,
	error,
	logFile,
	cluster,
	width,
	height,
}: {
	bootstrap: string;
	/** The configured cluster's name; null for --brokers. */
	cluster: string | null;
	error: string | null;
	/** Where the full detail of the failure was written. */
	logFile?: string;
	width: number;
	height: number;
}) => (
	<Box flexDirection="column" width={width} height={height}>
		<Text wrap="truncate">
			{fit(error ? `Cannot load the cluster at ${bootstrap}.` : `Connecting to ${bootstrap} ...`, width)}
		</Text>
		{error ? (
			<>
				<Text color="red" wrap="truncate">
					{fit(error, width)}
				</Text>
				<Text dimColor wrap="wrap">
					{cluster
						? `kex keeps retrying; q quits. kex config check ${cluster} tries each step of the connection.`
						: 'kex keeps retrying. Check the address (--brokers or KAFKA_BROKERS); q quits.'}
				</Text>
				{logFile ? (
					<Text dimColor wrap="truncate">
						{fit(`The details are in ${logFile}`, width)}
					</Text>
				) : null}
			</>
		) : null}
	</Box>
);
