import {createRegistryClient, type RegistryOptions} from './registry-client.js';
import {createSchemas, type SchemaEncoder, type Schemas} from './schemas.js';
import {KexError} from '../kafka/errors.js';

// One place that turns a cluster's registry settings into the session's schema cache, and a produce command's
// schema flags into an encoder.

export const openSchemas = (options: RegistryOptions): Schemas => createSchemas(createRegistryClient(options));

export type SchemaFlags = {subject?: string; schemaVersion?: string; schemaId?: string; message?: string};

/** The encoder the flags ask for, or null when they ask for none. */
export const encoderFromFlags = async (schemas: Schemas | null, flags: SchemaFlags): Promise<SchemaEncoder | null> => {
	const {subject, schemaVersion, schemaId, message} = flags;
	if (!subject && !schemaId) {
		if (schemaVersion || message)
			throw new KexError('invalid-input', '--schema-version and --message go with --subject (or --schema-id)');
		return null;
	}
	if (!schemas)
		throw new KexError(
			'invalid-input',
			'--subject and --schema-id need a schema registry: --registry URL, or registry: in the cluster configuration',
		);
	if (subject && schemaId) throw new KexError('invalid-input', 'give --subject or --schema-id, not both');
	const whole = (name: string, text: string) => {
		const n = Number(text);
		if (!Number.isInteger(n) || n < 1)
			throw new KexError('invalid-input', `${name} is a whole number from 1, not "${text}"`);
		return n;
	};
	try {
		return await schemas.encoder(
			schemaId
				? {id: whole('--schema-id', schemaId)}
				: {subject: subject!, version: schemaVersion ? whole('--schema-version', schemaVersion) : undefined},
			message,
		);
	} catch (error) {
		if (error instanceof KexError) throw error;
		throw new KexError('invalid-input', `the schema cannot be used: ${(error as Error).message}`);
	}
};
