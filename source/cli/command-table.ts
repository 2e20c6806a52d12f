import {ACL_ACTIONS} from './acl-commands.js';
import {broker} from './broker-command.js';
import {brokers, groups, lag, topic, topics, type CommandContext} from './commands.js';
import {consume} from './consume-command.js';
import {produce} from './produce-command.js';
import {GROUP_ACTIONS} from './group-commands.js';
import {TOPIC_ACTIONS} from './topic-commands.js';
import {KexError} from '../kafka/errors.js';

// Every subcommand by name. `topic`, `group` and `acl` take an action word first (kex topic create ...); `kex topic
// NAME` alone describes the topic, and `kex topic describe NAME` does too, for a topic named like an action.

type Run = (c: CommandContext) => Promise<void>;

const withActions =
	(actions: Record<string, Run>, otherwise: Run | null, usage: string): Run =>
	async c => {
		const [word, ...rest] = c.args;
		const action = word === undefined ? undefined : actions[word];
		if (action) return action({...c, args: rest});
		if (word === 'describe' && otherwise) return otherwise({...c, args: rest});
		if (otherwise && word !== undefined) return otherwise(c);
		throw new KexError('invalid-input', `${word === undefined ? 'missing' : `unknown action "${word}":`} ${usage}`);
	};

export const COMMANDS = {
	brokers,
	broker,
	topics,
	topic: withActions(TOPIC_ACTIONS, topic, 'kex topic NAME, or kex topic create|delete|config|partitions|truncate ...'),
	groups,
	group: withActions(GROUP_ACTIONS, null, 'kex group reset|delete GROUP ...'),
	lag,
	consume,
	produce,
	acl: withActions(ACL_ACTIONS, null, 'kex acl list|create|delete ...'),
} satisfies Record<string, Run>;

export type CommandName = keyof typeof COMMANDS;
