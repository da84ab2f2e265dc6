/**
 * The reconnect-storm bench at small scale, as a correctness check (no timing
 * is asserted): every storm client of every mode (inline, async, the default
 * pool) gets its connect reply and every subscriber gets every publication,
 * so the bench keeps measuring servers that work — and the default pool runs
 * inside a real server process, with tokens arriving in bursts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gyreEnv } from '../helpers/process';

const bench = path.resolve(__dirname, '../../bench/run.js');

describe('token storm bench (smoke)', () => {
  // Longer than the bench's own 120 s limit below, which reports the bench's output when it is reached.
  it('connects every storm client and loses no publication, in every mode, RS256 and ES256', { timeout: 150_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bench, 'token-storm', '--storm', '400', '--subs', '20', '--every', '10', '--inflight', '100'], { timeout: 120_000, env: gyreEnv() });
    const rows = stdout.split('\n').filter((l) => /^\| (RS256|ES256) \|/.test(l));
    assert.equal(rows.length, 6, stdout);
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim());
      // | alg | mode | all connected ms | failed | loop delay | pub p99 storm | pub p99 before | lost |
      assert.equal(cells[4], '0', `no storm client failed: ${row}`);
      assert.equal(cells[8], '0', `no publication lost: ${row}`);
      assert.ok(Number(cells[3]) > 0, row);
    }
  });
});
