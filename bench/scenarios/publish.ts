/**
 * Publish throughput on the Redis engine: API publications per second, each
 * kept in history (namespace bench: 100 publications, 300 s), through Gyre
 * with 1 and 2 workers, against `redis-benchmark` running the very same Lua
 * script in the same invocation (the ceiling Redis itself sets), plus a check
 * that a publish costs at most one Redis command (those of one turn share one).
 */
import { encodePublication, publishManyScript } from '../../src/engine/redis/contract';
import { bool, int, ints, listOf, num, type Options, words } from '../harness/cli';
import { cpuWindow, type CpuUse, treeCpuSeconds } from '../harness/cpu';
import { batchOptions, type Mode, MODES, newStats, publish, windowOptions } from '../harness/publisher';
import {
  checkSubstitution,
  dropRunKeys,
  HISTORY_SIZE,
  HISTORY_TTL,
  loadPublishScript,
  offsetsOf,
  parseCommandStats,
  parseInfo,
  type RbResult,
  rbColumns,
  type RedisServer,
  runRedisBenchmark,
  startRedis,
  type Target,
  withClient,
} from '../harness/redis';
import { fmt1, fmt2, fmtInt, fmtRatio, printTable, type Column, cpuColumns, percentileColumns } from '../harness/report';
import { type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Harness, type Scenario } from '../harness/scenario';
import { benchNamespace, type Server, startGyre, startPeer } from '../harness/servers';
import { percentile, sorted } from '../harness/stats';

/** 'floor': the bare node:http + JSON.parse server of ws-peer.ts answering the same requests, Node's own HTTP floor. */
type Engine = 'redis' | 'memory' | 'floor';
const TARGETS: Target[] = ['many', 'single'];

const options = {
  ...common({ runs: 2, retries: 2 }),
  workers: ints([1, 2], 'Gyre worker counts on the Redis engine'),
  memory: bool(true, 'also the memory engine with 1 worker, as a control: the same API requests without Redis', { quick: false }),
  floor: bool(true, "also the bare node:http server of ws-peer.ts (one process): Node's floor for the same HTTP + JSON work", { quick: false }),
  modes: listOf(MODES, [...MODES], 'publish: /api/publish, one each; batch: /api/batch, run in turn; batch-par: with "parallel": true', { quick: ['publish', 'batch'] }),
  targets: listOf(TARGETS, [...TARGETS], 'many: --channels channels round-robin; single: one channel', { quick: ['many'] }),
  ...windowOptions(),
  ...batchOptions(),
  concurrency: int(64, 'requests in flight, mode publish'),
  verify: int(5000, 'API publishes of the Redis-commands-per-publish check on a fresh Gyre (MONITOR, INFO commandstats); 0: none', { min: 0, quick: 200 }),
  verifyWindow: num(3.5, 'seconds the check lasts at least: one node-announcement period, so that background traffic shows', { quick: 0 }),
  verifyOnly: bool(false, 'only that check: no throughput runs, no redis-benchmark'),
  rb: bool(true, 'redis-benchmark runs of the publish script'),
  rbN: int(200000, 'EVALSHA calls per redis-benchmark run', { quick: 2000 }),
  rbClients: int(50, 'redis-benchmark connections'),
  rbPipelines: ints([16, 1], 'redis-benchmark pipeline depths (-P)', { quick: [1] }),
  serverNodeArgs: words('node flags of Gyre (its workers inherit them), e.g. "--cpu-prof --cpu-prof-dir=DIR"'),
};
type O = Options<typeof options>;

type Variant = { kind: 'gyre'; engine: Engine; workers: number; target: Target; mode: Mode } | { kind: 'rb'; target: Target; pipeline: number };

interface GyreResult extends Outcome {
  inflight: number;
  pubPerS: number;
  windowPubs: number;
  accepted: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuUse;
  gyreUsPerPub: number;
  redisUsPerPub: number;
  /** The channels' top offsets in Redis add up to the publications acknowledged (memory engine: nothing failed). */
  offsetsOk: boolean;
  offsetsSum: number;
}

type Result = (GyreResult & { rb?: undefined }) | (Outcome & { rb: RbResult });

interface Ctx {
  redis: RedisServer;
  /** Gyre's publish script, loaded. */
  script: { lua: string; sha: string };
  /** The publication bytes Gyre stores for one publication, as redis-benchmark passes them. */
  rbPayload: string;
}

/** Publication data: the same ~payload-byte JSON the API publishes and redis-benchmark sends. */
const dataJson = (seq: number, filler: string) => `{"seq":${seq},"payload":"${filler}"}`;

/** A Gyre of one setup, kept across its runs; `problem`: the commands-per-publish check failed, not yet told in a run. */
type Setup = Server & { prefix: string; problem?: string };

/** Starts a setup's Gyre; on the Redis engine, runs the commands-per-publish check on it before it publishes anything else. */
async function startSetup(o: O, c: Ctx, engine: Engine, workers: number): Promise<Setup> {
  const prefix = `pub${workers}${engine[0]}x${Date.now() % 100000}`;
  if (engine === 'floor') return { ...(await startPeer({ workers: 1 })), prefix };
  const gyre: Setup = { ...(await startGyre({ workers, redis: engine === 'redis' ? c.redis.url : undefined, prefix, config: benchNamespace(HISTORY_SIZE, HISTORY_TTL), nodeArgs: o.serverNodeArgs })), prefix };
  if (engine === 'redis' && o.verify > 0 && (await verifyRoundTrips(o, c, gyre, workers))) gyre.problem = 'a publish of the commands-per-publish check failed';
  return gyre;
}

async function runGyre(v: Extract<Variant, { kind: 'gyre' }>, runNo: number, o: O, c: Ctx, h: Harness): Promise<GyreResult> {
  const gyre = await h.kept.get(`${v.engine}/${v.workers}`, () => startSetup(o, c, v.engine, v.workers));
  const problem = gyre.problem;
  gyre.problem = undefined;
  const tag = `${v.engine[0]}${v.workers}r${runNo}${v.mode[0]}${v.mode.length}${Date.now() % 100000}`;
  const channels = v.target === 'many' ? Array.from({ length: o.channels }, (_, i) => `bench:${tag}c${i}`) : [`bench:${tag}single`];
  const inflight = v.mode === 'publish' ? o.concurrency : o.batchInflight;
  const filler = 'x'.repeat(o.payload);
  const stats = newStats();
  let measuring = false;
  let stopped = false;
  const loading = publish(
    { port: gyre.port, mode: v.mode, channel: (s) => channels[s % channels.length]!, data: (s) => dataJson(s, filler), batch: o.batch, inflight, stopped: () => stopped, measuring: () => measuring, maxRequests: 5_000_000 },
    stats,
  );
  await new Promise((res) => setTimeout(res, o.warmup * 1000));
  const w = cpuWindow({ parts: { gyre: () => treeCpuSeconds(gyre.pid), redis: c.redis.cpuSeconds }, workersOf: gyre.pid });
  const acc0 = stats.accepted;
  measuring = true;
  await new Promise((res) => setTimeout(res, o.duration * 1000));
  const cpu = w.end();
  const windowPubs = stats.accepted - acc0;
  measuring = false;
  stopped = true;
  await Promise.race([loading, new Promise((res) => setTimeout(res, 35_000))]);
  const lat = sorted(stats.latMs);
  let offsetsSum = NaN;
  if (v.engine === 'redis') {
    offsetsSum = await withClient(c.redis, async (rc) => {
      const sum = (await offsetsOf(rc, gyre.prefix, channels)).reduce((a, b) => a + b, 0);
      // Interleaved with other runs: what this one left must not expire in the middle of a later one.
      await dropRunKeys(rc, gyre.prefix, channels);
      return sum;
    });
  }
  const perPub = (part: string) => (windowPubs ? ((cpu.pct[part]! / 100) * cpu.wallS * 1e6) / windowPubs : NaN);
  const r: GyreResult = {
    ...outcome(),
    otherPct: cpu.other,
    inflight,
    pubPerS: windowPubs / cpu.wallS,
    windowPubs,
    accepted: stats.accepted,
    failed: stats.failed,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    cpu,
    gyreUsPerPub: perPub('gyre'),
    redisUsPerPub: perPub('redis'),
    offsetsOk: (v.engine !== 'redis' || offsetsSum === stats.accepted) && stats.failed === 0,
    offsetsSum,
  };
  if (problem) r.problems.push(problem);
  if (!r.offsetsOk) r.problems.push(`offsets in Redis ${offsetsSum} vs ${stats.accepted} acknowledged, ${stats.failed} failed (${stats.firstError})`);
  return r;
}

// ---- Redis commands per publish --------------------------------------------------------------

/**
 * A string as a MONITOR line shows it once ioredis has parsed it: Redis escapes it like sdscatrepr (\\ \n \r \t \a
 * \b, \xHH for bytes outside 0x20..0x7e, \" for quotes) and ioredis only turns \" back into ".
 */
function monitorRepr(text: string): string {
  const esc: Record<number, string> = { 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x07: '\\a', 0x08: '\\b' };
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) out += esc[b] ?? (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);
  return out;
}

/**
 * CONFIG RESETSTAT, then `k` API publishes (16 in flight, 1000 channels) on a Gyre that has not published yet, with
 * MONITOR on; then INFO commandstats (the window lasts at least --verify-window s: one node-announcement period). Commands run
 * inside scripts are counted by commandstats too (as hget, xadd…), so MONITOR's source ("lua" or a client address)
 * tells what crossed the network. Prints what it found; returns whether a publish failed.
 */
async function verifyRoundTrips(o: O, c: Ctx, gyre: Setup, w: number): Promise<boolean> {
  const { lua, sha } = c.script;
  return withClient(c.redis, async (admin) => {
    const names = new Map<string, string>();
    for (const line of String(await admin.client('LIST')).split('\n')) {
      const addr = /addr=(\S+)/.exec(line)?.[1];
      const name = /name=(\S*)/.exec(line)?.[1];
      if (addr) names.set(addr, name || 'bench');
    }
    const luaAsMonitored = monitorRepr(lua);
    const many = publishManyScript();
    const manyAsMonitored = monitorRepr(many.lua);
    const byRole: Record<string, number> = {};
    const shas = new Set<string>();
    let publishCalls = 0;
    const mon = await admin.monitor();
    // A MONITOR line still on its way when the connection is closed reaches ioredis outside monitoring mode, which
    // reports it as an 'error' event ("Command queue state error"): unheard, that would crash the bench.
    let closing = false;
    mon.on('error', (err: Error) => {
      if (!closing) console.error(`  MONITOR connection: ${err.message}`);
    });
    mon.on('monitor', (_time: string, args: string[], source: string) => {
      let cmd = (args[0] ?? '').toLowerCase();
      const role = source === 'lua' ? 'lua' : (names.get(source) ?? 'bench');
      // Which script: the publish one or another (by SHA1, or by text for EVAL).
      if (cmd === 'evalsha' || cmd === 'eval') {
        const isPublish = cmd === 'evalsha' ? args[1] === sha : args[1] === luaAsMonitored;
        const isMany = cmd === 'evalsha' ? args[1] === many.sha : args[1] === manyAsMonitored;
        if (cmd === 'evalsha' && args[1]) shas.add(args[1]);
        cmd += isPublish ? ' (publish script)' : isMany ? ' (publish-many script)' : ` (other script ${cmd === 'evalsha' ? (args[1] ?? '').slice(0, 8) : ''})`;
        if (isPublish || isMany) publishCalls++;
      }
      byRole[`${role}: ${cmd}`] = (byRole[`${role}: ${cmd}`] ?? 0) + 1;
    });
    await admin.config('RESETSTAT');
    const reads0 = Number(parseInfo(await admin.info('stats')).get('total_reads_processed'));
    const t0 = performance.now();
    const channels = Array.from({ length: 1000 }, (_, i) => `bench:rt${w}c${i}`);
    const stats = await publish({ port: gyre.port, mode: 'publish', channel: (s) => channels[s % 1000]!, data: (s) => dataJson(s, 'x'.repeat(100)), inflight: 16, total: o.verify });
    // At least one 3 s node-announcement period in the window, so that the background traffic shows.
    await new Promise((res) => setTimeout(res, Math.max(100, o.verifyWindow * 1000 - (performance.now() - t0))));
    const seconds = (performance.now() - t0) / 1000;
    const reads1 = Number(parseInfo(await admin.info('stats')).get('total_reads_processed'));
    const cs = parseCommandStats(await admin.info('commandstats'));
    closing = true;
    mon.disconnect();
    await dropRunKeys(admin, gyre.prefix, channels);
    console.log(
      `\nRedis commands per publish, ${w} worker(s): ${o.verify} API publishes in ${fmt2(seconds)} s, ${stats.failed} failed; ` +
        `${publishCalls} publish script calls (${fmt2(o.verify / Math.max(1, publishCalls))} publications per call); redis read events ${reads1 - reads0}`,
    );
    console.log(`  INFO commandstats calls: ${[...cs].map(([cmd, s]) => `${cmd}=${s.calls}`).join(', ')}`);
    console.log(`  MONITOR by source: ${Object.entries(byRole).sort().map(([cmd, n]) => `${cmd}=${n}`).join(', ')}`);
    console.log(`  EVALSHA SHA1s sent by Gyre: ${[...shas].join(', ')} (publish script: ${sha}, publish-many script: ${many.sha})`);
    return stats.failed > 0;
  });
}

// ---- report ----------------------------------------------------------------------------------

type R = Row<Variant, Result>;
const gyreOf = (x: R) => x.r as GyreResult;
const gyreVariant = (x: R) => x.variant as Extract<Variant, { kind: 'gyre' }>;

const pubColumns: Column<R>[] = [
  ['engine', (x) => gyreVariant(x).engine],
  ['workers', (x) => String(gyreVariant(x).workers)],
  ['target', (x) => gyreVariant(x).target],
  ['mode', (x) => gyreVariant(x).mode],
  ['in flight', (x) => String(gyreOf(x).inflight)],
  runColumn(),
  ['pubs/s', (x) => fmtInt(gyreOf(x).pubPerS)],
  ...percentileColumns<R>('req', gyreOf),
  ...cpuColumns<R>((x) => gyreOf(x).cpu, { 'gyre CPU %': 'gyre', 'redis CPU %': 'redis' }, { workers: true }),
  ['gyre µs/pub', (x) => fmt1(gyreOf(x).gyreUsPerPub)],
  ['redis µs/pub', (x) => fmt1(gyreOf(x).redisUsPerPub)],
  ['offsets', (x) => (gyreOf(x).offsetsOk ? (gyreVariant(x).engine === 'redis' ? 'ok' : 'n/a') : `${gyreOf(x).offsetsSum} vs ${gyreOf(x).accepted}`)],
  ['failed', (x) => String(gyreOf(x).failed)],
];

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'publish',
  title: 'API publications/s with history on the Redis engine, 1 and 2 workers, against redis-benchmark of the same script',
  about: `
Modes, all POST over keep-alive connections with a bounded number of requests in flight: publish (/api/publish, one
publication each, --concurrency in flight), batch (/api/batch with --batch publish commands, --batch-inflight in
flight, run one after another, Centrifugo's default) and batch-par (the same with "parallel": true). Targets: many
(--channels channels round-robin) and single (one channel). Each run publishes --warmup s, then measures --duration s;
fresh channels per run, and their keys deleted after it. The channels' top offsets in Redis must add up to the
publications Gyre acknowledged. --memory adds the memory engine (1 worker) as a control: the HTTP/API cost without
Redis; --floor adds the bare node:http server of ws-peer.ts, which parses the same bodies and answers them without
checking or storing anything: what Node's HTTP server alone costs per request. One Gyre per setup is kept across its runs; runs of every setup and redis-benchmark interleave.

redis-benchmark runs EVALSHA of Gyre's own publish script (SHA1 checked) with the same payload bytes, on the same
redis-server (its keys rb.* cleaned before each run). Before the runs, --verify API publishes on a fresh Gyre show
under MONITOR and INFO commandstats that a publish costs at most one Redis command: a script call, shared by the
publishes of one event-loop turn (on each setup's Gyre, before its runs).
Ratios: each setup's pubs/s against 1 worker's (same engine, target, mode), and as % of redis-benchmark.`,
  options,
  header: (o) =>
    `publish (history ${HISTORY_SIZE}/${HISTORY_TTL}s): Redis engine with ${o.workers.join(', ')} worker(s)${o.memory ? ', memory engine as control' : ''}; modes ${o.modes.join(',')}; ` +
    `targets ${o.targets.join(',')} (${o.channels} channels); ${o.warmup} s warm-up + ${o.duration} s measured; ${o.concurrency} requests in flight for publish, ${o.batchInflight} × ${o.batch} for batches`,
  async setup(o) {
    const redis = await startRedis();
    console.log(`private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
    const script = await loadPublishScript(redis);
    console.log(`publish script: sha1 ${script.sha} (${script.lua.length} chars, from Gyre's defineScripts)`);
    const rbPayload = encodePublication({ data: Buffer.from(dataJson(12345, 'x'.repeat(o.payload))) }).toString('latin1');
    if (/[^\x01-\x7f]/.test(rbPayload)) throw new Error('payload is not plain ASCII: it cannot be passed to redis-benchmark as an argument');
    const c: Ctx = { redis, script, rbPayload };
    // Only the check: on a Gyre of each worker count, started for it alone.
    for (const w of o.verifyOnly ? o.workers : []) {
      const gyre = await startSetup(o, c, 'redis', w);
      await gyre.stop(4000);
      if (gyre.problem) throw new Error(`${w} worker(s): ${gyre.problem}`);
    }
    if (o.rb && !o.verifyOnly && o.targets.includes('many')) console.log(`\n__rand_int__ check: ${await checkSubstitution(redis, script.sha, rbPayload, o)}`);
    return c;
  },
  variants(o) {
    if (o.verifyOnly) return [];
    const setups: [Engine, number][] = [
      ...o.workers.map((w): [Engine, number] => ['redis', w]),
      ...(o.memory ? [['memory', 1] as [Engine, number]] : []),
      ...(o.floor ? [['floor', 1] as [Engine, number]] : []),
    ];
    const gyre = setups.flatMap(([engine, workers]) => o.targets.flatMap((target) => o.modes.map((mode): Variant => ({ kind: 'gyre', engine, workers, target, mode }))));
    const rb = o.rb ? o.targets.flatMap((target) => o.rbPipelines.map((pipeline): Variant => ({ kind: 'rb', target, pipeline }))) : [];
    return [...gyre, ...rb];
  },
  key: (v) => (v.kind === 'gyre' ? `${v.engine} w${v.workers} ${v.target} ${v.mode}` : `redis-benchmark ${v.target} -P ${v.pipeline}`),
  async run(v, runNo, o, c, h) {
    if (v.kind === 'gyre') return runGyre(v, runNo, o, c, h);
    const rb = await runRedisBenchmark(c.redis, c.script.sha, c.rbPayload, o, v.target, v.pipeline);
    return { ...outcome(), otherPct: rb.otherPct, problems: rb.problems, rb };
  },
  summary: (r) =>
    r.rb
      ? `${fmtInt(r.rb.rps)} EVALSHA/s, redis ${fmtInt(r.rb.cpu.pct['redis']!)}%, redis-benchmark ${fmtInt(r.rb.rbCpuPct)}%, calls ${r.rb.calls}, failed ${r.rb.failedCalls}`
      : `${fmtInt(r.pubPerS)} pubs/s, p50 ${fmt1(r.p50Ms)} ms, gyre ${fmtInt(r.cpu.pct['gyre']!)}% (${r.cpu.workers.map(fmtInt).join('+')}), redis ${fmtInt(r.cpu.pct['redis']!)}%, gen ${fmtInt(r.cpu.gen)}%, other ${fmtInt(r.cpu.other)}%`,
  sum: ['failed', 'calls', 'n', 'failedCalls'],
  async after(_o, c, h) {
    await h.kept.stopAll();
    await c.redis.stop();
  },
  report(res, o) {
    printRuns(res, pubColumns, o, { only: (x) => x.variant.kind === 'gyre', title: 'Gyre, API publications with history' });
    printRuns(res, rbColumns<R>((x) => x.r.rb), o, { only: (x) => x.variant.kind === 'rb', title: 'redis-benchmark, the same script' });
    // Each setup against 1 worker of its engine, and as a share of what Redis alone sustains for the same script.
    const oneWorker = (v: Extract<Variant, { kind: 'gyre' }>) => (res.median(`${v.engine} w1 ${v.target} ${v.mode}`) as GyreResult | undefined)?.pubPerS ?? NaN;
    const floorUs = (v: Extract<Variant, { kind: 'gyre' }>) => (res.median(`floor w1 ${v.target} ${v.mode}`) as GyreResult | undefined)?.gyreUsPerPub ?? NaN;
    const ceiling = (t: Target, p: number) => res.median(`redis-benchmark ${t} -P ${p}`)?.rb?.rps ?? NaN;
    printTable(
      'Gyre (median pubs/s) against 1 worker, its CPU per publication against the bare node:http floor, and as a share of redis-benchmark (median EVALSHA/s):',
      [
        ...pubColumns.slice(0, 4),
        ['pubs/s', (x) => fmtInt(gyreOf(x).pubPerS)],
        ['ratio to 1 worker', (x) => fmtRatio(gyreOf(x).pubPerS, oneWorker(gyreVariant(x)))],
        ['µs/pub', (x) => fmt1(gyreOf(x).gyreUsPerPub)],
        ['µs/pub ÷ floor', (x) => fmtRatio(gyreOf(x).gyreUsPerPub, floorUs(gyreVariant(x)))],
        ...o.rbPipelines.map((p): Column<R> => [`% of rb -P ${p}`, (x) => fmt1((100 * gyreOf(x).pubPerS) / ceiling(gyreVariant(x).target, p))]),
      ],
      res.medians.filter((x) => x.variant.kind === 'gyre'),
    );
  },
};
