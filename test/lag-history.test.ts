import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	estimateTimeLag,
	partitionHealth,
	sparkline,
	trend,
	type PartitionSample,
} from '../source/ui/groups/lag-history.js';

// The rules behind the groups view, on made-up samples: lag in time estimated from log-end offsets, Burrow's
// health statuses, the trend and its sparkline.

const samples = (rows: Array<[committed: number | null, logEnd: number]>, members = 1) =>
	rows.map(([committed, logEnd], i) => ({
		at: i * 5000,
		members,
		p: {committed, logEnd, lag: committed === null ? null : logEnd - committed} as PartitionSample,
	}));

describe('lag history', () => {
	test('lag in time: interpolated between the log-end samples around the committed offset; a lower bound before them', () => {
		const logEnds = [
			{at: 0, logEnd: 100},
			{at: 10_000, logEnd: 200},
			{at: 20_000, logEnd: 400},
		];
		assert.deepEqual(
			estimateTimeLag(150, logEnds, 30_000),
			{kind: 'estimate', ms: 25_000},
			'the log reached 150 at 5 s',
		);
		assert.deepEqual(estimateTimeLag(300, logEnds, 30_000), {kind: 'estimate', ms: 15_000});
		assert.deepEqual(estimateTimeLag(50, logEnds, 30_000), {kind: 'at-least', ms: 30_000}, 'older than every sample');
		assert.deepEqual(estimateTimeLag(400, logEnds, 30_000), {kind: 'caught-up'});
		assert.deepEqual(estimateTimeLag(null, logEnds, 30_000), {kind: 'unknown'});
	});

	test('health: OK, WARN, STALL, STOP, REWIND by the sliding-window rules, and nothing before enough samples', () => {
		assert.equal(
			partitionHealth(
				samples([
					[10, 20],
					[12, 22],
				]),
			).health,
			'UNKNOWN',
		);
		assert.equal(
			partitionHealth(
				samples([
					[10, 20],
					[15, 22],
					[20, 24],
				]),
			).health,
			'OK',
			'committing, lag shrinking',
		);
		assert.equal(
			partitionHealth(
				samples([
					[10, 10],
					[10, 10],
					[10, 10],
				]),
			).health,
			'OK',
			'caught up and idle is fine',
		);
		const warn = partitionHealth(
			samples([
				[10, 20],
				[12, 25],
				[14, 30],
				[16, 40],
			]),
		);
		assert.deepEqual(
			[warn.health, warn.why],
			['WARN', 'consuming, but lag grew in every sample, from 10 to 24 in 15 s'],
		);
		assert.equal(
			partitionHealth(
				samples([
					[10, 20],
					[10, 25],
					[10, 30],
				]),
			).health,
			'STALL',
			'members, offset stuck, lag > 0',
		);
		const stop = partitionHealth(
			samples(
				[
					[10, 20],
					[10, 20],
					[10, 20],
				],
				0,
			),
		);
		assert.deepEqual(
			[stop.health, stop.why],
			['STOP', 'no consumer: the committed offset has not moved in 10 s while 10 messages wait'],
		);
		const rewind = partitionHealth(
			samples([
				[50, 60],
				[20, 60],
				[25, 60],
			]),
		);
		assert.deepEqual(
			[rewind.health, rewind.why],
			['REWIND', 'the committed offset went back from 50 to 20: messages will be read again'],
		);
		assert.equal(
			partitionHealth(
				samples([
					[null, 20],
					[null, 20],
					[null, 20],
				]),
			).health,
			'UNKNOWN',
			'never committed',
		);
	});

	test('trend and sparkline', () => {
		assert.equal(trend([100, 101, 103, 104]), 'growing', 'steady growth, however small');
		assert.equal(trend([100, 90, 95, 60]), 'shrinking');
		assert.equal(trend([100, 101, 99, 100]), 'flat');
		assert.equal(trend([5]), 'unknown');
		assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), '▁▂▃▄▅▆▇█');
		assert.equal(sparkline([3, 3, 3], 8), '▄▄▄');
		assert.equal(sparkline([0, 0], 8), '▁▁');
		assert.equal(
			sparkline(
				Array.from({length: 20}, (_, i) => i),
				5,
			).length,
			5,
			'only the newest that fit',
		);
	});
});
