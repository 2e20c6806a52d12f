import {createRegistryClient} from '../source/schema/registry-client.js';
import {createSchemas, type SchemaEncoder} from '../source/schema/schemas.js';

// The demo's payments: Avro records registered under payments-value in the demo's registry and written in
// Confluent's wire format, through kex's own encoder, so the viewer shows them decoded out of the box.

export const PAYMENT_SCHEMA = {
	type: 'record',
	name: 'Payment',
	namespace: 'demo.billing',
	fields: [
		{name: 'order_id', type: 'long'},
		{name: 'customer', type: 'string'},
		{name: 'amount', type: {type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2}},
		{name: 'currency', type: 'string', default: 'EUR'},
		{name: 'method', type: {type: 'enum', name: 'Method', symbols: ['CARD', 'SEPA', 'PAYPAL']}},
		{name: 'at', type: {type: 'long', logicalType: 'timestamp-millis'}},
		{name: 'refund_of', type: ['null', 'long'], default: null},
	],
};

/** Registers the schema (the registry answers with the id it already has, if it has it) and returns its encoder. */
export const paymentEncoder = async (registry: string): Promise<SchemaEncoder> => {
	const client = createRegistryClient({url: registry});
	await client.register('payments-value', {schema: JSON.stringify(PAYMENT_SCHEMA), schemaType: 'AVRO', references: []});
	return createSchemas(client).encoder({subject: 'payments-value'});
};

const METHODS = ['CARD', 'SEPA', 'PAYPAL'];

export const payment = (encoder: SchemaEncoder, orderId: number, amountCents: number, customer: string, at: number) =>
	encoder.encode({
		order_id: orderId,
		customer,
		amount: (amountCents / 100).toFixed(2),
		currency: 'EUR',
		method: METHODS[orderId % METHODS.length],
		at: new Date(at).toISOString(),
		refund_of: orderId % 17 === 0 ? orderId - 1 : null,
	});
