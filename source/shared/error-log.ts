import {appendFileSync, mkdirSync, renameSync, statSync} from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

// The full detail of a failure, for when the one line on screen is not enough: each cause underneath (the socket
// error, the client library's error) with its codes and stack, appended to kex.log in the user's state folder
// ($XDG_STATE_HOME/kex, else ~/.local/state/kex). Only errors go in; never a configuration, so no secret does.

const MAX_BYTES = 1024 * 1024;

export const logFile = () => path.join(envPaths('kex', {suffix: ''}).log, 'kex.log');

type Cause = {
	name?: string;
	message?: string;
	code?: string;
	type?: string;
	stack?: string;
	cause?: unknown;
	originalError?: unknown;
};

const chain = (error: unknown) => {
	const out: Cause[] = [];
	for (let e = error as Cause | undefined; e && typeof e === 'object' && out.length < 10;) {
		out.push(e);
		e = (e.cause ?? e.originalError) as Cause | undefined;
	}
	return out;
};

/** Appends the failure to the log; returns the log's path, or null when it cannot be written (said nowhere else). */
export const logError = (error: unknown, context: string, now = new Date()): string | null => {
	const file = logFile();
	try {
		mkdirSync(path.dirname(file), {recursive: true});
		// A log that grew past a megabyte starts again; the one before is kept beside it.
		if ((statSync(file, {throwIfNoEntry: false})?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
		const lines = chain(error).map((e, i) =>
			[
				`${i === 0 ? '' : 'caused by: '}${e.name ?? 'Error'}: ${e.message ?? String(e)}`,
				[e.code && `code ${e.code}`, e.type && `type ${e.type}`].filter(Boolean).join(', '),
				(e.stack ?? '').split('\n').slice(1, 8).join('\n'),
			]
				.filter(Boolean)
				.join('\n'),
		);
		appendFileSync(file, `--- ${now.toISOString()} ${context}\n${lines.join('\n')}\n`);
		return file;
	} catch {
		return null;
	}
};
