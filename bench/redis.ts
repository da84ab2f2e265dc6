/**
 * A private, throw-away redis-server for the Redis-engine benchmarks: started
 * on a free loopback port with persistence off, registered with lib's child
 * list (so it is killed on every exit path), and never the shared 6379.
 * Also: the publish script exactly as Gyre sends it, `INFO` parsing, and CPU
 * snapshots of Gyre + redis-server + the load generator.
 */
import fs from 'node:fs';
import Redis from 'ioredis';
import { publishScript } from '../src/engine/redis/contract';
import { startRedis as startTestRedis } from '../test/helpers/redis';
import { machineBusySeconds, median, processTreeCpuSeconds, selfCpuSeconds, trackChild } from './lib';

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** CPU seconds redis-server used so far (all its threads), from /proc. */
  cpuSeconds(): number;
  /** A new client (no auto-pipelining, no offline queue); the caller quits it. */
  client(): Redis;
  stop(): Promise<void>;
}

/** The test helpers' private redis-server (test/helpers/redis.ts), with what the benchmarks read off it. */
export async function startRedis(): Promise<RedisServer> {
  const r = await startTestRedis();
  const proc = r.process();
  trackChild(proc);
  return {
    port: r.port,
    url: r.url,
    pid: proc.pid ?? -1,
    cpuSeconds: () => processTreeCpuSeconds(proc.pid!),
    client: () => new Redis(r.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null }),
    stop: () => r.stop(),
  };
}

export { publishScript };

/** `INFO <section>` → name → value (lines "name:value"). */
export function parseInfo(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

export interface CommandStat {
  calls: number;
  usecPerCall: number;
  failed: number;
  rejected: number;
}

/** `INFO commandstats` → command → stats (`cmdstat_evalsha:calls=3,usec=…,usec_per_call=…,rejected_calls=0,failed_calls=0`). */
export function parseCommandStats(text: string): Map<string, CommandStat> {
  const out = new Map<string, CommandStat>();
  for (const [k, v] of parseInfo(text)) {
    if (!k.startsWith('cmdstat_')) continue;
    const f = new Map(v.split(',').map((kv) => kv.split('=') as [string, string]));
    out.set(k.slice('cmdstat_'.length), {
      calls: Number(f.get('calls') ?? 0),
      usecPerCall: Number(f.get('usec_per_call') ?? NaN),
      failed: Number(f.get('failed_calls') ?? 0),
      rejected: Number(f.get('rejected_calls') ?? 0),
    });
  }
  return out;
}

// ---- CPU of Gyre, redis-server, this process and the rest -------------------------------

export interface CpuSnap {
  at: number;
  gyre: number;
  workers: Map<number, number>;
  redis: number;
  gen: number;
  busy: number;
}

function workerPids(primary: number): number[] {
  try {
    const kids = fs.readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim();
    return kids ? kids.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** CPU seconds so far of Gyre (primary and workers; each worker too), redis-server, this process, and the machine. */
export function snap(gyrePid: number | undefined, redis: RedisServer): CpuSnap {
  const workers = new Map<number, number>();
  if (gyrePid !== undefined) for (const p of workerPids(gyrePid)) workers.set(p, processTreeCpuSeconds(p));
  return {
    at: performance.now(),
    gyre: gyrePid === undefined ? 0 : processTreeCpuSeconds(gyrePid),
    workers,
    redis: redis.cpuSeconds(),
    gen: selfCpuSeconds(),
    busy: machineBusySeconds(),
  };
}

export interface CpuPct {
  wallS: number;
  gyre: number;
  workers: number[];
  redis: number;
  gen: number;
  /** Everything else (other processes; for redis-benchmark runs, redis-benchmark is subtracted separately). */
  other: number;
}

/** The median of each CPU figure over runs (per worker too). */
export function medianCpu(cpus: CpuPct[]): CpuPct {
  const m = (f: (c: CpuPct) => number) => median(cpus.map(f));
  return {
    wallS: m((c) => c.wallS),
    gyre: m((c) => c.gyre),
    workers: cpus[0]!.workers.map((_, i) => m((c) => c.workers[i] ?? NaN)),
    redis: m((c) => c.redis),
    gen: m((c) => c.gen),
    other: m((c) => c.other),
  };
}

/** % of one core between two snapshots; `extraOwnSeconds` (e.g. redis-benchmark's CPU) is not counted as other load. */
export function cpuBetween(a: CpuSnap, b: CpuSnap, extraOwnSeconds = 0): CpuPct {
  const wallS = (b.at - a.at) / 1000;
  const pct = (s: number) => (100 * s) / wallS;
  const gyre = b.gyre - a.gyre;
  const redis = b.redis - a.redis;
  const gen = b.gen - a.gen;
  return {
    wallS,
    gyre: pct(gyre),
    workers: [...b.workers].map(([p, s]) => pct(s - (a.workers.get(p) ?? s))),
    redis: pct(redis),
    gen: pct(gen),
    other: Math.max(0, pct(b.busy - a.busy - gyre - redis - gen - extraOwnSeconds)),
  };
}
