import {createRequire} from 'node:module';
import type {ErrorObject} from 'ajv';
import type {SchemaFormat} from './schema-format.js';

// JSON Schema: the payload is JSON text, shown as it is; a value to write is checked by Ajv first (draft-07, or
// 2019-09/2020-12 when the schema says so), and its first error names the field.

type Validate = ((value: unknown) => boolean) & {errors?: ErrorObject[] | null};
type AjvLike = {compile(schema: unknown): Validate; addSchema(schema: unknown): unknown};
type AjvClass = new (options: {allErrors: boolean; strict: boolean}) => AjvLike;
const require_ = createRequire(import.meta.url);
const ajvFor = (schema: {$schema?: unknown}): AjvLike => {
	const draft = String(schema.$schema ?? '');
	const module_ = draft.includes('2020-12')
		? require_('ajv/dist/2020')
		: draft.includes('2019-09')
			? require_('ajv/dist/2019')
			: require_('ajv');
	const Ajv = (module_.default ?? module_) as AjvClass;
	return new Ajv({allErrors: false, strict: false});
};

const errorText = (e: ErrorObject): string => {
	const path = e.instancePath ? e.instancePath.slice(1).split('/').join('.') : '';
	const field = e.keyword === 'required' ? `${path ? `.${path}` : ''}.${String(e.params['missingProperty'])}` : path;
	const what = e.keyword === 'required' ? 'is required' : (e.message ?? 'does not fit the schema');
	return `${field ? (field.startsWith('.') ? field : `.${field}`) : 'the value'}: ${what}`;
};

export const jsonSchemaFormat = (schemaText: string, references: string[]): SchemaFormat => {
	const schema = JSON.parse(schemaText) as {title?: string; $schema?: unknown};
	const ajv = ajvFor(schema);
	for (const ref of references) {
		try {
			ajv.addSchema(JSON.parse(ref));
		} catch {
			// A reference without an $id cannot be named by the main schema: nothing to add.
		}
	}
	const validate = ajv.compile(schema);
	return {
		name: schema.title ?? 'JSON',
		decode: payload => JSON.parse(payload.toString('utf8')),
		check: value => (validate(value) ? null : errorText(validate.errors![0]!)),
		encode: value => Buffer.from(JSON.stringify(value), 'utf8'),
	};
};
