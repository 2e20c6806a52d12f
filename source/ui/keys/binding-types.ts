// What a key binding is. The tables (bindings-*.ts) list them; keymap.ts looks them up for the key handlers, the
// footer and the help, so a key added to a table appears in all three.

export type PaneId =
	| 'brokers'
	| 'topics'
	| 'partitions'
	| 'groups'
	| 'group'
	| 'messages'
	| 'message'
	| 'producer'
	| 'configs'
	| 'acls'
	| 'subjects'
	| 'versions';

/**
 * Where keys are read: a pane, or a mode that takes keys before any pane (typing, the help, a question). `change`
 * is the change dialog's form, `question` its confirmation (y, or a typed name).
 */
export type Scope =
	| PaneId
	| 'filter'
	| 'command'
	| 'help'
	| 'confirm'
	/** A file being sent from the producer, and its report once sent. */
	| 'sending'
	| 'report'
	| 'clusters'
	| 'change'
	| 'question';

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
	| 'closeClusters'
	| 'pickCluster'
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
	| 'fieldUp'
	| 'fieldDown'
	| 'toggle'
	| 'edit'
	| 'recall'
	| 'recallNext'
	| 'openSent'
	| 'sendFile'
	| 'sortGroups'
	| 'schemaDown'
	| 'schemaUp'
	| 'consumers'
	| 'accept'
	| 'cancel'
	| 'complete'
	| 'deleteBack'
	| 'clearLine'
	| 'closeHelp'
	| 'confirm'
	| 'describe'
	| 'createTopic'
	| 'deleteTopic'
	| 'addPartitions'
	| 'truncate'
	| 'editConfig'
	| 'resetConfig'
	| 'resetOffsets'
	| 'deleteGroup'
	| 'deleteGroupOffsets'
	| 'createAcl'
	| 'deleteAcl'
	| 'quit';

export type Category =
	| 'Move'
	| 'Panes'
	| 'Lists'
	| 'Messages'
	| 'Producer'
	| 'Groups'
	| 'Changes'
	| 'General'
	| 'Typing a filter or a command'
	| 'Help'
	| 'Clusters'
	| 'Questions';

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
	/** Where the binding applies; every pane (not the typing, help or question modes) when absent. */
	scopes?: Scope[];
	/** Per-scope footer text where the same key does something different. */
	scopeHints?: Partial<Record<Scope, string>>;
	/** Changes the cluster: asks for confirmation, and read-only mode drops it. */
	dangerous?: boolean;
};
