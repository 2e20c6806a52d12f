import {createAcl, deleteAclsMatching, listAcls} from './changes/acls.js';
import {alterTopicConfigs, brokerConfigs, topicConfigs} from './changes/configs.js';
import {deleteGroup, deleteGroupOffsets} from './changes/group-changes.js';
import {logDirs} from './changes/log-dirs.js';
import {applyReset, planReset} from './changes/offset-reset.js';
import {guardReadOnly} from './changes/read-only.js';
import {addPartitions, createTopic, deleteTopic, truncatePartition} from './changes/topic-changes.js';
import {createConnection} from './connection.js';
import {groupLag, groupsLag} from './groups-lag.js';
import {listGroups} from './groups.js';
import {createProducer} from './producing.js';
import {messageSender} from './send-messages.js';
import {accessReport} from './probe.js';
import {read, readInto} from './reading.js';
import {clusterInfo, snapshots, topicDetail, topicSummaries} from './snapshot.js';
import type {ConnectionOptions, KafkaService} from './types.js';

/** Who the cluster sees: the SASL user, or what the transport implies. */
const whoOf = ({sasl, tls}: ConnectionOptions) => {
	if (sasl) {
		const user = 'username' in sasl ? sasl.username : (sasl.principal ?? "the token's principal");
		return `as ${user} (SASL ${sasl.mechanism.toUpperCase()}${tls ? ' over TLS' : ', not encrypted'})`;
	}
	if (tls?.cert) return 'by the client certificate (TLS)';
	return tls ? 'anonymous (TLS without a client certificate)' : 'anonymous (PLAINTEXT: no TLS, no SASL)';
};

/** The service the app and the commands use: one connection, each concern in its own module. */
export const createKafkaService = (options: ConnectionOptions): KafkaService => {
	const connection = createConnection(options);
	const producer = createProducer(connection);
	const messages = messageSender(producer);
	const snapshot = snapshots(connection);
	const service: KafkaService = {
		bootstrap: options.brokers,
		cluster: () => clusterInfo(connection),
		topics: options_ => topicSummaries(connection, options_),
		topic: name => topicDetail(connection, name),
		snapshot: early => snapshot(early),
		groups: () => listGroups(connection),
		groupLag: groupId => groupLag(connection, groupId),
		groupsLag: groupIds => groupsLag(connection, groupIds),
		read: request => read(connection, request),
		readInto: (request, sink) => readInto(connection, request, sink),
		produce: messages.produce,
		send: messages.send,
		records: topic => producer.records(topic),
		sendRecords: (set, options_) => producer.sendRecords(set, options_),
		checkAccess: () => accessReport(connection, whoOf(options)),
		topicConfigs: topic => topicConfigs(connection, topic),
		brokerConfigs: id => brokerConfigs(connection, id),
		logDirs: options_ => logDirs(connection, options_),
		acls: filter => listAcls(connection, filter),
		planReset: (groupId, scope, target) => planReset(connection, groupId, scope, target),
		readOnly: Boolean(options.readOnly),
		createTopic: (spec, options_) => createTopic(connection, spec, options_),
		deleteTopic: name => deleteTopic(connection, name),
		alterTopicConfigs: (topic, changes, options_) => alterTopicConfigs(connection, topic, changes, options_),
		addPartitions: (topic, count, options_) => addPartitions(connection, topic, count, options_),
		truncate: (topic, partition, before) => truncatePartition(connection, topic, partition, before),
		resetOffsets: plan => applyReset(connection, plan),
		deleteGroup: groupId => deleteGroup(connection, groupId),
		deleteGroupOffsets: (groupId, topic) => deleteGroupOffsets(connection, groupId, topic),
		createAcl: binding => createAcl(connection, binding),
		deleteAcls: filter => deleteAclsMatching(connection, filter),
		close: () => connection.close(),
	};
	return options.readOnly ? guardReadOnly(service) : service;
};
