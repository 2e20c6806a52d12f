// One compiled schema, whatever its kind: what decodes a payload for people to read, and what checks and encodes a
// value they typed. Values are JSON-like (what JSON.parse gives and JSON.stringify writes).

export type SchemaFormat = {
	/** The record's or message's full name, shown beside the decoded value. */
	name: string;
	/** The payload after the wire format's header. Throws when the bytes do not fit the schema. */
	decode(payload: Buffer): unknown;
	/** Null when `value` fits the schema, else the first field path and why it does not. */
	check(value: unknown): string | null;
	/** The payload for a value that passed check. */
	encode(value: unknown): Buffer;
};
