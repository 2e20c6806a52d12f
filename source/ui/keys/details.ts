import {fallbackText} from '../../shared/change-text.js';
import {resolveIndex} from '../kit/list-window.js';
import {resetConfigChange, setConfigChange} from '../change/topic-changes.js';
import {createAclChange, deleteAclChange} from '../change/group-changes.js';
import type {Command} from './binding-types.js';
import {openChange} from './change.js';
import {listCommand, refreshWith} from './lists.js';
import type {KeyApi} from './types.js';

// Keys of the detail view (a topic's or broker's configs) and of the ACL list.

export const detailKey = (api: KeyApi, command: Command) => {
	const {app} = api;
	if (listCommand(api, 'configs', command)) return;
	const {detail} = app.getState();
	const {configs, shapes} = api.screen();
	const entry = configs[resolveIndex(app.getState().lists.configs, shapes.configs?.keys ?? [])];
	switch (command) {
		case 'editConfig':
		case 'resetConfig': {
			if (detail?.kind !== 'topic')
				return api.flash('info', "kex changes topics' configs; broker configs are shown only");
			if (!entry) return;
			if (entry.readOnly) return api.flash('warn', `${entry.name} cannot be changed while the cluster runs`);
			if (command === 'editConfig') return openChange(api, setConfigChange(detail.name, entry.name, entry.value));
			if (entry.source !== 'topic')
				return api.flash('info', `${entry.name} is not set on ${detail.name}: nothing to reset`);
			return openChange(api, resetConfigChange(detail.name, entry.name, entry.value, fallbackText(entry)));
		}
		case 'refresh':
			return refreshWith(api, api.refreshDetail);
		case 'back':
			return app.dispatch({type: 'back'});
	}
};

export const subjectsKey = (api: KeyApi, command: Command) => {
	const {app} = api;
	const {view} = app.getState();
	const pane = view === 'subject' ? 'versions' : 'subjects';
	if (listCommand(api, pane, command)) return;
	switch (command) {
		case 'enter': {
			if (view !== 'subjects') return;
			const {subjects, shapes} = api.screen();
			const row = subjects[resolveIndex(app.getState().lists.subjects, shapes.subjects?.keys ?? [])];
			return row ? app.dispatch({type: 'openSubject', subject: row.subject}) : undefined;
		}
		case 'schemaDown':
		case 'schemaUp': {
			const {schemaPage, schemaMax} = api.screen();
			return app.dispatch({
				type: 'scrollSchema',
				by: command === 'schemaDown' ? schemaPage : -schemaPage,
				max: schemaMax,
			});
		}
		case 'refresh':
			return refreshWith(api, api.refreshDetail);
		case 'back':
			return app.dispatch({type: 'back'});
	}
};

export const aclsKey = (api: KeyApi, command: Command) => {
	const {app} = api;
	if (listCommand(api, 'acls', command)) return;
	const {acls, shapes} = api.screen();
	switch (command) {
		case 'createAcl':
			return openChange(api, createAclChange());
		case 'deleteAcl': {
			const binding = acls[resolveIndex(app.getState().lists.acls, shapes.acls?.keys ?? [])];
			return binding ? openChange(api, deleteAclChange(binding)) : undefined;
		}
		case 'refresh':
			return refreshWith(api, api.refreshDetail);
		case 'back':
			return app.dispatch({type: 'back'});
	}
};
