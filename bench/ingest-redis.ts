/**
 * Ingestion benchmark: API commands pushed to Redis by a backend and applied
 * by Gyre (Redis engine, `api.redis_ingest`), from the list queue
 * `<prefix>.api` (`LPUSH … '{"method":"publish","params":{…}}'`) and from the
 * stream `<prefix>.api.stream` (`XADD … * method publish payload '<params>'`),
 * with history on (namespace `bench`: 1000 publications, 300 s).
 *
 *   node dist/bench/ingest-redis.js [--sources list,stream] [--targets single,many] [--modes live,backlog]
 *        [--m 100000] [--channels 1000] [--sample 16] [--payload 80] [--push-chunk 1000]
 *        [--workers 1] [--shards 0] [--batches 256] [--runs 2] [--retries 2] [--max-other 15]
 *        [--wait-quiet 10] [--timeout 120] [--warmup-items 10000]
 *        [--rb-n 200000] [--rb-clients 50] [--rb-pipelines 16,1] [--no-rb] [--json out.json]
 *        [--server-node-args="--cpu-prof --cpu-prof-dir=DIR"] [--gyre-config '{"api":{…}}']
 *        [--no-gyre]
 *
 * `--workers`, `--shards` (`api.queue_shards`) and `--batches` (`api.ingest_batch`) are lists;
 * every combination is one Gyre setup (one Gyre process, fresh prefix, fresh channels per run).
 * With shards > 0 only the list source runs (streams are not sharded), and each item goes to
 * `<prefix>.api.<FNV-1a 32 of the channel mod shards>` (`queueShard`, what `gyre queue-shard` prints).
 *
 * Targets: `single` = one channel, M items with seq 1..M; `many` = `--channels` channels
 * `bench:ch<i>-<run tag>` round-robin (item i → channel i mod C, seq within the channel 1..M/C).
 * Delivery is watched by raw WebSocket subscribers (bench/subscribers.ts): one on the single
 * channel; one on each of `--sample` evenly spaced channels for `many`. They must see their
 * channel's seq 1..n exactly once and in order. For every channel the top offset in Redis
 * (meta hash `s`) must equal the items pushed to it, and at the end the queue, the stream and the
 * group's pending list must be empty, with no dead letters.
 *
 * Modes:
 * - `live`: Gyre is consuming; the bench pushes M items as fast as it can (pipelines of
 *   `--push-chunk` LPUSH / XADD, one command per item). items/s = M / (first push → the later of
 *   the last delivery and the moment Redis showed every queue drained).
 * - `backlog`: the bench takes the source's lease away from Gyre (SET <lease> bench-hold), pushes M
 *   items, checks that nothing was consumed, deletes the lease, and Gyre takes it again within its
 *   1 s renewal period. items/s = M / (first delivery → the same end); this is the drain rate of
 *   a backlog without the pushes competing for Redis. Gyre logs one "lease lost" warning per run.
 *
 * CPU of Gyre (primary + each worker), redis-server, this process and the rest is read from /proc
 * over the window; a run in which other processes used more than --max-other % of a core is
 * repeated (--retries). Then `redis-benchmark` runs Gyre's publish script (EVALSHA, history 1000)
 * on the same redis-server as the reference (bench/redis-benchmark.ts).
 *
 * Gyre shares leases among its workers itself (at most sources / workers each, rounded up), so with
 * shards and several workers the shards are consumed on different cores; each run waits until every
 * watched source has a holder.
 *
 * `--no-gyre` skips the Gyre setups (only redis-benchmark runs).
 *
 * The subscribers share this process with the pusher, so by default the bench raises
 * `client.queue_max_size` to 16 MiB: a subscriber briefly slowed by the pushes must not be
 * closed as slow (3008) while a 100,000-item backlog drains towards it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deepMerge } from '../test/helpers/server';
import type Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { encodePublication, RedisKeys } from '../src/engine/redis/contract';
import { queueNames, queueShard } from '../src/ingest/ingest';
import { HISTORY_SIZE, HISTORY_TTL, type Mode, type Options, options, type Setup, setupLabel, type SourceKind, type Target } from './ingest-options';
import { depth, dropRunKeys, HOLD, nextRun, waitLeases, type Watched } from './ingest-redis-side';
import { dataJson, header, type IngestResult, medianResult, row } from './ingest-report';
import {
  freePort,
  installCleanupHooks,
  runMain,
  nowUs,
  percentile,
  type ServerProcess,
  sleep,
  startProcess,
  tmpFile,
  waitForNodes,
  waitQuiet,
} from './lib';
import { cpuBetween, type CpuPct, type CpuSnap, publishScript, type RedisServer, snap, startRedis } from './redis';

import { printRbSet, type RbSet, runRedisBenchmarkSet, type Target as RbTarget } from './redis-benchmark';
import { fmt1, fmt2, fmtInt, renderTable } from './report';
import { openAll, type Subscribers, Tracker } from './subscribers';

const API_KEY = 'bench-api-key';
const SECRET = 'bench-hmac-secret';
const CLI = path.resolve(__dirname, '../src/cli.js');

// ---- Gyre ---------------------------------------------------------------------------------


async function startGyre(s: Setup, redis: RedisServer, prefix: string, o: Options): Promise<ServerProcess> {
  const port = await freePort();
  const ns = { name: 'bench', history_size: HISTORY_SIZE, history_ttl: HISTORY_TTL, allow_subscribe_for_client: true };
  const base = {
    port,
    address: '127.0.0.1',
    workers: s.workers,
    engine: 'redis',
    redis: { url: redis.url, prefix },
    shutdown_timeout: 3,
    token: { hmac_secret: SECRET },
    api: { key: API_KEY, ingest_batch: s.batch, queue_shards: s.shards },
    // info: the "consuming" line tells which worker (pid) took which lease.
    log: { level: 'info' },
    client: { queue_max_size: 16 * 1024 * 1024 },
    channel: { allow_subscribe_for_client: true, namespaces: [ns] },
  };
  const file = tmpFile('config.json', JSON.stringify(deepMerge(base, o.gyreConfig), null, 2));
  const server = await startProcess([CLI, 'serve', '--config', file], port, 'gyre', undefined, o.serverNodeArgs);
  await waitForNodes(port, API_KEY, s.workers);
  return server;
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
function problems(output: string, expectLeaseLost: boolean): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (!level || Number(level) < 40) continue;
    if (expectLeaseLost && line.includes('lease lost')) continue;
    out.push(line.slice(0, 300));
  }
  return out;
}

// ---- one run -----------------------------------------------------------------------------------

class TimedTracker extends Tracker {
  firstDeliveryMs = NaN;
  override record(sub: number, seq: number, tsUs: number, nowUsec: number): void {
    if (Number.isNaN(this.firstDeliveryMs)) this.firstDeliveryMs = nowUsec / 1000;
    super.record(sub, seq, tsUs, nowUsec);
  }
}

interface RunContext {
  o: Options;
  setup: Setup;
  redis: RedisServer;
  gyre: ServerProcess;
  prefix: string;
  admin: Redis;
  pusher: Redis;
}

async function runOnce(ctx: RunContext, source: SourceKind, target: Target, mode: Mode, run: number, items: number): Promise<IngestResult> {
  const { o, setup, redis, gyre, prefix, admin, pusher } = ctx;
  const tag = `${nextRun()}${source[0]}${target[0]}${mode[0]}`;
  const keys = new RedisKeys(prefix);
  const nCh = target === 'single' ? 1 : Math.min(o.channels, items);
  const channels = target === 'single' ? [`bench:x-${tag}`] : Array.from({ length: nCh }, (_, i) => `bench:ch${i}-${tag}`);
  const perChannel = (c: number) => Math.floor((items - 1 - c) / nCh) + 1;
  const sampled = target === 'single' ? [0] : [...new Set(Array.from({ length: Math.min(o.sample, nCh) }, (_, j) => Math.floor((j * nCh) / Math.min(o.sample, nCh))))];
  const watched: Watched =
    source === 'stream' ? { kind: 'stream', keys: [`${prefix}.api.stream`] } : { kind: 'list', keys: queueNames(prefix, setup.shards) };
  const dest = channels.map((ch) => (source === 'stream' ? `${prefix}.api.stream` : setup.shards > 0 ? `${prefix}.api.${queueShard(ch, setup.shards)}` : `${prefix}.api`));
  const maxSeq = perChannel(0);
  const tracker = new TimedTracker(sampled.length, maxSeq + 1, maxSeq + 1);
  const subs: Subscribers = { sockets: [], closes: new Map(), closedByServer: 0, closing: false };
  const expectedDelivered = sampled.reduce((s, c) => s + perChannel(c), 0);
  const filler = 'x'.repeat(o.payload);
  const notes: string[] = [];
  const hardDeadline = performance.now() + o.timeoutS * 1000;
  const out0 = gyre.output().length;

  let pushS = NaN;
  let windowS = NaN;
  let cpu: CpuPct = { wallS: NaN, gyre: NaN, workers: [], redis: NaN, gen: NaN, other: NaN };
  try {
    await waitLeases(admin, watched);
    const token = jwt.sign({ sub: 'bench' }, SECRET, { algorithm: 'HS256' });
    const url = `ws://127.0.0.1:${gyre.port}/connection/websocket`;
    await openAll({ n: sampled.length, concurrency: 16, url, codec: 'json', token, channel: channels[0]!, channelOf: (i) => channels[sampled[i]!]! }, tracker, subs, hardDeadline);
    await sleep(200);

    if (mode === 'backlog') {
      for (const k of watched.keys) await admin.set(`${k}.lease`, HOLD, 'PX', 120_000);
      await sleep(300); // a take already under way finds the queue empty; Gyre's next one sees LEASE_LOST
    }
    let a: CpuSnap | undefined = mode === 'live' ? snap(gyre.proc.pid, redis) : undefined;
    const t0 = performance.now();
    for (let from = 0; from < items; from += o.pushChunk) {
      if (performance.now() > hardDeadline) throw new Error('hard timeout while pushing');
      const p = pusher.pipeline();
      const ts = nowUs();
      for (let i = from; i < Math.min(items, from + o.pushChunk); i++) {
        const c = target === 'single' ? 0 : i % nCh;
        const seq = target === 'single' ? i + 1 : Math.floor(i / nCh) + 1;
        const params = `{"channel":"${channels[c]}","data":{"seq":${seq},"ts":${ts},"payload":"${filler}"}}`;
        if (source === 'list') p.lpush(dest[c]!, `{"method":"publish","params":${params}}`);
        else p.xadd(dest[c]!, '*', 'method', 'publish', 'payload', params);
      }
      const res = (await p.exec()) ?? [];
      const err = res.find((r) => r[0]);
      if (err) throw new Error(`push failed: ${String(err[0])}`);
    }
    const pushEnd = performance.now();
    pushS = (pushEnd - t0) / 1000;

    if (mode === 'backlog') {
      const d = await depth(admin, watched);
      // Nothing applied while the bench held the lease (reading ahead takes nothing).
      if (d.waiting !== items || tracker.delivered > 0) notes.push(`backlog not intact before release: ${d.text}, ${tracker.delivered} delivered`);
      await admin.del(...watched.keys.map((k) => `${k}.lease`));
    }

    // Until every sampled delivery arrived and Redis shows everything applied; bounded by the
    // hard deadline and by --stall seconds without any progress.
    let drainedAt = NaN;
    let lastProgress = performance.now();
    let lastDelivered = -1;
    let lastDepth = -1;
    let lastDepthCheck = 0;
    let d = { total: NaN, waiting: NaN, text: '' };
    for (;;) {
      await sleep(20);
      const now = performance.now();
      if (!a && tracker.delivered > 0) a = snap(gyre.proc.pid, redis);
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
        notes.push('every subscriber was closed by the server');
        break;
      }
      if (now - lastProgress > o.stallS * 1000) {
        notes.push(`stalled: no delivery and no change in Redis for ${o.stallS} s (${d.text})`);
        break;
      }
      if (now > hardDeadline) {
        notes.push(`hard timeout (${o.timeoutS} s): ${d.text}`);
        break;
      }
    }
    const b = snap(gyre.proc.pid, redis);
    a ??= b;
    const endMs = Math.max(Number.isNaN(drainedAt) ? performance.now() : drainedAt, tracker.lastDeliveryMs || 0);
    const startMs = mode === 'live' ? t0 : tracker.firstDeliveryMs;
    windowS = (endMs - startMs) / 1000;
    cpu = cpuBetween(a, b);
  } catch (err) {
    notes.push(`error: ${(err as Error).message.split('\n').slice(0, 4).join(' | ').slice(0, 500)}`);
  } finally {
    subs.closing = true;
    for (const ws of subs.sockets) ws?.terminate();
  }

  // Checks in Redis: every channel's top offset, what is left, dead letters.
  const p = admin.pipeline();
  for (const ch of channels) p.hget(keys.meta(ch), 's');
  const tops = ((await p.exec()) ?? []).map((r) => Number(r[1] ?? 0));
  const offsetsSum = tops.reduce((s, t) => s + t, 0);
  const offsetsOk = tops.every((t, c) => t === perChannel(c));
  const left = await depth(admin, watched);
  const dead = await admin.llen(`${prefix}.api.dead`);
  await dropRunKeys(admin, prefix, channels);
  const owners = consumers(gyre.output());
  const ownersText = watched.keys.map((k) => `${k.slice(prefix.length + 1)}→${owners.get(k) ?? '?'}`).join(' ');
  for (const line of problems(gyre.output().slice(out0), mode === 'backlog')) notes.push(`gyre log: ${line}`);

  const inversions = tracker.inBatchInversions;
  for (let i = 0; i < sampled.length; i++) {
    if (tracker.counts[i] !== perChannel(sampled[i]!)) notes.push(`subscriber on ${channels[sampled[i]!]} saw ${tracker.counts[i]} of ${perChannel(sampled[i]!)}`);
  }
  if (tracker.outOfRange) notes.push(`${tracker.outOfRange} deliveries with an unexpected seq`);
  const closes: Record<string, number> = {};
  for (const [code, n] of subs.closes) closes[String(code)] = n;
  const lat = tracker.lat.slice(0, tracker.latN).sort();
  const perItem = (pct: number) => (windowS > 0 ? ((pct / 100) * cpu.wallS * 1e6) / items : NaN);
  const ok =
    tracker.delivered === expectedDelivered && tracker.duplicates === 0 && tracker.outOfRange === 0 && inversions === 0 && offsetsOk && left.total === 0 && dead === 0 && !Object.keys(closes).length;
  return {
    source,
    target,
    mode,
    setup,
    run,
    items,
    pushS,
    pushPerS: items / pushS,
    windowS,
    itemsPerS: items / windowS,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    cpu,
    gyreUsPerItem: perItem(cpu.gyre),
    redisUsPerItem: perItem(cpu.redis),
    subscribers: sampled.length,
    delivered: tracker.delivered,
    expectedDelivered,
    duplicates: tracker.duplicates,
    inversions,
    offsetsSum,
    offsetsOk,
    leftover: left.total,
    leftoverText: left.text,
    dead,
    closes,
    owners: ownersText,
    notes,
    ok,
  };
}

// ---- main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  installCleanupHooks();
  const o = options();
  const setups: Setup[] = [];
  for (const workers of o.workers) for (const shards of o.shards) for (const batch of o.batches) setups.push({ workers, shards, batch });
  console.log(
    `ingestion (history ${HISTORY_SIZE}/${HISTORY_TTL}s): sources ${o.sources.join(',')}; targets ${o.targets.join(',')} (${o.channels} channels, ${o.sample} sampled); ` +
      `modes ${o.modes.join(',')}; M=${o.m} items of ${o.payload} B filler, pushed in pipelines of ${o.pushChunk}; setups ${setups.map(setupLabel).join('; ')}; ` +
      `${o.runs} run(s); node ${process.version}, ${os.availableParallelism()} cores`,
  );
  const redis = await startRedis();
  console.log(`private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
  const results: IngestResult[] = [];
  const disturbed: IngestResult[] = [];
  const logs: string[] = [];

  for (const setup of o.gyre ? setups : []) {
    const prefix = `ing${setup.workers}s${setup.shards}b${setup.batch}x${Date.now() % 100000}`;
    const gyre = await startGyre(setup, redis, prefix, o);
    const admin = redis.client();
    const pusher = redis.client();
    await admin.connect();
    await pusher.connect();
    const ctx: RunContext = { o, setup, redis, gyre, prefix, admin, pusher };
    try {
      console.log(`\n${setupLabel(setup)}: Gyre pid ${gyre.proc.pid}, prefix ${prefix}`);
      if (o.warmupItems > 0) {
        const w = await runOnce(ctx, o.sources[0]!, 'single', 'live', 0, o.warmupItems);
        console.log(`  warm-up (${o.sources[0]}, ${o.warmupItems} items): ${fmtInt(w.itemsPerS)} items/s${w.ok ? '' : '  <-- CHECK ' + w.notes.join('; ')}`);
      }
      for (let run = 1; run <= o.runs; run++) {
        for (const source of o.sources) {
          if (source === 'stream' && setup.shards > 0) continue; // streams are not sharded
          for (const target of o.targets) {
            for (const mode of o.modes) {
              for (let attempt = 0; ; attempt++) {
                const quiet = await waitQuiet(o.waitQuietS, [gyre.proc.pid!, redis.pid]);
                const r = await runOnce(ctx, source, target, mode, run, o.m);
                if (!quiet.ok) r.notes.push(`machine not quiet before the run (${fmtInt(quiet.pct)}% of a core elsewhere)`);
                console.log(
                  `  ${source} ${target} ${mode} run ${run}: ${fmtInt(r.itemsPerS)} items/s (push ${fmtInt(r.pushPerS)}/s), window ${fmt2(r.windowS)} s, ` +
                    `gyre ${fmtInt(r.cpu.gyre)}% (${r.cpu.workers.map(fmtInt).join('+')}), redis ${fmtInt(r.cpu.redis)}%, gen ${fmtInt(r.cpu.gen)}%, other ${fmtInt(r.cpu.other)}%, ` +
                    `delivered ${r.delivered}/${r.expectedDelivered}, dup ${r.duplicates}, inv ${r.inversions}, offsets ${r.offsetsOk ? 'ok' : r.offsetsSum}, left ${r.leftover}, dead ${r.dead}; leases ${r.owners}` +
                    (r.ok ? '' : '  <-- CHECK'),
                );
                for (const n of r.notes) console.log(`    note: ${n}`);
                if (r.cpu.other > o.maxOtherPct && r.ok && attempt < o.retries) {
                  disturbed.push(r);
                  console.log(`    repeating: other processes used ${fmtInt(r.cpu.other)}% > ${o.maxOtherPct}% of a core`);
                  continue;
                }
                results.push(r);
                break;
              }
            }
          }
        }
      }
    } finally {
      await admin.quit().catch(() => undefined);
      await pusher.quit().catch(() => undefined);
      await gyre.stop(4000);
      const pr = problems(gyre.output(), true);
      logs.push(`${setupLabel(setup)}: ${pr.length} warning/error line(s) besides "lease lost"; consumers: ${[...consumers(gyre.output())].map(([s, p]) => `${s}→${p}`).join(' ')}`);
    }
  }

  let rb: RbSet = { results: [], disturbed: [], medians: [] };
  let sha = '';
  if (o.rb) {
    const script = publishScript();
    sha = script.sha;
    const admin = redis.client();
    await admin.connect();
    const loaded = String(await admin.script('LOAD', script.lua));
    await admin.quit();
    if (loaded !== script.sha) throw new Error(`SCRIPT LOAD gave ${loaded}, Gyre's client uses ${script.sha}`);
    const payload = encodePublication({ data: Buffer.from(dataJson(50000, nowUs(), 'x'.repeat(o.payload))) }).toString('latin1');
    if (/[^\x01-\x7f]/.test(payload)) throw new Error('payload is not plain ASCII: lower --payload so redis-benchmark can take it as an argument');
    console.log(`\nredis-benchmark: publish script ${sha}, history ${HISTORY_SIZE}/${HISTORY_TTL}, payload ${payload.length} B`);
    const rbo = { channels: o.channels, rbClients: o.rbClients, rbN: o.rbN, historySize: HISTORY_SIZE, historyTtl: HISTORY_TTL };
    rb = await runRedisBenchmarkSet(redis, sha, payload, rbo, { ...o, targets: o.targets as RbTarget[], pipelines: o.rbPipelines });
  }
  await redis.stop();

  if (results.length) console.log('\ningestion, every run:\n' + renderTable(header, results.map(row)));
  if (disturbed.length) console.log(`\nrepeated (other processes over ${o.maxOtherPct}% of a core; not in the medians):\n` + renderTable(header, disturbed.map(row)));
  const groups = new Map<string, IngestResult[]>();
  for (const r of results) {
    const k = `${r.source}/${r.target}/${r.mode}/${setupLabel(r.setup)}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const medians = [...groups.values()].map(medianResult);
  if (o.runs > 1 && medians.length) console.log(`\nmedian of ${o.runs} runs:\n` + renderTable(header, medians.map(row)));
  const rbMedians = rb.medians;
  printRbSet('the publish script', rb, o.runs);
  if (rb.results.length) {
    const ceiling = (t: Target, p: number) => rbMedians.find((r) => r.target === t && r.pipeline === p)?.rps ?? NaN;
    console.log(
      '\ningestion (median items/s) as a share of redis-benchmark (median EVALSHA/s, same target):\n' +
        renderTable(
          ['source', 'target', 'mode', 'setup', 'items/s', ...o.rbPipelines.map((p) => `% of rb -P ${p}`)],
          medians.map((r) => [r.source, r.target, r.mode, setupLabel(r.setup), fmtInt(r.itemsPerS), ...o.rbPipelines.map((p) => fmt1((100 * r.itemsPerS) / ceiling(r.target, p)))]),
        ),
    );
  }
  console.log('\nGyre logs:\n' + logs.map((l) => `  ${l}`).join('\n'));
  if (o.jsonOut) fs.writeFileSync(o.jsonOut, JSON.stringify({ opts: o, sha, results, disturbed, medians, rbResults: rb.results, rbDisturbed: rb.disturbed, rbMedians, logs }, null, 2));
  const bad = results.some((r) => !r.ok) || rb.results.some((r) => r.failedCalls > 0 || r.calls !== r.n);
  if (bad) console.log('\nWARNING: a run lost, duplicated or reordered an item, left items in Redis or dead-lettered one (see above).');
  process.exitCode = bad ? 2 : 0;
}

runMain(main);
