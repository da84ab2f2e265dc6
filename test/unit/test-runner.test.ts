/**
 * The suite's runner (scripts/run-tests.js, what `npm test` runs) on small suites of its own: it runs exactly
 * the *.test.js files, and a run of no test fails; and the CI's tool check (.ci/check-versions).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const RUNNER = path.join(root, 'scripts/run-tests.js');
const PASSING = "require('node:test').it('passes', () => {});\n";

/** A directory named `test` (where Node 20 takes every .js for a test file) holding `files` (path → content). */
function suite(files: Record<string, string>): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-runner-')), 'test');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { ...r, summary: Number(/^# tests (\d+)$/m.exec(r.stdout)?.[1]) };
}

describe('the test runner', () => {
  it('fails when there is no test file: an empty directory, or one holding only a helper', () => {
    for (const dir of [suite({}), suite({ 'helpers/server.js': 'module.exports = {};\n' })]) {
      const r = run(dir);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /no \*\.test\.js file under/);
    }
  });

  it('runs the *.test.js files only: a helper beside one passing test is not a test', () => {
    const dir = suite({ 'unit/a.test.js': PASSING, 'helpers/server.js': "throw new Error('a helper was run as a test');\n" });
    const r = run(dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.summary, 1, r.stdout);
    assert.match(r.stdout, /^ok 1 - passes$/m);
  });

  it('fails when a test file registers no test, and when a test fails', () => {
    const empty = run(suite({ 'a.test.js': PASSING, 'b.test.js': '// a test file whose tests were lost\n' }));
    assert.equal(empty.status, 1, empty.stdout + empty.stderr);
    assert.match(empty.stderr, /1 file\(s\) ran no test: .*b\.test\.js/);
    const failing = run(suite({ 'a.test.js': "require('node:test').it('fails', () => { throw new Error('no'); });\n" }));
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /^not ok 1 - fails$/m);
  });

  it('runs files under a topology directory in a second lane beside the rest, and fails when either lane fails', () => {
    // Each test announces itself and waits for the other: run one after the other, the first would wait in vain.
    const meet = (me: string, other: string) =>
      `const fs = require('node:fs'); const dir = require('node:path').join(__dirname, '..');\n` +
      `require('node:test').it('meets', async () => { fs.writeFileSync(dir + '/${me}', ''); while (!fs.existsSync(dir + '/${other}')) await new Promise((r) => setTimeout(r, 20)); });\n`;
    const both = suite({ 'e2e/a.test.js': meet('a', 'b'), 'topology/b.test.js': meet('b', 'a') });
    const ok = run('--test-timeout=15000', both);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /# second lane \(1 files under topology\/\)/);
    const failing = run(suite({ 'e2e/a.test.js': PASSING, 'topology/b.test.js': "require('node:test').it('fails', () => { throw new Error('no'); });\n" }));
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /^not ok 1 - fails$/m);
  });

  it('fails a test or hook that waits forever once the per-test timeout passes, and goes on with the next test', () => {
    const dir = suite({
      'hang.test.js': `const { after, before, describe, it } = require('node:test');
// A live handle, as a test's sockets and servers are: without it Node would see the wait can never end.
const server = require('node:net').createServer().listen(0);
after(() => server.close());
describe('a lost message', () => {
  it('waits for a message that never comes', () => new Promise(() => {}));
  it('runs after it', () => {});
});
describe('a lost reply in a hook', () => {
  before(() => new Promise(() => {}));
  it('is not run', () => {});
});
`,
    });
    const started = Date.now();
    const r = run('--test-timeout=1000', dir);
    assert.equal(r.error, undefined, 'the run ended by itself');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    assert.match(r.stdout, /not ok 1 - waits for a message that never comes\n[^]*?error: 'test timed out after 1000ms'/);
    assert.match(r.stdout, /^ +ok 2 - runs after it$/m);
    assert.match(r.stdout, /error: 'failed running before hook'/);
  });
});

describe('.ci/check-versions', () => {
  const check = (binDir?: string) =>
    spawnSync('bash', [path.join(root, '.ci/check-versions')], { encoding: 'utf8', env: { ...process.env, PATH: `${binDir ? `${binDir}:` : ''}${process.env['PATH']}` } });

  it('passes with the tools on this machine (the suite runs on them)', () => {
    const r = check();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Node\.js 2\d|^Node\.js [3-9]\d/m);
  });

  it('fails naming Node.js older than 20 and redis-server older than 7', () => {
    const bin = suite({
      node: '#!/bin/sh\necho v18.19.1\n',
      'redis-server': '#!/bin/sh\necho "Redis server v=6.0.16 sha=00000000:0 malloc=jemalloc-5.2.1 bits=64"\n',
    });
    for (const f of ['node', 'redis-server']) fs.chmodSync(path.join(bin, f), 0o755);
    const r = check(bin);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /Node\.js 20 or newer is needed, found 18\.19\.1/);
    assert.match(r.stderr, /redis-server 7 or newer is needed, found 6\.0\.16/);
  });
});
