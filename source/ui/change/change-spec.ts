import type {KafkaService} from '../../kafka/types.js';

// A change to the cluster as data: the fields a person fills in, what the cluster says it would do (the broker's
// validate-only answer, or a preview kex computes), and the change itself. One dialog runs them all, so every
// change is asked the same way: edit, see what would happen, confirm (y, or the name typed), done.

export type Field = {
	name: string;
	label: string;
	/** Said beside the field: the unit, the choices, an example. */
	hint?: string;
	/** A pick-one field: Space steps through these. */
	choices?: string[];
};

export type Values = Record<string, string>;

export type Preview = {
	/** What would happen, line by line (a table of offsets, the configs a topic gets). */
	lines: string[];
	/** When set, the confirmation is typing this (a topic's name before deleting it) rather than y. */
	typed?: string;
};

export type ChangeSpec = {
	title: string;
	fields: Field[];
	initial: Values;
	/** Asks the cluster what would happen; throws with the reason when it would not. */
	check(values: Values, service: KafkaService): Promise<Preview>;
	/** Makes the change; says what was done. */
	apply(values: Values, service: KafkaService): Promise<string>;
	/** What to refresh afterwards. */
	refresh?: 'snapshot' | 'groups' | 'detail';
};
