/**
 * Fan-out benchmark: N subscribers on one channel, M publications pushed
 * through the HTTP API (`/api/batch`, bounded in-flight requests), every
 * delivery counted and checked. Runs Gyre (JSON and protobuf clients) and a
 * bare `ws` broadcast server (bench/ws-baseline.ts) with the same load
 * generator, and prints a table. The subscriber side is bench/subscribers.ts,
 * the tables bench/report.ts.
 *
 *   node dist/bench/fanout.js [--n 1000] [--m 10000] [--payload 100] [--batch 50]
 *        [--batch-parallel] [--inflight 4] [--timeout 60] [--runs 2]
 *        [--variants gyre-json,gyre-protobuf,ws-baseline] (also gyre-http-stream, gyre-sse, gyre-sockjs) [--codec json|protobuf]
 *        [--engine memory|redis] [--workers 1]
 *        [--baseline-frame per-turn|per-post|per-message] [--json results.json]
 *        [--pin] [--wait-quiet 10] [--max-other 15] [--retries 1] [--server-node-args="--cpu-prof --cpu-prof-dir=DIR"] [--gyre-config '{"client":{"queue_max_size":65536}}']
 *
 * Every flag also reads an env var: BENCH_N, BENCH_M, BENCH_PAYLOAD, BENCH_BATCH,
 * BENCH_INFLIGHT, BENCH_TIMEOUT, BENCH_RUNS, BENCH_VARIANTS, BENCH_CODEC,
 * BENCH_BATCH_PARALLEL=1, BENCH_ENGINE, BENCH_WORKERS, BENCH_BASELINE_FRAME, BENCH_JSON, BENCH_WAIT_QUIET,
 * BENCH_GYRE_CONFIG, BENCH_PIN=1, BENCH_SERVER_NODE_ARGS, BENCH_MAX_OTHER, BENCH_RETRIES.
 *
 * `--engine redis` runs the Gyre variants on the Redis engine with `--workers`
 * worker processes, against a private redis-server started on a free loopback
 * port for the whole invocation (a fresh key prefix per run) and killed at the
 * end; the default variants are then the two Gyre ones. redis-server's CPU is
 * reported in its own column and not counted as "other" load.
 *
 * The machine is checked for other load: before each run the bench waits (up
 * to --wait-quiet s) for other processes to go under 15% of a core, and a run
 * during which they used more than --max-other % is repeated up to --retries
 * times (shown separately, not in the medians).
 *
 * Extra variants (not run by default): `ws-baseline-post` (the baseline with
 * one frame per POST) and `ws-baseline-msg` (one frame per publication).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deepMerge } from '../test/helpers/server';
import jwt from 'jsonwebtoken';
import {
  clientsPerWorker,
  freePort,
  installCleanupHooks,
  intOption,
  runMain,
  machineBusySeconds,
  parseFlags,
  percentile,
  pinSelf,
  processTreeCpuSeconds,
  publishAll,
  selfCpuSeconds,
  type ServerProcess,
  sleep,
  startProcess,
  strOption,
  tmpFile,
  waitForNodes,
  waitQuiet,
} from './lib';
import { type RedisServer, startRedis } from './redis';
import { fmt1, fmt2, fmtInt, medianRow, type RunResult, table, type VariantName } from './report';
import { type HttpKind, openHttpAll } from './http-subscribers';
import { type Codec, openAll, pushBytes, type Subscribers, Tracker } from './subscribers';
import { FRAME_MODES, type FrameMode } from './ws-baseline';

const SECRET = 'bench-hmac-secret';
const API_KEY = 'bench-api-key';
const CHANNEL = 'bench';
const CLI = path.resolve(__dirname, '../src/cli.js');
const BASELINE = path.resolve(__dirname, 'ws-baseline.js');

const ALL_VARIANTS: VariantName[] = ['gyre-json', 'gyre-protobuf', 'gyre-http-stream', 'gyre-sse', 'gyre-sockjs', 'ws-baseline', 'ws-baseline-post', 'ws-baseline-msg'];
/** The Gyre variants whose subscribers use an HTTP transport (bench/http-subscribers.ts). */
const HTTP_KIND: Partial<Record<VariantName, HttpKind>> = { 'gyre-http-stream': 'http_stream', 'gyre-sse': 'sse', 'gyre-sockjs': 'sockjs' };
const DEFAULT_VARIANTS: VariantName[] = ['gyre-json', 'gyre-protobuf', 'ws-baseline'];

interface BenchOptions {
  n: number;
  m: number;
  payload: number;
  batch: number;
  /** `"parallel": true` in every /api/batch request. */
  batchParallel: boolean;
  inflight: number;
  timeoutS: number;
  runs: number;
  variants: VariantName[];
  /** Engine of the Gyre variants; with redis, `workers` worker processes share a private redis-server. */
  engine: 'memory' | 'redis';
  workers: number;
  baselineFrame: FrameMode;
  jsonOut: string;
  /** Extra Gyre configuration merged over the bench config (e.g. {"client":{"queue_max_size":65536}}). */
  gyreConfig: Record<string, unknown>;
  connectConcurrency: number;
  /** Extra node flags for the server processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  serverNodeArgs: string[];
  /** Pin the server to core 0 and the load generator to core 1 (taskset). */
  pin: boolean;
  /** Before each run, wait up to this long for the rest of the machine to go quiet. */
  waitQuietS: number;
  /** A run during which other processes used more than this (% of one core) is repeated... */
  maxOtherPct: number;
  /** ...at most this many times. */
  retries: number;
  /** Stop waiting this long after the last delivery once publishing is over. */
  idleMs: number;
}

// ---- one run -------------------------------------------------------------------------------

const isGyre = (v: VariantName) => v.startsWith('gyre');

function variantLabel(variant: VariantName, opts: BenchOptions): string {
  return variant + (isGyre(variant) && opts.engine === 'redis' ? ` redis w${opts.workers}` : '') + (opts.batchParallel ? ' par' : '');
}

async function startServer(variant: VariantName, opts: BenchOptions, redis: RedisServer | undefined, prefix: string): Promise<ServerProcess> {
  const port = await freePort();
  if (isGyre(variant)) {
    const base = {
      port,
      address: '127.0.0.1',
      workers: opts.workers,
      shutdown_timeout: 3,
      token: { hmac_secret: SECRET },
      api: { key: API_KEY },
      log: { level: 'warn' },
      channel: { allow_subscribe_for_client: true },
      ...(redis ? { engine: 'redis', redis: { url: redis.url, prefix } } : {}),
    };
    const config = deepMerge(base, opts.gyreConfig);
    const file = tmpFile('config.json', JSON.stringify(config, null, 2));
    const server = await startProcess([CLI, 'serve', '--config', file], port, 'gyre', opts.pin ? 0 : undefined, opts.serverNodeArgs);
    if (opts.workers > 1) await waitForNodes(port, API_KEY, opts.workers);
    return server;
  }
  const frame = variant === 'ws-baseline-msg' ? 'per-message' : variant === 'ws-baseline-post' ? 'per-post' : opts.baselineFrame;
  return startProcess([BASELINE, '--port', String(port), '--api-key', API_KEY, '--frame', frame], port, 'ws-baseline', opts.pin ? 0 : undefined, opts.serverNodeArgs);
}

async function runOnce(variant: VariantName, run: number, opts: BenchOptions, redis: RedisServer | undefined): Promise<RunResult> {
  if (!isGyre(variant)) redis = undefined;
  const codec: Codec = variant === 'gyre-protobuf' ? 'protobuf' : 'json';
  const startedMs = performance.now();
  const hardDeadline = startedMs + opts.timeoutS * 1000;
  const filler = 'x'.repeat(opts.payload);
  const tracker = new Tracker(opts.n, opts.m, opts.batch);
  const subs: Subscribers = { sockets: [], closes: new Map(), closedByServer: 0, closing: false };
  const result: RunResult = {
    variant,
    label: variantLabel(variant, opts),
    run,
    n: opts.n,
    m: opts.m,
    payloadBytes: opts.payload,
    pushBytes: pushBytes(codec, CHANNEL, filler, opts.m),
    connected: 0,
    connectS: 0,
    published: 0,
    publishFailed: 0,
    publishS: 0,
    pubPerS: 0,
    expected: opts.n * opts.m,
    delivered: 0,
    windowS: 0,
    deliveredPerS: 0,
    frames: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    maxMs: NaN,
    incompleteSubs: 0,
    missing: 0,
    duplicates: 0,
    inBatchInversions: 0,
    orderMismatches: 0,
    orderSampled: 0,
    closes: {},
    serverCpuPct: NaN,
    genCpuPct: NaN,
    redisCpuPct: NaN,
    otherCpuPct: NaN,
    srvUsPerMsg: NaN,
    timedOut: false,
    notes: [],
  };

  let server: ServerProcess | undefined;
  try {
    server = await startServer(variant, opts, redis, `fanout${run}-${variant}-${Date.now()}`);
    const url = `ws://127.0.0.1:${server.port}/connection/websocket`;
    const t0 = performance.now();
    const token = jwt.sign({ sub: 'u1' }, SECRET, { algorithm: 'HS256' });
    const open = { n: opts.n, concurrency: opts.connectConcurrency, url, codec, token, channel: CHANNEL };
    const httpKind = HTTP_KIND[variant];
    result.connected = httpKind ? await openHttpAll(httpKind, server.port, open, tracker, subs, hardDeadline) : await openAll(open, tracker, subs, hardDeadline);
    result.connectS = (performance.now() - t0) / 1000;
    await sleep(200); // let the server settle after the connection storm

    const cpuServer0 = processTreeCpuSeconds(server.proc.pid!);
    const cpuGen0 = selfCpuSeconds();
    const cpuRedis0 = redis ? redis.cpuSeconds() : NaN;
    const busy0 = machineBusySeconds();
    const frames0 = tracker.frames;
    const pubStart = performance.now();
    let aborted = false;
    const publishing = publishAll({
      port: server.port,
      apiKey: API_KEY,
      channel: CHANNEL,
      total: opts.m,
      batch: opts.batch,
      inflight: opts.inflight,
      filler,
      aborted: () => aborted,
      parallel: opts.batchParallel,
    });
    let pubDone = false;
    const pubStatsP = publishing.then((s) => {
      pubDone = true;
      return s;
    });

    // Wait for every delivery, for the server to have closed everyone, for the
    // stream to go idle after publishing, or for the hard deadline. Bounded by the deadline.
    let lastProgress = performance.now();
    let lastDelivered = 0;
    for (;;) {
      await sleep(20);
      const now = performance.now();
      if (tracker.delivered !== lastDelivered) {
        lastDelivered = tracker.delivered;
        lastProgress = now;
      }
      if (tracker.delivered >= result.expected) break;
      if (subs.closedByServer >= opts.n) {
        result.notes.push('every subscriber was closed by the server');
        break;
      }
      if (pubDone && now - lastProgress > opts.idleMs) {
        result.notes.push(`no delivery for ${opts.idleMs} ms after publishing ended`);
        break;
      }
      if (now > hardDeadline) {
        result.timedOut = true;
        result.notes.push(`hard timeout (${opts.timeoutS} s) hit; partial results`);
        break;
      }
    }
    const endMs = performance.now();
    const cpuServer1 = processTreeCpuSeconds(server.proc.pid!);
    const cpuGen1 = selfCpuSeconds();
    const cpuRedis1 = redis ? redis.cpuSeconds() : NaN;
    const busy1 = machineBusySeconds();
    aborted = true;
    const pub = await Promise.race([pubStatsP, sleep(5000).then(() => null)]);

    const lastDelivery = tracker.delivered > 0 ? tracker.lastDeliveryMs : endMs;
    result.windowS = (lastDelivery - pubStart) / 1000;
    result.delivered = tracker.delivered;
    result.deliveredPerS = result.windowS > 0 ? tracker.delivered / result.windowS : 0;
    result.frames = tracker.frames - frames0;
    if (pub) {
      result.published = pub.accepted;
      result.publishFailed = pub.failed;
      result.publishError = pub.firstError;
      result.publishS = (pub.endMs - pub.startMs) / 1000;
      result.pubPerS = result.publishS > 0 ? pub.accepted / result.publishS : 0;
    } else result.notes.push('publisher did not finish within 5 s of the end');
    const wallS = (endMs - pubStart) / 1000;
    result.serverCpuPct = (100 * (cpuServer1 - cpuServer0)) / wallS;
    result.genCpuPct = (100 * (cpuGen1 - cpuGen0)) / wallS;
    const cpuRedis = redis ? cpuRedis1 - cpuRedis0 : 0;
    result.redisCpuPct = redis ? (100 * cpuRedis) / wallS : NaN;
    result.otherCpuPct = Math.max(0, (100 * (busy1 - busy0 - (cpuServer1 - cpuServer0) - (cpuGen1 - cpuGen0) - cpuRedis)) / wallS);
    if (result.otherCpuPct > 15) result.notes.push(`other processes used ${fmtInt(result.otherCpuPct)}% of a core during the window: figures are disturbed`);
    result.srvUsPerMsg = tracker.delivered > 0 ? ((cpuServer1 - cpuServer0) * 1e6) / tracker.delivered : NaN;

    const lat = tracker.lat.slice(0, tracker.latN).sort();
    result.p50Ms = percentile(lat, 50);
    result.p99Ms = percentile(lat, 99);
    result.maxMs = lat.length ? lat[lat.length - 1]! : NaN;

    for (let i = 0; i < opts.n; i++) {
      const c = tracker.counts[i]!;
      if (c < opts.m) {
        result.incompleteSubs++;
        result.missing += opts.m - c;
      }
    }
    result.duplicates = tracker.duplicates + tracker.outOfRange;
    result.inBatchInversions = tracker.inBatchInversions;
    const ref = tracker.orders.get(0);
    for (const [i, order] of tracker.orders) {
      if (!ref || i === 0) continue;
      result.orderSampled++;
      const len = Math.min(tracker.counts[0]!, tracker.counts[i]!);
      for (let k = 0; k < len; k++) {
        if (order[k] !== ref[k]) {
          result.orderMismatches++;
          break;
        }
      }
    }
    for (const [code, count] of subs.closes) result.closes[String(code)] = count;
    if (tracker.outOfRange) result.notes.push(`${tracker.outOfRange} publications with an unparseable seq`);
    if (isGyre(variant) && opts.workers > 1) {
      const perWorker = await clientsPerWorker(server.port, API_KEY, opts.workers);
      result.notes.push(`subscribers per worker: ${perWorker.join(' + ') || '?'}`);
    }
  } catch (err) {
    result.notes.push(`error: ${(err as Error).message.trim().split('\n').slice(0, 6).join(' | ').slice(0, 600)}`);
    for (const [code, count] of subs.closes) result.closes[String(code)] = count;
  } finally {
    subs.closing = true;
    for (const ws of subs.sockets) ws?.terminate();
    if (server) {
      await server.stop(4000);
      const out = server.output().trim();
      if (out) result.notes.push(`server output: ${out.split('\n').slice(-3).join(' | ').slice(0, 300)}`);
    }
  }
  return result;
}

// ---- main ------------------------------------------------------------------------------------

function options(): BenchOptions {
  const flags = parseFlags(process.argv.slice(2));
  let variants = strOption(flags, 'variants', 'BENCH_VARIANTS', DEFAULT_VARIANTS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as VariantName[];
  for (const v of variants) if (!ALL_VARIANTS.includes(v)) throw new Error(`unknown variant ${v}; known: ${ALL_VARIANTS.join(', ')}`);
  const codec = strOption(flags, 'codec', 'BENCH_CODEC', '');
  if (codec) {
    if (codec !== 'json' && codec !== 'protobuf') throw new Error('--codec must be json or protobuf');
    variants = variants.filter((v) => !v.startsWith('gyre') || v === `gyre-${codec}`);
  }
  const engine = strOption(flags, 'engine', 'BENCH_ENGINE', 'memory') as BenchOptions['engine'];
  if (engine !== 'memory' && engine !== 'redis') throw new Error('--engine must be memory or redis');
  const workers = intOption(flags, 'workers', 'BENCH_WORKERS', 1);
  if (engine === 'memory' && workers > 1) throw new Error('--workers > 1 needs --engine redis (the memory engine runs one worker)');
  // On the Redis engine the default set is the Gyre variants only (the baseline has no engine).
  if (engine === 'redis' && !flags.has('variants') && !process.env['BENCH_VARIANTS']) variants = variants.filter(isGyre);
  const baselineFrame = strOption(flags, 'baseline-frame', 'BENCH_BASELINE_FRAME', 'per-turn') as FrameMode;
  if (!FRAME_MODES.includes(baselineFrame)) throw new Error(`--baseline-frame must be one of ${FRAME_MODES.join(', ')}`);
  return {
    n: intOption(flags, 'n', 'BENCH_N', 1000),
    m: intOption(flags, 'm', 'BENCH_M', 10000),
    payload: intOption(flags, 'payload', 'BENCH_PAYLOAD', 100),
    batch: intOption(flags, 'batch', 'BENCH_BATCH', 50),
    batchParallel: flags.get('batch-parallel') === 'true' || process.env['BENCH_BATCH_PARALLEL'] === '1',
    inflight: intOption(flags, 'inflight', 'BENCH_INFLIGHT', 4),
    timeoutS: intOption(flags, 'timeout', 'BENCH_TIMEOUT', 60),
    runs: intOption(flags, 'runs', 'BENCH_RUNS', 2),
    variants,
    engine,
    workers,
    baselineFrame,
    jsonOut: strOption(flags, 'json', 'BENCH_JSON', ''),
    gyreConfig: JSON.parse(strOption(flags, 'gyre-config', 'BENCH_GYRE_CONFIG', '{}')) as Record<string, unknown>,
    connectConcurrency: 50,
    serverNodeArgs: strOption(flags, 'server-node-args', 'BENCH_SERVER_NODE_ARGS', '').split(' ').filter(Boolean),
    pin: flags.get('pin') === 'true' || process.env['BENCH_PIN'] === '1',
    waitQuietS: intOption(flags, 'wait-quiet', 'BENCH_WAIT_QUIET', 10),
    idleMs: 5000,
    maxOtherPct: intOption(flags, 'max-other', 'BENCH_MAX_OTHER', 15),
    retries: Number(strOption(flags, 'retries', 'BENCH_RETRIES', '1')) || 0,
  };
}

async function main(): Promise<void> {
  installCleanupHooks();
  const opts = options();
  if (opts.pin) pinSelf(1);
  console.log(
    `fan-out: N=${opts.n} subscribers, M=${opts.m} publications of ${opts.payload} B filler, ` +
      `/api/batch ×${opts.batch}${opts.batchParallel ? ' (parallel)' : ''}, ${opts.inflight} in flight, timeout ${opts.timeoutS} s/run, ${opts.runs} run(s); ` +
      `node ${process.version}, ${os.availableParallelism()} cores` +
      (opts.pin ? '; server pinned to core 0, generator to core 1' : '') +
      (opts.engine === 'redis' ? `; Gyre on the Redis engine, ${opts.workers} worker(s)` : ''),
  );
  const redis = opts.engine === 'redis' && opts.variants.some(isGyre) ? await startRedis() : undefined;
  if (redis) console.log(`private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid})`);
  const results: RunResult[] = [];
  const disturbed: RunResult[] = [];
  for (let run = 1; run <= opts.runs; run++) {
    for (const v of opts.variants) {
      for (let attempt = 0; ; attempt++) {
        const quiet = await waitQuiet(opts.waitQuietS, redis ? [redis.pid] : []);
        const r = await runOnce(v, run, opts, redis);
        if (!quiet.ok) r.notes.push(`machine was not quiet before the run (${fmtInt(quiet.pct)}% of a core busy elsewhere)`);
        const bad = r.missing || r.duplicates || r.inBatchInversions || r.orderMismatches || Object.keys(r.closes).length || r.timedOut;
        console.log(
          `  ${r.label} run ${run}: ${fmtInt(r.deliveredPerS)} delivered msgs/s, ${fmtInt(r.pubPerS)} pubs/s, ` +
            `${r.delivered}/${r.expected} delivered in ${fmt2(r.windowS)} s, p50 ${fmt1(r.p50Ms)} ms, p99 ${fmt1(r.p99Ms)} ms` +
            (bad ? '  <-- CHECK' : ''),
        );
        if (r.publishFailed) console.log(`    publish failures: ${r.publishFailed} (${r.publishError})`);
        for (const note of r.notes) console.log(`    note: ${note}`);
        // A run other processes disturbed is repeated (bounded); one that lost messages never is.
        if (r.otherCpuPct > opts.maxOtherPct && !bad && attempt < opts.retries) {
          disturbed.push(r);
          console.log(`    repeating: other processes used ${fmtInt(r.otherCpuPct)}% > ${opts.maxOtherPct}% of a core (attempt ${attempt + 1}/${opts.retries})`);
          continue;
        }
        results.push(r);
        break;
      }
    }
  }
  console.log('\n' + table(results));
  if (disturbed.length) console.log(`\nrepeated because other processes used over ${opts.maxOtherPct}% of a core (not in the medians):\n` + table(disturbed));
  if (opts.runs > 1) {
    const medians = opts.variants.map((v) => medianRow(results.filter((r) => r.variant === v)));
    console.log(`\nmedian of ${opts.runs} runs (loss/dup/order/closes summed over runs):\n` + table(medians));
  }
  if (redis) await redis.stop();
  if (opts.jsonOut) fs.writeFileSync(opts.jsonOut, JSON.stringify({ opts, results, disturbed }, null, 2));
  const failed = results.some((r) => r.missing || r.duplicates || r.publishFailed || r.timedOut || r.delivered < r.expected);
  if (failed) console.log('\nWARNING: at least one run lost, duplicated or failed to publish messages (see above).');
  process.exitCode = failed ? 2 : 0;
}

runMain(main);
