import {KexError} from './errors.js';
import {frameRequest, negotiateVersion, unframeResponse, type RawApi} from './protocol/api.js';
import type {ListedGroup} from './protocol/list-groups.js';
import type {ListOffsetsRequest, ListOffsetsResponse} from './protocol/list-offsets.js';
import type {MetadataResponse} from './protocol/metadata.js';
import type {OffsetFetchGroup} from './protocol/offset-fetch.js';
import {Writer} from './protocol/writer.js';
import type {DescribedGroup, InternalBroker} from './kafkajs-internals.js';
import type {TopicPartitionRef} from './types.js';

// One broker as the rest of kex sees it: our own codecs sent over kafkajs's authenticated connection to it, and the
// few requests kafkajs speaks itself for brokers older than our codecs. connection.ts hands these out; it alone
// imports kafkajs, so the one kafkajs-specific step (decoding member assignments) is passed in.

/** A classic group as DescribeGroups tells it, member assignments decoded. */
export type ClassicGroup = DescribedGroup & {
	members: Array<{
		memberId: string;
		clientId: string;
		clientHost: string;
		groupInstanceId: string | null;
		assignment: TopicPartitionRef[];
	}>;
};

/** One broker, by node id: our own codecs over its authenticated connection, and what kafkajs speaks itself. */
export type BrokerHandle = {
	nodeId: number;
	/** Whether the broker speaks a version of `api` that our codec speaks. */
	supports(api: RawApi<never, unknown>): boolean;
	/** The highest version of an API (by key) the broker speaks, or null when it does not speak it. */
	maxVersion(apiKey: number): number | null;
	send<Req, Res>(api: RawApi<Req, Res>, request: Req): Promise<Res>;
	/** kafkajs's own Metadata, for brokers older than our codec. */
	metadataV0(topics: string[]): Promise<MetadataResponse>;
	/** kafkajs's own ListOffsets, for brokers older than our codec. */
	listOffsetsV0(request: ListOffsetsRequest): Promise<ListOffsetsResponse>;
	/** kafkajs's own OffsetFetch: one group per request, for brokers older than our codec. */
	offsetFetchV0(groupId: string): Promise<OffsetFetchGroup>;
	/** kafkajs's own ListGroups, for brokers older than our codec: classic groups only, no state. */
	listGroupsV0(): Promise<ListedGroup[]>;
	describeGroups(groupIds: string[]): Promise<ClassicGroup[]>;
	describeTopicConfigs(topic: string, names: string[]): Promise<Map<string, string>>;
};

/** The resource type of a topic in DescribeConfigs. */
const TOPIC_RESOURCE = 2;

/** The shape of a kafkajs Encoder that its request framing reads. */
const encoded = (body: Buffer) => ({buf: body, buffer: body, size: () => body.length});

/** Told of every request's outcome per broker, to know which brokers stopped answering. */
export type Watch = {answered(nodeId: number): void; failed(nodeId: number, error: unknown): void};

export const handle = (
	target: InternalBroker,
	watch: Watch,
	decodeAssignment: (bytes: Buffer | null) => TopicPartitionRef[],
): BrokerHandle => {
	const supports = (api: RawApi<never, unknown>) => negotiateVersion(api, target.versions[api.apiKey]) !== null;
	const maxVersion = (apiKey: number) => target.versions[apiKey]?.maxVersion ?? null;
	return {
		nodeId: target.nodeId,
		supports,
		maxVersion,
		async send<Req, Res>(api: RawApi<Req, Res>, request: Req): Promise<Res> {
			const version = negotiateVersion(api as RawApi<never, unknown>, target.versions[api.apiKey]);
			if (version === null) {
				throw new KexError(
					'not-supported',
					`broker ${target.nodeId} does not support ${api.apiName} v${api.minVersion}+`,
				);
			}
			const body = frameRequest(api as RawApi<Req, unknown>, request, version);
			try {
				const response = (await target.connectionPool.send({
					request: {apiKey: api.apiKey, apiVersion: version, apiName: api.apiName, encode: () => encoded(body)},
					response: {
						decode: async (payload: Buffer) => payload,
						parse: async (payload: Buffer) => unframeResponse(api as RawApi<unknown, Res>, payload, version),
					},
				})) as Res;
				watch.answered(target.nodeId);
				return response;
			} catch (error) {
				watch.failed(target.nodeId, error);
				throw error;
			} finally {
				// kafkajs copied the body into its own request before sending it: settled, the body is free.
				Writer.release(body);
			}
		},
		metadataV0: topics => target.metadata(topics),
		async listOffsetsV0({isolationLevel, topics, timestamp}) {
			const old = await target.listOffsets({
				replicaId: -1,
				isolationLevel,
				topics: topics.map(({topic, partitions}) => ({
					topic,
					partitions: partitions.map(partition => ({partition, timestamp})),
				})),
			});
			return old.responses.map(t => ({
				topic: t.topic,
				partitions: t.partitions.map(p => ({...p, offset: Number(p.offset)})),
			}));
		},
		async offsetFetchV0(groupId) {
			const old = await target.offsetFetch({groupId, topics: []});
			return {
				groupId,
				errorCode: 0,
				topics: old.responses.map(r => ({
					topic: r.topic,
					partitions: r.partitions.map(p => ({...p, offset: Number(p.offset)})),
				})),
			};
		},
		async listGroupsV0() {
			const old = await target.listGroups();
			return old.groups.map(g => ({groupId: g.groupId, protocolType: g.protocolType, state: null, type: null}));
		},
		async describeGroups(groupIds) {
			const response = await target.describeGroups({groupIds});
			return response.groups.map(g => ({
				...g,
				members: g.members.map(m => ({
					memberId: m.memberId,
					clientId: m.clientId,
					clientHost: m.clientHost,
					groupInstanceId: m.groupInstanceId ?? null,
					assignment: g.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : [],
				})),
			}));
		},
		async describeTopicConfigs(topic, names) {
			const answer = await target.describeConfigs({
				resources: [{type: TOPIC_RESOURCE, name: topic, configNames: names}],
			});
			return new Map((answer.resources[0]?.configEntries ?? []).map(e => [e.configName, e.configValue]));
		},
	};
};
