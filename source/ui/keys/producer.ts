import {isUtf8} from 'node:buffer';
import type {Message} from '../../kafka/types.js';
import {emptyDraft, type Draft} from '../producer/draft.js';
import {topicSuggestions} from '../producer/producer-form.js';
import {isTextField} from '../producer/producer-state.js';
import type {Command, PaneId} from './binding-types.js';
import {openViewer, selectedMessage} from './open.js';
import {printable} from './printable.js';
import type {KeyApi} from './types.js';

// Keys of the producer form. In a text field printable keys are text; the keymap's keys act.

/**
 * A message brought into the producer: as text when it is UTF-8, else key and value as base64. A value decoded
 * with a registry schema comes as its JSON, with the schema it was written with, to be encoded again.
 */
const draftFrom = (m: Message): Draft => {
	const decoded = m.decoded?.value;
	if (decoded?.ok && decoded.schema.framing === 'confluent' && (m.key === null || isUtf8(m.key)))
		return {
			...emptyDraft(m.topic),
			key: m.key?.toString('utf8') ?? '',
			value: JSON.stringify(decoded.json, null, 2),
			schema: `id:${decoded.schema.id}`,
			headers: m.headers.map(h => (h.value === null ? h.key : `${h.key}: ${h.value.toString('utf8')}`)).join('\n'),
		};
	const text = (m.key === null || isUtf8(m.key)) && (m.value === null || isUtf8(m.value));
	const asText = (b: Buffer | null) => (b === null ? '' : text ? b.toString('utf8') : b.toString('base64'));
	return {
		...emptyDraft(m.topic),
		key: asText(m.key),
		value: asText(m.value),
		tombstone: m.value === null,
		headers: m.headers.map(h => (h.value === null ? h.key : `${h.key}: ${h.value.toString('utf8')}`)).join('\n'),
		base64: !text,
	};
};

/** Opens the producer: on a topic or partition with it filled in, on a message with that message. */
export const openProducer = (api: KeyApi, pane: PaneId) => {
	const {app, producer, readOnly} = api;
	if (readOnly) return;
	const current = producer.store.getState().draft;
	const selected = selectedMessage(api);
	const target = api.screen().explorerTarget(app.getState());
	if ((pane === 'messages' || pane === 'message') && selected && !selected.unreadable) {
		producer.dispatch({type: 'load', draft: draftFrom(selected)});
	} else if (target) {
		const {topic, partition} = target;
		const kept = topic === current.topic || partition !== null ? current.partition : '';
		producer.dispatch({
			type: 'load',
			draft: {...current, topic, partition: partition === null ? kept : String(partition)},
		});
	}
	app.dispatch({type: 'openProducer'});
};

/** The topic field: ↑/↓ pick a suggestion, Enter takes it. */
const topicKey = (api: KeyApi, command: Command | undefined): boolean => {
	const {producer} = api;
	const p = producer.store.getState();
	const suggestions = topicSuggestions(p.draft.topic, api.screen().allTopicNames);
	if (command === 'fieldUp' || command === 'fieldDown') {
		const delta = command === 'fieldUp' ? -1 : 1;
		producer.dispatch({type: 'suggest', delta, count: Math.min(5, suggestions.length)});
		return true;
	}
	if (command !== 'enter') return false;
	const chosen = suggestions[p.suggestion];
	producer.dispatch(chosen ? {type: 'chooseTopic', topic: chosen} : {type: 'move', delta: 1});
	return true;
};

export const producerKey = (api: KeyApi, command: Command | undefined, name: string, text: string) => {
	const {app, producer} = api;
	const p = producer.store.getState();
	if (p.sending) return;
	// Printable keys (any character, emoji included) are their own name: text for the focused field.
	if (isTextField(p.field) && text !== '' && name === text)
		return producer.dispatch({type: 'insert', text: printable(text)});
	if (p.field === 'topic' && topicKey(api, command)) return;
	switch (command) {
		case 'send':
			if (!p.draft.topic.trim()) {
				return producer.dispatch({type: 'problem', problem: {field: 'topic', message: 'choose a topic'}});
			}
			return producer.dispatch({type: 'confirm', on: true});
		case 'nextField':
		case 'previousField':
			return producer.dispatch({type: 'move', delta: command === 'nextField' ? 1 : -1});
		case 'recall':
		case 'recallNext':
			return producer.dispatch({type: 'recall', delta: command === 'recall' ? -1 : 1});
		case 'sendFile':
			return app.dispatch({type: 'openCommand', text: 'sendfile '});
		case 'openSent':
			if (!p.sent) return api.flash('info', 'nothing sent yet');
			return openViewer(api, {
				topic: p.sent.topic,
				partition: p.sent.partition,
				start: {kind: 'offset', offset: p.sent.offset},
			});
		case 'back':
			return app.dispatch({type: 'back'});
		case 'toggle':
			return producer.dispatch({type: 'toggle'});
		case 'enter':
			if (!isTextField(p.field)) return producer.dispatch({type: 'toggle'});
			if (p.field === 'value' || p.field === 'headers') return producer.dispatch({type: 'insert', text: '\n'});
			return producer.dispatch({type: 'move', delta: 1});
		case 'fieldUp':
		case 'fieldDown':
			// In a text field the cursor moves between lines; elsewhere, between fields.
			if (isTextField(p.field)) return producer.dispatch({type: 'edit', key: command === 'fieldUp' ? 'up' : 'down'});
			return producer.dispatch({type: 'move', delta: command === 'fieldUp' ? -1 : 1});
		case 'edit':
			return producer.dispatch({type: 'edit', key: name});
	}
};
