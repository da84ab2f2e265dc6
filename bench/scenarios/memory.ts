/**
 * Memory per idle connection: what one server process holding N connections
 * (each subscribed to one channel) keeps per connection — its V8 heap in use
 * after full garbage collection, and its resident set — Gyre's worker against
 * the bare ws peer holding as many.
 */
import { int, type Options } from '../harness/cli';
import { type Memory, probeMemory, probeSetup } from '../harness/probe';
import { tmpDir } from '../harness/procs';
import { fmt1, fmtInt, fmtKiB, fmtRatio, type Column } from '../harness/report';
import { outcome, printRuns, type Row } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { connectAll, type ConnContext, type ConnResult, connectionContext, connectionOptions, connectionStep, serverColumns, idleOptions, type ServerKind, startServer, stopGenerators } from './connections';

const KINDS: ServerKind[] = ['gyre', 'ws-ping', 'ws'];

const options = {
  ...common({ runs: 1, retries: 0, maxOther: 100 }),
  ...connectionOptions(19_900, 300),
  workers: int(1, 'server processes; the figures are of the first (Gyre: its first worker)'),
  ...idleOptions(KINDS),
};
type O = Options<typeof options>;

interface Result extends ConnResult {
  before: Memory;
  after: Memory;
  /** Growth per connection, bytes. */
  heapPerConn: number;
  rssPerConn: number;
  externalPerConn: number;
}

const none: Memory = { heapUsed: NaN, heapTotal: NaN, external: NaN, arrayBuffers: NaN, rss: NaN };

function run(kind: ServerKind, o: O, c: ConnContext): Promise<Result> {
  const r: Result = { ...outcome(), connected: 0, before: none, after: none, heapPerConn: NaN, rssPerConn: NaN, externalPerConn: NaN };
  const dir = tmpDir();
  const probe = probeSetup(dir);
  const start = () => startServer(kind, o.workers, c, { pingS: o.pingInterval, gyreConfig: { client: { ping_interval: o.pingInterval } }, ...probe });
  return connectionStep(o, c, r, start, async (server) => {
    const pid = server.workerPids()[0]!;
    await new Promise((res) => setTimeout(res, 1000));
    r.before = await probeMemory(pid, dir);
    r.connected = (await connectAll(o, c, server)).ok;
    await new Promise((res) => setTimeout(res, o.settle * 1000));
    r.after = await probeMemory(pid, dir);
    // Each process of the server holds its share; the first one's growth is divided by its share.
    const share = r.connected / o.workers;
    r.heapPerConn = (r.after.heapUsed - r.before.heapUsed) / share;
    r.rssPerConn = (r.after.rss - r.before.rss) / share;
    r.externalPerConn = (r.after.external - r.before.external) / share;
  });
}

type R = Row<ServerKind, Result>;

export const scenario: Scenario<typeof options, ServerKind, Result, ConnContext> = {
  name: 'memory',
  title: 'heap and RSS per idle connection of one server process, Gyre against a bare ws server',
  about: `
What is measured, in the process that holds the connections (Gyre: its worker, found as the primary's child; the
ws peer: the process itself): its V8 heap in use after two full garbage collections (process.memoryUsage().heapUsed)
and its resident set size (RSS, as the process reports it after the collections), once before any connection and
once --settle s after the last of N connections was made; the growth divided by N. The server is started with
--expose-gc and a preloaded probe (bench/harness/probe.ts) that answers SIGUSR2 with these figures; nothing in the
server is changed. "external" is memory of C++ objects held from JS (socket buffers). Clients: as in the idle
scenario (connect, subscribe to one of --channels channels, answer pings), from generator processes.
Ratios: Gyre's heap and RSS per connection against ws-ping's (the same ping timer per connection).`,
  options,
  header: (o) => `${o.n} connections${o.channels ? `, each subscribed to one of ${o.channels} channels` : ''}, ${o.workers} server process(es); heap after full GC and RSS of the first`,
  setup: (o) => connectionContext(o),
  variants: (o) => o.variants,
  key: (v) => v,
  run: (v, _run, o, c) => run(v, o, c),
  summary: (r) => `heap ${fmtInt(r.heapPerConn)} B/connection, RSS ${fmtInt(r.rssPerConn)} B/connection (${fmtInt(r.connected)} connections)`,
  after: stopGenerators,
  report(res, o) {
    const cols: Column<R>[] = [
      ...serverColumns<Result>(),
      ['connections', (x) => fmtInt(x.r.connected)],
      ['heap used before MiB', (x) => fmt1(x.r.before.heapUsed / 2 ** 20)],
      ['heap used after MiB', (x) => fmt1(x.r.after.heapUsed / 2 ** 20)],
      ['RSS before MiB', (x) => fmt1(x.r.before.rss / 2 ** 20)],
      ['RSS after MiB', (x) => fmt1(x.r.after.rss / 2 ** 20)],
      ['heap B/conn', (x) => fmtInt(x.r.heapPerConn)],
      ['RSS B/conn', (x) => fmtInt(x.r.rssPerConn)],
      ['RSS KiB/conn', (x) => fmtKiB(x.r.rssPerConn)],
      ['external B/conn', (x) => fmtInt(x.r.externalPerConn)],
    ];
    const peer = res.median('ws-ping');
    printRuns(res, cols, o, { ratios: [['heap ratio to ws-ping', (x) => fmtRatio(x.r.heapPerConn, peer?.heapPerConn ?? NaN)], ['RSS ratio to ws-ping', (x) => fmtRatio(x.r.rssPerConn, peer?.rssPerConn ?? NaN)]] });
  },
};
