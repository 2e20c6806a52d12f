import type {Box as BoxSize} from '../kit/box.js';
import {Notice} from '../kit/notice.js';
import type {AppState} from '../shell/app-state.js';
import {GroupDetail} from './group-detail.js';
import {GroupsPane} from './groups-pane.js';
import type {GroupsLag} from './use-groups-lag.js';
import type {GroupsModel} from './use-groups-model.js';

export type GroupsScreenProps = {
	model: GroupsModel;
	groups: GroupsLag;
	state: Pick<AppState, 'groupDetail' | 'groupsSort' | 'groupsTopic' | 'lists' | 'filters'>;
	box: BoxSize;
};

/** The groups list, or one group in full (with why it cannot be shown, when it cannot). */
export const GroupsScreen = ({model, groups, state, box}: GroupsScreenProps) => {
	if (state.groupDetail) {
		const open = model.open;
		if (!open || !open.ok) {
			const why = !open
				? groups.data
					? `group ${state.groupDetail} is gone: deleted, or no longer listed by any coordinator`
					: 'loading ...'
				: `${open.groupId}: ${open.error}`;
			return (
				<Notice
					title={`group ${state.groupDetail}`}
					lines={[why, 'kex keeps asking at every refresh; Esc goes back to the list']}
					width={box.width}
					height={box.height}
				/>
			);
		}
		return (
			<GroupDetail
				lag={open.lag}
				rows={model.partitions}
				history={groups.history}
				position={state.lists.group}
				width={box.width}
				height={box.height}
				now={model.now}
			/>
		);
	}
	return (
		<GroupsPane
			sort={state.groupsSort}
			topic={state.groupsTopic}
			list={model.list}
			position={state.lists.groups}
			filter={state.filters.groups}
			focused
			stale={groups.status !== 'connected' && groups.data !== null}
			box={box}
			loading={groups.data === null}
		/>
	);
};
