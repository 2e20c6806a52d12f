import type {RawApi} from '../api.js';
import type {Reader} from '../reader.js';
import type {Writer} from '../writer.js';

// DescribeAcls (29), CreateAcls (30) and DeleteAcls (31), flexible v2+. An ACL binding is a resource pattern (type,
// name, literal or prefixed) and an entry (principal, host, operation, allow or deny); the codes are Kafka's enums
// (see acl-names.ts). A filter has the same fields, where ANY (1) and null match everything.

export type AclBindingCodes = {
	resourceType: number;
	resourceName: string;
	patternType: number;
	principal: string;
	host: string;
	operation: number;
	permission: number;
};

export type AclFilterCodes = {
	resourceType: number;
	resourceName: string | null;
	patternType: number;
	principal: string | null;
	host: string | null;
	operation: number;
	permission: number;
};

export type AclOutcome = {errorCode: number; errorMessage: string | null};

const writeFilter = (f: AclFilterCodes, w: Writer) => {
	w.int8(f.resourceType).compactString(f.resourceName).int8(f.patternType);
	w.compactString(f.principal).compactString(f.host).int8(f.operation).int8(f.permission);
};

const readEntry = (r: Reader) => {
	const entry = {principal: r.compactString(), host: r.compactString(), operation: r.int8(), permission: r.int8()};
	r.taggedFields();
	return entry;
};

export const describeAcls: RawApi<AclFilterCodes, AclOutcome & {bindings: AclBindingCodes[]}> = {
	apiKey: 29,
	apiName: 'DescribeAcls',
	minVersion: 2,
	maxVersion: 3,
	encode(filter, _version, w) {
		writeFilter(filter, w);
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const errorCode = r.int16();
		const errorMessage = r.compactNullableString();
		const bindings = r
			.compactArray(r => {
				const resourceType = r.int8();
				const resourceName = r.compactString();
				const patternType = r.int8();
				const entries = r.compactArray(readEntry);
				r.taggedFields();
				return entries.map(e => ({resourceType, resourceName, patternType, ...e}));
			})
			.flat();
		r.taggedFields();
		return {errorCode, errorMessage, bindings};
	},
};

export const createAcls: RawApi<AclBindingCodes[], AclOutcome[]> = {
	apiKey: 30,
	apiName: 'CreateAcls',
	minVersion: 2,
	maxVersion: 3,
	encode(bindings, _version, w) {
		w.compactArray(bindings, (b, w) => {
			writeFilter(b, w);
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const results = r.compactArray(r => {
			const outcome = {errorCode: r.int16(), errorMessage: r.compactNullableString()};
			r.taggedFields();
			return outcome;
		});
		r.taggedFields();
		return results;
	},
};

export const deleteAcls: RawApi<AclFilterCodes, AclOutcome & {deleted: AclBindingCodes[]}> = {
	apiKey: 31,
	apiName: 'DeleteAcls',
	minVersion: 2,
	maxVersion: 3,
	encode(filter, _version, w) {
		w.compactArray([filter], (f, w) => {
			writeFilter(f, w);
			w.emptyTaggedFields();
		});
		w.emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const [result] = r.compactArray(r => {
			const errorCode = r.int16();
			const errorMessage = r.compactNullableString();
			const deleted = r.compactArray(r => {
				r.int16(); // per-binding ErrorCode
				r.compactNullableString();
				const resourceType = r.int8();
				const resourceName = r.compactString();
				const patternType = r.int8();
				const entry = readEntry(r);
				return {resourceType, resourceName, patternType, ...entry};
			});
			r.taggedFields();
			return {errorCode, errorMessage, deleted};
		});
		r.taggedFields();
		if (!result) throw new Error('DeleteAcls answered without the filter');
		return result;
	},
};
