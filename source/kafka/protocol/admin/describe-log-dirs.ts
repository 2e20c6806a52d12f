import type {RawApi} from '../api.js';

// DescribeLogDirs (API 35), flexible v2+: one broker's log directories, the size of each partition replica in them,
// and (v4+) the volume's total and usable bytes.

export type DescribeLogDirsRequest = {topics: Array<{topic: string; partitions: number[]}> | null};

export type LogDirResult = {
	errorCode: number;
	path: string;
	replicas: Array<{topic: string; partition: number; size: number; offsetLag: number; future: boolean}>;
	/** -1 when the broker does not say (before v4). */
	totalBytes: number;
	usableBytes: number;
};

export type DescribeLogDirsResponse = {errorCode: number; dirs: LogDirResult[]};

export const describeLogDirs: RawApi<DescribeLogDirsRequest, DescribeLogDirsResponse> = {
	apiKey: 35,
	apiName: 'DescribeLogDirs',
	minVersion: 2,
	maxVersion: 4,
	encode(request, _version, w) {
		w.compactArray(request.topics, (t, w) => {
			w.compactString(t.topic).compactArray(t.partitions, (p, w) => w.int32(p));
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	decode(r, version) {
		r.int32(); // ThrottleTimeMs
		const errorCode = version >= 3 ? r.int16() : 0;
		const dirs = r.compactArray((r): LogDirResult => {
			const dirError = r.int16();
			const path = r.compactString();
			const replicas = r
				.compactArray(r => {
					const topic = r.compactString();
					const partitions = r.compactArray(r => {
						const partition = r.int32();
						const size = r.int64();
						const offsetLag = r.int64();
						const future = r.bool();
						r.taggedFields();
						return {topic, partition, size, offsetLag, future};
					});
					r.taggedFields();
					return partitions;
				})
				.flat();
			const totalBytes = version >= 4 ? r.int64() : -1;
			const usableBytes = version >= 4 ? r.int64() : -1;
			r.taggedFields();
			return {errorCode: dirError, path, replicas, totalBytes, usableBytes};
		});
		r.taggedFields();
		return {errorCode, dirs};
	},
};
