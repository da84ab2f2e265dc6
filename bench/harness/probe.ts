/**
 * Memory figures from inside a server process, without touching the server:
 * started with probeNodeArgs() (node flags, which a server's cluster workers
 * inherit), every process of it loads this file first; it answers SIGUSR2 by
 * running full garbage collections (--expose-gc) and writing its
 * process.memoryUsage() to <BENCH_PROBE_DIR>/<pid>.json. The heap after a
 * full collection is what the process really holds; RSS is read from /proc as
 * well, as the kernel sees it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from '../../test/helpers/server';

const ENV = 'BENCH_PROBE_DIR';

export interface Memory {
  /** V8 heap in use after full GC, bytes. */
  heapUsed: number;
  heapTotal: number;
  /** Memory of C++ objects bound to JS ones (Buffers…), bytes. */
  external: number;
  arrayBuffers: number;
  /** Resident set size, bytes. */
  rss: number;
}

/** The node flags and environment that load the probe into a server's processes. */
export function probeSetup(dir: string): { nodeArgs: string[]; env: NodeJS.ProcessEnv } {
  return { nodeArgs: ['--expose-gc', '--require', __filename], env: { [ENV]: dir } };
}

/** Asks process `pid` (started with probeSetup) for its memory after full GC; 10 s at most. */
export async function probeMemory(pid: number, dir: string): Promise<Memory> {
  const file = path.join(dir, `${pid}.json`);
  fs.rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} did not report its memory (is it started with probeSetup?)`);
    await sleep(50);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Memory;
}

// ---- inside the server process ----------------------------------------------------------------

const dir = process.env[ENV];
const gc = (globalThis as { gc?: () => void }).gc;
if (dir && gc && require.main !== module) {
  process.on('SIGUSR2', () => {
    // Twice: the first collection's finalizers may free more for the second.
    gc();
    gc();
    const m = process.memoryUsage();
    const out: Memory = { heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
    const file = path.join(dir, `${process.pid}.json`);
    // Written aside and renamed, so that the reader never sees half a file.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(out));
    fs.renameSync(`${file}.tmp`, file);
  });
}
