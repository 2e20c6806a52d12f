import {useCallback, useMemo} from 'react';
import type {KafkaService} from '../../kafka/types.js';
import {useLive} from '../kit/use-live.js';
import {aclKey, aclText, type AclsModel} from './acls-screen.js';

// The cluster's ACLs while the ACL view is open, filtered as typed.

export const useAcls = (service: KafkaService, active: boolean, refreshMs: number, filter: string) => {
	const live = useLive(
		useCallback(() => service.acls(), [service]),
		refreshMs,
		active,
	);
	const rows = useMemo(() => {
		const f = filter.toLowerCase();
		return (live.data ?? []).filter(b => !f || aclText(b).includes(f));
	}, [live.data, filter]);
	const model: AclsModel = {
		list: {rows, keys: rows.map(aclKey), total: live.data?.length ?? 0},
		stale: live.status !== 'connected' && live.data !== null,
		error: live.error,
	};
	return {model, refresh: live.refresh};
};
