import {Box, Text} from 'ink';
import type {ClusterInfo, ClusterSnapshot} from '../../kafka/types.js';
import {age} from '../kit/format.js';
import {useNow} from '../kit/use-now.js';
import type {ConnectionStatus} from '../kit/live-state.js';
import {fit} from '../kit/text-fit.js';

/** The cluster as configured: its name, and a label and colour so that production looks different. */
export type ClusterIdentity = {name: string; label?: string; color?: string};

/** A configured cluster's identity; null for a one-off connection, whose name is its address. */
export const configuredIdentity = (identity: ClusterIdentity | undefined, bootstrap: string): ClusterIdentity | null =>
	identity && identity.name !== bootstrap ? identity : null;

export type HeaderProps = {
	bootstrap: string;
	identity?: ClusterIdentity;
	cluster: ClusterInfo | null;
	/** Brokers that replicas name but the metadata does not list. */
	offlineBrokers: number;
	/** Partitions without a leader, and with fewer in-sync replicas than replicas. */
	partitions: {leaderless: number; underReplicated: number};
	status: ConnectionStatus;
	lastGoodAt: number | null;
	/** The first snapshot's topics are shown and their counts are still being read. */
	counting?: boolean;
	nextAttemptAt: number | null;
	failures: number;
	readOnly: boolean;
	width: number;
};

const STATUS_COLOR: Record<ConnectionStatus, string> = {
	connecting: 'yellow',
	connected: 'green',
	reconnecting: 'yellow',
	lost: 'red',
};

/** Over every topic: partitions without a leader, and under-replicated ones, for the header. */
export const partitionTrouble = (snapshot: ClusterSnapshot | null) => {
	let leaderless = 0;
	let underReplicated = 0;
	for (const t of snapshot?.topics ?? []) {
		leaderless += t.offlinePartitions;
		underReplicated += t.underReplicatedPartitions;
	}
	return {leaderless, underReplicated};
};

/** Two lines: which cluster, then its shape and how fresh what is shown is. Only this ticks every second. */
export const Header = ({
	bootstrap,
	identity,
	cluster,
	offlineBrokers,
	partitions,
	status,
	lastGoodAt,
	counting = false,
	nextAttemptAt,
	failures,
	readOnly,
	width,
}: HeaderProps) => {
	const now = useNow();
	// A named cluster leads with its name and label, in its colour; a one-off connection with its address.
	const named = configuredIdentity(identity, bootstrap);
	const badge = named ? `${named.name}${named.label ? ` ${named.label}` : ''}` : '';
	const first = `${named ? '  ' : ''}${bootstrap}${cluster?.clusterId ? `  cluster ${cluster.clusterId}` : ''}${readOnly ? '  [read-only]' : ''}`;
	// A broker that died stays listed until its session times out: the ones kex cannot reach are said at once.
	const answering = cluster ? cluster.brokers.length - cluster.silent.length : 0;
	const brokers = cluster
		? cluster.silent.length > 0
			? `${answering} of ${cluster.brokers.length} brokers answer`
			: `${cluster.brokers.length} broker${cluster.brokers.length === 1 ? '' : 's'}`
		: '';
	const trouble = [
		partitions.leaderless > 0
			? `${partitions.leaderless} partition${partitions.leaderless === 1 ? '' : 's'} leaderless`
			: '',
		partitions.underReplicated > 0 ? `${partitions.underReplicated} under-replicated` : '',
	].filter(Boolean);
	const shape = cluster
		? `${brokers}${offlineBrokers > 0 ? ` (+${offlineBrokers} offline)` : ''}${trouble.length > 0 ? `, ${trouble.join(', ')}` : ''}  controller ${cluster.controllerSource === 'denied' ? '? (not authorized)' : (cluster.controllerId ?? 'none')}${cluster.controllerSource === 'metadata' ? ' (zk)' : ''}  `
		: '';
	const since = counting
		? 'counting messages…'
		: lastGoodAt === null
			? 'no data yet'
			: `refreshed ${age(now - lastGoodAt)} ago`;
	const retry =
		nextAttemptAt !== null && status !== 'connected' ? `, retry in ${age(Math.max(0, nextAttemptAt - now) + 999)}` : '';
	const state = `● ${status}${failures > 0 ? ` (${failures} failed)` : ''}`;
	const rest = `  ${since}${retry}`;
	// The connection's state is what must show: the cluster's shape gives way to it on a narrow terminal.
	const shapeWidth = Math.min(shape.length, Math.max(0, width - state.length));
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">
				{'kex  '}
				{badge ? (
					<Text color={named?.color ?? 'cyan'} inverse={Boolean(named?.label)}>
						{badge.slice(0, Math.max(0, width - 5))}
					</Text>
				) : null}
				{fit(first, Math.max(0, width - 5 - badge.length))}
			</Text>
			<Text wrap="truncate">
				{fit(shape, shapeWidth)}
				<Text color={STATUS_COLOR[status]}>{fit(state, Math.max(0, Math.min(width - shapeWidth, state.length)))}</Text>
				<Text dimColor>{fit(rest, Math.max(0, width - shapeWidth - state.length))}</Text>
			</Text>
		</Box>
	);
};
