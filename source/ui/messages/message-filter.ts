import type {Decoded, Message} from '../../kafka/types.js';

// The viewer's search, typed after `/`: a substring (any case), a /regular expression/, or a JSON field test such
// as `.customer.id == 42`, `.amount > 100`, `.status != "paid"`, `.tags ~ urgent` or `.refund` (the field exists).
// Text search covers the key, the value and header values, each on its own.

/**
 * What a search reads of a message, decoded when asked: a Message's, or a record's as it lies in the fetched bytes
 * (a scan tests a million records, and need not make a Message of each to find the one that matches).
 */
export type Probe = {
	key(): string | null;
	value(): string | null;
	headerValues(): string[];
	json(): unknown;
};
type ProbeTest = (p: Probe) => boolean;
/** A test of Messages, and of probes. */
export type MessageTest = ((m: Message) => boolean) & {probe: ProbeTest};
export type ParsedFilter =
	{ok: true; test: MessageTest | null; kind: 'all' | 'text' | 'regex' | 'json'} | {ok: false; error: string};

const NOT_JSON = Symbol('not json');
const parsed = new WeakMap<Message, unknown>();

/**
 * Whether any text search looks at (key, value, header values, each on its own) passes. Decoded on each test and
 * not kept: a scan tests a million messages once each, and keeping their text would only feed the collector.
 */
const anyText = (p: Probe, test: (text: string) => boolean): boolean => {
	const key = p.key();
	if (key !== null && test(key)) return true;
	const value = p.value();
	if (value !== null && test(value)) return true;
	return p.headerValues().some(test);
};

/** A key or value decoded with its registry schema is searched as its JSON text, not its bytes. */
const decodedText = (d: Decoded | undefined): string | null => (d?.ok ? JSON.stringify(d.json) : null);

const messageProbe = (m: Message): Probe => ({
	key: () => decodedText(m.decoded?.key) ?? m.key?.toString('utf8') ?? null,
	value: () => decodedText(m.decoded?.value) ?? m.value?.toString('utf8') ?? null,
	headerValues: () => m.headers.flatMap(h => (h.value === null ? [] : [h.value.toString('utf8')])),
	json: () => jsonOf(m),
});

const testOf = (probe: ProbeTest): MessageTest => Object.assign((m: Message) => probe(messageProbe(m)), {probe});

/** Only objects and arrays: a bare number or string value is text to search, not a document. */
const startsDocument = (first: number | undefined) =>
	first === 0x7b || first === 0x5b || first === 0x20 || first === 0x0a;

const parseDocument = (text: string): unknown => {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
};

export const jsonText = (text: string | null): unknown =>
	text !== null && startsDocument(text.charCodeAt(0)) ? parseDocument(text) : NOT_JSON;

export const jsonOf = (m: Message): unknown => {
	const decoded = m.decoded?.value;
	if (decoded?.ok) return decoded.json;
	if (parsed.has(m)) return parsed.get(m);
	// The first byte says whether to decode at all.
	const value = m.value && startsDocument(m.value[0]) ? parseDocument(m.value.toString('utf8')) : NOT_JSON;
	parsed.set(m, value);
	return value;
};

type Operator = '==' | '!=' | '>=' | '<=' | '>' | '<' | '~';

const parsePath = (text: string): Array<string | number> | null => {
	const path: Array<string | number> = [];
	const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
	let at = 0;
	while (at < text.length) {
		re.lastIndex = at;
		const m = re.exec(text);
		if (!m) return null;
		path.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
		at = re.lastIndex;
	}
	return path.length > 0 ? path : null;
};

const parseLiteral = (text: string): unknown => {
	if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
	if (text === 'true' || text === 'false' || text === 'null') return JSON.parse(text);
	if (/^".*"$/.test(text) || /^'.*'$/.test(text)) return text.slice(1, -1);
	return text;
};

const at = (doc: unknown, path: Array<string | number>): unknown => {
	let current = doc;
	for (const step of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[step];
	}
	return current;
};

const compare = (left: unknown, op: Operator, right: unknown): boolean => {
	if (left === undefined) return false;
	switch (op) {
		case '==':
			return left === right || (typeof left === 'number' && typeof right === 'string' && String(left) === right);
		case '!=':
			return !(left === right || (typeof left === 'number' && typeof right === 'string' && String(left) === right));
		case '~':
			return (typeof left === 'string' ? left : JSON.stringify(left))
				.toLowerCase()
				.includes(String(right).toLowerCase());
		default: {
			if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
			const [a, b] = [left as number | string, right as number | string];
			return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
		}
	}
};

export const parseFilter = (text: string): ParsedFilter => {
	const trimmed = text.trim();
	if (trimmed === '') return {ok: true, test: null, kind: 'all'};
	if (trimmed.startsWith('.')) {
		const match = /^(\S+?)\s*(==|!=|>=|<=|>|<|~)\s*(.*)$/.exec(trimmed);
		const pathText = match ? match[1]! : trimmed;
		const path = parsePath(pathText);
		if (!path) return {ok: false, error: `not a field path: ${pathText} (write .field.sub or .list[0])`};
		if (!match) return {ok: true, kind: 'json', test: testOf(p => at(p.json(), path) !== undefined)};
		const op = match[2] as Operator;
		if (match[3]!.trim() === '') return {ok: false, error: `${pathText} ${op} needs a value to compare with`};
		const right = parseLiteral(match[3]!.trim());
		return {ok: true, kind: 'json', test: testOf(p => compare(at(p.json(), path), op, right))};
	}
	const regex = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
	if (regex) {
		try {
			const re = new RegExp(regex[1]!, regex[2]!.replace('g', ''));
			return {ok: true, kind: 'regex', test: testOf(p => anyText(p, text => re.test(text)))};
		} catch (error) {
			return {ok: false, error: `invalid regular expression: ${(error as Error).message}`};
		}
	}
	const needle = trimmed.toLowerCase();
	return {ok: true, kind: 'text', test: testOf(p => anyText(p, text => text.toLowerCase().includes(needle)))};
};
