import type {AclBinding, ConfigEntry} from '../kafka/change-types.js';

// How an ACL and a config's reset read, the same in the explorer and on the command line.

export const aclText = (b: AclBinding) =>
	`${b.permission} ${b.principal} ${b.operation} on ${b.resourceType} ${b.resourceName}${b.patternType === 'prefixed' ? '*' : ''}${b.host === '*' ? '' : ` from ${b.host}`}`;

/** What a topic's config becomes when reset: the broker's setting, or the default. */
export const fallbackText = (entry: ConfigEntry | undefined) =>
	entry?.fallback ? `${entry.fallback.value ?? '-'} (${entry.fallback.source})` : 'the default';
