import {resolveIndex} from '../kit/list-window.js';
import type {Command} from './binding-types.js';
import {listCommand, refreshWith} from './lists.js';
import {openViewer} from './open.js';
import {deleteGroupChange, deleteGroupOffsetsChange, resetOffsetsChange} from '../change/group-changes.js';
import {openChange} from './change.js';
import type {KeyApi} from './types.js';

// Keys of the groups list and of one group in full.

const enter = (api: KeyApi, pane: 'groups' | 'group') => {
	const {app, screen} = api;
	const {shapes, groups} = screen();
	// Rows under the cursor come from the latest state: keys typed in one burst see the moves before them.
	const at = (keys: string[] | undefined) => resolveIndex(app.getState().lists[pane], keys ?? []);
	if (pane === 'groups') {
		const row = groups.rows[at(shapes.groups?.keys)];
		return row ? app.dispatch({type: 'openGroup', groupId: row.groupId}) : undefined;
	}
	// The next message the group will read; a partition never committed opens at its oldest.
	const p = groups.partitions[at(shapes.group?.keys)];
	if (!p) return;
	if (p.committedOffset === null) {
		api.flash('info', `${p.topic}/${p.partition} was never committed: showing its oldest messages`);
		return openViewer(api, {topic: p.topic, partition: p.partition, start: {kind: 'oldest'}});
	}
	const offset = Math.min(p.logEndOffset, Math.max(p.committedOffset, p.logStartOffset));
	openViewer(api, {topic: p.topic, partition: p.partition, start: {kind: 'offset', offset}});
};

const groupChange = (
	api: KeyApi,
	pane: 'groups' | 'group',
	command: 'resetOffsets' | 'deleteGroup' | 'deleteGroupOffsets',
) => {
	const {app, screen} = api;
	const {shapes, groups} = screen();
	const state = app.getState();
	const groupId =
		pane === 'group'
			? state.groupDetail
			: groups.rows[resolveIndex(state.lists.groups, shapes.groups?.keys ?? [])]?.groupId;
	if (!groupId) return;
	const partition =
		pane === 'group' ? groups.partitions[resolveIndex(state.lists.group, shapes.group?.keys ?? [])] : undefined;
	if (command === 'resetOffsets')
		return openChange(api, resetOffsetsChange(groupId, partition?.topic ?? state.groupsTopic));
	if (command === 'deleteGroupOffsets')
		return partition ? openChange(api, deleteGroupOffsetsChange(groupId, partition.topic)) : undefined;
	openChange(api, deleteGroupChange(groupId));
};

export const groupsKey = (api: KeyApi, command: Command) => {
	const pane = api.app.getState().focus === 'group' ? 'group' : 'groups';
	if (listCommand(api, pane, command)) return;
	switch (command) {
		case 'enter':
			return enter(api, pane);
		case 'resetOffsets':
		case 'deleteGroup':
		case 'deleteGroupOffsets':
			return groupChange(api, pane, command);
		case 'sortGroups':
			return api.app.dispatch({type: 'groupsSort'});
		case 'refresh':
			return refreshWith(api, api.refreshGroups);
		case 'back':
			return api.app.dispatch({type: 'back'});
	}
};
