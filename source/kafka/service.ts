import {createConnection} from './connection.js';
import {groupLag, groupsLag} from './groups-lag.js';
import {listGroups} from './groups.js';
import {createProducer} from './producing.js';
import {accessReport} from './probe.js';
import {read} from './reading.js';
import {clusterInfo, snapshot, topicDetail, topicSummaries} from './snapshot.js';
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
	return {
		bootstrap: options.brokers,
		cluster: () => clusterInfo(connection),
		topics: options_ => topicSummaries(connection, options_),
		topic: name => topicDetail(connection, name),
		snapshot: () => snapshot(connection),
		groups: () => listGroups(connection),
		groupLag: groupId => groupLag(connection, groupId),
		groupsLag: groupIds => groupsLag(connection, groupIds),
		read: request => read(connection, request),
		produce: producer.produce,
		send: producer.send,
		checkAccess: () => accessReport(connection, whoOf(options)),
		close: () => connection.close(),
	};
};
