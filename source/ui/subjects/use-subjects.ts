import {useCallback, useMemo} from 'react';
import type {SchemaType} from '../../schema/registry-client.js';
import type {Schemas} from '../../schema/schemas.js';
import type {Listed} from '../kit/list-types.js';
import {useLive} from '../kit/use-live.js';

// The registry's subjects while :subjects is open (each with its latest version, type and compatibility), and the
// versions of the one opened with Enter, each with its schema text.

export type SubjectRow = {subject: string; version: number; id: number; type: SchemaType; compatibility: string | null};
export type VersionRow = {version: number; id: number; type: SchemaType; schema: string};

export type SubjectsModel = {list: Listed<SubjectRow>; stale: boolean; error: string | null; loading: boolean};
export type VersionsModel = {list: Listed<VersionRow>; error: string | null; loading: boolean};

/** At most this many requests at a time: a registry of thousands of subjects is asked in a steady stream. */
const PARALLEL = 8;

const inBatches = async <T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> => {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += PARALLEL)
		out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
	return out;
};

export const useSubjects = (schemas: Schemas | null, active: boolean, refreshMs: number, filter: string) => {
	const live = useLive(
		useCallback(async (): Promise<SubjectRow[]> => {
			if (!schemas) return [];
			const {client} = schemas;
			const names = (await client.subjects()).sort();
			return inBatches(names, async subject => {
				const [latest, compatibility] = await Promise.all([
					client.version(subject, 'latest'),
					client.compatibility(subject).catch(() => null),
				]);
				return {subject, version: latest.version, id: latest.id, type: latest.schemaType, compatibility};
			});
		}, [schemas]),
		// Subjects change seldom: a refresh a minute at most (r refreshes now).
		Math.max(refreshMs, 60_000),
		active && schemas !== null,
	);
	const rows = useMemo(() => {
		const f = filter.toLowerCase();
		return (live.data ?? []).filter(r => !f || `${r.subject} ${r.type}`.toLowerCase().includes(f));
	}, [live.data, filter]);
	const stale = live.status !== 'connected' && live.data !== null;
	const model: SubjectsModel = useMemo(
		() => ({
			list: {rows, keys: rows.map(r => r.subject), total: live.data?.length ?? 0},
			stale,
			error: live.error,
			loading: live.data === null && live.error === null,
		}),
		[rows, live.data, live.error, stale],
	);
	return {model, refresh: live.refresh};
};

export const useSubjectVersions = (schemas: Schemas | null, subject: string | null) => {
	const live = useLive(
		useCallback(async (): Promise<VersionRow[]> => {
			if (!schemas || !subject) return [];
			const {client} = schemas;
			const versions = await client.versions(subject);
			const rows = await inBatches(versions, async v => {
				const got = await client.version(subject, v);
				return {version: got.version, id: got.id, type: got.schemaType, schema: got.schema};
			});
			// The newest first: it is the one a producer uses.
			return rows.reverse();
		}, [schemas, subject]),
		60_000,
		subject !== null && schemas !== null,
	);
	// One model while the data stands: the screen lays the schema out from it, not again each render.
	const model: VersionsModel = useMemo(() => {
		const rows = live.data ?? [];
		return {
			list: {rows, keys: rows.map(r => String(r.version)), total: rows.length},
			error: live.error,
			loading: live.data === null && live.error === null,
		};
	}, [live.data, live.error]);
	return {model, refresh: live.refresh};
};
