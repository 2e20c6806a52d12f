import type {Binding, Scope} from './binding-types.js';

// Keys of the lists and panes: moving, switching panes, filtering, the command line, help, refresh, quit.

export const EXPLORER_PANES: Scope[] = ['brokers', 'topics', 'partitions'];
/** Panes whose list can be filtered. */
export const LIST_PANES: Scope[] = [
	'brokers',
	'topics',
	'partitions',
	'groups',
	'messages',
	'configs',
	'acls',
	'subjects',
	'versions',
];
/** Everywhere but the producer, where printable keys are text. */
export const VIEW_PANES: Scope[] = [...LIST_PANES, 'message', 'group'];

// The order is the footer's: moving first, then what the view itself does (bindings-messages.ts and the groups'
// keys), the general keys last, so a narrow footer keeps the view's own keys (help and quit are pinned).

export const NAVIGATION_BINDINGS: Binding[] = [
	{
		command: 'down',
		scopes: VIEW_PANES,
		keys: ['down', 'j'],
		label: 'j/↓',
		description: 'next row (in a message: scroll)',
		category: 'Move',
		hint: 'move',
		hintLabel: 'j/k',
		scopeHints: {message: 'scroll'},
	},
	{command: 'up', scopes: VIEW_PANES, keys: ['up', 'k'], label: 'k/↑', description: 'previous row', category: 'Move'},
	{command: 'top', scopes: VIEW_PANES, keys: ['g', 'home'], label: 'g', description: 'first row', category: 'Move'},
	{command: 'bottom', scopes: VIEW_PANES, keys: ['G', 'end'], label: 'G', description: 'last row', category: 'Move'},
	{
		command: 'pageDown',
		scopes: VIEW_PANES,
		keys: ['pagedown', 'ctrl+f'],
		label: 'PgDn/^f',
		description: 'page down',
		category: 'Move',
	},
	{
		command: 'pageUp',
		scopes: VIEW_PANES,
		keys: ['pageup', 'ctrl+b'],
		label: 'PgUp/^b',
		description: 'page up',
		category: 'Move',
	},
	{
		command: 'nextPane',
		scopes: EXPLORER_PANES,
		keys: ['tab'],
		label: 'Tab',
		description: 'next pane',
		category: 'Panes',
		hint: 'pane',
	},
	{
		command: 'previousPane',
		scopes: EXPLORER_PANES,
		keys: ['shift+tab'],
		label: 'S-Tab',
		description: 'previous pane',
		category: 'Panes',
	},
	{
		command: 'paneLeft',
		scopes: EXPLORER_PANES,
		keys: ['h', 'left'],
		label: 'h/←',
		description: 'pane to the left (or above)',
		category: 'Panes',
	},
	{
		command: 'paneRight',
		scopes: EXPLORER_PANES,
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
		scopes: ['brokers', 'topics', 'partitions', 'messages', 'groups', 'group', 'subjects'],
		scopeHints: {
			subjects: 'versions',
			brokers: 'topics',
			topics: 'partitions',
			partitions: 'messages',
			messages: 'open',
			groups: 'open',
			group: 'messages',
		},
	},
];

export const GROUP_BINDINGS: Binding[] = [
	{
		command: 'schemaDown',
		keys: ['J', 'space'],
		label: 'J/Space',
		description: 'scroll the schema down a page',
		category: 'Lists',
		scopes: ['versions'],
		hintLabel: 'J/K',
		hint: 'scroll schema',
	},
	{
		command: 'schemaUp',
		keys: ['K'],
		label: 'K',
		description: 'scroll the schema up a page',
		category: 'Lists',
		scopes: ['versions'],
	},
	{
		command: 'sortGroups',
		keys: ['s'],
		label: 's',
		description: 'sort groups by name or by lag',
		category: 'Groups',
		scopes: ['groups'],
		hint: 'sort',
	},
	{
		command: 'consumers',
		keys: ['c'],
		label: 'c',
		description: 'the consumer groups that read this topic',
		category: 'Groups',
		scopes: ['topics', 'partitions'],
		hint: 'groups',
	},
];

export const GENERAL_BINDINGS: Binding[] = [
	{
		command: 'back',
		keys: ['escape'],
		label: 'Esc',
		description: 'clear the filter, else step back (the producer keeps its draft)',
		category: 'Panes',
		scopeHints: {producer: 'back'},
	},
	{
		command: 'filter',
		keys: ['/'],
		label: '/',
		description: 'filter the focused list as you type',
		category: 'Lists',
		hint: 'filter',
		pinned: true,
		scopes: LIST_PANES,
	},
	{
		command: 'toggleInternal',
		keys: ['i'],
		label: 'i',
		description: 'show or hide internal topics',
		category: 'Lists',
		scopes: ['topics'],
	},
	{
		command: 'commandLine',
		keys: [':'],
		label: ':',
		description: 'command line (Tab completes)',
		category: 'General',
		hint: 'cmd',
		pinned: true,
		scopes: VIEW_PANES,
	},
	{
		command: 'refresh',
		keys: ['r'],
		label: 'r',
		description: 'refresh now (in the viewer: read the messages again)',
		category: 'General',
		hint: 'refresh',
		scopes: VIEW_PANES,
	},
	{
		command: 'help',
		keys: ['?'],
		label: '?',
		description: 'this help',
		category: 'General',
		hint: 'help',
		pinned: true,
		scopes: VIEW_PANES,
	},
	{
		command: 'quit',
		scopes: VIEW_PANES,
		keys: ['q', 'ctrl+c'],
		label: 'q',
		description: 'quit',
		category: 'General',
		hint: 'quit',
		pinned: true,
	},
	{
		command: 'quit',
		scopes: ['producer'],
		keys: ['ctrl+c'],
		label: '^c',
		description: 'quit (twice when a draft would be lost; Esc keeps the draft)',
		category: 'Producer',
		hint: 'quit',
		pinned: true,
	},
];
