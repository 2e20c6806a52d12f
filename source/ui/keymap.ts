// The one table of keys. The input handler looks commands up here, the footer shows the hints of the focused pane
// from here, and the help screen lists it by category; a key added here appears in all three.

export type PaneId = 'brokers' | 'topics' | 'partitions' | 'groups';

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
	| 'quit';

export type Category = 'Move' | 'Panes' | 'Lists' | 'General';

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

export const KEYMAP: Binding[] = [
	{command: 'down', keys: ['down', 'j'], label: 'j/↓', description: 'next row', category: 'Move', hint: 'move', hintLabel: 'j/k'},
	{command: 'up', keys: ['up', 'k'], label: 'k/↑', description: 'previous row', category: 'Move'},
	{command: 'top', keys: ['g', 'home'], label: 'g', description: 'first row', category: 'Move'},
	{command: 'bottom', keys: ['G', 'end'], label: 'G', description: 'last row', category: 'Move'},
	{command: 'pageDown', keys: ['pagedown', 'ctrl+f'], label: 'PgDn/^f', description: 'page down', category: 'Move'},
	{command: 'pageUp', keys: ['pageup', 'ctrl+b'], label: 'PgUp/^b', description: 'page up', category: 'Move'},
	{command: 'nextPane', keys: ['tab'], label: 'Tab', description: 'next pane', category: 'Panes', hint: 'pane'},
	{command: 'previousPane', keys: ['shift+tab'], label: 'S-Tab', description: 'previous pane', category: 'Panes'},
	{command: 'paneLeft', keys: ['h', 'left'], label: 'h/←', description: 'pane to the left (or above)', category: 'Panes'},
	{command: 'paneRight', keys: ['l', 'right'], label: 'l/→', description: 'pane to the right (or below)', category: 'Panes'},
	{
		command: 'enter',
		keys: ['enter'],
		label: 'Enter',
		description: 'drill in: a broker to topics, a topic to its partitions',
		category: 'Panes',
		panes: ['brokers', 'topics'],
		paneHints: {brokers: 'topics', topics: 'partitions'},
	},
	{command: 'back', keys: ['escape'], label: 'Esc', description: 'clear the filter, else step back', category: 'Panes'},
	{command: 'filter', keys: ['/'], label: '/', description: 'filter the focused list as you type', category: 'Lists', hint: 'filter'},
	{
		command: 'toggleInternal',
		keys: ['i'],
		label: 'i',
		description: 'show or hide internal topics',
		category: 'Lists',
		panes: ['topics'],
		hint: 'internal',
	},
	{command: 'commandLine', keys: [':'], label: ':', description: 'command line (Tab completes)', category: 'General', hint: 'cmd'},
	{command: 'refresh', keys: ['r'], label: 'r', description: 'refresh now', category: 'General', hint: 'refresh'},
	{command: 'help', keys: ['?'], label: '?', description: 'this help', category: 'General', hint: 'help', pinned: true},
	{command: 'quit', keys: ['q', 'ctrl+c'], label: 'q', description: 'quit', category: 'General', hint: 'quit', pinned: true},
];

export const CATEGORIES: Category[] = ['Move', 'Panes', 'Lists', 'General'];

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
	{label: 'Backspace', description: 'delete a character; ^u deletes the line'},
];
