import {isUtf8} from 'node:buffer';
import type {Message} from '../../kafka/types.js';
import {commandFor, type PaneId} from '../keymap.js';
import {emptyDraft, type Draft} from '../producer/draft.js';
import {topicSuggestions} from '../producer/producer-form.js';
import {isTextField} from '../producer/producer-state.js';
import type {KeyApi} from './key-api.js';
import {printable} from './printable.js';

// Keys in the producer form. Printable keys are text for the focused field; the keymap's control keys act.

/** A message brought into the producer: as text when it is UTF-8, else key and value as base64. */
const draftFrom = (m: Message): Draft => {
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
	const {context, dispatch} = api;
	const {viewer, producer, readOnly} = context.current;
	if (readOnly) return;
	const current = producer.state.draft;
	if ((pane === 'messages' || pane === 'message') && viewer.selected) {
		producer.dispatch({type: 'load', draft: draftFrom(viewer.selected)});
	} else {
		const target = viewer.target(pane);
		if (target) {
			const partition = target.partition === null ? current.partition : String(target.partition);
			producer.dispatch({
				type: 'load',
				draft: {
					...current,
					topic: target.topic,
					partition: target.topic === current.topic || target.partition !== null ? partition : '',
				},
			});
		}
	}
	dispatch({type: 'openProducer'});
};

/** Keys in the producer form: text goes to the focused field; control keys are the keymap's. */
export const producerKey = (api: KeyApi, name: string, text: string) => {
	const {context, dispatch, flash} = api;
	const {producer, partitionCounts, allTopicNames} = context.current;
	const p = producer.state;
	if (p.sending) return;
	if (producer.file) {
		if (producer.file.running) return name === 'escape' ? producer.cancelFile() : undefined;
		if (!producer.file.outcome && name === 'y') return void producer.runFile();
		producer.cancelFile();
		if (!producer.file.outcome || name === 'escape') return;
	}
	if (p.confirming) {
		if (name === 'y' || name === 'enter') return void producer.send(p.draft, partitionCounts);
		return producer.dispatch({type: 'confirm', on: false});
	}
	const command = commandFor(name, 'producer', context.current.readOnly);
	switch (command) {
		case 'send': {
			const draftCheck = p.draft.topic.trim();
			if (!draftCheck)
				return producer.dispatch({type: 'problem', problem: {field: 'topic', message: 'choose a topic'}});
			return producer.dispatch({type: 'confirm', on: true});
		}
		case 'nextField':
			return producer.dispatch({type: 'move', delta: 1});
		case 'previousField':
			return producer.dispatch({type: 'move', delta: -1});
		case 'recall':
		case 'recallNext':
			return producer.dispatch({type: 'recall', delta: command === 'recall' ? -1 : 1});
		case 'sendFile':
			return dispatch({type: 'openCommand', text: 'sendfile '});
		case 'openSent':
			if (!p.sent) return flash('info', 'nothing sent yet');
			return dispatch({
				type: 'openViewer',
				target: {topic: p.sent.topic, partition: p.sent.partition, start: {kind: 'offset', offset: p.sent.offset}},
			});
		case 'back':
			return dispatch({type: 'back'});
	}
	if (p.field === 'topic') {
		const suggestions = topicSuggestions(p.draft.topic, allTopicNames);
		if (name === 'up' || name === 'down')
			return producer.dispatch({
				type: 'suggest',
				delta: name === 'up' ? -1 : 1,
				count: Math.min(5, suggestions.length),
			});
		if (name === 'enter') {
			const chosen = suggestions[p.suggestion];
			return chosen
				? producer.dispatch({type: 'chooseTopic', topic: chosen})
				: producer.dispatch({type: 'move', delta: 1});
		}
	}
	if (!isTextField(p.field)) {
		if (name === ' ' || name === 'enter') return producer.dispatch({type: 'toggle'});
		if (name === 'up' || name === 'down') return producer.dispatch({type: 'move', delta: name === 'up' ? -1 : 1});
		return;
	}
	if (name === 'enter') {
		if (p.field === 'value' || p.field === 'headers') return producer.dispatch({type: 'insert', text: '\n'});
		return producer.dispatch({type: 'move', delta: 1});
	}
	// Printable keys (any character, emoji included) are their own name; named keys edit.
	if (text !== '' && name === text) return producer.dispatch({type: 'insert', text: printable(text)});
	producer.dispatch({type: 'edit', key: name});
};
