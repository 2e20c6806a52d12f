import v8 from 'node:v8';
import {runInNewContext} from 'node:vm';
import {PerformanceObserver} from 'node:perf_hooks';

// V8 sizes the heap for throughput: it lets the young generation grow to 32 MB (two 16 MB halves) and the old
// generation to two to four times what is alive before it collects it. kex keeps little alive (the explorer of
// 5,000 topics about 25 MB), so most of its peak memory was that room. Two settings trade some CPU for it:
// - the old generation is collected once it has grown by half;
// - the young generation stops growing at 8 MB (two 4 MB halves). V8 reads the sizes it may start with only at
//   start-up, but how much it grows by at each step at any time: after each collection the step is set to none at
//   8 MB and back to V8's own below it, so a young generation V8 shrank while kex was idle can grow back to 8 MB.
// The explorer of 5,000 topics refreshed every second for 12 s: 138-149 MB peak without, 114-118 MB with; CPU 4.3 s
// without, 5.3 s with (medians of 4, alternated). Its first frame did not change; kex consume and produce kept
// their speed. Neither setting is a limit: the heap still grows as far as a large cluster needs. The flags exist in
// the V8 of Node 20 to 24; on another V8 they are left alone, since V8 prints an unknown flag's error to stdout,
// where kex's output goes.

const YOUNG_GENERATION_BYTES = 8 * 1024 * 1024;
const KNOWN_V8 = /^1[123]\./;

export const keepHeapSmall = () => {
	if (!KNOWN_V8.test(process.versions.v8)) return;
	v8.setFlagsFromString('--heap-growing-percent=50');
	let grown = false;
	// Looked at after each collection, when the sizes change: nothing wakes an idle kex.
	new PerformanceObserver(() => {
		const young = v8.getHeapSpaceStatistics().find(s => s.space_name === 'new_space');
		if (!young) return;
		const atCap = young.space_size >= YOUNG_GENERATION_BYTES;
		if (atCap === grown) return;
		grown = atCap;
		v8.setFlagsFromString(`--semi-space-growth-factor=${grown ? 1 : 2}`);
	}).observe({entryTypes: ['gc']});
};

// A Buffer's memory (a fetch answer, a socket read, a decompressed batch) is freed only when V8 collects the small
// object that holds it. kex consume makes some 300 MB of such buffers per million messages and little else, so V8
// collects its young generation rarely, and up to 32 MB of dead buffers (more once V8 moved some to the old
// generation) wait for it. Once a fetch is printed its buffers are dead: collecting the young generation then takes
// about a millisecond, since almost nothing in it is alive, and frees them. This is V8's own gc(), given to a context
// made after the flag is set; kex's own context is left as it is.
type Collect = (options: {type: 'minor'}) => void;
let collect: Collect | null | undefined;

const youngCollector = (): Collect | null => {
	if (!KNOWN_V8.test(process.versions.v8)) return null;
	try {
		v8.setFlagsFromString('--expose-gc');
		const gc: unknown = runInNewContext('gc');
		return typeof gc === 'function' ? (gc as Collect) : null;
	} catch {
		return null;
	}
};

/** Frees the buffers that died since the last collection (see above); nothing on a V8 kex does not know. */
export const freeDeadBuffers = (): void => {
	collect ??= youngCollector();
	collect?.({type: 'minor'});
};
