/**
 * Redis shards: API publish throughput (`/api/batch`, every publication kept
 * in history: namespace `bench`, 100 publications, 300 s) and what one
 * publication costs Redis and Gyre, on 1, 2 and 3 plain Redis shards and on
 * a Redis Cluster of 3 masters; then, with subscribers, what one delivery
 * costs a worker. From those constants it prints what N shards × M workers
 * would serve — on paper: this machine has 2 cores, so more processes only
 * share them (throughput here cannot scale; the per-publication costs can be
 * measured all the same).
 *
 *   node dist/bench/shards.js [--setups 1,2,3,cluster] [--workers 1] [--channels 1000] [--warmup 1]
 *        [--duration 4] [--batch 50] [--batch-inflight 8] [--payload 100] [--runs 2] [--retries 1]
 *        [--max-other 30] [--wait-quiet 5] [--subscribers 1000] [--json out.json]
 *
 * Redis CPU is what every redis-server of the setup reports in `INFO cpu`
 * (used_cpu_sys + used_cpu_user, main and background threads), read before and
 * after the measured window; Gyre's (primary and workers), this generator's and
 * the rest of the machine's come from /proc. A run during which other
 * processes used more than --max-other % of a core is repeated (--retries).
 *
 * Delivery: on the first setup, `--subscribers` raw WebSocket subscribers each
 * on its own channel of the ones published to (one subscriber per channel: the
 * costliest case, each delivery also paying for its pub/sub message); the
 * worker's CPU per delivery is its CPU in that run less what the same number
 * of publications cost without subscribers, divided by the deliveries counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { startCluster, type TestCluster } from '../test/helpers/redis-topology';
import { load, type LoadStats, startGyre } from './api-load';
import {
  installCleanupHooks,
  intOption,
  machineBusySeconds,
  median,
  parseFlags,
  processTreeCpuSeconds,
  runMain,
  selfCpuSeconds,
  type ServerProcess,
  sleep,
  strOption,
  waitQuiet,
} from './lib';
import { parseInfo, startRedis } from './redis';
import { fmt1, fmtInt, renderTable } from './report';
import { openAll, type Subscribers, Tracker } from './subscribers';

const SECRET = 'bench-hmac-secret';
const SETUPS = ['1', '2', '3', 'cluster'] as const;
type Setup = (typeof SETUPS)[number];

interface Options {
  setups: Setup[];
  workers: number;
  channels: number;
  warmupS: number;
  durationS: number;
  batch: number;
  batchInflight: number;
  payload: number;
  runs: number;
  retries: number;
  maxOtherPct: number;
  waitQuietS: number;
  subscribers: number;
  jsonOut: string;
}

function options(): Options {
  const f = parseFlags(process.argv.slice(2));
  const setups = strOption(f, 'setups', 'BENCH_SETUPS', SETUPS.join(','))
    .split(',')
    .map((s) => s.trim()) as Setup[];
  for (const s of setups) if (!SETUPS.includes(s)) throw new Error(`--setups: unknown ${s}; known: ${SETUPS.join(', ')}`);
  return {
    setups,
    workers: intOption(f, 'workers', 'BENCH_WORKERS', 1),
    channels: intOption(f, 'channels', 'BENCH_CHANNELS', 1000),
    warmupS: intOption(f, 'warmup', 'BENCH_WARMUP', 1),
    durationS: intOption(f, 'duration', 'BENCH_DURATION', 4),
    batch: intOption(f, 'batch', 'BENCH_BATCH', 50),
    batchInflight: intOption(f, 'batch-inflight', 'BENCH_BATCH_INFLIGHT', 8),
    payload: intOption(f, 'payload', 'BENCH_PAYLOAD', 100),
    runs: intOption(f, 'runs', 'BENCH_RUNS', 2),
    retries: Number(strOption(f, 'retries', 'BENCH_RETRIES', '1')) || 0,
    maxOtherPct: intOption(f, 'max-other', 'BENCH_MAX_OTHER', 30),
    waitQuietS: intOption(f, 'wait-quiet', 'BENCH_WAIT_QUIET', 5),
    subscribers: Number(strOption(f, 'subscribers', 'BENCH_SUBSCRIBERS', '1000')) || 0,
    jsonOut: strOption(f, 'json', 'BENCH_JSON', ''),
  };
}

// ---- the Redis side of a setup ------------------------------------------------------------

interface RedisSetup {
  name: string;
  /** redis.url: one URL per shard. */
  urls: string[];
  /** Every redis-server process of the setup (a Cluster's masters included), by port. */
  ports: number[];
  stop(): Promise<void>;
}

async function startSetup(setup: Setup): Promise<RedisSetup> {
  if (setup === 'cluster') {
    // No replicas: the figure wanted is what the masters spend; replication would add its own cost on each.
    const cluster: TestCluster = await startCluster({ masters: 3, replicas: 0 });
    return { name: 'Cluster, 3 masters', urls: [cluster.url], ports: cluster.ports, stop: () => cluster.stop() };
  }
  const n = Number(setup);
  const servers = await Promise.all(Array.from({ length: n }, () => startRedis()));
  return {
    name: `${n} plain shard${n > 1 ? 's' : ''}`,
    urls: servers.map((s) => s.url),
    ports: servers.map((s) => s.port),
    stop: async () => void (await Promise.all(servers.map((s) => s.stop()))),
  };
}

/** CPU seconds (user + sys, every thread) each redis-server reports in INFO cpu. */
async function redisCpu(clients: Redis[]): Promise<number[]> {
  return Promise.all(
    clients.map(async (c) => {
      const info = parseInfo(await c.info('cpu'));
      return Number(info.get('used_cpu_sys')) + Number(info.get('used_cpu_user'));
    }),
  );
}

// ---- one measured run ---------------------------------------------------------------------

interface RunResult {
  setup: string;
  shards: number;
  run: number;
  subscribers: number;
  pubPerS: number;
  windowPubs: number;
  failed: number;
  firstError?: string;
  deliveries: number;
  wallS: number;
  /** % of one core over the window. */
  gyrePct: number;
  redisPct: number[];
  genPct: number;
  otherPct: number;
  gyreUsPerPub: number;
  redisUsPerPub: number;
}

async function measure(o: Options, gyre: ServerProcess, redis: Redis[], r: RedisSetup, channels: string[], run: number, tracker: Tracker | null): Promise<RunResult> {
  const stats: LoadStats = { accepted: 0, failed: 0, latMs: [] };
  let stopped = false;
  const loading = load(
    { port: gyre.port, mode: 'batch', channels, inflight: o.batchInflight, batch: o.batch, filler: 'x'.repeat(o.payload), measuring: () => false, stopped: () => stopped, maxRequests: 5_000_000 },
    stats,
  );
  await sleep(o.warmupS * 1000);
  const delivered = () => (tracker ? tracker.delivered + tracker.outOfRange + tracker.duplicates : 0);
  const t0 = performance.now();
  const [g0, r0, s0, b0, a0, d0] = [processTreeCpuSeconds(gyre.proc.pid!), await redisCpu(redis), selfCpuSeconds(), machineBusySeconds(), stats.accepted, delivered()];
  await sleep(o.durationS * 1000);
  const [g1, r1, s1, b1, a1, d1] = [processTreeCpuSeconds(gyre.proc.pid!), await redisCpu(redis), selfCpuSeconds(), machineBusySeconds(), stats.accepted, delivered()];
  const wallS = (performance.now() - t0) / 1000;
  stopped = true;
  await Promise.race([loading, sleep(35_000)]);
  const pct = (s: number) => (100 * s) / wallS;
  const redisS = r1.map((v, i) => v - r0[i]!);
  const redisSum = redisS.reduce((a, b) => a + b, 0);
  const windowPubs = a1 - a0;
  return {
    setup: r.name,
    shards: r.urls.length,
    run,
    subscribers: tracker ? tracker.n : 0,
    pubPerS: windowPubs / wallS,
    windowPubs,
    failed: stats.failed,
    firstError: stats.firstError,
    deliveries: d1 - d0,
    wallS,
    gyrePct: pct(g1 - g0),
    redisPct: redisS.map(pct),
    genPct: pct(s1 - s0),
    // Redis's own figure may lag /proc's by a tick: never below zero.
    otherPct: Math.max(0, pct(b1 - b0 - (g1 - g0) - redisSum - (s1 - s0))),
    gyreUsPerPub: windowPubs ? ((g1 - g0) * 1e6) / windowPubs : NaN,
    redisUsPerPub: windowPubs ? (redisSum * 1e6) / windowPubs : NaN,
  };
}

/** Runs until one is not disturbed by other processes or the retries are spent; every attempt is logged. */
async function measured(o: Options, gyre: ServerProcess, redis: Redis[], r: RedisSetup, run: number, channelsOf: (tag: string) => string[], tracker: Tracker | null, disturbed: RunResult[]): Promise<RunResult> {
  for (let attempt = 0; ; attempt++) {
    await waitQuiet(o.waitQuietS, [gyre.proc.pid!]);
    const tag = `${r.urls.length}${r.name[0]}r${run}a${attempt}x${Date.now() % 100000}`;
    const res = await measure(o, gyre, redis, r, channelsOf(tag), run, tracker);
    console.log(
      `  ${r.name} run ${run}${tracker ? `, ${tracker.n} subscribers` : ''}: ${fmtInt(res.pubPerS)} pubs/s, gyre ${fmtInt(res.gyrePct)}%, redis ${res.redisPct.map(fmtInt).join('+')}%, ` +
        `gen ${fmtInt(res.genPct)}%, other ${fmtInt(res.otherPct)}%; gyre ${fmt1(res.gyreUsPerPub)} µs/pub, redis ${fmt1(res.redisUsPerPub)} µs/pub` +
        (tracker ? `, ${fmtInt(res.deliveries)} deliveries` : '') +
        (res.failed ? `  <-- ${res.failed} failed (${res.firstError})` : ''),
    );
    if (res.otherPct > o.maxOtherPct && attempt < o.retries) {
      disturbed.push(res);
      console.log(`    repeating: other processes used ${fmtInt(res.otherPct)}% > ${o.maxOtherPct}% of a core`);
      continue;
    }
    return res;
  }
}

// ---- report ---------------------------------------------------------------------------------

const header = ['setup', 'run', 'subscribers', 'pubs/s', 'gyre CPU %', 'redis CPU % (each server)', 'gen CPU %', 'other CPU %', 'gyre µs/pub', 'redis µs/pub', 'deliveries/s', 'failed'];
const row = (r: RunResult) => [
  r.setup,
  r.run === 0 ? 'median' : String(r.run),
  String(r.subscribers),
  fmtInt(r.pubPerS),
  fmtInt(r.gyrePct),
  r.redisPct.map(fmtInt).join(' + '),
  fmtInt(r.genPct),
  fmtInt(r.otherPct),
  fmt1(r.gyreUsPerPub),
  fmt1(r.redisUsPerPub),
  fmtInt(r.deliveries / r.wallS),
  String(r.failed),
];

function medianRun(rows: RunResult[]): RunResult {
  const m = (f: (r: RunResult) => number) => median(rows.map(f));
  const first = rows[0]!;
  return {
    ...first,
    run: 0,
    pubPerS: m((r) => r.pubPerS),
    deliveries: m((r) => r.deliveries),
    wallS: m((r) => r.wallS),
    gyrePct: m((r) => r.gyrePct),
    redisPct: first.redisPct.map((_, i) => m((r) => r.redisPct[i] ?? NaN)),
    genPct: m((r) => r.genPct),
    otherPct: m((r) => r.otherPct),
    gyreUsPerPub: m((r) => r.gyreUsPerPub),
    redisUsPerPub: m((r) => r.redisUsPerPub),
    failed: rows.reduce((s, r) => s + r.failed, 0),
  };
}

/**
 * What N shards × M workers would publish and deliver, by arithmetic from the
 * constants: each Redis and each worker on a core of its own, channels spread
 * evenly over the shards (jump hash) and connections over the workers.
 */
function capacity(redisUs: number, gyreUs: number, deliveryUs: number): string {
  const shards = [1, 2, 4, 8];
  const workers = [2, 4, 8, 16];
  const rows = shards.map((n) => [
    String(n),
    fmtInt((n * 1e6) / redisUs),
    ...workers.map((w) => {
      const pubs = Math.min((n * 1e6) / redisUs, (w * 1e6) / gyreUs);
      return `${fmtInt(pubs)}${(n * 1e6) / redisUs <= (w * 1e6) / gyreUs ? ' (R)' : ' (W)'}`;
    }),
  ]);
  const out = [
    renderTable(['shards', 'Redis limit pubs/s', ...workers.map((w) => `${w} workers: pubs/s`)], rows),
    `(R): the shards are the limit; (W): the workers are. Publishing costs the workers that take API requests ${fmt1(gyreUs)} µs per publication;`,
  ];
  if (Number.isFinite(deliveryUs)) {
    out.push(`delivering costs the workers holding the subscribers ${fmt1(deliveryUs)} µs per delivery (one subscriber per channel): M workers deliver about M × ${fmtInt(1e6 / deliveryUs)} per second,`);
    out.push(`on top of the publications they take (a worker's core is shared by both).`);
  }
  return out.join('\n');
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  installCleanupHooks();
  const o = options();
  console.log(
    `shards: /api/batch ×${o.batch}, ${o.batchInflight} in flight, ${o.channels} channels with history (100/300 s), ${o.payload} B payload; ` +
      `Gyre ${o.workers} worker(s); setups ${o.setups.join(',')}; ${o.warmupS} s warm-up + ${o.durationS} s measured; ${o.runs} run(s); node ${process.version}, ${os.availableParallelism()} cores`,
  );
  const results: RunResult[] = [];
  const disturbed: RunResult[] = [];
  const channelsOf = (tag: string) => Array.from({ length: o.channels }, (_, i) => `bench:${tag}c${i}`);
  for (const [si, setup] of o.setups.entries()) {
    const r = await startSetup(setup);
    const redis = r.ports.map((port) => new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 }));
    let gyre: ServerProcess | undefined;
    const subs: Subscribers = { sockets: [], closes: new Map(), closedByServer: 0, closing: false };
    try {
      await Promise.all(redis.map((c) => c.connect()));
      gyre = await startGyre(o.workers, r.urls, `shards${Date.now() % 100000}`, []);
      console.log(`\n${r.name}: redis.url = ${r.urls.join(', ')}`);
      for (let run = 1; run <= o.runs; run++) results.push(await measured(o, gyre, redis, r, run, channelsOf, null, disturbed));
      // Deliveries, once: on the first setup, subscribers on the channels of one run.
      if (si === 0 && o.subscribers > 0) {
        const tag = `sub${Date.now() % 100000}`;
        const channels = channelsOf(tag);
        const n = Math.min(o.subscribers, channels.length);
        // Tracker(n, 1, 1): the data's seq is global, not per subscriber, so it only counts (delivered + out of range).
        const tracker = new Tracker(n, 1, 1);
        const token = jwt.sign({ sub: 'bench' }, SECRET, { algorithm: 'HS256' });
        await openAll({ n, concurrency: 50, url: `ws://127.0.0.1:${gyre.port}/connection/websocket`, codec: 'json', token, channel: channels[0]!, channelOf: (i) => channels[i]! }, tracker, subs, performance.now() + 60_000);
        for (let run = 1; run <= o.runs; run++) results.push(await measured(o, gyre, redis, r, run, () => channels, tracker, disturbed));
      }
    } finally {
      subs.closing = true;
      for (const s of subs.sockets) s?.terminate();
      await gyre?.stop(4000);
      for (const c of redis) c.disconnect();
      await r.stop();
    }
  }

  console.log('\nevery run:\n' + renderTable(header, results.map(row)));
  if (disturbed.length) console.log(`\nrepeated (other processes over ${o.maxOtherPct}% of a core; not in the medians):\n` + renderTable(header, disturbed.map(row)));
  const groups = new Map<string, RunResult[]>();
  for (const r of results) groups.set(`${r.setup}/${r.subscribers}`, [...(groups.get(`${r.setup}/${r.subscribers}`) ?? []), r]);
  const medians = [...groups.values()].map(medianRun);
  console.log(`\nmedian of ${o.runs} run(s):\n` + renderTable(header, medians.map(row)));

  // The constants: from the single plain shard without subscribers (Redis and Gyre per publication), the Cluster's Redis
  // cost next to it, and the delivery run's extra worker CPU per delivery.
  const plain = medians.find((m) => m.shards === 1 && m.setup !== 'Cluster, 3 masters' && m.subscribers === 0) ?? medians.find((m) => m.subscribers === 0);
  const withSubs = medians.find((m) => m.subscribers > 0);
  const base = medians.find((m) => withSubs && m.setup === withSubs.setup && m.subscribers === 0);
  const deliveryUs = withSubs && base && withSubs.deliveries > 0 ? ((withSubs.gyrePct / 100) * withSubs.wallS * 1e6 - base.gyreUsPerPub * withSubs.pubPerS * withSubs.wallS) / withSubs.deliveries : NaN;
  if (plain) {
    console.log(`\nconstants: Redis ${fmt1(plain.redisUsPerPub)} µs per publication (${plain.setup}), Gyre ${fmt1(plain.gyreUsPerPub)} µs per publication taken through /api/batch, ${fmt1(deliveryUs)} µs per delivery`);
    const cluster = medians.find((m) => m.setup === 'Cluster, 3 masters' && m.subscribers === 0);
    if (cluster) console.log(`Cluster of 3 masters: ${fmt1(cluster.redisUsPerPub)} µs of Redis CPU per publication, all masters together`);
    console.log('\ncapacity by arithmetic (one core per Redis and per worker):\n' + capacity(plain.redisUsPerPub, plain.gyreUsPerPub, deliveryUs));
  }
  if (o.jsonOut) fs.writeFileSync(o.jsonOut, JSON.stringify({ opts: o, results, disturbed, medians, deliveryUs }, null, 2));
  process.exitCode = results.some((r) => r.failed > 0) ? 2 : 0;
}

runMain(main);
