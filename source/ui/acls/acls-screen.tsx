import type {AclBinding} from '../../kafka/change-types.js';
import type {Box} from '../kit/box.js';
import {ListPane} from '../kit/list-pane.js';
import type {Listed} from '../kit/list-types.js';
import type {ListPosition} from '../kit/list-window.js';

// Every ACL of the cluster: who may (or may not) do what on which resource, from which host.

export const aclKey = (b: AclBinding) =>
	[b.principal, b.permission, b.operation, b.resourceType, b.patternType, b.resourceName, b.host].join('\u0000');

/** What the filter matches: every column's text. */
export const aclText = (b: AclBinding) =>
	`${b.principal} ${b.permission} ${b.operation} ${b.resourceType} ${b.resourceName} ${b.patternType} ${b.host}`.toLowerCase();

export type AclsModel = {list: Listed<AclBinding>; stale: boolean; error: string | null};

type Props = {model: AclsModel; position: ListPosition; filter: string; box: Box};

export const AclsScreen = ({model: {list, stale, error}, position, filter, box}: Props) => (
	<ListPane
		list={list}
		position={position}
		filter={filter}
		focused
		stale={stale}
		box={box}
		name="acls"
		columns={[
			{title: 'PRINCIPAL', width: 'flex', minWidth: 12, maxWidth: 30, cell: b => b.principal},
			{
				title: 'PERMISSION',
				width: 10,
				cell: b => ({text: b.permission, color: b.permission === 'deny' ? 'red' : 'green'}),
			},
			{title: 'OPERATION', width: 16, cell: b => b.operation},
			{title: 'RESOURCE', width: 16, cell: b => b.resourceType},
			{
				title: 'NAME',
				width: 'flex',
				minWidth: 12,
				cell: b => `${b.resourceName}${b.patternType === 'prefixed' ? '*' : ''}`,
			},
			{title: 'HOST', width: 10, cell: b => b.host},
		]}
		empty={error ?? 'no ACLs'}
	/>
);
