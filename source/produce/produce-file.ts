import type {Compression, KafkaService} from '../kafka/types.js';
import {fileChunks} from './file-chunks.js';
import {formatFor} from './parse-line.js';
import {produceLines, type Progress, type ProduceLinesResult} from './produce-lines.js';

// A whole file sent to a topic, as the producer form's ^f does: NDJSON for .ndjson/.jsonl files, else a value a line.

export type ProduceFileOptions = {
	service: KafkaService;
	topic: string;
	path: string;
	onProgress: (progress: Progress) => void;
	signal: AbortSignal;
	compression: Compression;
};

export const produceFile = async ({service, topic, path, onProgress, signal, compression}: ProduceFileOptions) => {
	const format = formatFor(path);
	const result: ProduceLinesResult = await produceLines({
		service,
		topic,
		input: fileChunks(path),
		format,
		defaults: {key: null, headers: [], keepPartitions: false, keepTimestamps: false},
		onProgress,
		signal,
		compression,
	});
	return {...result, format, compression};
};
