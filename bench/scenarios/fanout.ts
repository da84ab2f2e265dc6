/**
 * Fan-out: N subscribers on one channel, M publications pushed through the
 * HTTP API (`/api/batch`, bounded in-flight requests), every delivery counted
 * and checked. Gyre (JSON and protobuf clients, or the HTTP transports)
 * against the bare `ws` broadcast peer (harness/ws-peer.ts) with the same
 * load generator.
 */
import { execFileSync } from 'node:child_process';
import { bool, int, json, listOf, oneOf, type Options, words } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU, treeCpuSeconds } from '../harness/cpu';
import { type HttpKind, openHttpAll } from '../harness/http-subscribers';
import { newStats, publish, seqData } from '../harness/publisher';
import { type RedisServer, startRedis } from '../harness/redis';
import { fmt1, fmt2, fmtCounts, fmtInt, fmtRatio, type Column, cpuColumns, percentileColumns } from '../harness/report';
import { errorProblem, type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { clientsPerWorker, type Server, startGyre, startPeer, token } from '../harness/servers';
import { deepMerge } from '../../test/helpers/server';
import { type Codec, endRun, newSubscribers, openAll, pushBytes, Tracker, type Verdict, waitDeliveries } from '../harness/subscribers';
import { FRAME_MODES } from '../harness/ws-peer';

const CHANNEL = 'bench';
const VARIANTS = ['gyre-json', 'gyre-json-metrics', 'gyre-protobuf', 'gyre-http-stream', 'gyre-sse', 'gyre-sockjs', 'ws-baseline', 'ws-baseline-post', 'ws-baseline-msg'] as const;
type Variant = (typeof VARIANTS)[number];
/** The Gyre variants whose subscribers use an HTTP transport (harness/http-subscribers.ts). */
const HTTP_KIND: Partial<Record<Variant, HttpKind>> = { 'gyre-http-stream': 'http_stream', 'gyre-sse': 'sse', 'gyre-sockjs': 'sockjs' };
const isGyre = (v: Variant) => v.startsWith('gyre');
const PEER: Variant = 'ws-baseline';

const options = {
  ...common({ runs: 2, retries: 1 }),
  n: int(1000, 'subscribers', { quick: 50 }),
  m: int(10000, 'publications', { quick: 200 }),
  payload: int(100, 'bytes of filler in every publication'),
  batch: int(50, 'publications per /api/batch request'),
  batchParallel: bool(false, 'send "parallel": true: Gyre runs the batch\'s commands concurrently'),
  inflight: int(4, 'requests in flight'),
  timeout: int(60, 'seconds a run may take at most', { quick: 20 }),
  variants: listOf(VARIANTS, [], 'what runs; by default gyre-json, gyre-protobuf and ws-baseline, or on --engine redis the two Gyre ones'),
  codec: oneOf(['', 'json', 'protobuf'] as const, '', 'keep only this codec of the Gyre WebSocket variants'),
  engine: oneOf(['memory', 'redis'] as const, 'memory', 'engine of the Gyre variants; redis: a private redis-server for the invocation, a fresh prefix per run'),
  workers: int(1, 'Gyre workers (more than 1 needs --engine redis)'),
  baselineFrame: oneOf(FRAME_MODES, 'per-turn', 'what one broadcast frame of ws-baseline holds'),
  gyreConfig: json({}, 'Gyre configuration merged over the bench\'s, e.g. {"client":{"queue_max_size":65536}}'),
  serverNodeArgs: words('node flags of the server processes, e.g. "--cpu-prof --cpu-prof-dir=DIR"'),
  pin: bool(false, 'pin the server to core 0 and this generator to core 1'),
};
type O = Options<typeof options>;

interface Result extends Outcome, Verdict {
  pushBytes: number;
  pubPerS: number;
  publishFailed: number;
  expected: number;
  delivered: number;
  windowS: number;
  deliveredPerS: number;
  frames: number;
  p50Ms: number;
  p99Ms: number;
  /** Close codes of subscribers closed by the server during the run. */
  closes: Record<string, number>;
  cpu: CpuUse;
  /** Server CPU time per delivered message, µs: a cost that does not depend on how fast the generator reads. */
  srvUsPerMsg: number;
}

const DEFAULT_VARIANTS: Variant[] = ['gyre-json', 'gyre-protobuf', 'ws-baseline'];

function variants(o: O): Variant[] {
  if (o.engine === 'memory' && o.workers > 1) throw new Error('--workers > 1 needs --engine redis (the memory engine runs one worker)');
  // On the Redis engine the default set is the Gyre variants only (the peer has no engine).
  let vs = o.variants.length ? o.variants : DEFAULT_VARIANTS.filter((v) => o.engine === 'memory' || isGyre(v));
  if (o.codec) vs = vs.filter((v) => !v.startsWith('gyre') || v === `gyre-${o.codec}`);
  return vs;
}

const label = (v: Variant, o: O) => v + (isGyre(v) && o.engine === 'redis' ? ` redis w${o.workers}` : '') + (o.batchParallel ? ' par' : '');

function startServer(v: Variant, o: O, redis: RedisServer | undefined, prefix: string): Promise<Server> {
  const proc = { pin: o.pin ? 0 : undefined, nodeArgs: o.serverNodeArgs };
  // gyre-json-metrics: the same server with metrics.enabled, so the metrics' cost is a ratio within one invocation.
  const config = v === 'gyre-json-metrics' ? deepMerge(o.gyreConfig, { metrics: { enabled: true } }) : o.gyreConfig;
  if (isGyre(v)) return startGyre({ ...proc, workers: o.workers, redis: redis?.url, prefix, config });
  return startPeer({ ...proc, frame: v === 'ws-baseline-msg' ? 'per-message' : v === 'ws-baseline-post' ? 'per-post' : o.baselineFrame });
}

async function run(v: Variant, runNo: number, o: O, redis: RedisServer | undefined): Promise<Result> {
  if (!isGyre(v)) redis = undefined;
  const codec: Codec = v === 'gyre-protobuf' ? 'protobuf' : 'json';
  const deadline = performance.now() + o.timeout * 1000;
  const filler = 'x'.repeat(o.payload);
  const tracker = new Tracker(o.n, o.m, o.batch);
  const subs = newSubscribers();
  const expected = o.n * o.m;
  const r: Result = {
    ...outcome(),
    ...tracker.verdict(),
    pushBytes: pushBytes(codec, CHANNEL, filler, o.m),
    pubPerS: NaN,
    publishFailed: 0,
    expected,
    delivered: 0,
    windowS: NaN,
    deliveredPerS: NaN,
    frames: 0,
    p50Ms: NaN,
    p99Ms: NaN,
    closes: {},
    cpu: NO_CPU,
    srvUsPerMsg: NaN,
  };
  let server: Server | undefined;
  try {
    server = await startServer(v, o, redis, `fanout${runNo}-${v}-${Date.now()}`);
    const open = { n: o.n, concurrency: 50, url: server.wsUrl, codec, token: token('u1'), channel: CHANNEL };
    const kind = HTTP_KIND[v];
    if (kind) await openHttpAll(kind, server.port, open, tracker, subs, deadline);
    else await openAll(open, tracker, subs, deadline);
    await new Promise((res) => setTimeout(res, 200)); // let the server settle after the connection storm

    const srv = server;
    const w = cpuWindow({ parts: { server: () => treeCpuSeconds(srv.pid), serverSys: () => treeCpuSeconds(srv.pid, 'system'), ...(redis ? { redis: redis.cpuSeconds } : {}) } });
    const frames0 = tracker.frames;
    let aborted = false;
    const stats = newStats();
    const publishing = publish(
      { port: server.port, mode: o.batchParallel ? 'batch-par' : 'batch', channel: () => CHANNEL, data: (s) => seqData(s, filler), batch: o.batch, inflight: o.inflight, total: o.m, stopped: () => aborted },
      stats,
    );
    let pubDone = false;
    void publishing.then(() => (pubDone = true));
    const end = await waitDeliveries(tracker, subs, expected, { publishingDone: () => pubDone, idleMs: 5000, deadlineMs: deadline });
    const endMs = performance.now();
    r.cpu = w.end();
    aborted = true;
    if (end.note) r.notes.push(end.note);
    if (end.timedOut) r.problems.push(`timed out after ${o.timeout} s`);
    if (!(await Promise.race([publishing.then(() => true), new Promise((res) => setTimeout(res, 5000, false))]))) r.notes.push('publisher did not finish within 5 s of the end');

    r.windowS = ((tracker.delivered > 0 ? tracker.lastDeliveryMs : endMs) - stats.startMs) / 1000;
    r.delivered = tracker.delivered;
    r.deliveredPerS = r.windowS > 0 ? tracker.delivered / r.windowS : 0;
    r.frames = tracker.frames - frames0;
    r.publishFailed = stats.failed;
    r.pubPerS = stats.accepted / ((stats.endMs - stats.startMs) / 1000);
    if (stats.failed) r.problems.push(`${stats.failed} publications failed (${stats.firstError})`);
    r.otherPct = r.cpu.other;
    r.srvUsPerMsg = tracker.delivered > 0 ? ((r.cpu.pct['server']! / 100) * r.cpu.wallS * 1e6) / tracker.delivered : NaN;
    Object.assign(r, tracker.latency(), tracker.verdict());
    if (r.missing) r.problems.push(`${r.missing} deliveries missing (${r.incompleteSubs} subscribers incomplete)`);
    if (r.duplicates) r.problems.push(`${r.duplicates} duplicated or unparseable deliveries`);
    if (r.inBatchInversions || r.orderMismatches) r.problems.push(`order: ${r.inBatchInversions} in-batch inversions, ${r.orderMismatches}/${r.orderSampled} sampled orders differ`);
    if (isGyre(v) && o.workers > 1) r.notes.push(`subscribers per worker: ${(await clientsPerWorker(server.port, o.workers)).join(' + ') || '?'}`);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    await endRun(r, subs, server);
  }
  return r;
}

function columns(o: O, redis: boolean): Column<Row<Variant, Result>>[] {
  return [
    ['variant', (x) => x.label],
    runColumn(),
    ['N', () => String(o.n)],
    ['M', () => String(o.m)],
    ['payload B', () => String(o.payload)],
    ['push B', (x) => String(x.r.pushBytes)],
    ['pubs/s', (x) => fmtInt(x.r.pubPerS)],
    ['delivered msgs/s', (x) => fmtInt(x.r.deliveredPerS)],
    ['window s', (x) => fmt2(x.r.windowS)],
    ['delivered', (x) => `${x.r.delivered}/${x.r.expected}`],
    ['msgs/frame', (x) => fmt1(x.r.frames ? x.r.delivered / x.r.frames : NaN)],
    ...percentileColumns<Row<Variant, Result>>('', (x) => x.r),
    ...cpuColumns<Row<Variant, Result>>((x) => x.r.cpu, { 'srv CPU %': 'server', ...(redis ? { 'redis CPU %': 'redis' } : {}) }),
    ['srv µs/msg', (x) => fmt2(x.r.srvUsPerMsg)],
    // The kernel's part of the server's CPU: its socket writes, and on loopback the receiving side's TCP work too.
    ['srv kernel %', (x) => fmtInt((100 * x.r.cpu.pct['serverSys']!) / x.r.cpu.pct['server']!)],
    ['lost', (x) => String(x.r.missing)],
    ['dup', (x) => String(x.r.duplicates)],
    ['order', (x) => (x.r.inBatchInversions === 0 && x.r.orderMismatches === 0 ? 'ok' : `inv ${x.r.inBatchInversions}, ${x.r.orderMismatches}/${x.r.orderSampled} differ`)],
    ['closes', (x) => fmtCounts(x.r.closes)],
  ];
}

export const scenario: Scenario<typeof options, Variant, Result, RedisServer | undefined> = {
  name: 'fanout',
  title: 'N subscribers of one channel, M publications through /api/batch; Gyre against a bare ws broadcast server',
  about: `
Every delivery is counted and checked (lost, duplicated, out of order, closed by the server). Gyre's JSON and
protobuf WebSocket clients (or its HTTP-streaming, SSE and SockJS ones) against the bare ws peer
(bench/harness/ws-peer.ts) with the same load generator. Extra variants: gyre-json-metrics (gyre-json with
metrics.enabled), ws-baseline-post (one frame per POST)
and ws-baseline-msg (one frame per publication). --engine redis runs the Gyre variants on a private
redis-server with --workers workers; its CPU gets a column of its own. The ratio is delivered msgs/s against
ws-baseline's, median against median.`,
  options,
  header: (o) =>
    `N=${o.n} subscribers, M=${o.m} publications of ${o.payload} B filler, /api/batch ×${o.batch}${o.batchParallel ? ' (parallel)' : ''}, ` +
    `${o.inflight} in flight, timeout ${o.timeout} s/run` +
    (o.pin ? '; server pinned to core 0, generator to core 1' : '') +
    (o.engine === 'redis' ? `; Gyre on the Redis engine, ${o.workers} worker(s)` : ''),
  async setup(o) {
    if (o.pin) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    return o.engine === 'redis' && variants(o).some(isGyre) ? await startRedis() : undefined;
  },
  variants,
  key: (v) => v,
  label,
  run: (v, runNo, o, redis) => run(v, runNo, o, redis),
  summary: (r) => `${fmtInt(r.deliveredPerS)} delivered msgs/s, ${fmtInt(r.pubPerS)} pubs/s, ${r.delivered}/${r.expected} delivered in ${fmt2(r.windowS)} s, p50 ${fmt1(r.p50Ms)} ms, p99 ${fmt1(r.p99Ms)} ms`,
  sum: ['missing', 'duplicates', 'inBatchInversions', 'orderMismatches', 'orderSampled', 'incompleteSubs', 'delivered', 'expected', 'frames', 'closes', 'publishFailed'],
  report(res, o, redis) {
    const cols = columns(o, !!redis);
    const peer = res.median(PEER);
    // Loss, duplicates, order and closes are summed over the runs in the medians.
    printRuns(res, cols, o, { ratios: [[`ratio to ${PEER} (delivered msgs/s)`, (x) => fmtRatio(x.r.deliveredPerS, peer?.deliveredPerS ?? NaN)]] });
  },
};
