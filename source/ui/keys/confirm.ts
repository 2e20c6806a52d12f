import type {Command} from './binding-types.js';
import type {KeyApi} from './types.js';

// A question waits for an answer: send the draft? send this file? y (or Enter) says yes, any other key no. While
// a file is being sent, Esc cancels it and other keys wait; its report goes with the next key.

/** Whether the producer is asking or sending a file, so keys come here first. */
export const asking = (api: Pick<KeyApi, 'app' | 'producer'>) =>
	api.app.getState().view === 'produce' && (api.producer.store.getState().confirming || api.producer.file !== null);

/** Answers the question; false when the key should go on to the form (after a file's report was dismissed). */
export const confirmKey = (api: KeyApi, command: Command | undefined, name: string): boolean => {
	const {producer} = api;
	const {file} = producer;
	if (file) {
		if (file.running) {
			if (name === 'escape') producer.cancelFile();
			return true;
		}
		if (!file.outcome && command === 'confirm') {
			void producer.runFile();
			return true;
		}
		producer.cancelFile();
		return !file.outcome || name === 'escape';
	}
	if (command === 'confirm') void producer.send(producer.store.getState().draft, api.screen().partitionCounts);
	else producer.dispatch({type: 'confirm', on: false});
	return true;
};
