import net from 'node:net';
import tls from 'node:tls';
import type {Connection} from './connection.js';
import {ErrorCode} from './error-codes.js';
import {toKexError} from './kafkajs-errors.js';
import {listOffsets, LATEST} from './offsets.js';
import {describeQuorum} from './protocol/describe-quorum.js';
import {listGroups as listGroupsApi} from './protocol/list-groups.js';
import {metadata} from './snapshot.js';
import type {TlsOptions} from './types.js';

// What `kex config check` asks of a cluster, step by step: can the brokers' addresses be reached at all, does TLS
// come up (and with which certificate), and, once connected and authenticated, what the brokers speak and which
// of kex's features this principal may use. Each step says what it found in words.

export type Step = {ok: boolean; text: string};

const hostPort = (address: string) => {
	const at = address.lastIndexOf(':');
	return {host: address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(address.slice(at + 1))};
};

/** A TCP connection to the address, and how long it took. */
export const reachable = (address: string, timeoutMs: number): Promise<Step> =>
	new Promise(resolve => {
		const started = Date.now();
		const socket = net.connect(hostPort(address));
		const done = (step: Step) => {
			socket.destroy();
			resolve(step);
		};
		socket.setTimeout(timeoutMs);
		socket.once('connect', () => done({ok: true, text: `TCP: ${address} reachable (${Date.now() - started} ms)`}));
		socket.once('timeout', () => done({ok: false, text: `TCP: ${address}: no answer within ${timeoutMs} ms`}));
		socket.once('error', error => done({ok: false, text: `TCP: ${toKexError(error, [address], timeoutMs).message}`}));
	});

const day = 24 * 60 * 60 * 1000;

/** A TLS handshake with the address as the connection would make it; the server certificate's subject and expiry. */
export const handshake = (address: string, options: TlsOptions, timeoutMs: number, now = Date.now()): Promise<Step> =>
	new Promise(resolve => {
		const {host, port} = hostPort(address);
		const socket = tls.connect({
			host,
			port,
			ca: options.ca,
			cert: options.cert,
			key: options.key,
			passphrase: options.keyPassword,
			servername: options.serverName ?? (net.isIP(host) ? undefined : host),
			rejectUnauthorized: options.verify,
		});
		const done = (step: Step) => {
			socket.destroy();
			resolve(step);
		};
		socket.setTimeout(timeoutMs);
		socket.once('secureConnect', () => {
			const cert = socket.getPeerCertificate();
			const expires = new Date(cert.valid_to);
			const left = Math.floor((expires.getTime() - now) / day);
			const subject = cert.subject?.CN ?? '(no common name)';
			const issuer = cert.issuer?.CN ?? '(unknown issuer)';
			const verified = options.verify ? 'verified' : 'NOT verified (verify: false)';
			done({
				ok: true,
				text: `TLS: ${socket.getProtocol()} with ${address}, certificate ${subject} issued by ${issuer}, ${verified}, expires ${expires.toISOString().slice(0, 10)} (${left} days)`,
			});
		});
		socket.once('timeout', () => done({ok: false, text: `TLS: ${address}: no handshake within ${timeoutMs} ms`}));
		socket.once('error', error =>
			done({ok: false, text: toKexError(error, [address], timeoutMs, {tls: true, sasl: null}).message}),
		);
	});

/** What the brokers speak, from their API versions: the kex features that depend on a version. */
const speaks = (max: (apiKey: number) => number | null) => {
	const v = (key: number, name: string) => (max(key) === null ? null : `${name} v${max(key)}`);
	const listed = [v(1, 'Fetch'), v(0, 'Produce'), v(3, 'Metadata')].filter(Boolean).join(', ');
	const modern = max(69) !== null ? 'Kafka 4 consumer groups (ConsumerGroupDescribe)' : 'classic consumer groups only';
	const kraft = max(55) !== null ? 'KRaft (DescribeQuorum)' : 'no DescribeQuorum (ZooKeeper era)';
	return `${listed}; ${modern}; ${kraft}`;
};

/** Once connected: who we are, what each broker speaks, and which features this principal may use. */
export const accessReport = (connection: Connection, who: string): Promise<Step[]> =>
	connection.run(async () => {
		const steps: Step[] = [];
		const meta = await metadata(connection, null);
		steps.push({ok: true, text: `authenticated: ${who}`});
		for (const b of meta.brokers) {
			const broker = await connection.broker(b.nodeId);
			steps.push({
				ok: true,
				text: `broker ${b.nodeId} (${b.host}:${b.port}${b.rack ? `, rack ${b.rack}` : ''}): ${speaks(k => broker.maxVersion(k))}`,
			});
		}
		// Metadata for all topics lists only those this principal may describe.
		const visible = meta.topicMetadata.filter(t => t.topicErrorCode === ErrorCode.NONE);
		steps.push({ok: true, text: `topics: ${visible.length} visible`});
		const any = await connection.broker(meta.brokers[0]!.nodeId);
		const groups = any.supports(listGroupsApi)
			? await any.send(listGroupsApi, {}).then(
					g => ({ok: true, text: `consumer groups: may list them (${g.groups.length} on broker ${any.nodeId})`}),
					(error: unknown) => ({
						ok: false,
						text: `consumer groups: cannot list them: ${connection.describe(error).message}`,
					}),
				)
			: {ok: true, text: 'consumer groups: listed the old way (ListGroups before v5)'};
		steps.push(groups);
		if (any.supports(describeQuorum)) {
			steps.push(
				await any.send(describeQuorum, {}).then(
					q =>
						q.errorCode === ErrorCode.NONE
							? {ok: true, text: 'controller: may see the KRaft quorum'}
							: {
									ok: false,
									text: `controller: DescribeQuorum refused (error ${q.errorCode}): the controller shows as unknown`,
								},
					(error: unknown) => ({ok: false, text: `controller: ${connection.describe(error).message}`}),
				),
			);
		}
		const topic = visible.find(t => !t.isInternal);
		if (topic) {
			const leader = topic.partitionMetadata[0]?.leader ?? -1;
			if (leader >= 0) {
				const answer = await listOffsets(
					await connection.broker(leader),
					[{topic: topic.topic, partitions: [topic.partitionMetadata[0]!.partitionId]}],
					LATEST,
				).then(
					a => a[0]?.partitions[0]?.errorCode ?? ErrorCode.NONE,
					(error: unknown) => connection.describe(error).message,
				);
				steps.push(
					answer === ErrorCode.NONE
						? {ok: true, text: `messages: may read offsets of ${topic.topic} (and so browse it)`}
						: {
								ok: false,
								text: `messages: reading ${topic.topic} is refused (${answer === ErrorCode.TOPIC_AUTHORIZATION_FAILED ? 'not authorized' : typeof answer === 'string' ? answer : `error ${answer}`})`,
							},
				);
			}
		}
		return steps;
	});
