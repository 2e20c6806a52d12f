import {useCallback, useRef, useState} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {produceFile} from '../../produce/produce-file.js';
import {fileExists} from '../../shared/files.js';
import type {Progress} from '../../produce/produce-lines.js';
import {createStore, useStore} from '../kit/store.js';
import {toRequest, type Draft} from './draft.js';
import {encodeDraft} from './encode-draft.js';
import type {Schemas} from '../../schema/schemas.js';
import {initialProducerState, producerReducer} from './producer-state.js';

export type FileSend = {
	path: string;
	topic: string;
	running: boolean;
	progress: Progress | null;
	outcome: string | null;
	/** The outcome says why the file was not (all) sent. */
	failed?: boolean;
};

/** The producer form's store and its one way to the cluster: sending the draft (after the user confirmed). */
export const useProducer = (service: KafkaService, schemas: Schemas | null = null) => {
	const [store] = useState(() => createStore(producerReducer, initialProducerState()));
	const state = useStore(store);
	const {dispatch} = store;

	const send = useCallback(
		async (draft: Draft, topics: ReadonlyMap<string, number>) => {
			const made = toRequest(draft, topics);
			if (!made.ok) return dispatch({type: 'problem', problem: made.problem});
			dispatch({type: 'sending'});
			const encoded = await encodeDraft(schemas, draft);
			if (!encoded.ok) return dispatch({type: 'problem', problem: encoded.problem});
			const request = encoded.value === undefined ? made.request : {...made.request, value: encoded.value};
			try {
				const [result] = await service.produce([request], {compression: store.getState().compression});
				dispatch({type: 'sent', result: result!});
			} catch (error) {
				const message = `not sent, the draft is kept: ${(error as Error).message}`;
				dispatch({type: 'problem', problem: {field: null, message}});
			}
		},
		[service, schemas, dispatch, store],
	);

	// Sending a file: asked for, confirmed, then running with progress; Esc cancels between batches.
	const [file, setFile] = useState<FileSend | null>(null);
	const controller = useRef<AbortController | null>(null);

	/** Stages a file to send to the draft's topic; null when it can be, else why not. */
	const stageFile = useCallback((path: string, topic: string, topics: ReadonlyMap<string, number>): string | null => {
		if (!topics.has(topic))
			return `choose an existing topic in the form first (the file goes to its topic), not "${topic}"`;
		if (!fileExists(path)) return `no such file: ${path}`;
		setFile({path, topic, running: false, progress: null, outcome: null});
		return null;
	}, []);

	const runFile = useCallback(async () => {
		if (!file || file.running) return;
		const abort = new AbortController();
		controller.current = abort;
		setFile({...file, running: true});
		try {
			const result = await produceFile({
				service,
				topic: file.topic,
				path: file.path,
				onProgress: progress => setFile(f => (f ? {...f, progress} : f)),
				signal: abort.signal,
				compression: store.getState().compression,
			});
			const how = result.cancelled ? 'cancelled after writing' : 'wrote';
			const packed = result.compression === 'none' ? '' : `, ${result.compression}`;
			const outcome = `${how} ${result.sent.toLocaleString('en-US')} messages from ${file.path} (${result.format}${packed}) to ${file.topic}`;
			setFile(f => (f ? {...f, running: false, outcome} : f));
		} catch (error) {
			setFile(f =>
				f ? {...f, running: false, failed: true, outcome: `${file.path}: ${(error as Error).message}`} : f,
			);
		} finally {
			controller.current = null;
		}
	}, [file, service, store]);

	const cancelFile = useCallback(() => {
		if (controller.current) controller.current.abort();
		else setFile(null);
	}, []);

	return {store, state, dispatch, send, file, stageFile, runFile, cancelFile};
};

export type Producer = ReturnType<typeof useProducer>;
