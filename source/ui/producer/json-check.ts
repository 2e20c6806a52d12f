import {lineColumn} from './text-edit.js';

// Where a JSON text first goes wrong, as line and column: JSON.parse says so only for some errors.

class JsonSyntax extends Error {
	constructor(
		message: string,
		readonly at: number,
	) {
		super(message);
	}
}

export const checkJson = (text: string): {ok: true} | {ok: false; line: number; column: number; message: string} => {
	let i = 0;
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const fail = (what: string): never => {
		throw new JsonSyntax(
			i >= text.length ? `${what}, but the text ended` : `${what}, found ${JSON.stringify(text[i])}`,
			i,
		);
	};
	const literal = (word: string) => {
		if (text.startsWith(word, i)) i += word.length;
		else fail(`expected a value`);
	};
	const string = () => {
		i++;
		while (i < text.length && text[i] !== '"') {
			if (text[i] === '\\') {
				i++;
				if (text[i] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('expected 4 hex digits after \\u');
					i += 4;
				} else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail('expected an escape such as \\n or \\"');
			} else if (text.charCodeAt(i) < 0x20) fail('a control character must be escaped in a string');
			i++;
		}
		if (i >= text.length) fail('expected the closing "');
		i++;
	};
	const value = (): void => {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			ws();
			if (text[i] === '}') return void i++;
			for (;;) {
				ws();
				if (text[i] !== '"') fail('expected a property name in double quotes');
				string();
				ws();
				if (text[i] !== ':') fail("expected ':' after the property name");
				i++;
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === '}') return void i++;
				else fail("expected ',' or '}'");
			}
		}
		if (c === '[') {
			i++;
			ws();
			if (text[i] === ']') return void i++;
			for (;;) {
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === ']') return void i++;
				else fail("expected ',' or ']'");
			}
		}
		if (c === '"') return string();
		if (c === 't') return literal('true');
		if (c === 'f') return literal('false');
		if (c === 'n') return literal('null');
		const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
		if (!number) fail('expected a value');
		i += number![0].length;
	};
	try {
		value();
		ws();
		if (i < text.length) fail('expected the end after the value');
		return {ok: true};
	} catch (error) {
		if (!(error instanceof JsonSyntax)) throw error;
		return {ok: false, ...lineColumn(text, error.at), message: error.message};
	}
};
