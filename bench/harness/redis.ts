/**
 * Redis for the benchmarks: a private, throw-away redis-server (the test
 * helpers', on a free loopback port, persistence off, never the shared 6379),
 * tracked so it is killed on every exit path; `INFO` parsing; cleaning up
 * what runs leave; and `redis-benchmark` running Gyre's publish script
 * (EVALSHA) — the rate Redis itself allows for the exact work one Gyre
 * publication costs it, the peer of the Redis-engine scenarios.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { publishScript, RedisKeys } from '../../src/engine/redis/contract';
import { startRedis as startTestRedis } from '../../test/helpers/redis';
import { sleep } from '../../test/helpers/server';
import { cpuWindow, type CpuUse, processCpuSeconds } from './cpu';
import { track } from './procs';
import { fmt2, fmtInt, type Column } from './report';
import { type Outcome, outcome, runColumn } from './runs';

export { publishScript };

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** CPU seconds redis-server used so far (all its threads), from /proc. */
  cpuSeconds(): number;
  /** A new client (no offline queue, no retries); the caller quits it. */
  client(): Redis;
  stop(): Promise<void>;
}

/** A client that fails at once rather than queueing or retrying: a benchmark wants to know. */
export function redisClient(port: number): Redis {
  return new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
}

export async function startRedis(): Promise<RedisServer> {
  const r = await startTestRedis();
  const proc = track(r.process());
  return { port: r.port, url: r.url, pid: proc.pid!, cpuSeconds: () => processCpuSeconds(proc.pid!), client: () => redisClient(r.port), stop: () => r.stop() };
}

/** Runs `f` with a connected client of `redis`, quitting it afterwards. */
export async function withClient<T>(redis: { client(): Redis }, f: (c: Redis) => Promise<T>): Promise<T> {
  const c = redis.client();
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.quit().catch(() => c.disconnect());
  }
}

/** Loads Gyre's publish script and checks that Redis names it by the SHA1 Gyre's client uses. */
export async function loadPublishScript(redis: RedisServer): Promise<{ lua: string; sha: string }> {
  const script = publishScript();
  const loaded = String(await withClient(redis, (c) => c.script('LOAD', script.lua)));
  if (loaded !== script.sha) throw new Error(`SCRIPT LOAD gave ${loaded}, Gyre's client uses ${script.sha}`);
  return script;
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

/** The pid a redis-server reports (INFO server process_id): how the CPU of servers started elsewhere is read. */
export async function redisPid(c: Redis): Promise<number> {
  return Number(parseInfo(await c.info('server')).get('process_id'));
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

/** Deletes every key matching `pattern` (SCAN + UNLINK; at most 1000 rounds); returns how many. */
export async function dropKeys(c: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  for (let i = 0; i < 1000; i++) {
    const [next, found] = await c.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    if (found.length) n += await c.unlink(...found);
    cursor = next;
    if (cursor === '0') break;
  }
  return n;
}

/**
 * Deletes what a run left under `prefix`: the idempotency results (kept 300 s) and the channels' history streams and
 * meta hashes. Otherwise they pile up over an invocation and their expiry, 300 s later, lands in a later run and
 * doubles Redis's CPU per publication there (seen in a first version of the ingestion benchmark).
 */
export async function dropRunKeys(c: Redis, prefix: string, channels: string[]): Promise<void> {
  const keys = new RedisKeys(prefix);
  await dropKeys(c, `${prefix}.result.*`);
  for (let i = 0; i < channels.length; i += 500) await c.unlink(...channels.slice(i, i + 500).flatMap((ch) => [keys.stream(ch), keys.meta(ch)]));
}

/** The sum of the channels' top offsets (meta hash field `s`): what Gyre acknowledged, when nothing was lost. */
export async function offsetsOf(c: Redis, prefix: string, channels: string[]): Promise<number[]> {
  const keys = new RedisKeys(prefix);
  const p = c.pipeline();
  for (const ch of channels) p.hget(keys.meta(ch), 's');
  return ((await p.exec()) ?? []).map((r) => Number(r[1] ?? 0));
}

// ---- redis-benchmark -----------------------------------------------------------------------------

/** History settings of the bench namespace, passed to the script by redis-benchmark as Gyre passes them. */
export const HISTORY_SIZE = 100;
export const HISTORY_TTL = 300;
const META_TTL = 2592000;

export type Target = 'many' | 'single';

export interface RbOptions {
  /** Distinct channels for target `many` (-r). */
  channels: number;
  rbClients: number;
  rbN: number;
  /** History size and TTL passed to the script; HISTORY_SIZE / HISTORY_TTL when absent. */
  historySize?: number;
  historyTtl?: number;
}

export interface RbResult extends Outcome {
  target: Target;
  pipeline: number;
  clients: number;
  n: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuUse;
  rbCpuPct: number;
  redisUsPerCall: number;
  calls: number;
  failedCalls: number;
  keysSeen: number;
}

/** Runs redis-benchmark under `sh`, whose cutime+cstime (from /proc/<sh>/stat) then hold redis-benchmark's CPU. */
function runTool(args: string[], timeoutMs: number): Promise<{ out: string; childCpuS: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const script = 'redis-benchmark "$@"; rc=$?; echo "SHSTAT $(cat /proc/$$/stat)"; exit $rc';
    // Its own process group, so that a timeout kills redis-benchmark too, not only the shell.
    const proc = track(spawn('sh', ['-c', script, 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true }), true);
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    proc.once('error', reject);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      const stat = /SHSTAT (.*)/.exec(out)?.[1] ?? '';
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // cutime and cstime are fields 16 and 17 of /proc/<pid>/stat.
      resolve({ out, childCpuS: (Number(rest[13]) + Number(rest[14])) / 100, code });
    });
  });
}

/**
 * `EVALSHA <sha> 3 <stream> <meta> <result> <payload> <size> <ttl> <pubsub> <meta ttl> <epoch> 0`, with the
 * publication bytes Gyre would store. For many channels `__rand_int__` (with `-r channels`) is put in the stream,
 * result and pub/sub names but NOT in the meta key: redis-benchmark draws a new number for every occurrence, so a
 * random meta key would pair one channel's offset counter with another channel's stream and XADD would fail. With
 * one meta hash the offsets rise globally, which every stream accepts.
 */
function rbArgs(redis: RedisServer, sha: string, payload: string, o: RbOptions, target: Target, pipeline: number, n: number): string[] {
  const many = target === 'many';
  const ch = many ? 'ch__rand_int__' : 'single';
  return [
    ...['-h', '127.0.0.1', '-p', String(redis.port), '-n', String(n), '-c', String(o.rbClients), '-P', String(pipeline), '--csv'],
    ...(many ? ['-r', String(o.channels)] : []),
    ...['EVALSHA', sha, '3', `rb.stream.{${ch}}`, `rb.meta.{${many ? 'all' : ch}}`, `rb.result.{${ch}}.`, payload],
    ...[String(o.historySize ?? HISTORY_SIZE), String(o.historyTtl ?? HISTORY_TTL), `rb.client.{${ch}}`, String(META_TTL), randomBytes(6).toString('hex'), '0'],
  ];
}

/** One redis-benchmark run on a clean `rb.*` keyspace (the rest of the server's keys stay: Gyre may be using them). */
export async function runRedisBenchmark(redis: RedisServer, sha: string, payload: string, o: RbOptions, target: Target, pipeline: number): Promise<RbResult> {
  return withClient(redis, async (admin) => {
    await dropKeys(admin, 'rb.*');
    await admin.config('RESETSTAT');
    const w = cpuWindow({ parts: { redis: redis.cpuSeconds } });
    const { out, childCpuS, code } = await runTool(rbArgs(redis, sha, payload, o, target, pipeline, o.rbN), 120_000);
    const cpu = w.end(childCpuS);
    const cs = parseCommandStats(await admin.info('commandstats')).get('evalsha');
    let keysSeen = 0;
    let cursor = '0';
    for (let i = 0; i < 1000; i++) {
      const [next, keys] = await admin.scan(cursor, 'MATCH', 'rb.stream.*', 'COUNT', 1000);
      keysSeen += keys.length;
      cursor = next;
      if (cursor === '0') break;
    }
    if (code !== 0) throw new Error(`redis-benchmark exited with ${code}:\n${out.slice(-2000)}`);
    // --csv: a header line "test","rps","avg_latency_ms",… and one line per test.
    const lines = out.split('\n').filter((l) => l.startsWith('"'));
    const header = (lines[0] ?? '').split(',').map((s) => s.replace(/"/g, ''));
    const row = (lines[lines.length - 1] ?? '').split('","').map((s) => s.replace(/"/g, ''));
    const col = (name: string) => Number(row[row.length - header.length + header.indexOf(name)]);
    const r: RbResult = {
      ...outcome(),
      otherPct: cpu.other,
      target,
      pipeline,
      clients: o.rbClients,
      n: o.rbN,
      rps: col('rps'),
      p50Ms: col('p50_latency_ms'),
      p99Ms: col('p99_latency_ms'),
      cpu,
      rbCpuPct: (100 * childCpuS) / cpu.wallS,
      redisUsPerCall: ((cpu.pct['redis']! / 100) * cpu.wallS * 1e6) / o.rbN,
      calls: cs?.calls ?? 0,
      failedCalls: (cs?.failed ?? 0) + (cs?.rejected ?? 0),
      keysSeen,
    };
    // More calls than sent are the background scripts of Gyre servers kept running on the same Redis; fewer are lost.
    if (r.failedCalls > 0 || r.calls < r.n) r.problems.push(`redis-benchmark: ${r.calls} EVALSHA calls of ${r.n}, ${r.failedCalls} failed`);
    return r;
  });
}

/** Checks where redis-benchmark substitutes `__rand_int__`: a short run with a PSUBSCRIBE on the pub/sub names. */
export async function checkSubstitution(redis: RedisServer, sha: string, payload: string, o: RbOptions): Promise<string> {
  const sub = redis.client();
  await sub.connect();
  const chans = new Set<string>();
  sub.on('pmessage', (_p: string, ch: string) => chans.add(ch));
  await sub.psubscribe('rb.client.*');
  const n = 3 * o.channels;
  const text = await withClient(redis, async (admin) => {
    await dropKeys(admin, 'rb.*');
    const { code } = await runTool(rbArgs(redis, sha, payload, { ...o, rbClients: 4 }, 'many', 1, n), 60_000);
    await sleep(200);
    const streams = (await admin.keys('rb.stream.*')).length;
    const metas = await admin.keys('rb.meta.*');
    return `redis-benchmark -n ${n} -r ${o.channels} (exit ${code}): ${streams} distinct stream keys, ${chans.size} distinct pub/sub channels, meta keys ${metas.join(' ')} (expected ≈ ${Math.round(o.channels * (1 - Math.exp(-3)))} distinct of ${o.channels})`;
  });
  await sub.quit();
  return text;
}

/** The table columns of redis-benchmark runs, whose results `rb` finds in a row. */
export function rbColumns<T extends { run: number }>(rb: (row: T) => RbResult | undefined): Column<T>[] {
  const c = (h: string, f: (r: RbResult) => string): Column<T> => [h, (row) => (rb(row) ? f(rb(row)!) : '-')];
  return [
    c('target', (r) => r.target),
    c('clients', (r) => String(r.clients)),
    c('pipeline', (r) => String(r.pipeline)),
    runColumn<T>(),
    c('EVALSHA/s', (r) => fmtInt(r.rps)),
    c('p50 ms', (r) => fmt2(r.p50Ms)),
    c('p99 ms', (r) => fmt2(r.p99Ms)),
    c('redis CPU %', (r) => fmtInt(r.cpu.pct['redis']!)),
    c('redis-benchmark CPU %', (r) => fmtInt(r.rbCpuPct)),
    c('other CPU %', (r) => fmtInt(r.cpu.other)),
    c('redis µs/call', (r) => fmt2(r.redisUsPerCall)),
    c('calls', (r) => String(r.calls)),
    c('failed', (r) => String(r.failedCalls)),
    c('stream keys', (r) => String(r.keysSeen)),
  ];
}
