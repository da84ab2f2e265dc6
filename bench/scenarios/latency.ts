/**
 * Publish → deliver latency at a given publication rate: N subscribers of
 * one channel, publications through `/api/publish` paced at R per second for
 * a window, each delivery timed (publication time in its data) and checked;
 * p50 and p99 for Gyre against the bare ws peer at the same rates.
 */
import { int, ints, listOf, num, type Options } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU, treeCpuSeconds } from '../harness/cpu';
import { newStats, publish, seqData } from '../harness/publisher';
import { fmt1, fmt2, fmtInt, fmtRatio, type Column, cpuColumns, percentileColumns } from '../harness/report';
import { errorProblem, type Outcome, outcome, printRuns, type Row, runColumn } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { type Server, startGyre, startPeer, token } from '../harness/servers';
import { endAll, newSubscribers, openAll, Tracker, waitDeliveries } from '../harness/subscribers';

const SERVERS = ['gyre', 'ws'] as const;
type ServerName = (typeof SERVERS)[number];
interface Variant {
  server: ServerName;
  rate: number;
}
const CHANNEL = 'bench';

const options = {
  ...common({ runs: 2, retries: 1, maxOther: 30 }),
  n: int(1000, 'subscribers', { quick: 50 }),
  rates: ints([100, 200, 400, 800], 'publications per second', { quick: [100, 400] }),
  window: num(5, 'seconds of publishing at each rate', { quick: 0.5 }),
  warmup: num(1, 'seconds of publishing at the rate before the window, not timed: each rate runs on a fresh server, whose code is not yet optimised', { quick: 0 }),
  payload: int(100, 'bytes of filler in every publication'),
  inflight: int(16, 'requests in flight at most (the pace sets how many are)'),
  servers: listOf(SERVERS, [...SERVERS], 'gyre (memory engine, JSON clients) and ws (the bare ws peer)'),
};
type O = Options<typeof options>;

interface Result extends Outcome {
  pubPerS: number;
  delivered: number;
  expected: number;
  missing: number;
  duplicates: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpu: CpuUse;
}

async function run(v: Variant, o: O): Promise<Result> {
  const m = Math.max(1, Math.round(v.rate * o.window));
  const warm = Math.round(v.rate * o.warmup);
  const r: Result = { ...outcome(), pubPerS: NaN, delivered: 0, expected: o.n * (warm + m), missing: 0, duplicates: 0, p50Ms: NaN, p99Ms: NaN, maxMs: NaN, cpu: NO_CPU };
  const tracker = new Tracker(o.n, warm + m, 1);
  const subs = newSubscribers();
  const filler = 'x'.repeat(o.payload);
  let server: Server | undefined;
  try {
    server = v.server === 'gyre' ? await startGyre() : await startPeer();
    const deadline = performance.now() + 60_000 + o.window * 2000;
    await openAll({ n: o.n, concurrency: 50, url: server.wsUrl, codec: 'json', token: token('u1'), channel: CHANNEL }, tracker, subs, deadline);
    await new Promise((res) => setTimeout(res, 200));
    if (warm > 0) {
      // At the 100/s rate a 5 s window has 500 publications: a cold server's first few would be its p99.
      const warming = publish({ port: server.port, mode: 'publish', channel: () => CHANNEL, data: (s) => seqData(s, filler), inflight: o.inflight, ratePerS: v.rate, total: warm }, newStats());
      let warmed = false;
      void warming.then(() => (warmed = true));
      const end = await waitDeliveries(tracker, subs, o.n * warm, { publishingDone: () => warmed, idleMs: 3000, deadlineMs: deadline });
      if (end.note) r.problems.push(`warm-up: ${end.note}`);
      tracker.restartLatency();
    }
    const srv = server;
    const w = cpuWindow({ parts: { server: () => treeCpuSeconds(srv.pid) } });
    const stats = newStats();
    let done = false;
    const publishing = publish({ port: server.port, mode: 'publish', channel: () => CHANNEL, data: (s) => seqData(warm + s, filler), inflight: o.inflight, ratePerS: v.rate, total: m }, stats);
    void publishing.then(() => (done = true));
    const end = await waitDeliveries(tracker, subs, r.expected, { publishingDone: () => done, idleMs: 3000, deadlineMs: deadline });
    r.cpu = w.end();
    await publishing;
    r.otherPct = r.cpu.other;
    if (end.note) r.problems.push(end.note);
    r.pubPerS = stats.accepted / ((stats.endMs - stats.startMs) / 1000);
    if (stats.failed) r.problems.push(`${stats.failed} publications failed (${stats.firstError})`);
    Object.assign(r, tracker.latency());
    const verdict = tracker.verdict();
    r.delivered = tracker.delivered;
    r.missing = verdict.missing;
    r.duplicates = verdict.duplicates;
    if (r.missing || r.duplicates) r.problems.push(`${r.missing} deliveries missing, ${r.duplicates} duplicated`);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    endAll(subs);
    await server?.stop(4000);
  }
  return r;
}

type R = Row<Variant, Result>;
const key = (v: Variant) => `${v.server}@${v.rate}`;

export const scenario: Scenario<typeof options, Variant, Result> = {
  name: 'latency',
  title: 'p50/p99 publish → deliver with N subscribers at given publication rates, Gyre against a bare ws server',
  about: `
N raw WebSocket subscribers (JSON) of one channel; publications through /api/publish, one per request, paced at
each rate for --window s. Every delivery is checked (none lost or duplicated); latency is from the moment the
publication's request body was built (its data carries the time) to its arrival, over every delivery to a sample
of the subscribers (one in a hundred). Gyre runs the memory engine with one worker; the peer is the bare ws
broadcast server (bench/harness/ws-peer.ts) with the same publishers and subscribers, in this process both.
Ratios: Gyre's p99 (and p50) against the peer's at the same rate.`,
  options,
  header: (o) => `${o.n} subscribers, rates ${o.rates.join(',')} publications/s for ${o.window} s each, ${o.payload} B filler`,
  variants: (o) => o.servers.flatMap((server) => o.rates.map((rate) => ({ server, rate }))),
  key,
  run: (v, _run, o) => run(v, o),
  summary: (r) => `p50 ${fmt1(r.p50Ms)} ms, p99 ${fmt1(r.p99Ms)} ms at ${fmtInt(r.pubPerS)} pubs/s, ${r.delivered}/${r.expected} delivered`,
  sum: ['missing', 'duplicates', 'delivered', 'expected'],
  report(res, o) {
    const cols: Column<R>[] = [
      ['server', (x) => x.variant.server],
      ['rate /s', (x) => String(x.variant.rate)],
      runColumn(),
      ['pubs/s', (x) => fmtInt(x.r.pubPerS)],
      ['delivered', (x) => `${x.r.delivered}/${x.r.expected}`],
      ...percentileColumns<R>('', (x) => x.r, fmt2),
      ['max ms', (x) => fmt1(x.r.maxMs)],
      ...cpuColumns<R>((x) => x.r.cpu, { 'server CPU %': 'server' }),
    ];
    const peer = (x: R) => res.median(key({ server: 'ws', rate: x.variant.rate }));
    printRuns(res, cols, o, { ratios: [['p99 ratio to ws', (x) => fmtRatio(x.r.p99Ms, peer(x)?.p99Ms ?? NaN)], ['p50 ratio to ws', (x) => fmtRatio(x.r.p50Ms, peer(x)?.p50Ms ?? NaN)]] });
  },
};
