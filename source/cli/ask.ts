import {createInterface} from 'node:readline/promises';
import {KexError} from '../kafka/errors.js';

// Every command that changes the cluster asks first. --yes answers for scripts; without it and without a terminal
// to ask on, the command refuses rather than guess.

export type Asking = {
	yes: boolean;
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	stderr: NodeJS.WritableStream & {isTTY?: boolean};
};

/**
 * Asks `question` on the terminal: y confirms, or, when `typed` is given, only typing it exactly (a topic's name
 * before deleting it). Throws when the answer is no or nobody can answer.
 */
export const confirmChange = async ({yes, stdin, stderr}: Asking, question: string, typed?: string) => {
	if (yes) return;
	if (!stdin.isTTY)
		throw new KexError(
			'invalid-input',
			'this changes the cluster: add --yes to confirm (or --dry-run to see what it would do)',
		);
	const rl = createInterface({input: stdin, output: stderr});
	try {
		const prompt = typed ? `${question}\nType ${JSON.stringify(typed)} to confirm: ` : `${question} [y/N] `;
		const answer = (await rl.question(prompt)).trim();
		const confirmed = typed ? answer === typed : /^y(es)?$/i.test(answer);
		if (!confirmed) throw new KexError('invalid-input', 'not confirmed: nothing was changed');
	} finally {
		rl.close();
	}
};
