/**
 * A reconnect storm with recovery: C clients subscribed to K channels (with
 * history) all lose their connections at once; meanwhile P publications go
 * to every channel; then all reconnect at once and recover (subscribe with
 * recover, offset, epoch). Measured: the time until every client has every
 * publication it missed (none lost, none out of sequence), a bystander's
 * request p99 while it happens, and how late a live publication arrives.
 * Gyre on the memory engine and on the Redis engine with 2 workers, against
 * the bare ws peer taking the same storm: without history (it answers at
 * once and has nothing to recover: the floor of C simultaneous reconnects),
 * and with an in-memory history it recovers from (ws-history: the floor of
 * the same storm, the same recovered bytes, without auth or checks).
 */
import { int, listOf, num, type Options } from '../harness/cli';
import { cpuWindow, treeCpuSeconds } from '../harness/cpu';
import { Generators } from '../harness/generators';
import { type LiveClients, liveClients, within } from '../harness/live';
import { publish, type PublishStats, seqData } from '../harness/publisher';
import { type RedisServer, startRedis } from '../harness/redis';
import { fmt1, fmt2, fmtInt, fmtRatio, type Column } from '../harness/report';
import { errorProblem, type Outcome, outcome, printRuns, progress, type Row, runColumn } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { type Server, startGyre, startPeer, token } from '../harness/servers';
import { percentile, sorted } from '../harness/stats';

const VARIANTS = ['gyre-memory', 'gyre-redis', 'ws', 'ws-history'] as const;
type Variant = (typeof VARIANTS)[number];
const NS = 'storm';
const LIVE = `${NS}:live`;

const options = {
  ...common({ runs: 2, retries: 1, maxOther: 30 }),
  clients: int(10_000, 'clients in the storm (one generator process, 18,000 at most)', { quick: 200 }),
  channels: int(100, 'channels they are subscribed to (client i: storm:s<i mod channels>)', { quick: 10 }),
  pubs: int(100, 'publications to every channel while the clients are away', { quick: 10 }),
  variants: listOf(VARIANTS, [...VARIANTS], 'gyre-memory (1 worker), gyre-redis (--workers, private redis-server), ws (the bare ws peer), ws-history (the peer recovering from its own history)'),
  workers: int(2, 'workers of gyre-redis'),
  inflight: int(0, 'reconnects in flight at once; 0: all at once', { min: 0 }),
  liveEvery: int(20, 'ms between live publications to the bystander'),
  rpcEvery: int(10, 'ms between the bystander\'s history requests'),
  before: num(1, 'seconds of bystander figures taken before the storm', { quick: 0.3 }),
  timeout: int(120, 'seconds the recovery may take at most', { quick: 30 }),
};
type O = Options<typeof options>;

interface Ctx {
  redis?: RedisServer;
  generators: Generators;
  tokens: string[];
}

interface Result extends Outcome {
  /** From the first reconnect to the last client having all it missed (ws: to the last reply). */
  stormMs: number;
  /** From the first reconnect to the last subscribe reply. */
  repliesMs: number;
  /** CPU seconds the server (all its processes) spent from the first reconnect until all had recovered. */
  serverCpuS: number;
  recovered: number;
  lost: number;
  gaps: number;
  notRecovered: number;
  failed: number;
  rpcP99Before: number;
  rpcP99: number;
  rpcs: number;
  liveP99Before: number;
  liveP99: number;
  liveMax: number;
}

/** p99 of the samples sent in [from, to). */
const p99In = (samples: [number, number][], from: number, to: number) => percentile(sorted(within(samples, from, to)), 99);

async function start(v: Variant, o: O, c: Ctx, runNo: number): Promise<Server> {
  if (v === 'ws') return startPeer();
  if (v === 'ws-history') return startPeer({ history: Math.max(100, 2 * o.pubs) });
  const ns = { name: NS, history_size: Math.max(100, 2 * o.pubs), history_ttl: 300, force_recovery: true, allow_subscribe_for_client: true, allow_history_for_subscriber: true };
  const config = { channel: { namespaces: [ns] }, client: { recovery_max_publication_limit: Math.max(300, o.pubs) } };
  if (v === 'gyre-memory') return startGyre({ config });
  return startGyre({ workers: o.workers, redis: c.redis!.url, prefix: `storm${runNo}x${Date.now() % 1e6}`, config });
}

async function run(v: Variant, runNo: number, o: O, c: Ctx): Promise<Result> {
  const r: Result = {
    ...outcome(),
    stormMs: NaN,
    repliesMs: NaN,
    serverCpuS: NaN,
    recovered: 0,
    lost: 0,
    gaps: 0,
    notRecovered: 0,
    failed: 0,
    rpcP99Before: NaN,
    rpcP99: NaN,
    rpcs: 0,
    liveP99Before: NaN,
    liveP99: NaN,
    liveMax: NaN,
  };
  const channels = Array.from({ length: o.channels }, (_, i) => `${NS}:s${i}`);
  let server: Server | undefined;
  let by: LiveClients | undefined;
  let stopLive = false;
  let live: Promise<PublishStats> | undefined;
  try {
    server = await start(v, o, c, runNo);
    const first = await c.generators.open({ url: server.wsUrl, n: o.clients, concurrency: 500, tokens: c.tokens, channels, keep: true, what: 'subscribed' });
    if (first.failed) throw new Error(`${first.failed} clients failed to subscribe: ${first.firstError}`);
    // The bystander: reads the live channel's history every --rpc-every ms and receives its publications.
    by = await liveClients({ url: server.wsUrl, tokens: [token('bystander')], channel: LIVE, subscribe: true, rpcEvery: o.rpcEvery });
    live = publish({ port: server.port, mode: 'publish', channel: () => LIVE, data: (s) => seqData(s, ''), inflight: 4, ratePerS: 1000 / o.liveEvery, stopped: () => stopLive });
    const t0 = performance.now();
    await new Promise((res) => setTimeout(res, o.before * 1000));

    await c.generators.drop();
    const missed = await publish({ port: server.port, mode: 'batch', channel: (s) => channels[s % o.channels]!, data: (s) => seqData(s, 'x'.repeat(50)), batch: 100, inflight: 4, total: o.channels * o.pubs });
    if (missed.failed) throw new Error(`${missed.failed} publications failed while the clients were away: ${missed.firstError}`);
    const expect = v === 'ws' ? undefined : Object.fromEntries(channels.map((ch) => [ch, o.pubs]));
    progress(`  ${v}: ${o.clients} clients reconnect${o.inflight ? `, ${o.inflight} at a time` : ' at once'}`);
    const s0 = performance.now();
    const srv = server;
    const w = cpuWindow({ parts: { server: () => treeCpuSeconds(srv.pid) } });
    const again = await c.generators.open({ url: server.wsUrl, n: o.clients, concurrency: o.inflight || o.clients, tokens: c.tokens, channels, keep: true, recover: true, expect, expectMs: o.timeout * 1000, what: 'reconnected' });
    const s1 = performance.now();
    const cpu = w.end();
    r.otherPct = cpu.other;
    r.serverCpuS = (cpu.pct['server']! / 100) * cpu.wallS;
    r.repliesMs = again.ms;
    r.stormMs = expect ? again.completeMs : again.ms;
    r.failed = again.failed;
    r.recovered = expect ? again.complete : again.ok;
    r.lost = expect ? o.clients - again.complete : 0;
    r.gaps = again.gaps;
    r.notRecovered = again.notRecovered;
    await new Promise((res) => setTimeout(res, 100)); // the last live publication of the storm on its way
    r.rpcs = by.rpc.filter(([t]) => t >= s0 && t < s1).length;
    r.rpcP99Before = p99In(by.rpc, t0, s0);
    r.rpcP99 = p99In(by.rpc, s0, s1);
    r.liveP99Before = p99In(by.pubs, t0, s0);
    r.liveP99 = p99In(by.pubs, s0, s1);
    r.liveMax = percentile(sorted(within(by.pubs, s0, s1)), 100);
    if (r.failed) r.problems.push(`${r.failed} reconnects failed: ${again.firstError}`);
    if (r.lost) r.problems.push(`${r.lost} clients did not get all they missed within ${o.timeout} s`);
    if (r.gaps) r.problems.push(`${r.gaps} publications out of sequence`);
    if (r.notRecovered) r.problems.push(`${r.notRecovered} subscribe replies said recovered: false`);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    stopLive = true;
    await live;
    by?.close();
    await server?.stop(10_000);
    await c.generators.close();
  }
  return r;
}

type R = Row<Variant, Result>;

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'storm',
  title: 'reconnect storm with recovery: time until every client has all it missed, a bystander\'s p99 meanwhile',
  about: `
C clients (one generator process, each with a token of its own) subscribe to K channels of a namespace with history
(force_recovery). All connections are cut at once; then P publications go to every channel (/api/batch); then all
clients reconnect at the same moment (--inflight: fewer at a time) sending connect and subscribe with recover: true,
the offset and epoch they had. A client counts once its position reached its channel's top offset with every
offset in between received exactly once (the subscribe reply's publications, then pushes): "lost" are clients
that did not get there within --timeout, "gaps" publications out of sequence. Meanwhile a bystander connection
reads the live channel's history (limit 1) every --rpc-every ms — Gyre has client RPC only through a proxy, so a
history read stands for a request that needs the engine — and receives a live publication every --live-every ms.
Their p99 are taken before the storm and during it (first reconnect to the last reply). The ws peer takes the
same storm but has no history: its time is that of the upgrades and replies alone. ws-history is the same peer
keeping each channel's publications in an array and recovering from it (ws-peer.ts --history): the same storm and
the same recovered bytes without auth, checks or an engine. Ratios: against ws and ws-history.`,
  options,
  header: (o) =>
    `${o.clients} clients on ${o.channels} channels, ${o.pubs} publications per channel while away, reconnect ${o.inflight ? `${o.inflight} at a time` : 'all at once'}; ` +
    `gyre-redis with ${o.workers} workers; bystander: history every ${o.rpcEvery} ms, a live publication every ${o.liveEvery} ms`,
  async setup(o) {
    if (o.clients > 18_000) throw new Error('--clients: one generator holds 18,000 at most');
    const redis = o.variants.includes('gyre-redis') ? await startRedis() : undefined;
    // No fixed source address: the storm's dropped connections linger in TIME_WAIT and a bound address would run out.
    const generators = await Generators.start(1);
    const tokens = Array.from({ length: o.clients }, (_, i) => token(`s${i}`));
    return { redis, generators, tokens };
  },
  variants: (o) => o.variants,
  key: (v) => v,
  run: (v, runNo, o, c) => run(v, runNo, o, c),
  summary: (r) => `all recovered in ${fmtInt(r.stormMs)} ms (replies ${fmtInt(r.repliesMs)} ms), lost ${r.lost}, bystander history p99 ${fmt1(r.rpcP99)} ms (before ${fmt1(r.rpcP99Before)}), live p99 ${fmt1(r.liveP99)} ms`,
  sum: ['lost', 'gaps', 'notRecovered', 'failed'],
  async after(_o, c) {
    await c.generators.stop();
    await c.redis?.stop();
  },
  report(res, o) {
    const cols: Column<R>[] = [
      ['server', (x) => (x.variant === 'gyre-redis' ? `gyre-redis w${o.workers}` : x.label)],
      runColumn(),
      ['clients', () => fmtInt(o.clients)],
      ['all recovered ms', (x) => fmtInt(x.r.stormMs)],
      ['last reply ms', (x) => fmtInt(x.r.repliesMs)],
      ['server CPU s', (x) => fmt2(x.r.serverCpuS)],
      ['recovered', (x) => `${x.r.recovered}/${o.clients}`],
      ['lost', (x) => String(x.r.lost)],
      ['gaps', (x) => String(x.r.gaps)],
      ['history p99 ms (before)', (x) => fmt1(x.r.rpcP99Before)],
      ['history p99 ms (storm)', (x) => fmt1(x.r.rpcP99)],
      ['history calls (storm)', (x) => fmtInt(x.r.rpcs)],
      ['live p99 ms (before)', (x) => fmt1(x.r.liveP99Before)],
      ['live p99 ms (storm)', (x) => fmt1(x.r.liveP99)],
      ['live max ms (storm)', (x) => fmt1(x.r.liveMax)],
    ];
    const ratio = (peer: Variant, h: string, f: (r: Result) => number): Column<R> => {
      const p = res.median(peer);
      return [`ratio to ${peer} (${h})`, (x) => fmtRatio(f(x.r), p ? f(p) : NaN)];
    };
    printRuns(res, cols, o, {
      ratios: [
        ratio('ws', 'all recovered', (r) => r.stormMs),
        ratio('ws-history', 'all recovered', (r) => r.stormMs),
        ratio('ws-history', 'server CPU', (r) => r.serverCpuS),
        ratio('ws', 'history p99', (r) => r.rpcP99),
        ratio('ws', 'live p99', (r) => r.liveP99),
      ],
    });
  },
};
