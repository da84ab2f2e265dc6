/**
 * Every benchmark scenario in quick mode (small sizes, short windows), so that
 * the benchmarks keep working as the server changes: each must run to its end
 * and print its table with a ratio to its peer. Nothing about the figures is
 * asserted — on a shared CI machine they mean nothing — and a run reporting
 * problems (exit code 2) still counts as one that completed; the correctness
 * the benchmarks check is the suites' own business.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SCENARIOS } from '../../bench/scenarios';
import { gyreEnv } from '../helpers/process';

const RUN = path.resolve(__dirname, '../../bench/run.js');
/** Scenarios run side by side: most of their time is spent waiting (servers starting, windows, drains). */
const CONCURRENCY = 4;

interface Outcome {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

function quick(name: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [RUN, name, '--quick'], { timeout: 60_000, env: gyreEnv(), maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number | null }).code ?? null) : 0;
      resolve({ name, code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

/** Header rows of the Markdown tables in `out`. */
const headers = (out: string) => out.split('\n').filter((line, i, all) => line.startsWith('| ') && /^\|-/.test(all[i + 1] ?? ''));

describe('benchmark scenarios (smoke, --quick)', () => {
  it('every scenario completes and prints a table with a ratio to its peer', { timeout: 85_000 }, async () => {
    const names = Object.keys(SCENARIOS);
    const results: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < names.length) results.push(await quick(names[next++]!));
      }),
    );
    assert.equal(results.length, names.length);
    for (const r of results) {
      const why = `${r.name} (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`;
      assert.ok(r.code === 0 || r.code === 2, `did not complete: ${why}`);
      assert.ok(
        headers(r.stdout).some((h) => /ratio|% of/.test(h)),
        `no table with a ratio column: ${why}`,
      );
    }
  });
});
