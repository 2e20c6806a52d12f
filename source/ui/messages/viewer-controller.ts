import {createNdjsonFile} from '../../format/ndjson-file.js';
import {fileExists} from '../../shared/files.js';
import type {KafkaService, Message, StartPosition} from '../../kafka/types.js';
import {count, errorText} from '../kit/format.js';
import {createStore} from '../kit/store.js';
import {resolveIndex, type ListMotion} from '../kit/list-window.js';
import {appendTail, loadAfter, loadBefore, loadOpen, PAGE} from './load-pages.js';
import type {MessageTest} from './message-filter.js';
import {scanSink} from './scan-sink.js';
import {decodingService} from '../../schema/decoding-service.js';
import type {Schemas} from '../../schema/schemas.js';
import {hasMoreAfter, hasMoreBefore, mergedMessages, messageKey} from './message-window.js';
import {initialViewerState, selectionOf, viewerReducer, type Placement, type ViewerTarget} from './viewer-state.js';

// The viewer's reads through the service, as commands: open a position, page on as the reader scrolls, follow,
// scan for a match, export. Each dispatches what it brings to the viewer's store; a read that a newer open or a
// close overtook is dropped.

/** How many messages a search scans before it gives up. */
export const SCAN_LIMIT = 1_000_000;
/** How often a running scan or export updates its progress line. */
const PROGRESS_MS = 100;

export const createViewer = (kafka: KafkaService, cap: number, schemas: Schemas | null = null) => {
	// With a registry, every read brings its messages decoded; the scan decodes as it tests.
	const service = schemas ? decodingService(kafka, schemas) : kafka;
	const store = createStore(viewerReducer, initialViewerState());
	const {dispatch, getState} = store;
	let generation = 0;
	let follow: AbortController | null = null;
	let task: AbortController | null = null;

	const stopFollowing = () => {
		follow?.abort();
		follow = null;
		if (getState().following) dispatch({type: 'following', on: false});
	};

	/** Loads `target`; false (with the error said) when it cannot, and what was shown stays. */
	const load = async (target: ViewerTarget, place: Placement, show: boolean): Promise<boolean> => {
		const mine = ++generation;
		stopFollowing();
		dispatch({type: 'opening', target: show ? target : undefined});
		try {
			const window = await loadOpen(service, target, cap);
			if (mine !== generation) return false;
			dispatch({type: 'loaded', target, window, place});
			return true;
		} catch (error) {
			if (mine === generation) dispatch({type: 'failed', error: errorText(error)});
			return false;
		}
	};

	const current = () => getState().target;

	/** Opens the viewer at `target`, showing it while it loads. */
	const show = (target: ViewerTarget) => load(target, 'reset', true);

	/** Moves to another start or partition once it has loaded: a bad offset leaves the view as it was. */
	const goto = (change: Partial<ViewerTarget>) => {
		const target = current();
		return target ? load({...target, ...change}, 'reset', false) : Promise.resolve(false);
	};

	/** Reads the messages again where the viewer is. */
	const reload = () => {
		const target = current();
		return target ? load(target, 'keep', false) : Promise.resolve(false);
	};

	const close = () => {
		generation += 1;
		follow?.abort();
		follow = null;
		task?.abort();
		dispatch({type: 'closed'});
	};

	const more = async (direction: 'after' | 'before') => {
		const s = getState();
		if (!s.window || s.loading || s.task || (direction === 'after' && s.following)) return;
		if (direction === 'before' && !hasMoreBefore(s.window)) return;
		const mine = generation;
		dispatch({type: 'loadingMore', direction});
		try {
			const window = await (direction === 'after' ? loadAfter : loadBefore)(service, s.window);
			if (mine === generation) dispatch({type: 'window', window});
		} catch (error) {
			if (mine === generation) dispatch({type: 'failed', error: errorText(error)});
		}
	};

	/** Moves the selection; near either end of what is loaded, loads more there. */
	const select = (action: ListMotion) => {
		dispatch(action);
		const s = getState();
		const {keys} = action.shape;
		if (s.detail || !s.window || s.loading || s.following || keys.length === 0) return;
		const index = resolveIndex(selectionOf(s, keys), keys);
		if (index >= keys.length - 2 && hasMoreAfter(s.window)) void more('after');
		else if (index <= 1 && hasMoreBefore(s.window)) void more('before');
	};

	/** Live tail: from the newest messages on, new ones appear as they arrive; the oldest shown are let go. */
	const startFollowing = async () => {
		const target = current();
		if (!getState().window || !target || getState().following) return;
		if (hasMoreAfter(getState().window!)) await load({...target, start: {kind: 'newest', count: PAGE}}, 'reset', false);
		const start = getState().window;
		if (!start) return;
		const controller = new AbortController();
		follow = controller;
		const mine = generation;
		dispatch({type: 'following', on: true});
		try {
			const offsets = Object.fromEntries(start.spans.map(sp => [sp.partition, sp.next]));
			const request = {
				topic: start.topic,
				from: {kind: 'offsets' as const, offsets},
				follow: true,
				signal: controller.signal,
				onHeld: (held: Map<number, number>) => {
					if (mine === generation) dispatch({type: 'held', held});
				},
				onTrouble: (why: string | null) => {
					if (mine === generation) dispatch({type: 'waiting', why});
				},
			};
			for await (const batch of service.read(request)) {
				if (controller.signal.aborted || mine !== generation) break;
				const window = getState().window;
				if (window) dispatch({type: 'window', window: appendTail(window, batch)});
			}
		} catch (error) {
			if (!controller.signal.aborted)
				dispatch({type: 'following', on: false, error: `live tail stopped: ${errorText(error)}`});
		} finally {
			if (follow === controller) {
				follow = null;
				dispatch({type: 'following', on: false});
			}
		}
	};

	/** Runs a scan or an export with progress; Esc (cancelTask) aborts it between batches. */
	const runTask = async (
		kind: 'scan' | 'export',
		file: string | undefined,
		work: (signal: AbortSignal, progress: (scanned: number, matched: number) => void) => Promise<void>,
	) => {
		const controller = new AbortController();
		task = controller;
		const startedAt = Date.now();
		let last = 0;
		dispatch({type: 'task', task: {kind, scanned: 0, matched: 0, startedAt, file}});
		try {
			await work(controller.signal, (scanned, matched) => {
				if (Date.now() - last < PROGRESS_MS) return;
				last = Date.now();
				dispatch({type: 'task', task: {kind, scanned, matched, startedAt, file}});
			});
		} finally {
			task = null;
			dispatch({type: 'task', task: null});
		}
		return {aborted: controller.signal.aborted, seconds: Math.max(0.001, (Date.now() - startedAt) / 1000)};
	};

	/** Reads on from the end of what is loaded until a message passes `test`, then opens the viewer there. */
	const scan = async (test: MessageTest) => {
		const {window, task: running} = getState();
		const target = current();
		if (!window || !target || running) return;
		stopFollowing();
		let scanned = 0;
		let found: Message | null = null;
		// On from the last message shown of each partition: what is loaded past it stays hidden (the list stops where a
		// partition with more to load runs out) and is searched too.
		const lastShown = new Map(mergedMessages(window).map(m => [m.partition, m.offset]));
		const offsets = Object.fromEntries(
			window.spans.map(sp => {
				const last = lastShown.get(sp.partition);
				return [sp.partition, last === undefined ? sp.first : last + 1];
			}),
		);
		const {aborted, seconds} = await runTask('scan', undefined, async (signal, progress) => {
			try {
				const sink = scanSink(test, schemas ?? undefined);
				let from = offsets;
				for (;;) {
					let missing: Buffer[] | null = null;
					const request = {topic: window.topic, from: {kind: 'offsets' as const, offsets: from}, signal};
					for await (const step of service.readInto({...request, limit: SCAN_LIMIT - scanned}, sink)) {
						scanned = step.scanned;
						found = step.found;
						if (found || signal.aborted) break;
						progress(scanned, 0);
						if (step.missing) {
							missing = step.missing;
							from = {...from, ...step.next};
							break;
						}
					}
					// A schema seen for the first time: fetched, then the scan reads on from where it stopped.
					if (!missing || found || signal.aborted) break;
					await schemas!.prepare(missing);
				}
			} catch (error) {
				dispatch({type: 'failed', error: `search stopped: ${errorText(error)}`});
			}
		});
		const at = found as Message | null;
		if (at) {
			const rate = Math.round(scanned / seconds);
			const start: StartPosition =
				target.partition === null ? {kind: 'timestamp', timestamp: at.timestamp} : {kind: 'offset', offset: at.offset};
			// Said once the match is on screen: said before, it stood over a list that did not show it yet.
			if (await load({...target, start}, {key: messageKey(at)}, false))
				dispatch({type: 'notice', notice: `found after scanning ${count(scanned)} messages (${count(rate)}/s)`});
		} else if (!aborted && scanned === 0) {
			// From the newest messages there is nothing further on: say how to scan the whole topic.
			dispatch({type: 'notice', notice: 'no match, and nothing after these to scan: t goto oldest, then n'});
		} else if (!aborted) {
			const end = scanned >= SCAN_LIMIT ? ' (the scan limit)' : ' (to the end of the topic)';
			dispatch({type: 'notice', notice: `no match in the next ${count(scanned)} messages${end}`});
		} else dispatch({type: 'notice', notice: `search cancelled after ${count(scanned)} messages`});
	};

	/** Writes NDJSON: the messages given, or every match from the loaded start to the end. An error is returned. */
	const exportTo = (file: string, what: {messages: Message[]} | {test: MessageTest | null}): string | null => {
		const {window, task: running} = getState();
		if (!window || running) return null;
		if (fileExists(file)) return `${file} exists; choose another name`;
		const out = createNdjsonFile(file);
		let scanned = 0;
		let matched = 0;
		let unreadable = 0;
		const write = async (m: Message) => {
			// A batch that could not be read has no message to write; the notice counts it.
			if (m.unreadable) {
				unreadable += 1;
				return;
			}
			matched += 1;
			await out.write(m);
		};
		void runTask('export', file, async (signal, progress) => {
			try {
				if ('messages' in what) for (const m of what.messages) await write(m);
				else {
					const offsets = Object.fromEntries(window.spans.map(sp => [sp.partition, sp.first]));
					for await (const batch of service.read({topic: window.topic, from: {kind: 'offsets', offsets}, signal})) {
						for (const m of batch) {
							scanned += 1;
							if (!what.test || what.test(m)) await write(m);
						}
						progress(scanned, matched);
					}
				}
				await out.close();
				const how = signal.aborted ? 'cancelled: wrote' : 'exported';
				const of = scanned > 0 ? ` (of ${count(scanned)} read)` : '';
				const left =
					unreadable > 0 ? `; ${count(unreadable)} unreadable batch${unreadable === 1 ? '' : 'es'} left out` : '';
				const notice = `${how} ${count(matched)} message${matched === 1 ? '' : 's'} to ${file}${of}${left}`;
				dispatch({type: 'notice', notice});
			} catch (error) {
				out.destroy();
				dispatch({type: 'failed', error: `export to ${file} failed after ${matched} messages: ${errorText(error)}`});
			}
		});
		return null;
	};

	return {
		store,
		show,
		goto,
		reload,
		close,
		select,
		startFollowing,
		stopFollowing,
		scan,
		cancelTask: () => task?.abort(),
		exportTo,
		clearNotice: () => dispatch({type: 'clearNotice'}),
		openDetail: (key: string) => dispatch({type: 'openDetail', key}),
		closeDetail: () => dispatch({type: 'closeDetail'}),
		scrollDetail: (delta: number, max: number) => dispatch({type: 'detailScroll', delta, max}),
		cycleValueMode: () => dispatch({type: 'detailMode'}),
	};
};

export type Viewer = ReturnType<typeof createViewer>;
