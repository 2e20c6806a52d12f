import type {ClusterSnapshot, GroupListing, KafkaService, PartitionInfo, TopicOverview} from '../../source/kafka/types.js';
import {summarizeTopic} from '../../source/kafka/topic-summary.js';

// An in-memory KafkaService for component tests: the test sets what the cluster looks like, or makes it fail,
// and counts the calls. Only the UI is under test here; the real broker is exercised by the other test files.

export const partitions = (count: number, high = 10, replicas = [1]): PartitionInfo[] =>
	Array.from({length: count}, (_, partition) => ({
		partition,
		leader: replicas[partition % replicas.length]!,
		replicas,
		isr: replicas,
		offlineReplicas: [],
		lowWatermark: 0,
		highWatermark: high,
	}));

export const topic = (name: string, parts: PartitionInfo[], internal = false): TopicOverview => ({
	...summarizeTopic(name, internal, parts),
	partitions: parts,
});

export const snapshotOf = (topics: TopicOverview[], brokerIds = [1], controllerId = 1): ClusterSnapshot => ({
	cluster: {
		clusterId: 'fake-cluster-id',
		brokers: brokerIds.map(id => ({id, host: `broker-${id}.example`, port: 9092, rack: null})),
		controllerId,
		controllerSource: 'quorum',
	},
	topics: [...topics].sort((a, b) => (a.name < b.name ? -1 : 1)),
	warnings: [],
	takenAt: Date.now(),
});

export class FakeService implements KafkaService {
	readonly bootstrap = ['fake:9092'];
	snapshotCalls = 0;
	/** What the next snapshot() answers: data, or an Error to reject with. */
	next: ClusterSnapshot | Error;
	groupList: GroupListing[] = [];
	/** When set, snapshot() waits for this before answering (to test a refresh still running). */
	gate: Promise<void> | null = null;

	constructor(initial: ClusterSnapshot | Error) {
		this.next = initial;
	}

	async snapshot() {
		this.snapshotCalls += 1;
		if (this.gate) await this.gate;
		if (this.next instanceof Error) throw this.next;
		return {...this.next, takenAt: Date.now()};
	}

	async groups() {
		return this.groupList;
	}

	cluster = async () => this.snap().cluster;
	topics = async () => this.snap().topics;
	topic = async (name: string) => this.snap().topics.find(t => t.name === name)!;
	describeGroups = async () => [];
	groupLag = async (): Promise<never> => {
		throw new Error('not in the fake');
	};
	async *read() {}
	produce = async () => [];
	close = async () => {};

	private snap() {
		if (this.next instanceof Error) throw this.next;
		return this.next;
	}
}
