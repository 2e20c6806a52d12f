import {labelText, type Schemas} from '../../schema/schemas.js';
import {schemaTarget, type Draft, type DraftProblem} from './draft.js';
import {checkJson} from './json-check.js';

// The draft's value through the registry schema its schema field names: JSON checked (line and column), then
// against the schema (the field path and why), then encoded in Confluent's wire format. The draft is not touched.

export type Encoded = {ok: true; value?: Buffer | null} | {ok: false; problem: DraftProblem};

export const encodeDraft = async (schemas: Schemas | null, draft: Draft): Promise<Encoded> => {
	const target = schemaTarget(draft.schema);
	if (!target) return {ok: true};
	if (!schemas)
		return {
			ok: false,
			problem: {
				field: 'schema',
				message: "no schema registry: give --registry URL, or registry: in the cluster's configuration",
			},
		};
	if (draft.tombstone) return {ok: true, value: null};
	if (draft.base64)
		return {ok: false, problem: {field: 'value', message: 'a value encoded with a schema is JSON, not base64'}};
	let encoder;
	try {
		encoder = await schemas.encoder(target);
	} catch (error) {
		return {ok: false, problem: {field: 'schema', message: (error as Error).message}};
	}
	const json = checkJson(draft.value);
	if (!json.ok)
		return {
			ok: false,
			problem: {field: 'value', message: `not JSON at line ${json.line}, column ${json.column}: ${json.message}`},
		};
	const value: unknown = JSON.parse(draft.value);
	const problem = encoder.check(value);
	if (problem)
		return {ok: false, problem: {field: 'value', message: `does not fit ${labelText(encoder.label)}: ${problem}`}};
	return {ok: true, value: encoder.encode(value)};
};
