import {createReadStream, existsSync} from 'node:fs';
import {useCallback, useReducer, useRef, useState} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {formatFor} from '../../produce/parse-line.js';
import {produceLines, type Progress} from '../../produce/produce-lines.js';
import {toRequest, type Draft} from './draft.js';
import {initialProducerState, producerReducer} from './producer-state.js';

/** The producer form's state and its one way to the cluster: sending the draft (after the user confirmed). */
export const useProducer = (service: KafkaService) => {
	const [state, dispatch] = useReducer(producerReducer, undefined, () => initialProducerState());

	const send = useCallback(
		async (draft: Draft, topics: ReadonlyMap<string, number>) => {
			const made = toRequest(draft, topics);
			if (!made.ok) return dispatch({type: 'problem', problem: made.problem});
			dispatch({type: 'sending'});
			try {
				const [result] = await service.produce([made.request]);
				dispatch({type: 'sent', result: result!});
			} catch (error) {
				dispatch({
					type: 'problem',
					problem: {field: null, message: `not sent, the draft is kept: ${(error as Error).message}`},
				});
			}
		},
		[service],
	);

	// Sending a file: asked for, confirmed, then running with progress; Esc cancels between batches.
	const [file, setFile] = useState<{
		path: string;
		topic: string;
		running: boolean;
		progress: Progress | null;
		outcome: string | null;
	} | null>(null);
	const controller = useRef<AbortController | null>(null);

	/** Stages a file to send to the draft's topic; null when it can be, else why not. */
	const stageFile = useCallback((path: string, topic: string, topics: ReadonlyMap<string, number>): string | null => {
		if (!topics.has(topic))
			return `choose an existing topic in the form first (the file goes to its topic), not "${topic}"`;
		if (!existsSync(path)) return `no such file: ${path}`;
		setFile({path, topic, running: false, progress: null, outcome: null});
		return null;
	}, []);

	const runFile = useCallback(async () => {
		if (!file || file.running) return;
		const abort = new AbortController();
		controller.current = abort;
		setFile({...file, running: true});
		const format = formatFor(file.path);
		try {
			const result = await produceLines({
				service,
				topic: file.topic,
				input: createReadStream(file.path),
				format,
				defaults: {key: null, headers: [], keepPartitions: false, keepTimestamps: false},
				onProgress: progress => setFile(f => (f ? {...f, progress} : f)),
				signal: abort.signal,
			});
			const how = result.cancelled ? 'cancelled after writing' : 'wrote';
			setFile(f =>
				f
					? {
							...f,
							running: false,
							outcome: `${how} ${result.sent.toLocaleString('en-US')} messages from ${file.path} (${format}) to ${file.topic}`,
						}
					: f,
			);
		} catch (error) {
			setFile(f => (f ? {...f, running: false, outcome: `${file.path}: ${(error as Error).message}`} : f));
		} finally {
			controller.current = null;
		}
	}, [file, service]);

	const cancelFile = useCallback(() => {
		if (controller.current) controller.current.abort();
		else setFile(null);
	}, []);

	return {state, dispatch, send, file, stageFile, runFile, cancelFile};
};

export type Producer = ReturnType<typeof useProducer>;
