/**
 * What the connection scenarios (idle, memory, connect) share: N clients held
 * by client-generator processes (harness/generators.ts) against Gyre or the
 * bare ws peer with the same number of processes, and the steps around a
 * measurement — start the server, connect, and afterwards stop the server
 * first (so that TIME_WAIT lands on its side) and wait until every client
 * socket of the generators' source addresses is gone before the next step.
 */
import { bool, int, listOf, num, type Options, str } from '../harness/cli';
import { treeCpuSeconds } from '../harness/cpu';
import { Generators, generatorsFor, MAX_PER_GENERATOR, type OpenedTotal } from '../harness/generators';
import type { RedisServer } from '../harness/redis';
import type { Column } from '../harness/report';
import { errorProblem, type Outcome, progress, type Row, runColumn } from '../harness/runs';
import { type ProcessOptions, type Server, startGyre, startPeer, token } from '../harness/servers';

/** Connection options of these scenarios; `n` and its quick value are each scenario's. */
export function connectionOptions(n: number, quickN: number) {
  return {
    n: int(n, 'connections', { quick: quickN }),
    workers: int(0, `server processes holding them (Gyre workers, ws peer cluster workers); 0: one per ${MAX_PER_GENERATOR} connections`, { min: 0 }),
    generators: int(0, `client-generator processes, each from its own source address (--source, the next one, …); 0: one per ${MAX_PER_GENERATOR} connections`, { min: 0 }),
    source: str('127.0.0.2', 'source address of the first generator; the others use the addresses after it'),
    concurrency: int(500, 'connects in flight at once, over all generators', { quick: 50 }),
    channels: int(100, 'each connection subscribes to one of this many channels (c<i mod channels>); 0: connect only', { min: 0 }),
    distinctUsers: bool(true, 'a token of its own (user) for every connection; else one token for all'),
    drain: int(75, 'seconds to wait at most, between steps, for the clients\' sockets to be gone (TIME_WAIT lasts 60 s)', { min: 0, quick: 5 }),
  };
}
type Spec = ReturnType<typeof connectionOptions>;

/**
 * Options of the scenarios that hold idle connections: the servers compared (default: all of `kinds`), their pings
 * (Gyre's client.ping_interval and ws-ping's), and how long the connections settle before the measurement.
 */
export function idleOptions(kinds: ServerKind[]) {
  return {
    variants: listOf(kinds, kinds, 'gyre; ws-ping: the ws peer with its own pings, a timer per connection like Gyre; ws: the ws peer without pings'),
    pingInterval: int(25, "seconds between server pings (Gyre's client.ping_interval, and ws-ping's)", { quick: 1 }),
    settle: num(5, 'seconds between the last connect and the measurement', { quick: 0.3 }),
  };
}

/** What ends the invocation of a connection scenario: its generators go. */
export const stopGenerators = async (_o: unknown, c: ConnContext) => c.generators.stop();

/** What every connection scenario's run reports: the connections it made. */
export interface ConnResult extends Outcome {
  connected: number;
}

/** The first columns of a connection scenario's table. */
export const serverColumns = <R>(): Column<Row<ServerKind, R>>[] => [['server', (x) => x.label], runColumn()];
export type ConnOptions = Options<Spec>;

export const workersOf = (o: ConnOptions) => o.workers || Math.max(1, Math.ceil(o.n / MAX_PER_GENERATOR));

export interface ConnContext {
  generators: Generators;
  tokens: string | string[];
  channels: string[] | undefined;
  redis?: RedisServer;
}

/** Generators (started once for the invocation) and the connections' tokens. */
export async function connectionContext(o: ConnOptions, redis?: RedisServer): Promise<ConnContext> {
  const count = o.generators || generatorsFor(o.n);
  if (Math.ceil(o.n / count) > MAX_PER_GENERATOR) throw new Error(`--generators ${count} is too few for ${o.n} connections (${MAX_PER_GENERATOR} each at most)`);
  const generators = await Generators.start(count, o.source);
  const t0 = performance.now();
  const tokens = o.distinctUsers ? Array.from({ length: o.n }, (_, i) => token(`u${i}`)) : token('u');
  if (o.distinctUsers) progress(`signed ${o.n} HS256 tokens in ${Math.round(performance.now() - t0)} ms`);
  const channels = o.channels ? Array.from({ length: o.channels }, (_, i) => `c${i}`) : undefined;
  return { generators, tokens, channels, redis };
}

export type ServerKind = 'gyre' | 'ws' | 'ws-ping';

/**
 * Gyre (memory engine with one worker, else the Redis engine) or the ws peer (with its own pings for `ws-ping`),
 * with `workers` processes; `gyreConfig` is merged over Gyre's configuration.
 */
export function startServer(kind: ServerKind, workers: number, c: ConnContext, opts: { pingS: number; gyreConfig?: Record<string, unknown> } & ProcessOptions): Promise<Server> {
  if (kind !== 'gyre') return startPeer({ ...opts, workers, pingS: kind === 'ws-ping' ? opts.pingS : 0 });
  if (workers > 1 && !c.redis) throw new Error('more than one Gyre worker needs the Redis engine');
  return startGyre({ ...opts, workers, redis: workers > 1 ? c.redis?.url : undefined, config: opts.gyreConfig });
}

/** Opens the N connections, kept; throws when any failed. */
export async function connectAll(o: ConnOptions, c: ConnContext, server: Server): Promise<OpenedTotal> {
  const opened = await c.generators.open({ url: server.wsUrl, n: o.n, concurrency: o.concurrency, tokens: c.tokens, channels: c.channels, keep: true, what: 'connected' });
  if (opened.failed) throw new Error(`${opened.failed} of ${o.n} connections failed: ${opened.firstError}`);
  return opened;
}

/**
 * One step: `measure` with the server `start` gives; then, whatever happened, the server is stopped (it closes the
 * connections first, so TIME_WAIT is on its side), what the generators still hold is closed, and the generators'
 * sockets are waited for. An error becomes the run's problem.
 */
export async function connectionStep<R extends Outcome>(o: ConnOptions, c: ConnContext, r: R, start: () => Promise<Server>, measure: (server: Server) => Promise<void>): Promise<R> {
  let server: Server | undefined;
  try {
    server = await start();
    await measure(server);
  } catch (err) {
    r.problems.push(errorProblem(err));
  } finally {
    await server?.stop(10_000);
    await c.generators.close();
    const left = server ? await c.generators.drain(server.port, o.drain) : 0;
    if (left) r.notes.push(`${left} client sockets still open or in TIME_WAIT after ${o.drain} s`);
  }
  return r;
}

/** CPU parts of a connection window: the server's process tree, the generators, Redis when used. */
export function connectionParts(server: Server, c: ConnContext, redis: boolean): Record<string, () => number> {
  return {
    server: () => treeCpuSeconds(server.pid),
    generators: () => c.generators.pids().reduce((s, p) => s + treeCpuSeconds(p), 0),
    ...(redis && c.redis ? { redis: c.redis.cpuSeconds } : {}),
  };
}
