import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {runs} from '../scripts/pid-check.js';

// A state file's pid counts as the broker or registry it recorded only while that very process runs: npm test
// once skipped starting the registry because its old pid had gone to another program.

test('a recorded pid counts only while it is alive and running what was recorded', () => {
	assert.equal(runs(process.pid, 'pid-check.test'), true, 'this test process, by its own command line');
	assert.equal(
		runs(process.pid, 'apicurio-registry-app'),
		process.platform !== 'linux',
		'a live pid running something else does not count, where /proc can tell',
	);
	const gone = spawnSync(process.execPath, ['-e', '']).pid!;
	assert.equal(runs(gone, 'node'), false, 'a process that exited');
});
