// The one table of keys. The input handler looks commands up here, the footer shows the hints of the focused pane
// from here, and the help screen lists it by category; a key added here appears in all three.

export type PaneId = 'brokers' | 'topics' | 'partitions' | 'groups' | 'group' | 'messages' | 'message' | 'producer';

export type Command =
	| 'down'
	| 'up'
	| 'top'
	| 'bottom'
	| 'pageDown'
	| 'pageUp'
	| 'nextPane'
	| 'previousPane'
	| 'paneLeft'
	| 'paneRight'
	| 'enter'
	| 'back'
	| 'filter'
	| 'commandLine'
	| 'help'
	| 'refresh'
	| 'toggleInternal'
	| 'messages'
	| 'follow'
	| 'searchNext'
	| 'goto'
	| 'save'
	| 'export'
	| 'valueMode'
	| 'produce'
	| 'send'
	| 'nextField'
	| 'previousField'
	| 'recall'
	| 'recallNext'
	| 'openSent'
	| 'sendFile'
	| 'sortGroups'
	| 'consumers'
	| 'quit';

export type Category = 'Move' | 'Panes' | 'Lists' | 'Messages' | 'Producer' | 'Groups' | 'General';

export type Binding = {
	command: Command;
	keys: string[];
	/** How the keys are written in the footer and the help. */
	label: string;
	/** What it does, for the help screen. */
	description: string;
	category: Category;
	/** Short text for the footer; bindings without it appear only in the help. */
	hint?: string;
	/** The keys as the footer writes them, when shorter than `label`. */
	hintLabel?: string;
	/** Kept in the footer when it is too narrow for every hint. */
	pinned?: boolean;
	/** Panes where the binding applies; everywhere when absent. */
	panes?: PaneId[];
	/** Per-pane footer text where the same key does something different. */
	paneHints?: Partial<Record<PaneId, string>>;
	/** Changes the cluster: asks for confirmation, and read-only mode drops it. */
	dangerous?: boolean;
};

const EXPLORER_PANES: PaneId[] = ['brokers', 'topics', 'partitions'];
/** Panes whose list can be filtered. */
const LIST_PANES: PaneId[] = ['brokers', 'topics', 'partitions', 'groups', 'messages'];
/** Everywhere but the producer, where printable keys are text. */
const VIEW_PANES: PaneId[] = [...LIST_PANES, 'message', 'group'];

export const KEYMAP: Binding[] = [
	{
		command: 'down',
		panes: VIEW_PANES,
		keys: ['down', 'j'],
		label: 'j/↓',
		description: 'next row (in a message: scroll)',
		category: 'Move',
		hint: 'move',
		hintLabel: 'j/k',
		paneHints: {message: 'scroll'},
	},
	{command: 'up', panes: VIEW_PANES, keys: ['up', 'k'], label: 'k/↑', description: 'previous row', category: 'Move'},
	{command: 'top', panes: VIEW_PANES, keys: ['g', 'home'], label: 'g', description: 'first row', category: 'Move'},
	{command: 'bottom', panes: VIEW_PANES, keys: ['G', 'end'], label: 'G', description: 'last row', category: 'Move'},
	{
		command: 'pageDown',
		panes: VIEW_PANES,
		keys: ['pagedown', 'ctrl+f'],
		label: 'PgDn/^f',
		description: 'page down',
		category: 'Move',
	},
	{
		command: 'pageUp',
		panes: VIEW_PANES,
		keys: ['pageup', 'ctrl+b'],
		label: 'PgUp/^b',
		description: 'page up',
		category: 'Move',
	},
	{
		command: 'nextPane',
		panes: EXPLORER_PANES,
		keys: ['tab'],
		label: 'Tab',
		description: 'next pane',
		category: 'Panes',
		hint: 'pane',
	},
	{
		command: 'previousPane',
		panes: EXPLORER_PANES,
		keys: ['shift+tab'],
		label: 'S-Tab',
		description: 'previous pane',
		category: 'Panes',
	},
	{
		command: 'paneLeft',
		panes: EXPLORER_PANES,
		keys: ['h', 'left'],
		label: 'h/←',
		description: 'pane to the left (or above)',
		category: 'Panes',
	},
	{
		command: 'paneRight',
		panes: EXPLORER_PANES,
		keys: ['l', 'right'],
		label: 'l/→',
		description: 'pane to the right (or below)',
		category: 'Panes',
	},
	{
		command: 'enter',
		keys: ['enter'],
		label: 'Enter',
		description:
			"drill in: broker to topics, topic to partitions, partition or message to its messages, group to its partitions, a group's partition to the message at its committed offset",
		category: 'Panes',
		panes: ['brokers', 'topics', 'partitions', 'messages', 'groups', 'group'],
		paneHints: {
			brokers: 'topics',
			topics: 'partitions',
			partitions: 'messages',
			messages: 'open',
			groups: 'open',
			group: 'messages',
		},
	},
	{
		command: 'messages',
		keys: ['m'],
		label: 'm',
		description: 'messages of the selected topic (all partitions) or partition',
		category: 'Messages',
		panes: ['topics', 'partitions'],
		hint: 'messages',
	},
	{
		command: 'follow',
		keys: ['f'],
		label: 'f',
		description: 'live tail: follow new messages; f again pauses',
		category: 'Messages',
		panes: ['messages'],
		hint: 'follow',
	},
	{
		command: 'searchNext',
		keys: ['n'],
		label: 'n',
		description: 'search on: scan forward through the topic for the filter',
		category: 'Messages',
		panes: ['messages'],
		hint: 'scan',
	},
	{
		command: 'goto',
		keys: ['t'],
		label: 't',
		description: 'go to: oldest, newest, an offset or a time (:goto)',
		category: 'Messages',
		panes: ['messages', 'message'],
		hint: 'goto',
	},
	{
		command: 'save',
		keys: ['s'],
		label: 's',
		description: 'save the selected message to a file (NDJSON)',
		category: 'Messages',
		panes: ['messages', 'message'],
		hint: 'save',
	},
	{
		command: 'export',
		keys: ['E'],
		label: 'E',
		description: 'export every message that matches the filter (NDJSON)',
		category: 'Messages',
		panes: ['messages'],
		hint: 'export',
	},
	{
		command: 'produce',
		keys: ['p'],
		label: 'p',
		description: 'write a message to this topic or partition; on a message: produce it again',
		category: 'Producer',
		panes: ['topics', 'partitions', 'messages', 'message'],
		hint: 'produce',
		dangerous: true,
	},
	{
		command: 'send',
		keys: ['ctrl+s'],
		label: '^s',
		description: 'send the draft (y confirms)',
		category: 'Producer',
		panes: ['producer'],
		hint: 'send',
		dangerous: true,
	},
	{
		command: 'nextField',
		keys: ['tab'],
		label: 'Tab',
		description: 'next field (Enter too, except in the value and headers)',
		category: 'Producer',
		panes: ['producer'],
		hint: 'field',
	},
	{
		command: 'previousField',
		keys: ['shift+tab'],
		label: 'S-Tab',
		description: 'previous field',
		category: 'Producer',
		panes: ['producer'],
	},
	{
		command: 'recall',
		keys: ['ctrl+p'],
		label: '^p',
		description: 'recall the messages sent in this session, newest first',
		category: 'Producer',
		panes: ['producer'],
		hint: 'history',
		hintLabel: '^p/^n',
	},
	{
		command: 'recallNext',
		keys: ['ctrl+n'],
		label: '^n',
		description: 'back towards the newest in the session history',
		category: 'Producer',
		panes: ['producer'],
	},
	{
		command: 'sendFile',
		keys: ['ctrl+f'],
		label: '^f',
		description: 'send a file of messages to the topic (:sendfile FILE)',
		category: 'Producer',
		panes: ['producer'],
		hint: 'file',
		dangerous: true,
	},
	{
		command: 'openSent',
		keys: ['ctrl+o'],
		label: '^o',
		description: 'open the message just sent in the viewer',
		category: 'Producer',
		panes: ['producer'],
		hint: 'open sent',
	},
	{
		command: 'sortGroups',
		keys: ['s'],
		label: 's',
		description: 'sort groups by name or by lag',
		category: 'Groups',
		panes: ['groups'],
		hint: 'sort',
	},
	{
		command: 'consumers',
		keys: ['c'],
		label: 'c',
		description: 'the consumer groups that read this topic',
		category: 'Groups',
		panes: ['topics', 'partitions'],
		hint: 'groups',
	},
	{
		command: 'valueMode',
		keys: ['v'],
		label: 'v',
		description: 'value as auto, JSON, text or hex',
		category: 'Messages',
		panes: ['message'],
		hint: 'view',
	},
	{
		command: 'back',
		keys: ['escape'],
		label: 'Esc',
		description: 'clear the filter, else step back (the producer keeps its draft)',
		category: 'Panes',
		paneHints: {producer: 'back'},
	},
	{
		command: 'filter',
		keys: ['/'],
		label: '/',
		description: 'filter the focused list as you type',
		category: 'Lists',
		hint: 'filter',
		pinned: true,
		panes: LIST_PANES,
	},
	{
		command: 'toggleInternal',
		keys: ['i'],
		label: 'i',
		description: 'show or hide internal topics',
		category: 'Lists',
		panes: ['topics'],
	},
	{
		command: 'commandLine',
		keys: [':'],
		label: ':',
		description: 'command line (Tab completes)',
		category: 'General',
		hint: 'cmd',
		pinned: true,
		panes: VIEW_PANES,
	},
	{
		command: 'refresh',
		keys: ['r'],
		label: 'r',
		description: 'refresh now (in the viewer: read the messages again)',
		category: 'General',
		hint: 'refresh',
		panes: VIEW_PANES,
	},
	{
		command: 'help',
		keys: ['?'],
		label: '?',
		description: 'this help',
		category: 'General',
		hint: 'help',
		pinned: true,
		panes: VIEW_PANES,
	},
	{
		command: 'quit',
		keys: ['q', 'ctrl+c'],
		label: 'q',
		description: 'quit (in the producer: Ctrl-C twice)',
		category: 'General',
		hint: 'quit',
		pinned: true,
		paneHints: {producer: 'quit (^c)'},
	},
];

export const CATEGORIES: Category[] = ['Move', 'Panes', 'Lists', 'Messages', 'Producer', 'Groups', 'General'];

export const bindingsFor = (pane: PaneId, readOnly: boolean) =>
	KEYMAP.filter(b => (!b.panes || b.panes.includes(pane)) && !(readOnly && b.dangerous));

export const commandFor = (key: string, pane: PaneId, readOnly: boolean): Command | undefined =>
	bindingsFor(pane, readOnly).find(b => b.keys.includes(key))?.command;

export type Hint = {label: string; text: string; pinned?: boolean};

export const footerHints = (pane: PaneId, readOnly: boolean): Hint[] =>
	bindingsFor(pane, readOnly).flatMap(b => {
		const text = b.paneHints?.[pane] ?? b.hint;
		return text ? [{label: b.hintLabel ?? b.label, text, pinned: b.pinned}] : [];
	});

/** Keys while typing a filter or a command; listed in the help, handled by the text line itself. */
export const TEXT_KEYS: Array<{label: string; description: string}> = [
	{label: 'Enter', description: 'keep the filter / run the command'},
	{label: 'Esc', description: 'drop the filter / close the command line'},
	{label: 'Tab', description: 'complete the command'},
	{label: 'filter', description: 'text (any case), /regex/, or a JSON field: .id == 42, .amount > 100, .tags ~ x'},
	{label: 'Backspace', description: 'delete a character; ^u deletes the line'},
];
