import type {Binding, Category, Command, Scope} from './binding-types.js';
import {CHANGE_BINDINGS} from './bindings-changes.js';
import {MESSAGE_BINDINGS, PRODUCER_BINDINGS} from './bindings-messages.js';
import {TEXT_BINDINGS} from './bindings-text.js';
import {GENERAL_BINDINGS, GROUP_BINDINGS, NAVIGATION_BINDINGS} from './bindings-views.js';

// The one table of keys. The key handlers look commands up here, the footer shows the hints of the focused pane or
// mode from here, and the help screen lists it by category; a key added here appears in all three.

export type {Binding, Category, Command, PaneId, Scope} from './binding-types.js';

export const KEYMAP: Binding[] = [
	...NAVIGATION_BINDINGS,
	...MESSAGE_BINDINGS,
	...PRODUCER_BINDINGS,
	...GROUP_BINDINGS,
	...CHANGE_BINDINGS,
	...GENERAL_BINDINGS,
	...TEXT_BINDINGS,
];

export const CATEGORIES: Category[] = [
	'Move',
	'Panes',
	'Lists',
	'Messages',
	'Producer',
	'Groups',
	'Changes',
	'General',
	'Typing a filter or a command',
	'Help',
	'Questions',
];

const PANE_SCOPES = new Set<Scope>([
	'brokers',
	'topics',
	'partitions',
	'groups',
	'group',
	'messages',
	'message',
	'producer',
	'configs',
	'acls',
	'subjects',
	'versions',
]);

const applies = (b: Binding, scope: Scope) => (b.scopes ? b.scopes.includes(scope) : PANE_SCOPES.has(scope));

/** Bindings that work in `scope`; read-only mode drops every one that changes the cluster. */
export const bindingsFor = (scope: Scope, readOnly: boolean) =>
	KEYMAP.filter(b => applies(b, scope) && !(readOnly && b.dangerous));

export const commandFor = (key: string, scope: Scope, readOnly: boolean): Command | undefined =>
	bindingsFor(scope, readOnly).find(b => b.keys.includes(key))?.command;

export type Hint = {label: string; text: string; pinned?: boolean};

export const footerHints = (scope: Scope, readOnly: boolean): Hint[] =>
	bindingsFor(scope, readOnly).flatMap(b => {
		const text = b.scopeHints?.[scope] ?? b.hint;
		return text ? [{label: b.hintLabel ?? b.label, text, pinned: b.pinned}] : [];
	});
