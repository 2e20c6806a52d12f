import {useCallback} from 'react';
import type {AclBinding} from '../../kafka/change-types.js';
import type {KafkaService} from '../../kafka/types.js';
import {useLive, type Live} from '../kit/use-live.js';

// The cluster's ACLs while the ACL view is open.

export const useAcls = (service: KafkaService, active: boolean, refreshMs: number): Live<AclBinding[]> =>
	useLive(
		useCallback(() => service.acls(), [service]),
		refreshMs,
		active,
	);
