import {KexError} from '../kafka/errors.js';

// A list of bootstrap brokers as people write it: host:port, comma separated.

const usage = (message: string) => new KexError('invalid-input', message);

export const parseBrokers = (text: string): string[] => {
	const brokers = text
		.split(',')
		.map(s => s.trim())
		.filter(Boolean);
	for (const b of brokers) {
		if (!/^[^\s:]+:\d{1,5}$/.test(b) && !/^\[[0-9a-f:]+\]:\d{1,5}$/i.test(b)) {
			throw usage(`invalid broker address "${b}": expected HOST:PORT`);
		}
	}
	if (brokers.length === 0) throw usage('no broker address given: expected HOST:PORT[,HOST:PORT...]');
	return brokers;
};
