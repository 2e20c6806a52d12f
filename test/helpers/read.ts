import type {KafkaService, Message, ReadRequest} from '../../source/kafka/types.js';

/** Every message a read brings, in one list. */
export const readAll = async (service: KafkaService, request: ReadRequest): Promise<Message[]> => {
	const out: Message[] = [];
	for await (const batch of service.read(request)) out.push(...batch);
	return out;
};

/** A whole topic, from the oldest message. */
export const readTopic = (service: KafkaService, topic: string) => readAll(service, {topic, from: {kind: 'oldest'}});
