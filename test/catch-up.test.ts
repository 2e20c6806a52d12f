import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	clearingShort,
	clearingText,
	groupClearing,
	partitionClearing,
	partitionRates,
	type OffsetSample,
} from '../source/shared/catch-up.js';

// The time-to-clear estimate on made-up samples: steady, bursty, reset, rewound, one sample, skew across partitions.

/** Samples every 5 s: the committed offset and the log end as functions of the seconds since the start. */
const samples = (
	count: number,
	committed: (s: number) => number | null,
	logEnd: (s: number) => number,
): OffsetSample[] =>
	Array.from({length: count}, (_, i) => ({
		at: 1_000_000 + i * 5000,
		committed: committed(i * 5),
		logEnd: logEnd(i * 5),
	}));

const active = {members: 1, state: 'Stable'};

describe('when will a group catch up', () => {
	test('steady: lag over the gain of consuming over producing', () => {
		// Consuming 100/s, producing 60/s, 800 behind after 30 s: gains 40/s, clears in 20 s.
		const s = samples(
			7,
			t => 10_000 + 100 * t,
			t => 12_000 + 60 * t,
		);
		const lag = 12_000 + 60 * 30 - (10_000 + 100 * 30);
		const c = partitionClearing(lag, s, active);
		assert.equal(c.kind, 'clears');
		if (c.kind !== 'clears') return;
		assert.equal(c.rates.consume, 100);
		assert.equal(c.rates.produce, 60);
		assert.equal(c.ms, (lag / 40) * 1000);
		assert.equal(clearingShort(c), '~20s');
		assert.match(clearingText(c), /^clears in ~20s \(consuming 100\/s, producing 60\/s, from 7 samples over 30s\)$/);
	});

	test('bursty commits: the window smooths them, the rate is the average over it', () => {
		// Commits land every third sample, 300 at a time: 20/s on average over 60 s, producing 10/s.
		const s = samples(
			13,
			t => 1000 + Math.floor(t / 15) * 300,
			t => 5000 + 10 * t,
		);
		const c = partitionClearing(5000 + 600 - (1000 + 1200), s, active);
		assert.equal(c.kind, 'clears');
		if (c.kind === 'clears') assert.equal(c.rates.consume, 20);
	});

	test('reading as fast as messages arrive, a few seconds behind, keeps pace: neither clears nor falls behind', () => {
		// Commits follow the writes at 30/s and trail them by 40 messages (about 1.3 s): what is in flight.
		const keeping = partitionClearing(
			40,
			samples(
				5,
				t => 1000 + 30 * t,
				t => 1040 + 30 * t,
			),
			active,
		);
		assert.equal(keeping.kind, 'keeping-pace');
		// Nor is a sliver of gain on a lag of two messages a "time to clear" (2 / 0.1 per second would say ~20s).
		assert.equal(
			partitionClearing(
				2,
				samples(
					5,
					t => 1000 + 30.1 * t,
					t => 1002 + 30 * t,
				),
				active,
			).kind,
			'keeping-pace',
		);
		assert.equal(clearingShort(keeping), 'keeps up');
		assert.match(clearingText(keeping), /^keeping pace: /);
		// It does not hide a partition that has a backlog to clear: the group is as slow as that one.
		const backlog = partitionClearing(
			600,
			samples(
				5,
				t => 100 + 50 * t,
				t => 700 + 30 * t,
			),
			active,
		);
		const group = groupClearing([
			{key: 0, clearing: keeping},
			{key: 1, clearing: backlog},
		]);
		assert.equal(group.key, 1);
		assert.equal(group.clearing.kind, 'clears');
		// The same rates with a lag of minutes of writes behind is not keeping pace: it is not gaining.
		assert.equal(
			partitionClearing(
				9000,
				samples(
					5,
					t => 1000 + 30 * t,
					t => 10_000 + 30 * t,
				),
				active,
			).kind,
			'falling-behind',
		);
	});

	test('losing ground is "falling behind" at the difference; nobody reading is "no consumer"', () => {
		const slow = partitionClearing(
			500,
			samples(
				5,
				t => 100 + 10 * t,
				t => 600 + 30 * t,
			),
			active,
		);
		assert.equal(slow.kind, 'falling-behind');
		if (slow.kind === 'falling-behind') assert.equal(slow.perSecond, 20);
		assert.match(clearingText(slow), /^falling behind at 20 msg\/s/);
		const stopped = partitionClearing(
			500,
			samples(
				5,
				() => 100,
				t => 600 + 30 * t,
			),
			{members: 0, state: 'Empty'},
		);
		assert.deepEqual(stopped, {kind: 'no-consumer'});
		assert.equal(
			partitionClearing(
				0,
				samples(
					1,
					() => 5,
					() => 5,
				),
				active,
			).kind,
			'caught-up',
		);
	});

	test('no number it cannot stand behind: one sample, a reset, a rewind, a rebalance, never committed', () => {
		const why = (c: ReturnType<typeof partitionClearing>) => (c.kind === 'unknown' ? c.why : c.kind);
		assert.match(
			why(
				partitionClearing(
					10,
					samples(
						1,
						() => 1,
						() => 11,
					),
					active,
				),
			),
			/one sample so far/,
		);
		const reset = samples(
			4,
			t => (t < 10 ? 500 + t : 0),
			t => 1000 + t,
		);
		assert.match(why(partitionClearing(1000, reset, active)), /went back \(a reset or a rewind\)/);
		const rebalancing = partitionClearing(
			10,
			samples(
				4,
				t => t,
				t => 10 + t,
			),
			{members: 2, state: 'PreparingRebalance'},
		);
		assert.match(why(rebalancing), /rebalancing/);
		assert.match(
			why(
				partitionClearing(
					null,
					samples(
						4,
						() => null,
						t => t,
					),
					active,
				),
			),
			/never committed/,
		);
		// An old rewind drops out of the window: the rate is back.
		const old = samples(
			20,
			t => (t < 10 ? 500 : 100 + 10 * t),
			t => 2000 + 5 * t,
		);
		assert.equal(partitionRates(old).ok, true);
	});

	test('skew decides: the group clears when its slowest partition does, and a partition falling behind makes the group so', () => {
		const fast = partitionClearing(
			100,
			samples(
				5,
				t => 10 * t,
				t => 100 + 5 * t,
			),
			active,
		);
		const slow = partitionClearing(
			10_000,
			samples(
				5,
				t => 100 * t,
				t => 10_000 + 90 * t,
			),
			active,
		);
		const group = groupClearing([
			{key: 'p0', clearing: fast},
			{key: 'p1', clearing: slow},
			{key: 'p2', clearing: {kind: 'caught-up'}},
		]);
		assert.equal(group.key, 'p1');
		const behind = partitionClearing(
			100,
			samples(
				5,
				t => t,
				t => 100 + 5 * t,
			),
			active,
		);
		assert.equal(
			groupClearing([
				{key: 'p1', clearing: slow},
				{key: 'p3', clearing: behind},
			]).key,
			'p3',
		);
		assert.equal(groupClearing([]).clearing.kind, 'caught-up');
	});
});
