/**
 * What redis.wait_replicas costs: API publications per second and their
 * latency through Gyre on a Redis master with one replica, without and with
 * `wait_replicas: 1` (each publish then answered only once the replica has it,
 * by WAIT after the script); then, on the master alone, what the
 * replication-ID check of Sentinel and Cluster shards adds to each publish
 * script call.
 */
import type Redis from 'ioredis';
import { encodePublication } from '../../src/engine/redis/contract';
import { int, ints, type Options } from '../harness/cli';
import { newStats, publish, windowOptions } from '../harness/publisher';
import { parseCommandStats, publishScript, type RedisServer, startRedis } from '../harness/redis';
import { fmt2, fmtInt, fmtRatio, printTable, type Column } from '../harness/report';
import { type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { benchNamespace, startGyre } from '../harness/servers';
import { median, percentile, sorted } from '../harness/stats';

const options = {
  ...common({ runs: 3, retries: 0 }),
  workers: int(1, 'Gyre workers'),
  concurrency: ints([64, 8, 1], 'requests in flight (/api/publish); 0: no runs through Gyre, only the script cost', { min: 0, quick: [8] }),
  ...windowOptions(),
  scriptRounds: int(5, 'alternating rounds of 20,000 script calls each (off, on, INFO alone)', { quick: 1 }),
};
type O = Options<typeof options>;

interface Variant {
  inflight: number;
  wait: 0 | 1;
}

interface Result extends Outcome {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  /** WAIT commands per publish script the master ran (1 = none shared). */
  waitsPerPublish: number;
}

interface Ctx {
  master: RedisServer;
  replica: RedisServer;
  m: Redis;
  r: Redis;
  /** The script-cost table, measured after the runs. */
  cost?: string[][];
}

let runCounter = 0;

/** Stream entries under `prefix` on a node: what it holds of the run's publications. */
async function entries(r: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}.stream.*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) total += await r.xlen(k);
  } while (cursor !== '0');
  return total;
}

async function run(v: Variant, o: O, c: Ctx): Promise<Result> {
  const prefix = `rw${++runCounter}`;
  const gyre = await startGyre({
    workers: o.workers,
    redis: c.master.url,
    prefix,
    config: { ...benchNamespace(100, 300), redis: { wait_replicas: v.wait, wait_timeout: 1 }, api: { redis_ingest: false } },
  });
  const channels = Array.from({ length: o.channels }, (_, i) => `bench:c${i}`);
  const filler = 'x'.repeat(o.payload);
  await c.m.config('RESETSTAT');
  const stats = newStats();
  let measuring = false;
  let stopped = false;
  const loading = publish({ port: gyre.port, mode: 'publish', channel: (s) => channels[s % channels.length]!, data: (s) => `{"seq":${s},"payload":"${filler}"}`, inflight: v.inflight, stopped: () => stopped, measuring: () => measuring }, stats);
  await new Promise((res) => setTimeout(res, o.warmup * 1000));
  const [a0, f0, t0] = [stats.accepted, stats.failed, performance.now()];
  measuring = true;
  await new Promise((res) => setTimeout(res, o.duration * 1000));
  measuring = false;
  const [a1, f1, t1] = [stats.accepted, stats.failed, performance.now()];
  stopped = true;
  await loading;
  const cs = parseCommandStats(await c.m.info('commandstats'));
  const scripts = (cs.get('evalsha')?.calls ?? 0) + (cs.get('eval')?.calls ?? 0);
  await gyre.stop();
  await c.m.wait(1, 5000);
  const lat = sorted(stats.latMs);
  const r: Result = {
    ...outcome(),
    perSecond: (a1 - a0) / ((t1 - t0) / 1000),
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    failed: f1 - f0,
    waitsPerPublish: v.wait ? (cs.get('wait')?.calls ?? 0) / Math.max(1, scripts) : NaN,
  };
  const [onMaster, onReplica] = [await entries(c.m, prefix), await entries(c.r, prefix)];
  if (onMaster !== onReplica) r.problems.push(`master holds ${onMaster} entries, replica ${onReplica}`);
  if (stats.firstError) r.notes.push(`first error: ${stats.firstError}`);
  return r;
}

/**
 * Redis' own time per publish script call (INFO commandstats usec_per_call), without and with the replication-ID
 * check of Sentinel and Cluster shards (lua/epoch_lib.lua: one INFO replication per call), and of that INFO alone:
 * `rounds` alternating rounds of 20,000 calls over 1000 channels, pipelined.
 */
async function scriptCost(m: Redis, rounds: number): Promise<Record<'off' | 'on' | 'info', number[]>> {
  const { lua, sha } = publishScript();
  await m.script('LOAD', lua);
  // What epoch_lib.lua's master_replid() does.
  const infoOnly = "local s = redis.call('INFO', 'replication') local at = string.find(s, 'master_replid:', 1, true) return string.sub(s, at + 14, at + 53)";
  const payload = encodePublication({ data: Buffer.from(JSON.stringify({ payload: 'x'.repeat(100) })) });
  const out: Record<'off' | 'on' | 'info', number[]> = { off: [], on: [], info: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['off', 'on', 'info'] as const) {
      await m.config('RESETSTAT');
      for (let i = 0; i < 20_000; i += 500) {
        const pipe = m.pipeline();
        for (let j = i; j < i + 500; j++) {
          const ch = `cost${round}:${j % 1000}`;
          if (kind === 'info') pipe.eval(infoOnly, 0);
          else pipe.evalsha(sha, 3, `sc.stream.{${ch}}`, `sc.meta.{${ch}}`, `sc.result.{${ch}}`, payload, 100, 300, `sc.client.{${ch}}`, 3600, 'ep', 0, kind === 'on' ? 1 : 0);
        }
        await pipe.exec();
      }
      out[kind].push(parseCommandStats(await m.info('commandstats')).get(kind === 'info' ? 'eval' : 'evalsha')?.usecPerCall ?? NaN);
    }
  }
  return out;
}

type R = Row<Variant, Result>;
const key = (v: Variant) => `in flight ${v.inflight}, wait ${v.wait}`;

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'replica-wait',
  title: 'publishes/s and latency with redis.wait_replicas 0 and 1 on a master with one replica; the replication-ID check\'s cost',
  about: `
For each concurrency (requests in flight, /api/publish, keep-alive) the runs alternate wait_replicas off and on
against the same master and replica, a fresh Gyre and fresh channels each; afterwards the replica must hold as many
stream entries as the master. Then, on the master alone, Redis' time per publish script call without and with the
replication-ID check of Sentinel and Cluster shards, and of that check (INFO replication in a script) alone.
Ratio: publishes/s with wait_replicas 1 against 0 at the same concurrency.`,
  options,
  header: (o) => `redis.wait_replicas cost: ${o.workers} worker(s), ${o.channels} channels, ${o.duration} s per run, one replica on loopback`,
  async setup() {
    const [master, replica] = [await startRedis(), await startRedis()];
    const [m, r] = [master.client(), replica.client()];
    await Promise.all([m.connect(), r.connect()]);
    await m.config('SET', 'repl-diskless-sync-delay', '0');
    await r.replicaof('127.0.0.1', String(master.port));
    for (let i = 0; !/master_link_status:up/.test(await r.info('replication')); i++) {
      if (i > 200) throw new Error('the replica did not attach');
      await new Promise((res) => setTimeout(res, 50));
    }
    return { master, replica, m, r };
  },
  variants: (o) => o.concurrency.filter((n) => n > 0).flatMap((inflight) => [0, 1].map((wait) => ({ inflight, wait: wait as 0 | 1 }))),
  key,
  run: (v, _run, o, c) => run(v, o, c),
  summary: (r) => `${fmtInt(r.perSecond)} publishes/s, p50 ${fmt2(r.p50Ms)} ms, p99 ${fmt2(r.p99Ms)} ms, ${r.failed} failed`,
  sum: ['failed'],
  async after(o, c) {
    const cost = await scriptCost(c.m, o.scriptRounds);
    const us = (xs: number[]) => median(xs).toFixed(2);
    const rows: string[][] = [
      ['off (single Redis)', us(cost.off), cost.off.map((x) => x.toFixed(1)).join(' · ')],
      ['on (Sentinel, Cluster)', us(cost.on), cost.on.map((x) => x.toFixed(1)).join(' · ')],
      ['INFO replication alone, in a script', us(cost.info), cost.info.map((x) => x.toFixed(1)).join(' · ')],
    ];
    c.cost = rows;
    c.m.disconnect();
    c.r.disconnect();
    await Promise.all([c.master.stop(), c.replica.stop()]);
  },
  report(res, o, c) {
    const cols: Column<R>[] = [
      ['in flight', (x) => String(x.variant.inflight)],
      ['wait_replicas', (x) => String(x.variant.wait)],
      runColumn(),
      ['publishes/s', (x) => fmtInt(x.r.perSecond)],
      ['p50 ms', (x) => fmt2(x.r.p50Ms)],
      ['p99 ms', (x) => fmt2(x.r.p99Ms)],
      ['WAITs per publish', (x) => fmt2(x.r.waitsPerPublish)],
      ['failed', (x) => String(x.r.failed)],
    ];
    // Each run's figures too: on a shared machine the spread says how far the medians can be trusted.
    const off = (x: R) => res.median(key({ inflight: x.variant.inflight, wait: 0 }))?.perSecond ?? NaN;
    printRuns(res, cols, o, { ratios: [['ratio to wait 0 (publishes/s)', (x) => fmtRatio(x.r.perSecond, off(x))]] });
    if (c.cost) printTable(`Redis µs per publish script call (median of ${o.scriptRounds} rounds of 20,000; each round: off, on, info):`, [['replication-ID check', (r: string[]) => r[0]!], ['µs per call', (r) => r[1]!], ['runs', (r) => r[2]!]], c.cost);
  },
};
