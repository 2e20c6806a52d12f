// The `:` command line: what can be typed, how Tab completes it, and what a line means. Later views add their
// commands to COMMANDS; completion and the help screen pick them up from here.

export type CommandName =
	| 'brokers'
	| 'topics'
	| 'partitions'
	| 'groups'
	| 'acls'
	| 'subjects'
	| 'topic'
	| 'internal'
	| 'refresh'
	| 'help'
	| 'quit'
	| 'goto'
	| 'partition'
	| 'save'
	| 'export'
	| 'sendfile'
	| 'ctx';

export type CommandSpec = {
	name: CommandName;
	aliases?: string[];
	argument?: 'topic' | 'text' | 'cluster';
	description: string;
};

export const COMMANDS: CommandSpec[] = [
	{name: 'brokers', description: 'focus the brokers pane'},
	{name: 'topics', description: 'focus the topics pane'},
	{name: 'partitions', description: 'focus the partitions of the selected topic'},
	{name: 'topic', argument: 'topic', description: 'select a topic by name: :topic orders'},
	{name: 'groups', description: 'consumer groups'},
	{name: 'acls', description: "the cluster's ACLs (C creates one, D deletes the selected)"},
	{name: 'subjects', description: "the schema registry's subjects: latest version, type, compatibility"},
	{name: 'internal', description: 'show or hide internal topics'},
	{name: 'refresh', description: 'refresh now'},
	{name: 'goto', argument: 'text', description: 'viewer: oldest, newest, an offset, a time (-15m, 2024-05-01T12:00Z)'},
	{name: 'partition', argument: 'text', description: 'viewer: one partition (:partition 3) or all'},
	{name: 'save', argument: 'text', description: 'viewer: save the selected message: :save FILE'},
	{name: 'export', argument: 'text', description: 'viewer: every message matching the filter: :export FILE'},
	{
		name: 'sendfile',
		argument: 'text',
		description: "producer: every line of FILE to the form's topic (NDJSON for .ndjson/.jsonl, else a value a line)",
	},
	{name: 'ctx', argument: 'cluster', description: 'switch to a configured cluster: :ctx NAME, or :ctx for a list'},
	{name: 'help', description: 'keys and commands'},
	{name: 'quit', aliases: ['q'], description: 'quit kex'},
];

export type ParsedCommand = {ok: true; name: CommandName; argument: string} | {ok: false; error: string};

export const parseCommand = (
	line: string,
	topics: readonly string[],
	clusters: readonly string[] = [],
): ParsedCommand => {
	const [word = '', ...rest] = line.trim().split(/\s+/);
	const argument = rest.join(' ');
	if (word === '') return {ok: false, error: 'type a command, or Esc to close'};
	const spec = COMMANDS.find(c => c.name === word || c.aliases?.includes(word));
	if (!spec) {
		const near = COMMANDS.filter(c => c.name.startsWith(word)).map(c => c.name);
		return {
			ok: false,
			error: `unknown command :${word}${near.length > 0 ? ` (did you mean ${near.map(n => `:${n}`).join(', ')}?)` : ''}`,
		};
	}
	if (spec.argument === 'topic') {
		if (argument === '') return {ok: false, error: `:${spec.name} needs a topic name`};
		if (!topics.includes(argument)) return {ok: false, error: `no topic named ${argument}`};
	} else if (spec.argument === 'cluster') {
		if (argument !== '' && !clusters.includes(argument))
			return {
				ok: false,
				error:
					clusters.length === 0
						? 'no clusters are configured (see kex config)'
						: `no cluster named ${argument} (there are: ${clusters.join(', ')})`,
			};
	} else if (spec.argument === 'text') {
		if (argument === '') return {ok: false, error: `:${spec.name} needs an argument`};
	} else if (argument !== '') {
		return {ok: false, error: `:${spec.name} takes no argument`};
	}
	return {ok: true, name: spec.name, argument};
};

const commonPrefix = (words: string[]): string => {
	if (words.length === 0) return '';
	let prefix = words[0]!;
	for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
};

export type Completion = {line: string; candidates: string[]};

/** Tab: extends the word being typed as far as it is unambiguous, and lists what it could still become. */
export const complete = (line: string, topics: readonly string[], clusters: readonly string[] = []): Completion => {
	const match = /^(\S*)(\s+)(.*)$/.exec(line);
	if (!match) {
		const candidates = COMMANDS.map(c => c.name).filter(n => n.startsWith(line));
		const line_ =
			candidates.length === 1
				? `${candidates[0]!}${COMMANDS.find(c => c.name === candidates[0])?.argument ? ' ' : ''}`
				: commonPrefix(candidates) || line;
		return {line: line_, candidates: candidates.length === 1 ? [] : candidates};
	}
	const [, word, space, argument] = match as unknown as [string, string, string, string];
	const spec = COMMANDS.find(c => c.name === word);
	if (spec?.argument !== 'topic' && spec?.argument !== 'cluster') return {line, candidates: []};
	const candidates = (spec.argument === 'topic' ? topics : clusters).filter(t => t.startsWith(argument));
	const completed = candidates.length === 1 ? candidates[0]! : commonPrefix(candidates) || argument;
	return {line: `${word}${space}${completed}`, candidates: candidates.length === 1 ? [] : candidates};
};
