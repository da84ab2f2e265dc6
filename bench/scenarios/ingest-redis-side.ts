/** The Redis side of the ingestion scenario (ingest.ts): queue depths and leases. */
import type Redis from 'ioredis';
import { GROUP } from '../../src/engine/redis/contract';
import { sleep } from '../../test/helpers/server';

export type SourceKind = 'list' | 'stream';

export const HOLD = 'bench-hold';

let runCounter = 0;

/** Next number of the run counter shared by every run of an invocation (Gyre runs and driver runs), for unique tags and prefixes. */
export function nextRun(): number {
  return ++runCounter;
}

// ---- Redis side ------------------------------------------------------------------------------

export interface Watched {
  kind: SourceKind;
  /** Queue or stream keys this run's items may go to (for lists with shards: every queue). */
  keys: string[];
}

/**
 * Items still in Redis. `waiting`: queue length (lists), stream length (streams). `total` adds
 * the group's pending count (streams; Gyre never leaves entries pending), so that it is 0 only
 * when nothing is left at all.
 */
export async function depth(c: Redis, w: Watched): Promise<{ total: number; waiting: number; text: string }> {
  const p = c.pipeline();
  for (const k of w.keys) {
    if (w.kind === 'list') p.llen(k);
    else p.xlen(k).xpending(k, GROUP);
  }
  const res = (await p.exec()) ?? [];
  const parts: string[] = [];
  let total = 0;
  let waiting = 0;
  let at = 0;
  for (const k of w.keys) {
    const a = res[at++];
    const n1 = a && !a[0] ? Number(a[1]) : NaN;
    waiting += n1;
    total += n1;
    if (w.kind === 'list') {
      parts.push(`LLEN ${k}=${n1}`);
      continue;
    }
    const b = res[at++];
    let n2 = NaN;
    if (b && !b[0]) n2 = Number((b[1] as [number, ...unknown[]])[0]);
    else if (b && String(b[0]).includes('NOGROUP')) n2 = 0;
    total += n2;
    parts.push(`XLEN ${k}=${n1}, XPENDING=${n2}`);
  }
  return { total, waiting, text: parts.join('; ') };
}

/** Waits (10 s at most) until Gyre holds every watched source's lease (and, for streams, the group exists). */
export async function waitLeases(c: Redis, w: Watched): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const holders = await Promise.all(w.keys.map((k) => c.get(`${k}.lease`)));
    let ok = holders.every((h) => h !== null && h !== HOLD);
    if (ok && w.kind === 'stream') {
      try {
        const groups = (await c.xinfo('GROUPS', w.keys[0]!)) as unknown[];
        ok = groups.length > 0;
      } catch {
        ok = false;
      }
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Gyre holds no lease on ${w.keys.join(', ')} after 10 s (holders: ${holders.join(', ')})`);
    await sleep(50);
  }
}
