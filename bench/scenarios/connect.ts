/**
 * Server CPU per connect: K clients connect (an HS256 JWT each, one subscribe
 * each) at a bounded concurrency, and the server's process-tree CPU over the
 * whole storm is divided by K — Gyre against the bare ws peer accepting the
 * same connections (its CPU per WebSocket upgrade and one reply).
 */
import { listOf, type Options } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU } from '../harness/cpu';
import { fmt1, fmtInt, fmtRatio, type Column, cpuColumns } from '../harness/report';
import { outcome, printRuns, type Row } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { connectAll, type ConnContext, type ConnResult, connectionContext, connectionOptions, connectionParts, connectionStep, serverColumns, type ServerKind, startServer, stopGenerators, workersOf } from './connections';

const KINDS: ServerKind[] = ['gyre', 'ws'];

const options = {
  ...common({ runs: 3, retries: 1, maxOther: 30 }),
  ...connectionOptions(10_000, 300),
  variants: listOf(KINDS, KINDS, 'gyre; ws: the ws peer (no token check, no state)'),
};
type O = Options<typeof options>;

interface Result extends ConnResult {
  connectS: number;
  cpu: CpuUse;
  /** Server CPU per connection, µs. */
  usPerConnect: number;
}

function run(kind: ServerKind, o: O, c: ConnContext): Promise<Result> {
  const r: Result = { ...outcome(), connected: 0, connectS: NaN, cpu: NO_CPU, usPerConnect: NaN };
  return connectionStep(o, c, r, () => startServer(kind, workersOf(o), c, { pingS: 0 }), async (server) => {
    await new Promise((res) => setTimeout(res, 300));
    const w = cpuWindow({ parts: connectionParts(server, c, false), workersOf: server.pid });
    const opened = await connectAll(o, c, server);
    r.cpu = w.end();
    r.otherPct = r.cpu.other;
    r.connected = opened.ok;
    r.connectS = opened.ms / 1000;
    r.usPerConnect = ((r.cpu.pct['server']! / 100) * r.cpu.wallS * 1e6) / opened.ok;
  });
}

type R = Row<ServerKind, Result>;

export const scenario: Scenario<typeof options, ServerKind, Result, ConnContext> = {
  name: 'connect',
  title: 'server CPU per connect (HS256 JWT, one subscribe), Gyre against a bare ws server accepting the same',
  about: `
K clients from generator processes (as in the idle scenario: each from its own loopback address) send connect with
an HS256 token of their own and subscribe to one of --channels channels in one frame, --concurrency at a time, and
stay. The server's process-tree CPU (Gyre: primary and workers) from just before the first connect to the last
reply, divided by K, is its CPU per connect. The ws peer answers the same frame without checking anything: its
figure is the cost of a WebSocket upgrade and a reply in Node. Ratio: Gyre's µs per connect against the peer's.`,
  options,
  header: (o) => `${o.n} connects, ${o.concurrency} in flight, ${o.distinctUsers ? 'a token each' : 'one token'}${o.channels ? `, one subscribe each (${o.channels} channels)` : ''}, ${workersOf(o)} server process(es)`,
  setup: (o) => connectionContext(o),
  variants: (o) => o.variants,
  key: (v) => v,
  run: (v, _run, o, c) => run(v, o, c),
  summary: (r) => `${fmt1(r.usPerConnect)} µs of server CPU per connect, ${fmtInt(r.connected / r.connectS)} connects/s, server ${fmtInt(r.cpu.pct['server'] ?? NaN)}%`,
  after: stopGenerators,
  report(res, o) {
    const cols: Column<R>[] = [
      ...serverColumns<Result>(),
      ['connects', (x) => fmtInt(x.r.connected)],
      ['seconds', (x) => fmt1(x.r.connectS)],
      ['connects/s', (x) => fmtInt(x.r.connected / x.r.connectS)],
      ...cpuColumns<R>((x) => x.r.cpu, { 'server CPU %': 'server', 'generators CPU %': 'generators' }, { workers: true, gen: false }),
      ['server µs/connect', (x) => fmt1(x.r.usPerConnect)],
    ];
    const peer = res.median('ws')?.usPerConnect ?? NaN;
    printRuns(res, cols, o, { ratios: [['ratio to ws (µs/connect)', (x) => fmtRatio(x.r.usPerConnect, peer)]] });
  },
};
