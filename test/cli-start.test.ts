import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {ROOT} from '../scripts/local-kafka.js';
import {CLI} from './helpers/env.js';

// The built kex answers --version and --help before it touches a cluster. The build loads meow's package.json
// normalizer only when it is used (scripts/build.ts): these still read the package as meow made it.

const {version} = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {version: string};

test('kex --version prints the version from package.json', () => {
	const r = spawnSync('node', [CLI, '--version'], {encoding: 'utf8'});
	assert.equal(r.status, 0, r.stderr);
	assert.equal(r.stdout.trim(), version);
});

test('kex --help prints the description and the usage', () => {
	const r = spawnSync('node', [CLI, '--help'], {encoding: 'utf8'});
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /A keyboard-driven terminal explorer for Apache Kafka/);
	assert.match(r.stdout, /Usage\n\s+\$ kex \[options\]/);
	assert.equal(r.stderr, '');
});
