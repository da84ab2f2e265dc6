/**
 * Redis shards: API publish throughput (`/api/batch`, every publication kept
 * in history) and what one publication costs Redis and Gyre, on 1, 2 and 3
 * plain Redis shards and on a Redis Cluster of 3 masters; then, with
 * subscribers, what one delivery costs a worker. From those constants, what N
 * shards × M workers would serve — on paper: this machine has 2 cores, so more
 * processes only share them.
 */
import type Redis from 'ioredis';
import { startCluster } from '../../test/helpers/redis-topology';
import { int, listOf, type Options } from '../harness/cli';
import { cpuWindow, treeCpuSeconds } from '../harness/cpu';
import { own } from '../harness/procs';
import { batchOptions, newStats, publish, seqData, windowOptions } from '../harness/publisher';
import { HISTORY_SIZE, HISTORY_TTL, redisClient, redisPid, startRedis } from '../harness/redis';
import { fmt1, fmtInt, fmtRatio, renderTable, type Column } from '../harness/report';
import { type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Harness, type Scenario } from '../harness/scenario';
import { benchNamespace, type Server, startGyre, token } from '../harness/servers';
import { endAll, newSubscribers, openAll, type Subscribers, Tracker } from '../harness/subscribers';

const SETUPS = ['1', '2', '3', 'cluster'] as const;
type SetupName = (typeof SETUPS)[number];
const CLUSTER = 'Cluster, 3 masters';

const options = {
  ...common({ runs: 2, retries: 1, maxOther: 30, waitQuiet: 5 }),
  setups: listOf(SETUPS, [...SETUPS], '1, 2, 3 plain shards; cluster: a Redis Cluster of 3 masters, no replicas', { quick: ['1', '2'] }),
  workers: int(1, 'Gyre workers'),
  ...windowOptions(),
  ...batchOptions(),
  subscribers: int(1000, 'subscribers (one per channel) of the delivery runs, on the first setup; 0: none', { min: 0, quick: 50 }),
};
type O = Options<typeof options>;

interface Variant {
  setup: SetupName;
  subscribers: number;
}

interface Result extends Outcome {
  shards: number;
  pubPerS: number;
  failed: number;
  deliveries: number;
  wallS: number;
  /** % of one core over the window. */
  gyrePct: number;
  redisPct: number[];
  genPct: number;
  gyreUsPerPub: number;
  redisUsPerPub: number;
}

/** A setup kept across its runs: its Redis servers (their pids for CPU), a Gyre on them, and subscribers once needed. */
interface Running {
  name: string;
  shards: number;
  gyre: Server;
  redisPids: number[];
  subs?: { tracker: Tracker; subs: Subscribers; channels: string[] };
  stop(): Promise<void>;
}

const setupName = (s: SetupName) => (s === 'cluster' ? CLUSTER : `${s} plain shard${s === '1' ? '' : 's'}`);

async function startSetup(s: SetupName, o: O): Promise<Running> {
  let urls: string[];
  let ports: number[];
  let stopRedis: () => Promise<void>;
  if (s === 'cluster') {
    // No replicas: the figure wanted is what the masters spend; replication would add its own cost on each.
    const cluster = await startCluster({ masters: 3, replicas: 0 });
    [urls, ports, stopRedis] = [[cluster.url], cluster.ports, () => cluster.stop()];
  } else {
    const servers = await Promise.all(Array.from({ length: Number(s) }, () => startRedis()));
    [urls, ports, stopRedis] = [servers.map((x) => x.url), servers.map((x) => x.port), async () => void (await Promise.all(servers.map((x) => x.stop())))];
  }
  // The pid each server reports: a Cluster's are started by the test helpers, not tracked here, but counted as own.
  const redisPids = await Promise.all(
    ports.map(async (port) => {
      const c: Redis = redisClient(port);
      await c.connect();
      const pid = await redisPid(c);
      c.disconnect();
      own(pid);
      return pid;
    }),
  );
  const gyre = await startGyre({ workers: o.workers, redis: urls.length === 1 ? urls[0] : urls, prefix: `shards${Date.now() % 100000}`, config: benchNamespace(HISTORY_SIZE, HISTORY_TTL) });
  const running: Running = {
    name: setupName(s),
    shards: s === 'cluster' ? 1 : Number(s),
    gyre,
    redisPids,
    async stop() {
      if (running.subs) endAll(running.subs.subs);
      await gyre.stop(4000);
      await stopRedis();
    },
  };
  return running;
}

/** Subscribers (one per channel) on the channels of the delivery runs, opened on first use. */
async function subscribers(x: Running, o: O): Promise<NonNullable<Running['subs']>> {
  if (x.subs) return x.subs;
  const channels = Array.from({ length: o.channels }, (_, i) => `bench:sub${i}`);
  const n = Math.min(o.subscribers, channels.length);
  // Tracker(n, 1, 1): the data's seq is global, not per subscriber, so it only counts (delivered + out of range).
  const tracker = new Tracker(n, 1, 1);
  const subs = newSubscribers();
  await openAll({ n, concurrency: 50, url: x.gyre.wsUrl, codec: 'json', token: token('bench'), channel: channels[0]!, channelOf: (i) => channels[i]! }, tracker, subs, performance.now() + 60_000);
  return (x.subs = { tracker, subs, channels });
}

async function run(v: Variant, runNo: number, o: O, h: Harness): Promise<Result> {
  const x = await h.kept.get(v.setup, () => startSetup(v.setup, o));
  const sub = v.subscribers ? await subscribers(x, o) : undefined;
  const tag = `${x.shards}${v.setup[0]}r${runNo}x${Date.now() % 100000}`;
  const channels = sub?.channels ?? Array.from({ length: o.channels }, (_, i) => `bench:${tag}c${i}`);
  const stats = newStats();
  let stopped = false;
  const filler = 'x'.repeat(o.payload);
  const loading = publish({ port: x.gyre.port, mode: 'batch', channel: (s) => channels[s % channels.length]!, data: (s) => seqData(s, filler), batch: o.batch, inflight: o.batchInflight, stopped: () => stopped, maxRequests: 5_000_000 }, stats);
  await new Promise((res) => setTimeout(res, o.warmup * 1000));
  const delivered = () => (sub ? sub.tracker.delivered + sub.tracker.outOfRange + sub.tracker.duplicates : 0);
  const redisParts = Object.fromEntries(x.redisPids.map((pid, i) => [`redis${i}`, () => treeCpuSeconds(pid)]));
  const w = cpuWindow({ parts: { gyre: () => treeCpuSeconds(x.gyre.pid), ...redisParts } });
  const [a0, d0] = [stats.accepted, delivered()];
  await new Promise((res) => setTimeout(res, o.duration * 1000));
  const cpu = w.end();
  const [a1, d1] = [stats.accepted, delivered()];
  stopped = true;
  await Promise.race([loading, new Promise((res) => setTimeout(res, 35_000))]);
  const windowPubs = a1 - a0;
  const redisPct = x.redisPids.map((_, i) => cpu.pct[`redis${i}`]!);
  const perPub = (pct: number) => (windowPubs ? ((pct / 100) * cpu.wallS * 1e6) / windowPubs : NaN);
  const r: Result = {
    ...outcome(),
    otherPct: cpu.other,
    shards: x.shards,
    pubPerS: windowPubs / cpu.wallS,
    failed: stats.failed,
    deliveries: d1 - d0,
    wallS: cpu.wallS,
    gyrePct: cpu.pct['gyre']!,
    redisPct,
    genPct: cpu.gen,
    gyreUsPerPub: perPub(cpu.pct['gyre']!),
    redisUsPerPub: perPub(redisPct.reduce((a, b) => a + b, 0)),
  };
  if (stats.failed) r.problems.push(`${stats.failed} publications failed (${stats.firstError})`);
  return r;
}

/**
 * What N shards × M workers would publish and deliver, by arithmetic from the constants: each Redis and each worker on
 * a core of its own, channels spread evenly over the shards (jump hash) and connections over the workers.
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

type R = Row<Variant, Result>;
const key = (v: Variant) => `${setupName(v.setup)}${v.subscribers ? `, ${v.subscribers} subscribers` : ''}`;

export const scenario: Scenario<typeof options, Variant, Result> = {
  name: 'shards',
  title: 'what a publication costs Redis and Gyre on 1, 2, 3 plain shards and a 3-master Cluster; capacity by arithmetic',
  about: `
/api/batch with --batch publishes per request, --batch-inflight requests in flight, --channels channels with history
(100 publications, 300 s). Redis CPU is each redis-server's (its pid as INFO server reports it, read from /proc);
Gyre's (primary and workers), this generator's and other processes' from /proc, over the measured window. One Gyre
per setup is kept across its runs. Delivery: on the first setup, --subscribers raw WebSocket subscribers each on its
own channel of the ones published to (the costliest case: each delivery also pays for its pub/sub message); the
worker's CPU per delivery is its CPU in that run less what the same publications cost without subscribers, divided by
the deliveries. Ratio: each setup's Redis µs per publication against one plain shard's.`,
  options,
  header: (o) =>
    `/api/batch ×${o.batch}, ${o.batchInflight} in flight, ${o.channels} channels with history (${HISTORY_SIZE}/${HISTORY_TTL} s), ${o.payload} B payload; ` +
    `Gyre ${o.workers} worker(s); setups ${o.setups.join(',')}; ${o.warmup} s warm-up + ${o.duration} s measured`,
  variants: (o) => [...o.setups.map((setup) => ({ setup, subscribers: 0 })), ...(o.subscribers > 0 && o.setups[0] ? [{ setup: o.setups[0], subscribers: o.subscribers }] : [])],
  key,
  run: (v, runNo, o, _c, h) => run(v, runNo, o, h),
  summary: (r) =>
    `${fmtInt(r.pubPerS)} pubs/s, gyre ${fmtInt(r.gyrePct)}%, redis ${r.redisPct.map(fmtInt).join('+')}%, gen ${fmtInt(r.genPct)}%, other ${fmtInt(r.otherPct)}%; ` +
    `gyre ${fmt1(r.gyreUsPerPub)} µs/pub, redis ${fmt1(r.redisUsPerPub)} µs/pub, ${fmtInt(r.deliveries)} deliveries`,
  sum: ['failed'],
  report(res, o) {
    const cols: Column<R>[] = [
      ['setup', (x) => setupName(x.variant.setup)],
      runColumn(),
      ['subscribers', (x) => String(x.variant.subscribers)],
      ['pubs/s', (x) => fmtInt(x.r.pubPerS)],
      ['gyre CPU %', (x) => fmtInt(x.r.gyrePct)],
      ['redis CPU % (each server)', (x) => x.r.redisPct.map(fmtInt).join(' + ')],
      ['gen CPU %', (x) => fmtInt(x.r.genPct)],
      ['other CPU %', (x) => fmtInt(x.r.otherPct)],
      ['gyre µs/pub', (x) => fmt1(x.r.gyreUsPerPub)],
      ['redis µs/pub', (x) => fmt1(x.r.redisUsPerPub)],
      ['deliveries/s', (x) => fmtInt(x.r.deliveries / x.r.wallS)],
      ['failed', (x) => String(x.r.failed)],
    ];
    // The constants: from the single plain shard without subscribers (Redis and Gyre per publication), the Cluster's
    // Redis cost next to it, and the delivery run's extra worker CPU per delivery.
    const plain = res.median(key({ setup: '1', subscribers: 0 })) ?? res.medians.find((m) => !m.variant.subscribers)?.r;
    printRuns(res, cols, o, { ratios: [['ratio to 1 shard (redis µs/pub)', (x) => fmtRatio(x.r.redisUsPerPub, plain?.redisUsPerPub ?? NaN)]] });
    const withSubs = res.medians.find((m) => m.variant.subscribers > 0);
    const base = withSubs && res.median(key({ setup: withSubs.variant.setup, subscribers: 0 }));
    const w = withSubs?.r;
    const deliveryUs = w && base && w.deliveries > 0 ? ((w.gyrePct / 100) * w.wallS * 1e6 - base.gyreUsPerPub * w.pubPerS * w.wallS) / w.deliveries : NaN;
    if (!plain) return;
    console.log(`\nconstants: Redis ${fmt1(plain.redisUsPerPub)} µs per publication, Gyre ${fmt1(plain.gyreUsPerPub)} µs per publication taken through /api/batch, ${fmt1(deliveryUs)} µs per delivery`);
    const cluster = res.median(key({ setup: 'cluster', subscribers: 0 }));
    if (cluster) console.log(`${CLUSTER}: ${fmt1(cluster.redisUsPerPub)} µs of Redis CPU per publication, all masters together`);
    console.log('\ncapacity by arithmetic (one core per Redis and per worker):\n' + capacity(plain.redisUsPerPub, plain.gyreUsPerPub, deliveryUs));
  },
};
