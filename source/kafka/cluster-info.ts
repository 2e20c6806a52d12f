import type {ClusterInfo, SilentBroker} from './types.js';

type Metadata = {
	clusterId?: string | null;
	controllerId: number;
	brokers: Array<{nodeId: number; host: string; port: number; rack?: string | null}>;
};

/**
 * Under KRaft the controller id in a Metadata response is a random live broker, so the active controller is the
 * metadata quorum's leader. `quorumLeader` is undefined when the cluster has no quorum to ask (ZooKeeper mode),
 * where the Metadata answer is the truth, and null when the quorum has no leader right now.
 */
export const describeClusterInfo = (
	meta: Metadata,
	quorumLeader: number | null | undefined | 'denied',
	silent: SilentBroker[] = [],
): ClusterInfo => ({
	silent: silent.filter(s => meta.brokers.some(b => b.nodeId === s.id)),
	clusterId: meta.clusterId ?? null,
	brokers: meta.brokers
		.map(b => ({id: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null}))
		.sort((a, b) => a.id - b.id),
	controllerId:
		quorumLeader === undefined
			? meta.controllerId >= 0
				? meta.controllerId
				: null
			: quorumLeader === 'denied'
				? null
				: quorumLeader,
	controllerSource: quorumLeader === undefined ? 'metadata' : quorumLeader === 'denied' ? 'denied' : 'quorum',
});
