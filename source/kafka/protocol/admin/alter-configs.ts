import type {RawApi} from '../api.js';

// IncrementalAlterConfigs (API 44) v1 (flexible): sets or deletes single configs and leaves the others as they
// are. kafkajs has only AlterConfigs, which replaces the whole set: changing one value would reset all the rest.

export const OP_SET = 0;
export const OP_DELETE = 1;

export type AlterConfigsRequest = {
	resourceType: number;
	resourceName: string;
	changes: Array<{name: string; op: number; value: string | null}>;
	validateOnly: boolean;
};

export type AlterConfigsResponse = {errorCode: number; errorMessage: string | null};

export const incrementalAlterConfigs: RawApi<AlterConfigsRequest, AlterConfigsResponse> = {
	apiKey: 44,
	apiName: 'IncrementalAlterConfigs',
	minVersion: 1,
	maxVersion: 1,
	encode(request, _version, w) {
		w.compactArray([request], (res, w) => {
			w.int8(res.resourceType).compactString(res.resourceName);
			w.compactArray(res.changes, (c, w) =>
				w.compactString(c.name).int8(c.op).compactString(c.value).emptyTaggedFields(),
			);
			w.emptyTaggedFields();
		});
		w.bool(request.validateOnly).emptyTaggedFields();
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const [result] = r.compactArray(r => {
			const errorCode = r.int16();
			const errorMessage = r.compactNullableString();
			r.int8(); // ResourceType
			r.compactString(); // ResourceName
			r.taggedFields();
			return {errorCode, errorMessage};
		});
		r.taggedFields();
		if (!result) throw new Error('IncrementalAlterConfigs answered without the resource');
		return result;
	},
};
