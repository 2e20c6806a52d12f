import type {RawApi} from '../api.js';

// DescribeConfigs (API 32) v4 (flexible): every config of a topic or broker with its source, its synonyms (the
// values it falls back to), its type and its documentation.

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;

export type DescribeConfigsRequest = {resourceType: number; resourceName: string};

export type DescribedConfig = {
	name: string;
	value: string | null;
	readOnly: boolean;
	source: number;
	sensitive: boolean;
	synonyms: Array<{name: string; value: string | null; source: number}>;
	type: number;
	documentation: string | null;
};

export type DescribeConfigsResponse = {errorCode: number; errorMessage: string | null; configs: DescribedConfig[]};

export const describeConfigs: RawApi<DescribeConfigsRequest, DescribeConfigsResponse> = {
	apiKey: 32,
	apiName: 'DescribeConfigs',
	minVersion: 4,
	maxVersion: 4,
	encode(request, _version, w) {
		w.compactArray([request], (res, w) => {
			w.int8(res.resourceType)
				.compactString(res.resourceName)
				.compactArray(null, () => {}); // every config
			w.emptyTaggedFields();
		});
		w.bool(true).bool(true).emptyTaggedFields(); // IncludeSynonyms, IncludeDocumentation
	},
	decode(r) {
		r.int32(); // ThrottleTimeMs
		const [result] = r.compactArray(r => {
			const errorCode = r.int16();
			const errorMessage = r.compactNullableString();
			r.int8(); // ResourceType
			r.compactString(); // ResourceName
			const configs = r.compactArray((r): DescribedConfig => {
				const name = r.compactString();
				const value = r.compactNullableString();
				const readOnly = r.bool();
				const source = r.int8();
				const sensitive = r.bool();
				const synonyms = r.compactArray(r => {
					const synonym = {name: r.compactString(), value: r.compactNullableString(), source: r.int8()};
					r.taggedFields();
					return synonym;
				});
				const type = r.int8();
				const documentation = r.compactNullableString();
				r.taggedFields();
				return {name, value, readOnly, source, sensitive, synonyms, type, documentation};
			});
			r.taggedFields();
			return {errorCode, errorMessage, configs};
		});
		r.taggedFields();
		if (!result) throw new Error('DescribeConfigs answered without the resource');
		return result;
	},
};
