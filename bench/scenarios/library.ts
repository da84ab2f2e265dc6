/**
 * Gyre embedded as a library (src/library): what the node's process spends on
 * the same work done different ways, each node an embedded `Gyre` in a child
 * process of its own (this file, forked with role `node`), measured by that
 * process's CPU from /proc.
 *
 * - Connects: N raw clients (generator processes, harness/generator.ts) connect and subscribe in one frame, and
 *   stay. `connect-handlers`: no token; the node's onConnecting and onSubscribe handlers decide in process.
 *   `connect-proxy`: no token; the same node configured with proxy.connect_endpoint and proxy.subscribe_endpoint
 *   asks a minimal node:http backend (this file, role `backend`, a process of its own) answering the same.
 *   `connect-jwt`: an HS256 connection token each, the channel open to clients (the peer of the ratios).
 * - Publishes: M subscribers of one channel (raw sockets in the bench process, every delivery counted);
 *   `publish-library`: gyre.publish() called in the node's own process; `publish-http`: POST /api/publish
 *   from the bench process. The same number of calls in flight, the same data; unpaced, and paced at the same
 *   rate either way (`-paced`).
 *
 *   forked as: node library.js node <json>    (an embedded node; IPC: ready, stats, publish)
 *              node library.js backend <port> (the proxy backend; IPC: ready, stats)
 */
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { gyreEnv } from '../../test/helpers/process';
import { freePort, sleep } from '../../test/helpers/server';
import { int, listOf, num, type Options, words } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU, processCpuSeconds, treeCpuSeconds } from '../harness/cpu';
import { Generators } from '../harness/generators';
import { ask, forkReady, type Message } from '../harness/procs';
import { newStats, publish, seqData } from '../harness/publisher';
import { type Column, cpuColumns, fmt1, fmtInt, fmtRatio, percentileColumns, printTable } from '../harness/report';
import { errorProblem, type Outcome, outcome, printRuns, progress, type Row, runColumn } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { API_KEY, SECRET, token } from '../harness/servers';
import { endAll, newSubscribers, openAll, Tracker, waitDeliveries } from '../harness/subscribers';

const VARIANTS = ['connect-handlers', 'connect-proxy', 'connect-jwt', 'publish-library', 'publish-http', 'publish-library-paced', 'publish-http-paced'] as const;
type Variant = (typeof VARIANTS)[number];
type Mode = 'handlers' | 'proxy' | 'jwt';
const modeOf = (v: Variant): Mode => (v === 'connect-handlers' ? 'handlers' : v === 'connect-proxy' ? 'proxy' : 'jwt');
const isConnect = (v: Variant) => v.startsWith('connect');
const isPaced = (v: Variant) => v.endsWith('-paced');
/** The peer of a variant's ratios: JWT for connects, HTTP at the same pace for publishes. */
const peerOf = (v: Variant): Variant => (isConnect(v) ? 'connect-jwt' : isPaced(v) ? 'publish-http-paced' : 'publish-http');
/** The channel the publish variants' subscribers hold. */
const PUB_CHANNEL = 'bench';
/** Where the warm-up publications go: no subscriber, only the API path is warmed. */
const WARM_CHANNEL = 'warm';

const options = {
  ...common({ runs: 3, retries: 1, maxOther: 50, waitQuiet: 2 }),
  variants: listOf(VARIANTS, [...VARIANTS], 'what runs; ratios: connects against connect-jwt, publishes against publish-http (the paced ones against publish-http-paced)'),
  n: int(3000, 'connects per connect run (each subscribes to one channel and stays)', { quick: 200 }),
  warmConnects: int(300, 'connects before the measured ones (not measured; they leave at once), to warm each path', { min: 0, quick: 20 }),
  concurrency: int(100, 'connects in flight at once', { quick: 20 }),
  channels: int(100, 'each connection subscribes to one of this many channels'),
  subs: int(100, 'subscribers of the published channel', { quick: 10 }),
  pubs: int(10_000, 'publications per unpaced publish run (plus a tenth as a warm-up into a channel without subscribers)', { quick: 500 }),
  inflight: int(16, 'publish calls in flight, either way'),
  rate: int(2000, 'publications/s of the paced variants, either way'),
  pacedSeconds: num(2, 'seconds of publications of a paced run (rate × this many, plus a tenth as a warm-up)', { quick: 0.25 }),
  payload: int(100, 'bytes of filler in every publication'),
  queueMax: int(
    64 * 1024 * 1024,
    "the node's client.queue_max_size, bytes: at the default 1 MiB the unpaced gyre.publish() loop gets every subscriber closed as slow (3008), its output cannot drain while the loop runs",
  ),
  nodeArgs: words('node flags of the embedded node process, e.g. "--cpu-prof --cpu-prof-dir=DIR"'),
};
type O = Options<typeof options>;

// ---- the child processes ------------------------------------------------------------------------

interface NodeSpec {
  port: number;
  mode: Mode;
  /** The proxy backend's port (mode proxy). */
  backendPort?: number;
  /** client.queue_max_size. */
  queueMax: number;
}

interface PublishCommand extends Message {
  type: 'publish';
  channel: string;
  total: number;
  inflight: number;
  /** Publications started per second at most (0: as fast as `inflight` allows). */
  ratePerS: number;
  payload: number;
  /** The bench process's performance.timeOrigin: `ts` in the data is on its clock (harness/publisher.ts nowUs). */
  origin: number;
}

interface Published extends Message {
  accepted: number;
  failed: number;
  firstError?: string;
  ms: number;
}

interface Calls extends Message {
  connect: number;
  subscribe: number;
}

/** The embedded node: Gyre.create with the bench's configuration, handlers in mode `handlers`, listening on its port. */
async function nodeMain(spec: NodeSpec): Promise<void> {
  // Relative, not require('gyre'): the library as this build compiled it.
  const { Gyre } = require('../../src/library') as typeof import('../../src/library');
  const proxy = spec.mode === 'proxy' ? { connect_endpoint: `http://127.0.0.1:${spec.backendPort}/connect`, subscribe_endpoint: `http://127.0.0.1:${spec.backendPort}/subscribe` } : {};
  const gyre = await Gyre.create({
    config: {
      engine: 'memory',
      token: { hmac_secret: SECRET },
      api: { key: API_KEY },
      log: { level: 'warn' },
      shutdown_timeout: 1,
      client: { queue_max_size: spec.queueMax },
      proxy,
      channel: {
        allow_subscribe_for_client: true,
        namespaces: [
          { name: 'jwt', allow_subscribe_for_client: true },
          { name: 'app', proxy_subscribe: true },
        ],
      },
    },
  });
  const calls: Calls = { type: 'calls', connect: 0, subscribe: 0 };
  if (spec.mode === 'handlers') {
    // What the backend answers (below): a user named after the connection, every subscription allowed.
    gyre.onConnecting((e) => {
      calls.connect++;
      return { user: `u-${e.client}` };
    });
    gyre.onSubscribe(() => {
      calls.subscribe++;
      return {};
    });
  }
  await gyre.listen(spec.port, '127.0.0.1');
  process.on('message', (m: Message) => {
    if (m.type === 'calls') process.send!(calls);
    else if (m.type === 'publish') void publishLoop(gyre, m as PublishCommand);
    else if (m.type === 'exit') process.exit(0);
  });
  process.send!({ type: 'ready' });
}

/** Publishes from the application's code: `inflight` loops awaiting gyre.publish(), paced or not, as publisher.ts does over HTTP. */
async function publishLoop(gyre: import('../../src/library').Gyre, m: PublishCommand): Promise<void> {
  const filler = 'x'.repeat(m.payload);
  const shift = performance.timeOrigin - m.origin;
  let next = 0;
  const out: Published = { type: 'published', accepted: 0, failed: 0, ms: NaN };
  const t0 = performance.now();
  const one = async (): Promise<void> => {
    while (next < m.total) {
      if (m.ratePerS) {
        const wait = t0 + (next * 1000) / m.ratePerS - performance.now();
        if (wait > 0) await sleep(wait);
        if (next >= m.total) break;
      }
      const seq = next++;
      try {
        // The same data as seqData's text: seq, ts (µs on the bench's clock), payload.
        await gyre.publish(m.channel, { seq, ts: Math.round((shift + performance.now()) * 1000), payload: filler });
        out.accepted++;
      } catch (err) {
        out.failed++;
        out.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: m.inflight }, one));
  out.ms = performance.now() - t0;
  process.send!(out);
}

/** The proxy backend: answers connect with the same user as the handler, subscribe with an empty result. */
function backendMain(port: number): void {
  const calls: Calls = { type: 'calls', connect: 0, subscribe: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { client: string };
      let answer: string;
      if (req.url === '/connect') {
        calls.connect++;
        answer = JSON.stringify({ result: { user: `u-${body.client}` } });
      } else {
        calls.subscribe++;
        answer = '{"result":{}}';
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer);
    });
  });
  server.listen(port, '127.0.0.1', () => process.send!({ type: 'ready' }));
  process.on('message', (m: Message) => {
    if (m.type === 'calls') process.send!(calls);
    else if (m.type === 'exit') process.exit(0);
  });
}

// ---- runs ---------------------------------------------------------------------------------------

interface Result extends Outcome {
  /** Connects or publications in the measured part. */
  count: number;
  seconds: number;
  perS: number;
  cpu: CpuUse;
  /** The node process's CPU per connect or publication, µs. */
  nodeUs: number;
  /** The proxy backend's, µs (connect-proxy). */
  backendUs: number;
  /** Handler or backend calls seen (connect + subscribe), warm-up included. */
  calls: number;
  /** Publish runs: deliveries counted, publications/s until the last delivery, publication → delivery latency. */
  delivered: number;
  deliveredPerS: number;
  p50Ms: number;
  p99Ms: number;
}

const newResult = (): Result => ({ ...outcome(), count: 0, seconds: NaN, perS: NaN, cpu: NO_CPU, nodeUs: NaN, backendUs: NaN, calls: 0, delivered: 0, deliveredPerS: NaN, p50Ms: NaN, p99Ms: NaN });

interface Ctx {
  generators?: Generators;
  /** One HS256 token per connect-jwt client. */
  tokens: string[];
  /** Channels subscribed to: jwt:c<i> (open to clients) and app:c<i> (proxy_subscribe). */
  channels: Record<'jwt' | 'app', string[]>;
}

const SELF = __filename;

async function startNode(mode: Mode, o: O, backendPort?: number): Promise<{ proc: ChildProcess; port: number }> {
  const port = await freePort();
  const spec: NodeSpec = { port, mode, backendPort, queueMax: o.queueMax };
  const proc = await forkReady(SELF, ['node', JSON.stringify(spec)], { env: gyreEnv(), execArgv: o.nodeArgs });
  return { proc, port };
}

/** Asks a child to exit (so that --cpu-prof writes its profile), killing it if it has not within 3 s. */
async function stopProc(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  const kill = setTimeout(() => p.kill('SIGKILL'), 3000);
  if (p.connected) p.send({ type: 'exit' });
  else p.kill('SIGKILL');
  await gone;
  clearTimeout(kill);
}

async function runConnect(v: Variant, o: O, c: Ctx): Promise<Result> {
  const r = newResult();
  const mode = modeOf(v);
  const generators = c.generators!;
  let node: ChildProcess | undefined;
  let backend: ChildProcess | undefined;
  try {
    let backendPort: number | undefined;
    if (mode === 'proxy') {
      backendPort = await freePort();
      backend = await forkReady(SELF, ['backend', String(backendPort)], { env: gyreEnv() });
    }
    const started = await startNode(mode, o, backendPort);
    node = started.proc;
    const url = `ws://127.0.0.1:${started.port}/connection/websocket`;
    const spec = {
      url,
      concurrency: o.concurrency,
      tokens: mode === 'jwt' ? c.tokens : '', // "" is no token: the connect handler or proxy decides
      channels: c.channels[mode === 'jwt' ? 'jwt' : 'app'],
    };
    if (o.warmConnects) {
      const warm = await generators.open({ ...spec, n: o.warmConnects, keep: false, what: 'warm-up connects' });
      if (warm.failed) throw new Error(`${warm.failed} warm-up connects failed: ${warm.firstError}`);
    }
    await sleep(300);
    const nodePid = node.pid!;
    const backendPid = backend?.pid;
    const w = cpuWindow({
      parts: {
        node: () => processCpuSeconds(nodePid),
        backend: () => (backendPid ? processCpuSeconds(backendPid) : 0),
        generators: () => generators.pids().reduce((s, p) => s + treeCpuSeconds(p), 0),
      },
    });
    const opened = await generators.open({ ...spec, n: o.n, keep: true, what: 'connects' });
    r.cpu = w.end();
    r.otherPct = r.cpu.other;
    if (opened.failed) r.problems.push(`${opened.failed} of ${o.n} connects failed: ${opened.firstError}`);
    r.count = opened.ok;
    r.seconds = opened.ms / 1000;
    r.perS = opened.ok / r.seconds;
    const us = (part: string) => ((r.cpu.pct[part]! / 100) * r.cpu.wallS * 1e6) / opened.ok;
    r.nodeUs = us('node');
    r.backendUs = backend ? us('backend') : NaN;
    const asked = mode === 'handlers' ? node : backend;
    if (asked) {
      const calls = await ask<Calls>(asked, { type: 'calls' }, 'calls');
      r.calls = calls.connect + calls.subscribe;
      const expected = 2 * (o.n + o.warmConnects);
      if (r.calls !== expected) r.problems.push(`${calls.connect} connect and ${calls.subscribe} subscribe calls, ${expected / 2} of each expected`);
    }
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    // The server side goes first (its sockets take the TIME_WAIT), then the generators let go of theirs.
    await stopProc(node);
    await stopProc(backend);
    await generators.close();
  }
  return r;
}

/** Publications of a measured publish run. */
const pubsOf = (v: Variant, o: O) => (isPaced(v) ? Math.max(1, Math.round(o.rate * o.pacedSeconds)) : o.pubs);

async function runPublish(v: Variant, o: O): Promise<Result> {
  const r = newResult();
  let node: ChildProcess | undefined;
  const subs = newSubscribers();
  try {
    const started = await startNode('jwt', o);
    node = started.proc;
    const total = pubsOf(v, o);
    const tracker = new Tracker(o.subs, total, 1);
    await openAll({ n: o.subs, concurrency: 50, url: `ws://127.0.0.1:${started.port}/connection/websocket`, codec: 'json', token: token('subscriber'), channel: PUB_CHANNEL }, tracker, subs, performance.now() + 20_000);
    const filler = 'x'.repeat(o.payload);
    const ratePerS = isPaced(v) ? o.rate : 0;
    const warm = Math.ceil(total / 10);
    const load = async (channel: string, n: number): Promise<{ accepted: number; failed: number; firstError?: string; ms: number }> => {
      if (v.startsWith('publish-library')) {
        const cmd: PublishCommand = { type: 'publish', channel, total: n, inflight: o.inflight, ratePerS, payload: o.payload, origin: performance.timeOrigin };
        return ask<Published>(node!, { ...cmd }, 'published');
      }
      const s = await publish({ port: started.port, mode: 'publish', channel: () => channel, data: (seq) => seqData(seq, filler), inflight: o.inflight, total: n, ratePerS: ratePerS || undefined }, newStats());
      return { ...s, ms: s.endMs - s.startMs };
    };
    const warmed = await load(WARM_CHANNEL, warm);
    if (warmed.failed) throw new Error(`${warmed.failed} warm-up publications failed: ${warmed.firstError}`);
    await sleep(300);
    const nodePid = node.pid!;
    const w = cpuWindow({ parts: { node: () => processCpuSeconds(nodePid) } });
    let done = false;
    const t0 = performance.now();
    const loading = load(PUB_CHANNEL, total).finally(() => (done = true));
    const waited = await waitDeliveries(tracker, subs, o.subs * total, { publishingDone: () => done, idleMs: 2000, deadlineMs: performance.now() + 60_000 });
    const s = await loading;
    r.cpu = w.end();
    r.otherPct = r.cpu.other;
    r.count = s.accepted;
    r.seconds = s.ms / 1000;
    r.perS = s.accepted / r.seconds;
    r.nodeUs = ((r.cpu.pct['node']! / 100) * r.cpu.wallS * 1e6) / s.accepted;
    r.delivered = tracker.delivered;
    r.deliveredPerS = s.accepted / ((tracker.lastDeliveryMs - t0) / 1000);
    const lat = tracker.latency();
    r.p50Ms = lat.p50Ms;
    r.p99Ms = lat.p99Ms;
    if (s.failed) r.problems.push(`${s.failed} publication(s) failed: ${s.firstError}`);
    if (waited.note) r.problems.push(waited.note);
    const verdict = tracker.verdict();
    if (verdict.missing || verdict.duplicates) r.problems.push(`${verdict.missing} deliveries missing, ${verdict.duplicates} duplicated`);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    endAll(subs);
    await stopProc(node);
  }
  return r;
}

// ---- report -------------------------------------------------------------------------------------

type R = Row<Variant, Result>;

const LABELS: Record<Variant, string> = {
  'connect-handlers': 'in-process handlers',
  'connect-proxy': 'HTTP proxy',
  'connect-jwt': 'HS256 JWT',
  'publish-library': 'gyre.publish()',
  'publish-http': 'POST /api/publish',
  'publish-library-paced': 'gyre.publish(), paced',
  'publish-http-paced': 'POST /api/publish, paced',
};

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'library',
  title: 'an embedded node: in-process handlers against the HTTP proxy and JWTs per connect, gyre.publish() against /api/publish',
  about: `
Every run starts an embedded node of its own (Gyre.create + listen, memory engine) in a child process and measures
that process's CPU (/proc), so the figures are the node's whatever else runs.

Connects: after --warm-connects unmeasured ones, --n clients (one generator process, raw ws clients of
harness/generator.ts) send connect and subscribe in one frame, --concurrency at a time, and stay. connect-handlers:
no token, onConnecting answers {user: "u-<client id>"} and onSubscribe {} in the node's process (their cost is in
the node's CPU). connect-proxy: no token, the node asks a node:http backend in another process over
proxy.connect_endpoint and proxy.subscribe_endpoint (namespace proxy_subscribe), which answers the same; the
backend's CPU is its own column, and "node+backend" adds the two. connect-jwt: an HS256 token of its own per
client, a namespace open to clients: the peer. Checks: every connect answered; the handlers or the backend were
asked exactly once per connect and per subscribe.

Publishes: --subs subscribers (raw ws in the bench process, every delivery counted, loss and duplicates checked)
hold channel "${PUB_CHANNEL}"; publications of {seq, ts, payload} with --inflight calls in flight, after a tenth as
many into a channel without subscribers as a warm-up. publish-library: gyre.publish() in the node's process
(ordered over IPC); publish-http: POST /api/publish from the bench process over a keep-alive agent: the peer.
Unpaced: --pubs publications as fast as the calls go. Paced (-paced): --rate publications/s for --paced-seconds,
either way: the same load on the node, so its CPU per publication compares the two ways in, not how many
publications one turn of the event loop gathers into a frame. The node's CPU is taken from the first publication
until every delivery arrived, divided by the publications; "acked/s" counts answered calls, "delivered/s"
publications over the time until the last delivery. Ratios are within the invocation; medians of --runs
interleaved runs.`,
  options,
  header: (o) =>
    `${o.n} connects (${o.concurrency} in flight, one subscribe each over ${o.channels} channels, ${o.warmConnects} warm-up); ` +
    `${o.pubs} publications unpaced, ${fmtInt(o.rate * o.pacedSeconds)} at ${o.rate}/s paced (${o.inflight} in flight, ${o.payload} B filler) to ${o.subs} subscribers; embedded node in a child process, memory engine`,
  async setup(o) {
    const connects = o.variants.some(isConnect);
    const t0 = performance.now();
    const tokens = o.variants.includes('connect-jwt') ? Array.from({ length: o.n + o.warmConnects }, (_, i) => token(`u${i}`)) : [];
    if (tokens.length) progress(`signed ${tokens.length} HS256 tokens in ${Math.round(performance.now() - t0)} ms`);
    const channels = { jwt: Array.from({ length: o.channels }, (_, i) => `jwt:c${i}`), app: Array.from({ length: o.channels }, (_, i) => `app:c${i}`) };
    return { generators: connects ? await Generators.start(1) : undefined, tokens, channels };
  },
  variants: (o) => o.variants,
  key: (v) => v,
  label: (v) => LABELS[v],
  run: (v, _run, o, c) => (isConnect(v) ? runConnect(v, o, c) : runPublish(v, o)),
  summary: (r) =>
    `${fmtInt(r.count)} in ${fmt1(r.seconds)} s = ${fmtInt(r.perS)}/s${r.delivered ? ` (${fmtInt(r.deliveredPerS)}/s delivered)` : ''}, node ${fmtInt(r.cpu.pct['node'] ?? NaN)}% = ${fmt1(r.nodeUs)} µs each` +
    `${Number.isFinite(r.backendUs) ? `, backend ${fmt1(r.backendUs)} µs` : ''}${r.delivered ? `, ${fmtInt(r.delivered)} delivered` : ''}, other ${fmtInt(r.cpu.other)}%`,
  sum: ['calls'],
  async after(_o, c) {
    await c.generators?.stop();
  },
  report(res, o) {
    const connectCols: Column<R>[] = [
      ['auth', (x) => x.label],
      runColumn(),
      ['connects', (x) => fmtInt(x.r.count)],
      ['connects/s', (x) => fmtInt(x.r.perS)],
      ...cpuColumns<R>((x) => x.r.cpu, { 'node CPU %': 'node', 'backend CPU %': 'backend', 'generator CPU %': 'generators' }, { gen: false }),
      ['node µs/connect', (x) => fmt1(x.r.nodeUs)],
      ['backend µs/connect', (x) => fmt1(x.r.backendUs)],
      ['node+backend µs/connect', (x) => fmt1(x.r.nodeUs + (Number.isFinite(x.r.backendUs) ? x.r.backendUs : 0))],
    ];
    const jwt = res.median('connect-jwt');
    const total = (x: Result) => x.nodeUs + (Number.isFinite(x.backendUs) ? x.backendUs : 0);
    if (res.kept.some((k) => isConnect(k.variant))) {
      printRuns(res, connectCols, o, {
        title: 'Connects (connect + subscribe)',
        only: (x) => isConnect(x.variant),
        ratios: [
          ['ratio to JWT (connects/s)', (x) => fmtRatio(x.r.perS, jwt?.perS ?? NaN)],
          ['ratio to JWT (node µs)', (x) => fmtRatio(x.r.nodeUs, jwt?.nodeUs ?? NaN)],
          ['ratio to JWT (node+backend µs)', (x) => fmtRatio(total(x.r), jwt ? total(jwt) : NaN)],
        ],
      });
    }
    const peer = (x: R) => res.median(peerOf(x.variant));
    const publishCols: Column<R>[] = [
      ['publish', (x) => x.label],
      runColumn(),
      ['publications', (x) => fmtInt(x.r.count)],
      ['acked/s', (x) => fmtInt(x.r.perS)],
      ['delivered/s', (x) => fmtInt(x.r.deliveredPerS)],
      ['deliveries', (x) => fmtInt(x.r.delivered)],
      ...percentileColumns<R>('delivery', (x) => x.r),
      ...cpuColumns<R>((x) => x.r.cpu, { 'node CPU %': 'node' }),
      ['node µs/pub', (x) => fmt1(x.r.nodeUs)],
    ];
    if (res.kept.some((k) => !isConnect(k.variant))) {
      printRuns(res, publishCols, o, {
        title: `Publishes to ${o.subs} subscribers`,
        only: (x) => !isConnect(x.variant),
        ratios: [
          ['ratio to HTTP (delivered/s)', (x) => fmtRatio(x.r.deliveredPerS, peer(x)?.deliveredPerS ?? NaN)],
          ['ratio to HTTP (node µs/pub)', (x) => fmtRatio(x.r.nodeUs, peer(x)?.nodeUs ?? NaN)],
        ],
      });
    }
    printTable(
      'Side by side (medians; each ratio against HS256 JWT for connects, POST /api/publish at the same pace for publishes):',
      [
        ['work', (x: R) => (isConnect(x.variant) ? 'connect + subscribe' : isPaced(x.variant) ? `publish at ${fmtInt(o.rate)}/s` : 'publish, unpaced')],
        ['way', (x) => x.label],
        ['per s', (x) => fmtInt(isConnect(x.variant) ? x.r.perS : x.r.deliveredPerS)],
        ['node µs each', (x) => fmt1(x.r.nodeUs)],
        ['backend µs each', (x) => fmt1(x.r.backendUs)],
        ['ratio (per s)', (x) => (isConnect(x.variant) ? fmtRatio(x.r.perS, peer(x)?.perS ?? NaN) : fmtRatio(x.r.deliveredPerS, peer(x)?.deliveredPerS ?? NaN))],
        ['ratio (node µs)', (x) => fmtRatio(x.r.nodeUs, peer(x)?.nodeUs ?? NaN)],
      ],
      res.medians,
    );
  },
};

// ---- forked as a child: an embedded node or the proxy backend --------------------------------------

if (require.main === module) {
  const [role, arg] = process.argv.slice(2);
  if (role === 'node') {
    nodeMain(JSON.parse(arg!) as NodeSpec).catch((err) => {
      console.error(err);
      process.exit(1);
    });
  } else if (role === 'backend') backendMain(Number(arg));
  else {
    console.error('library.js is a scenario of bench/run.js; forked as "node <json>" or "backend <port>"');
    process.exit(1);
  }
}
