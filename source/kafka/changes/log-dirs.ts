import type {LogDir} from '../change-types.js';
import type {Connection} from '../connection.js';
import {describeLogDirs} from '../protocol/admin/describe-log-dirs.js';
import {metadata, topicMetadata} from '../snapshot.js';
import {refusalText} from './refusal.js';

// Log directories of brokers (DescribeLogDirs, asked of each broker): their volume's size and free space, and the
// bytes of each partition replica, for one topic or all. A broker that does not answer is a directory-less error
// entry, not a failed answer.

export const logDirs = async (
	connection: Connection,
	{brokers, topic}: {brokers?: number[]; topic?: string} = {},
): Promise<LogDir[]> =>
	connection.run(async () => {
		const meta = await metadata(connection, []);
		const ids = brokers ?? meta.brokers.map(b => b.nodeId).sort((a, b) => a - b);
		// An unknown topic is said as such, not as an empty answer.
		const known = topic ? await topicMetadata(connection, topic) : null;
		const topics = known ? [{topic: known.topic, partitions: known.partitionMetadata.map(p => p.partitionId)}] : null;
		const perBroker = await Promise.all(
			ids.map(async (brokerId): Promise<LogDir[]> => {
				try {
					const target = await connection.broker(brokerId);
					const answer = await target.send(describeLogDirs, {topics});
					if (answer.errorCode !== 0) {
						const error = refusalText(answer.errorCode);
						return [{brokerId, path: '', error, totalBytes: null, usableBytes: null, replicas: []}];
					}
					return answer.dirs.map(d => ({
						brokerId,
						path: d.path,
						error: d.errorCode === 0 ? null : refusalText(d.errorCode),
						totalBytes: d.totalBytes < 0 ? null : d.totalBytes,
						usableBytes: d.usableBytes < 0 ? null : d.usableBytes,
						replicas: d.replicas.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
					}));
				} catch (error) {
					const reason = connection.describe(error, connection.addressOf(brokerId)).message;
					return [{brokerId, path: '', error: reason, totalBytes: null, usableBytes: null, replicas: []}];
				}
			}),
		);
		return perBroker.flat();
	});
