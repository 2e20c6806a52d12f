import type {KafkaService} from '../kafka/types.js';
import type {Schemas} from './schemas.js';

// The service as the viewer reads through it when a registry is configured: every batch of Messages comes with its
// keys and values decoded (their schemas fetched first), so paging, following and export all show decoded values.

export const decodingService = (service: KafkaService, schemas: Schemas): KafkaService => {
	const decoding = Object.create(service) as KafkaService;
	decoding.read = async function* (request) {
		for await (const batch of service.read(request)) {
			await schemas.decodeMessages(batch);
			yield batch;
		}
	};
	return decoding;
};
