/**
 * Ingestion: API commands pushed to Redis by a backend and applied by Gyre
 * (Redis engine, `api.redis_ingest`), from the list queue `<prefix>.api` and
 * from the stream `<prefix>.api.stream`, with history on (namespace bench:
 * 1000 publications, 300 s), against redis-benchmark running Gyre's publish
 * script on the same redis-server.
 */
import type Redis from 'ioredis';
import { encodePublication } from '../../src/engine/redis/contract';
import { queueNames, queueShard } from '../../src/ingest/ingest';
import { bool, int, ints, json, listOf, type Options, words } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU, treeCpuSeconds } from '../harness/cpu';
import { seqData } from '../harness/publisher';
import { dropRunKeys, loadPublishScript, offsetsOf, type RbResult, rbColumns, type RedisServer, runRedisBenchmark, startRedis, type Target } from '../harness/redis';
import { fmt1, fmt2, fmtCounts, fmtInt, printTable, type Column, cpuColumns, percentileColumns } from '../harness/report';
import { errorProblem, type Outcome, outcome, printRuns, progress, type Row, runColumn } from '../harness/runs';
import { common, type Harness, type Scenario } from '../harness/scenario';
import { benchNamespace, type Server, startGyre, token } from '../harness/servers';
import { closesOf, endAll, newSubscribers, openAll, Tracker } from '../harness/subscribers';
import { depth, HOLD, nextRun, type SourceKind, waitLeases, type Watched } from './ingest-redis-side';

const HISTORY_SIZE = 1000;
const HISTORY_TTL = 300;
type Mode = 'live' | 'backlog';
const SOURCES: SourceKind[] = ['list', 'stream'];
const TARGETS: Target[] = ['single', 'many'];

const options = {
  ...common({ runs: 2, retries: 2 }),
  sources: listOf(SOURCES, [...SOURCES], 'list: LPUSH to <prefix>.api; stream: XADD to <prefix>.api.stream'),
  targets: listOf(TARGETS, [...TARGETS], 'single: one channel; many: --channels channels round-robin', { quick: ['many'] }),
  modes: listOf(['live', 'backlog'] as const, ['live'], 'live: Gyre consumes while the bench pushes; backlog: pushed while the bench holds the lease, then released'),
  m: int(100_000, 'items per run', { quick: 1000 }),
  channels: int(1000, 'channels of target many', { quick: 50 }),
  sample: int(16, 'subscribers watching evenly spaced channels of target many', { quick: 4 }),
  payload: int(80, 'bytes of filler in every item'),
  pushChunk: int(1000, 'items per pipeline the bench pushes'),
  workers: ints([1], 'Gyre worker counts (each combination of --workers, --shards and --batches is one setup)'),
  shards: ints([0], 'api.queue_shards (with shards, only the list source runs)', { min: 0 }),
  batches: ints([256], 'api.ingest_batch'),
  timeout: int(120, 'seconds a run may take at most', { quick: 30 }),
  stall: int(15, 'a run without delivery and without change in Redis for this long ends as stalled'),
  warmupItems: int(10_000, 'items of a warm-up run per setup (not reported); 0: none', { min: 0, quick: 0 }),
  rb: bool(true, 'redis-benchmark runs of the publish script (history 1000)'),
  rbN: int(200000, 'EVALSHA calls per redis-benchmark run', { quick: 2000 }),
  rbClients: int(50, 'redis-benchmark connections'),
  rbPipelines: ints([16, 1], 'redis-benchmark pipeline depths (-P)', { quick: [16] }),
  gyre: bool(true, 'run the Gyre setups (--no-gyre: redis-benchmark only)'),
  serverNodeArgs: words('node flags of Gyre, e.g. "--cpu-prof --cpu-prof-dir=DIR"'),
  gyreConfig: json({}, 'Gyre configuration merged over the bench\'s, e.g. {"api":{…}}'),
};
type O = Options<typeof options>;

/** One Gyre setup: a combination of --workers, --shards and --batches. */
interface Setup {
  workers: number;
  shards: number;
  batch: number;
}
const setupLabel = (s: Setup) => `w${s.workers} shards ${s.shards} batch ${s.batch}`;

type Variant = { kind: 'gyre'; setup: Setup; source: SourceKind; target: Target; mode: Mode } | { kind: 'rb'; target: Target; pipeline: number };

interface IngestResult extends Outcome {
  items: number;
  pushPerS: number;
  windowS: number;
  itemsPerS: number;
  /** Push → delivery, over every delivery to the sampled subscribers. */
  p50Ms: number;
  p99Ms: number;
  cpu: CpuUse;
  gyreUsPerItem: number;
  redisUsPerItem: number;
  delivered: number;
  expectedDelivered: number;
  duplicates: number;
  inversions: number;
  /** Sum of the channels' top offsets = items pushed, and per channel. */
  offsetsSum: number;
  offsetsOk: boolean;
  leftover: number;
  dead: number;
  closes: Record<string, number>;
  /** Source → worker pid holding its lease at the end (from Gyre's "consuming" log lines). */
  owners: string;
}

type Result = (IngestResult & { rb?: undefined }) | (Outcome & { rb: RbResult });

interface Running {
  setup: Setup;
  redis: RedisServer;
  gyre: Server;
  prefix: string;
  admin: Redis;
  pusher: Redis;
  stop(): Promise<void>;
}

interface Ctx {
  redis: RedisServer;
  sha: string;
  rbPayload: string;
  /** One line per setup once stopped: its warnings and who consumed what. */
  logs: string[];
}

/** Latest "consuming" log line per source: which worker pid holds which lease. */
function consumers(output: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.includes('"consuming"')) continue;
    try {
      const j = JSON.parse(line) as { pid?: number; source?: string };
      if (j.source && j.pid) m.set(j.source, j.pid);
    } catch {
      /* not JSON */
    }
  }
  return m;
}

/** Warning and error lines of Gyre's log, without the expected ones. */
function problemLines(output: string, expectLeaseLost: boolean): string[] {
  return output
    .split('\n')
    .filter((line) => /"level":"(warn|error|fatal)"/.test(line) && !(expectLeaseLost && line.includes('lease lost')))
    .map((line) => line.slice(0, 300));
}

async function startSetup(setup: Setup, o: O, c: Ctx): Promise<Running> {
  const prefix = `ing${setup.workers}s${setup.shards}b${setup.batch}x${Date.now() % 100000}`;
  const config = {
    ...benchNamespace(HISTORY_SIZE, HISTORY_TTL),
    api: { ingest_batch: setup.batch, queue_shards: setup.shards },
    // info: the "consuming" line tells which worker (pid) took which lease.
    log: { level: 'info' },
    // The subscribers share this process with the pusher: one briefly slowed by the pushes must not be closed as
    // slow (3008) while a 100,000-item backlog drains towards it.
    client: { queue_max_size: 16 * 1024 * 1024 },
  };
  const gyre = await startGyre({ workers: setup.workers, redis: c.redis.url, prefix, config: { ...config, ...o.gyreConfig }, nodeArgs: o.serverNodeArgs });
  const [admin, pusher] = [c.redis.client(), c.redis.client()];
  await Promise.all([admin.connect(), pusher.connect()]);
  const running: Running = {
    setup,
    redis: c.redis,
    gyre,
    prefix,
    admin,
    pusher,
    async stop() {
      await admin.quit().catch(() => undefined);
      await pusher.quit().catch(() => undefined);
      await gyre.stop(4000);
      const out = gyre.output();
      c.logs.push(`${setupLabel(setup)}: ${problemLines(out, true).length} warning/error line(s) besides "lease lost"; consumers: ${[...consumers(out)].map(([s, p]) => `${s}→${p}`).join(' ')}`);
    },
  };
  progress(`  ${setupLabel(setup)}: Gyre pid ${gyre.pid}, prefix ${prefix}`);
  if (o.warmupItems > 0) {
    const w = await runOnce(running, o, o.sources[0]!, 'single', 'live', o.warmupItems);
    progress(`  warm-up (${o.sources[0]}, ${o.warmupItems} items): ${fmtInt(w.itemsPerS)} items/s${w.problems.length ? '  <-- CHECK ' + w.problems.join('; ') : ''}`);
  }
  return running;
}

class TimedTracker extends Tracker {
  firstDeliveryMs = NaN;
  override record(sub: number, seq: number, tsUs: number, nowUsec: number): void {
    if (Number.isNaN(this.firstDeliveryMs)) this.firstDeliveryMs = nowUsec / 1000;
    super.record(sub, seq, tsUs, nowUsec);
  }
}

async function runOnce(x: Running, o: O, source: SourceKind, target: Target, mode: Mode, items: number): Promise<IngestResult> {
  const { setup, redis, gyre, prefix, admin, pusher } = x;
  const tag = `${nextRun()}${source[0]}${target[0]}${mode[0]}`;
  const nCh = target === 'single' ? 1 : Math.min(o.channels, items);
  const channels = target === 'single' ? [`bench:x-${tag}`] : Array.from({ length: nCh }, (_, i) => `bench:ch${i}-${tag}`);
  const perChannel = (ch: number) => Math.floor((items - 1 - ch) / nCh) + 1;
  const nSample = Math.min(o.sample, nCh);
  const sampled = target === 'single' ? [0] : [...new Set(Array.from({ length: nSample }, (_, j) => Math.floor((j * nCh) / nSample)))];
  const watched: Watched = source === 'stream' ? { kind: 'stream', keys: [`${prefix}.api.stream`] } : { kind: 'list', keys: queueNames(prefix, setup.shards) };
  const dest = channels.map((ch) => (source === 'stream' ? `${prefix}.api.stream` : setup.shards > 0 ? `${prefix}.api.${queueShard(ch, setup.shards)}` : `${prefix}.api`));
  const maxSeq = perChannel(0);
  const tracker = new TimedTracker(sampled.length, maxSeq + 1, maxSeq + 1);
  const subs = newSubscribers();
  const expectedDelivered = sampled.reduce((s, ch) => s + perChannel(ch), 0);
  const filler = 'x'.repeat(o.payload);
  const r: IngestResult = {
    ...outcome(),
    items,
    pushPerS: NaN,
    windowS: NaN,
    itemsPerS: NaN,
    p50Ms: NaN,
    p99Ms: NaN,
    cpu: NO_CPU,
    gyreUsPerItem: NaN,
    redisUsPerItem: NaN,
    delivered: 0,
    expectedDelivered,
    duplicates: 0,
    inversions: 0,
    offsetsSum: NaN,
    offsetsOk: false,
    leftover: NaN,
    dead: NaN,
    closes: {},
    owners: '',
  };
  const hardDeadline = performance.now() + o.timeout * 1000;
  const out0 = gyre.output().length;
  const parts = { parts: { gyre: () => treeCpuSeconds(gyre.pid), redis: redis.cpuSeconds }, workersOf: gyre.pid };
  try {
    await waitLeases(admin, watched);
    await openAll({ n: sampled.length, concurrency: 16, url: gyre.wsUrl, codec: 'json', token: token('bench'), channel: channels[0]!, channelOf: (i) => channels[sampled[i]!]! }, tracker, subs, hardDeadline);
    await new Promise((res) => setTimeout(res, 200));

    if (mode === 'backlog') {
      for (const k of watched.keys) await admin.set(`${k}.lease`, HOLD, 'PX', 120_000);
      await new Promise((res) => setTimeout(res, 300)); // a take already under way finds the queue empty; Gyre's next one sees LEASE_LOST
    }
    let w = mode === 'live' ? cpuWindow(parts) : undefined;
    const t0 = performance.now();
    for (let from = 0; from < items; from += o.pushChunk) {
      if (performance.now() > hardDeadline) throw new Error('hard timeout while pushing');
      const p = pusher.pipeline();
      for (let i = from; i < Math.min(items, from + o.pushChunk); i++) {
        const ch = target === 'single' ? 0 : i % nCh;
        const seq = target === 'single' ? i + 1 : Math.floor(i / nCh) + 1;
        const params = `{"channel":"${channels[ch]}","data":${seqData(seq, filler)}}`;
        if (source === 'list') p.lpush(dest[ch]!, `{"method":"publish","params":${params}}`);
        else p.xadd(dest[ch]!, '*', 'method', 'publish', 'payload', params);
      }
      const err = ((await p.exec()) ?? []).find((res) => res[0]);
      if (err) throw new Error(`push failed: ${String(err[0])}`);
    }
    r.pushPerS = items / ((performance.now() - t0) / 1000);

    if (mode === 'backlog') {
      const d = await depth(admin, watched);
      // Nothing applied while the bench held the lease (reading ahead takes nothing).
      if (d.waiting !== items || tracker.delivered > 0) r.notes.push(`backlog not intact before release: ${d.text}, ${tracker.delivered} delivered`);
      await admin.del(...watched.keys.map((k) => `${k}.lease`));
    }

    // Until every sampled delivery arrived and Redis shows everything applied; bounded by the hard deadline and by
    // --stall seconds without any progress.
    let drainedAt = NaN;
    let lastProgress = performance.now();
    let lastDelivered = -1;
    let lastDepth = -1;
    let lastDepthCheck = 0;
    let d = { total: NaN, waiting: NaN, text: '' };
    for (;;) {
      await new Promise((res) => setTimeout(res, 20));
      const now = performance.now();
      if (!w && tracker.delivered > 0) w = cpuWindow(parts);
      const allSeen = tracker.delivered >= expectedDelivered;
      if (allSeen || now - lastDepthCheck > 500) {
        lastDepthCheck = now;
        d = await depth(admin, watched);
        if (d.total === 0 && Number.isNaN(drainedAt)) drainedAt = performance.now();
        if (d.total !== lastDepth) {
          lastDepth = d.total;
          lastProgress = now;
        }
      }
      if (tracker.delivered !== lastDelivered) {
        lastDelivered = tracker.delivered;
        lastProgress = now;
      }
      if (allSeen && d.total === 0) break;
      if (subs.closedByServer >= sampled.length) {
        r.problems.push('every subscriber was closed by the server');
        break;
      }
      if (now - lastProgress > o.stall * 1000) {
        r.problems.push(`stalled: no delivery and no change in Redis for ${o.stall} s (${d.text})`);
        break;
      }
      if (now > hardDeadline) {
        r.problems.push(`hard timeout (${o.timeout} s): ${d.text}`);
        break;
      }
    }
    r.cpu = (w ?? cpuWindow(parts)).end();
    r.otherPct = r.cpu.other;
    const endMs = Math.max(Number.isNaN(drainedAt) ? performance.now() : drainedAt, tracker.lastDeliveryMs || 0);
    r.windowS = (endMs - (mode === 'live' ? t0 : tracker.firstDeliveryMs)) / 1000;
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    endAll(subs);
  }

  // Checks in Redis: every channel's top offset, what is left, dead letters.
  const tops = await offsetsOf(admin, prefix, channels);
  r.offsetsSum = tops.reduce((s, t) => s + t, 0);
  r.offsetsOk = tops.every((t, ch) => t === perChannel(ch));
  const left = await depth(admin, watched);
  r.leftover = left.total;
  r.dead = await admin.llen(`${prefix}.api.dead`);
  await dropRunKeys(admin, prefix, channels);
  const owners = consumers(gyre.output());
  r.owners = watched.keys.map((k) => `${k.slice(prefix.length + 1)}→${owners.get(k) ?? '?'}`).join(' ');
  for (const line of problemLines(gyre.output().slice(out0), mode === 'backlog')) r.notes.push(`gyre log: ${line}`);
  for (let i = 0; i < sampled.length; i++) {
    if (tracker.counts[i] !== perChannel(sampled[i]!)) r.problems.push(`subscriber on ${channels[sampled[i]!]} saw ${tracker.counts[i]} of ${perChannel(sampled[i]!)}`);
  }
  if (tracker.outOfRange) r.problems.push(`${tracker.outOfRange} deliveries with an unexpected seq`);
  r.closes = closesOf(subs);
  Object.assign(r, tracker.latency());
  r.itemsPerS = items / r.windowS;
  r.delivered = tracker.delivered;
  r.duplicates = tracker.duplicates;
  r.inversions = tracker.inBatchInversions;
  if (r.duplicates || r.inversions) r.problems.push(`${r.duplicates} duplicated, ${r.inversions} out of order`);
  if (!r.offsetsOk) r.problems.push(`offsets in Redis add up to ${r.offsetsSum} of ${items}`);
  if (r.leftover || r.dead) r.problems.push(`${r.leftover} items left in Redis (${left.text}), ${r.dead} dead letters`);
  if (Object.keys(r.closes).length) r.problems.push(`subscribers closed by the server: ${fmtCounts(r.closes)}`);
  const perItem = (part: string) => (r.windowS > 0 ? ((r.cpu.pct[part]! / 100) * r.cpu.wallS * 1e6) / items : NaN);
  r.gyreUsPerItem = perItem('gyre');
  r.redisUsPerItem = perItem('redis');
  return r;
}

// ---- report ----------------------------------------------------------------------------------

type R = Row<Variant, Result>;
const ing = (x: R) => x.r as IngestResult;
const gv = (x: R) => x.variant as Extract<Variant, { kind: 'gyre' }>;

const columns: Column<R>[] = [
  ['source', (x) => gv(x).source],
  ['target', (x) => gv(x).target],
  ['mode', (x) => gv(x).mode],
  ['workers', (x) => String(gv(x).setup.workers)],
  ['shards', (x) => String(gv(x).setup.shards)],
  ['batch', (x) => String(gv(x).setup.batch)],
  runColumn(),
  ['items', (x) => String(ing(x).items)],
  ['push items/s', (x) => fmtInt(ing(x).pushPerS)],
  ['window s', (x) => fmt2(ing(x).windowS)],
  ['items/s', (x) => fmtInt(ing(x).itemsPerS)],
  ...percentileColumns<R>('lag', ing),
  ...cpuColumns<R>((x) => ing(x).cpu, { 'gyre CPU %': 'gyre', 'redis CPU %': 'redis' }, { workers: true }),
  ['gyre µs/item', (x) => fmt1(ing(x).gyreUsPerItem)],
  ['redis µs/item', (x) => fmt1(ing(x).redisUsPerItem)],
  ['delivered', (x) => `${ing(x).delivered}/${ing(x).expectedDelivered}`],
  ['dup', (x) => String(ing(x).duplicates)],
  ['order', (x) => (ing(x).inversions === 0 ? 'ok' : `inv ${ing(x).inversions}`)],
  ['offsets', (x) => (ing(x).offsetsOk ? 'ok' : `${ing(x).offsetsSum}/${ing(x).items}`)],
  ['left', (x) => String(ing(x).leftover)],
  ['dead', (x) => String(ing(x).dead)],
  ['closes', (x) => fmtCounts(ing(x).closes)],
];

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'ingest',
  title: 'API commands pushed to Redis lists and streams, applied by Gyre, against redis-benchmark of the publish script',
  about: `
Items: '{"method":"publish","params":{…}}' LPUSHed to <prefix>.api (list) or XADDed to <prefix>.api.stream (stream,
fields method and payload). Targets: single (one channel, seq 1..M) and many (--channels channels round-robin).
Delivery is watched by raw WebSocket subscribers (one on the single channel; one on each of --sample evenly spaced
channels for many): each must see its channel's seq 1..n exactly once and in order; every channel's top offset in
Redis must equal the items pushed to it, and at the end nothing may be left (queue, stream, pending list) nor dead.
Modes: live (Gyre consumes while the bench pushes as fast as it can; items/s = M / (first push → the later of the
last delivery and Redis drained)) and backlog (the bench holds the source's lease, pushes M items, checks nothing was
consumed, releases it; items/s = M / (first delivery → the same end); Gyre logs one "lease lost" warning a run).
--workers, --shards (api.queue_shards; with shards only the list source runs) and --batches (api.ingest_batch) are
lists: each combination is one Gyre setup, kept across its runs. The subscribers share this process with the pusher,
so client.queue_max_size is raised to 16 MiB. Ratio: items/s as % of redis-benchmark (history 1000, same target).`,
  options,
  header: (o) =>
    `ingestion (history ${HISTORY_SIZE}/${HISTORY_TTL}s): sources ${o.sources.join(',')}; targets ${o.targets.join(',')} (${o.channels} channels, ${o.sample} sampled); ` +
    `modes ${o.modes.join(',')}; M=${o.m} items of ${o.payload} B filler, pushed in pipelines of ${o.pushChunk}`,
  async setup(o) {
    const redis = await startRedis();
    progress(`private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
    const script = await loadPublishScript(redis);
    const rbPayload = encodePublication({ data: Buffer.from(seqData(50000, 'x'.repeat(o.payload))) }).toString('latin1');
    if (/[^\x01-\x7f]/.test(rbPayload)) throw new Error('payload is not plain ASCII: lower --payload so redis-benchmark can take it as an argument');
    return { redis, sha: script.sha, rbPayload, logs: [] };
  },
  variants(o) {
    const setups = o.workers.flatMap((workers) => o.shards.flatMap((shards) => o.batches.map((batch): Setup => ({ workers, shards, batch }))));
    const gyre = o.gyre
      ? setups.flatMap((setup) =>
          o.sources
            .filter((source) => source === 'list' || setup.shards === 0) // streams are not sharded
            .flatMap((source) => o.targets.flatMap((target) => o.modes.map((mode): Variant => ({ kind: 'gyre', setup, source, target, mode })))),
        )
      : [];
    const rb = o.rb ? o.targets.flatMap((target) => o.rbPipelines.map((pipeline): Variant => ({ kind: 'rb', target, pipeline }))) : [];
    return [...gyre, ...rb];
  },
  key: (v) => (v.kind === 'gyre' ? `${v.source} ${v.target} ${v.mode} ${setupLabel(v.setup)}` : `redis-benchmark ${v.target} -P ${v.pipeline}`),
  async run(v, _run, o, c, h: Harness) {
    if (v.kind === 'rb') {
      const rb = await runRedisBenchmark(c.redis, c.sha, c.rbPayload, { channels: o.channels, rbClients: o.rbClients, rbN: o.rbN, historySize: HISTORY_SIZE, historyTtl: HISTORY_TTL }, v.target, v.pipeline);
      return { ...outcome(), otherPct: rb.otherPct, problems: rb.problems, rb };
    }
    const running = await h.kept.get(setupLabel(v.setup), () => startSetup(v.setup, o, c));
    return runOnce(running, o, v.source, v.target, v.mode, o.m);
  },
  summary: (r) =>
    r.rb
      ? `${fmtInt(r.rb.rps)} EVALSHA/s, redis ${fmtInt(r.rb.cpu.pct['redis']!)}%, calls ${r.rb.calls}, failed ${r.rb.failedCalls}`
      : `${fmtInt(r.itemsPerS)} items/s (push ${fmtInt(r.pushPerS)}/s), window ${fmt2(r.windowS)} s, gyre ${fmtInt(r.cpu.pct['gyre']!)}% (${r.cpu.workers.map(fmtInt).join('+')}), ` +
        `delivered ${r.delivered}/${r.expectedDelivered}, offsets ${r.offsetsOk ? 'ok' : r.offsetsSum}, left ${r.leftover}, dead ${r.dead}; leases ${r.owners}`,
  sum: ['delivered', 'expectedDelivered', 'duplicates', 'inversions', 'offsetsSum', 'leftover', 'dead', 'closes', 'calls', 'n', 'failedCalls'],
  async after(_o, c, h) {
    await h.kept.stopAll();
    await c.redis.stop();
  },
  report(res, o, c) {
    printRuns(res, columns, o, { only: (x) => x.variant.kind === 'gyre', title: 'ingestion' });
    printRuns(res, rbColumns<R>((x) => x.r.rb), o, { only: (x) => x.variant.kind === 'rb', title: 'redis-benchmark, the publish script' });
    const ceiling = (t: Target, p: number) => res.median(`redis-benchmark ${t} -P ${p}`)?.rb?.rps ?? NaN;
    printTable(
      'ingestion (median items/s) as a share of redis-benchmark (median EVALSHA/s, same target):',
      [
        ['source', (x) => gv(x).source],
        ['target', (x) => gv(x).target],
        ['mode', (x) => gv(x).mode],
        ['setup', (x) => setupLabel(gv(x).setup)],
        ['items/s', (x) => fmtInt(ing(x).itemsPerS)],
        ...o.rbPipelines.map((p): Column<R> => [`% of rb -P ${p}`, (x) => fmt1((100 * ing(x).itemsPerS) / ceiling(gv(x).target, p))]),
      ],
      res.medians.filter((x) => x.variant.kind === 'gyre'),
    );
    if (c.logs.length) console.log('\nGyre logs:\n' + c.logs.map((l) => `  ${l}`).join('\n'));
  },
};
