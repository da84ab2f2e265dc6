/**
 * A private, throw-away redis-server for the Redis-engine benchmarks: started
 * on a free loopback port with persistence off, registered with lib's child
 * list (so it is killed on every exit path), and never the shared 6379.
 * Also: the publish script exactly as Gyre sends it, `INFO` parsing, and CPU
 * snapshots of Gyre + redis-server + the load generator.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import Redis from 'ioredis';
import { defineScripts } from '../src/engine/redis/scripts';
import { freePort, machineBusySeconds, median, processTreeCpuSeconds, selfCpuSeconds, sleep, trackChild } from './lib';

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** CPU seconds redis-server used so far (all its threads), from /proc. */
  cpuSeconds(): number;
  /** A new client (no auto-pipelining, no offline queue); the caller quits it. */
  client(): Redis;
  output(): string;
  /** SIGTERM, SIGKILL after 3 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  if (port === 6379) throw new Error('refusing to use port 6379');
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(proc);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 32_000) out = out.slice(-16_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) => proc.once('error', reject));
  spawnError.catch(() => undefined);
  const url = `redis://127.0.0.1:${port}`;
  const client = () => new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const server: RedisServer = {
    port,
    url,
    pid: proc.pid ?? -1,
    cpuSeconds: () => processTreeCpuSeconds(proc.pid!),
    client,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
  // Ready once it answers PING; 5 s at most.
  const deadline = Date.now() + 5000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`redis-server exited early:\n${out}`);
    const c = client();
    c.on('error', () => undefined);
    try {
      await Promise.race([c.connect().then(() => c.ping()), spawnError, sleep(1000).then(() => Promise.reject(new Error('ping timeout')))]);
      c.disconnect();
      return server;
    } catch (err) {
      c.disconnect();
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server on ${port} did not answer PING in 5 s (${(err as Error).message}):\n${out}`);
      }
    }
    await sleep(100);
  }
}

/** The publish script's source and SHA1 exactly as Gyre's ioredis client sends them (EVAL, then EVALSHA). */
export function publishScript(): { lua: string; sha: string } {
  const c = new Redis({ lazyConnect: true, host: '127.0.0.1', port: 1 }); // never connects: only the script registry is read
  defineScripts(c);
  const set = (c as unknown as { scriptsSet: Record<string, { lua: string; sha: string } | undefined> }).scriptsSet;
  const s = set['gyrePublish'];
  c.disconnect();
  if (!s) throw new Error('gyrePublish is not registered by defineScripts');
  return { lua: s.lua, sha: s.sha };
}

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
