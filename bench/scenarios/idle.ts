/**
 * Idle CPU: N connections (connected, each subscribed to one channel) that
 * do nothing but answer the server's pings, held for a window; the server's
 * CPU over it as % of one core. Gyre (pings every client.ping_interval)
 * against the bare ws peer holding as many connections with as many
 * processes, with its own pings at the same interval (ws-ping) and without
 * any (ws).
 */
import { num, type Options } from '../harness/cli';
import { cpuWindow, type CpuUse, NO_CPU } from '../harness/cpu';
import { startRedis } from '../harness/redis';
import { fmt1, fmt2, fmtCounts, fmtInt, fmtRatio, type Column, cpuColumns } from '../harness/report';
import { outcome, printRuns, progress, type Row } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { connectAll, type ConnContext, type ConnResult, connectionContext, connectionOptions, connectionParts, connectionStep, serverColumns, idleOptions, type ServerKind, startServer, stopGenerators, workersOf } from './connections';

const KINDS: ServerKind[] = ['gyre', 'ws-ping', 'ws'];

const options = {
  ...common({ runs: 1, retries: 1, maxOther: 30 }),
  ...connectionOptions(100_000, 300),
  ...idleOptions(KINDS),
  window: num(60, 'seconds of idle measured', { quick: 1.5 }),
};
type O = Options<typeof options>;

interface Result extends ConnResult {
  connectS: number;
  cpu: CpuUse;
  /** Pings the clients answered during the window. */
  pings: number;
  /** Connections the server closed during the window. */
  closes: Record<string, number>;
}

function run(kind: ServerKind, o: O, c: ConnContext): Promise<Result> {
  const r: Result = { ...outcome(), connected: 0, connectS: NaN, cpu: NO_CPU, pings: 0, closes: {} };
  const workers = workersOf(o);
  const start = () => startServer(kind, workers, c, { pingS: o.pingInterval, gyreConfig: { client: { ping_interval: o.pingInterval } } });
  return connectionStep(o, c, r, start, async (server) => {
    const opened = await connectAll(o, c, server);
    r.connected = opened.ok;
    r.connectS = opened.ms / 1000;
    await new Promise((res) => setTimeout(res, o.settle * 1000));
    const before = await c.generators.stats();
    const w = cpuWindow({ parts: connectionParts(server, c, kind === 'gyre' && workers > 1), workersOf: server.pid });
    for (let left = o.window; left > 0; left -= 10) {
      await new Promise((res) => setTimeout(res, Math.min(10, left) * 1000));
      if (left > 10) progress(`  ${kind}: idle, ${fmt1(o.window - left + 10)}/${o.window} s`);
    }
    r.cpu = w.end();
    r.otherPct = r.cpu.other;
    const after = await c.generators.stats();
    r.pings = after.pings - before.pings;
    for (const [code, k] of Object.entries(after.closes)) if (k - (before.closes[code] ?? 0)) r.closes[code] = k - (before.closes[code] ?? 0);
    if (after.open < o.n) r.problems.push(`${o.n - after.open} connections were closed during the window (${fmtCounts(r.closes)})`);
  });
}

type R = Row<ServerKind, Result>;
const pct = (x: R, part: string) => x.r.cpu.pct[part] ?? NaN;

export const scenario: Scenario<typeof options, ServerKind, Result, ConnContext> = {
  name: 'idle',
  title: 'CPU of N idle connections answering pings, Gyre against a bare ws server with and without pings',
  about: `
N clients (minimal raw ws clients speaking the JSON protocol: connect, subscribe to one of --channels channels,
answer every ping) are spread over client-generator processes, each connecting from its own loopback address
(127.0.0.2, …; at most 18,000 each: 20,000 open files per process, ~28,000 ports per source address). The server
runs --workers processes (Gyre: the Redis engine on a private redis-server when more than one; the ws peer: node
cluster workers). After --settle s the server's process tree CPU is measured over --window s, as % of one core.
Between steps the server is stopped first and the clients' sockets are waited for (TIME_WAIT included).
Ratios: Gyre's server CPU against ws-ping's (the same pings) and ws's (no pings at all).`,
  options,
  header: (o) =>
    `${o.n} idle connections${o.channels ? `, each subscribed to one of ${o.channels} channels` : ''}, ${workersOf(o)} server process(es), ` +
    `pings every ${o.pingInterval} s, window ${o.window} s`,
  async setup(o) {
    const redis = workersOf(o) > 1 && o.variants.includes('gyre') ? await startRedis() : undefined;
    const c = await connectionContext(o, redis);
    return c;
  },
  variants: (o) => o.variants,
  key: (v) => v,
  run: (v, _run, o, c) => run(v, o, c),
  summary: (r) => `server ${fmt1(r.cpu.pct['server'] ?? NaN)}% of a core for ${fmtInt(r.connected)} connections, ${r.pings} pings answered, connected in ${fmt1(r.connectS)} s`,
  sum: ['closes', 'pings'],
  async after(o, c) {
    await stopGenerators(o, c);
    await c.redis?.stop();
  },
  report(res, o) {
    const cols: Column<R>[] = [
      ...serverColumns<Result>(),
      ['connections', (x) => fmtInt(x.r.connected)],
      ['processes', () => String(workersOf(o))],
      ['connect s', (x) => fmt1(x.r.connectS)],
      ['window s', (x) => fmt1(x.r.cpu.wallS)],
      ...cpuColumns<R>((x) => x.r.cpu, { 'server CPU % of a core': 'server', 'redis CPU %': 'redis', 'generators CPU %': 'generators' }, { workers: true, gen: false, fmt: fmt2 }),
      ['pings answered', (x) => fmtInt(x.r.pings)],
      ['closed', (x) => fmtCounts(x.r.closes)],
    ];
    const peer = (k: ServerKind) => res.median(k)?.cpu.pct['server'] ?? NaN;
    printRuns(res, cols, o, { ratios: [['server CPU ratio to ws-ping', (x) => fmtRatio(pct(x, 'server'), peer('ws-ping'))], ['server CPU ratio to ws', (x) => fmtRatio(pct(x, 'server'), peer('ws'))]] });
  },
};
