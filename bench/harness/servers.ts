/**
 * The servers a benchmark measures: Gyre (`dist/src/cli.js serve`, memory or
 * Redis engine, N workers, extra configuration merged over the bench's), and
 * its peer, the bare `ws` server of ws-peer.ts. Both are started with the test
 * helpers' spawnHealthy (test/helpers/process.ts), tracked (procs.ts), and
 * optionally pinned to a core. Also the server API calls the benchmarks need.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { postApi } from '../../test/helpers/api-post';
import { spawnHealthy } from '../../test/helpers/process';
import { deepMerge, freePort, sleep } from '../../test/helpers/server';
import { childPids } from './cpu';
import { tmpFile, track } from './procs';

export const API_KEY = 'bench-api-key';
export const SECRET = 'bench-hmac-secret';
/** Gyre's CLI: this build's, or another build's from BENCH_GYRE_DIST (its dist/ directory), to measure an older commit against the same peers. */
const CLI = path.resolve(process.env['BENCH_GYRE_DIST'] ?? path.resolve(__dirname, '../..'), 'src/cli.js');
const PEER = path.resolve(__dirname, 'ws-peer.js');

const JWT_HEADER = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');

/**
 * An HS256 connection token for user `sub`, as the bench's Gyre checks it. Signed here rather than with jsonwebtoken:
 * the same JWT, but a hundred thousand of them (the idle scenario) took jsonwebtoken about a minute.
 */
export function token(sub: string, claims: Record<string, unknown> = {}): string {
  const signed = `${JWT_HEADER}.${Buffer.from(JSON.stringify({ sub, ...claims })).toString('base64url')}`;
  return `${signed}.${createHmac('sha256', SECRET).update(signed).digest('base64url')}`;
}

/**
 * Gyre configuration of the `bench` namespace the Redis-engine scenarios publish into: every publication kept in
 * history (`size` of them, `ttl` seconds), subscribers allowed without a token and recovering always.
 */
export function benchNamespace(size: number, ttl: number): Record<string, unknown> {
  return { channel: { allow_subscribe_for_client: true, namespaces: [{ name: 'bench', history_size: size, history_ttl: ttl, force_recovery: true, allow_subscribe_for_client: true }] } };
}

export interface Server {
  port: number;
  /** The primary (Gyre) or the only process (a one-process peer). */
  pid: number;
  wsUrl: string;
  /** stdout + stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
  /** The processes holding connections: the primary's workers, or the process itself when it has none. */
  workerPids(): number[];
}

export interface ProcessOptions {
  /** Extra node flags, e.g. --cpu-prof (workers inherit them). */
  nodeArgs?: string[];
  /** Run pinned to this core (taskset). */
  pin?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Node flags for every Gyre server any scenario starts, from BENCH_GYRE_NODE_ARGS (space-separated), e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof": how to profile a scenario that has no flag of its own for it
 * (node refuses --cpu-prof in NODE_OPTIONS).
 */
const GYRE_NODE_ARGS = (process.env['BENCH_GYRE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);

async function start(script: string, args: string[], port: number, label: string, o: ProcessOptions): Promise<Server> {
  const argv = [...(label === 'gyre' ? GYRE_NODE_ARGS : []), ...(o.nodeArgs ?? []), script, ...args];
  const [command, full] = o.pin === undefined ? [process.execPath, argv] : ['taskset', ['-c', String(o.pin), process.execPath, ...argv]];
  const p = await spawnHealthy(command, full, `http://127.0.0.1:${port}/health`, { label, env: o.env });
  track(p.proc);
  const pid = p.proc.pid!;
  // Under taskset the node process is taskset's exec'd self: the same pid.
  return {
    port,
    pid,
    wsUrl: `ws://127.0.0.1:${port}/connection/websocket`,
    output: p.output,
    stop: async (graceMs = 5000) => void (await p.stop('SIGTERM', graceMs)),
    workerPids: () => {
      const kids = childPids(pid);
      return kids.length ? kids : [pid];
    },
  };
}

export interface GyreOptions extends ProcessOptions {
  workers?: number;
  /** The Redis engine at this URL (or these shards); the memory engine when absent. */
  redis?: string | string[];
  /** redis.prefix: a fresh one per server keeps runs apart on a shared redis-server. */
  prefix?: string;
  /** Merged over the bench's configuration (port, key, secret, quiet log, subscribe allowed). */
  config?: Record<string, unknown>;
}

/** Gyre on a free port; returns once every worker has announced itself (so that each takes connections). */
export async function startGyre(o: GyreOptions = {}): Promise<Server> {
  const port = await freePort();
  const workers = o.workers ?? 1;
  const base = {
    port,
    address: '127.0.0.1',
    workers,
    shutdown_timeout: 3,
    token: { hmac_secret: SECRET },
    api: { key: API_KEY },
    log: { level: 'warn' },
    channel: { allow_subscribe_for_client: true },
    ...(o.redis ? { engine: 'redis', redis: { url: o.redis, prefix: o.prefix ?? `bench${Date.now() % 1e6}` } } : { engine: 'memory' }),
  };
  const file = tmpFile('config.json', JSON.stringify(deepMerge(base, o.config ?? {}), null, 2));
  const server = await start(CLI, ['serve', '--config', file], port, 'gyre', o);
  if (workers > 1 || o.redis) await waitForNodes(port, workers);
  return server;
}

export interface PeerOptions extends ProcessOptions {
  /** Worker processes (node cluster) sharing the port; 1 = the process itself serves. */
  workers?: number;
  /** What one broadcast frame holds (ws-peer.ts): per-turn (default), per-post, per-message. */
  frame?: string;
  /** Seconds between the peer's own pings ({} to every connection); 0 = none. */
  pingS?: number;
  /** Publications each channel keeps for recovery (ws-peer.ts --history); 0 = none. */
  history?: number;
}

/** The bare `ws` peer (ws-peer.ts) on a free port. */
export async function startPeer(o: PeerOptions = {}): Promise<Server> {
  const port = await freePort();
  const args = ['--port', String(port), '--api-key', API_KEY, '--frame', o.frame ?? 'per-turn', '--workers', String(o.workers ?? 1), '--ping', String(o.pingS ?? 0), '--history', String(o.history ?? 0)];
  return start(PEER, args, port, 'ws-peer', o);
}

// ---- server API ---------------------------------------------------------------------------

/** One POST with the bench's API key over `agent`; resolves with the status and the body as text. */
export function post(agent: http.Agent | false, port: number, pathName: string, body: string, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
  return postApi({ port, path: pathName, body, apiKey: API_KEY, agent, timeoutMs });
}

/** A server API method's result (POST /api/<method>); throws on an error answer. */
export async function api<T = unknown>(port: number, method: string, params: unknown = {}): Promise<T> {
  const { status, text } = await post(false, port, `/api/${method}`, JSON.stringify(params), 5000);
  const body = JSON.parse(text) as { result?: T; error?: { code: number; message: string } };
  if (status !== 200 || body.error) throw new Error(`/api/${method}: HTTP ${status} ${text.slice(0, 200)}`);
  return body.result as T;
}

export interface NodeSummary {
  uid: string;
  num_clients: number;
}

/** /api/info: one entry per node (worker) the answering worker knows, its own first. */
export async function gyreNodes(port: number): Promise<NodeSummary[]> {
  return (await api<{ nodes?: NodeSummary[] }>(port, 'info')).nodes ?? [];
}

/**
 * Live client count of each worker: /api/info over new connections (the primary hands each to a worker in turn),
 * keeping the answering worker's own entry — the first, live; the others come from 3 s announcements.
 */
export async function clientsPerWorker(port: number, workers: number): Promise<number[]> {
  const live = new Map<string, number>();
  for (let i = 0; i < workers * 4 && live.size < workers; i++) {
    const self = (await gyreNodes(port).catch(() => []))[0];
    if (self) live.set(self.uid, self.num_clients);
  }
  return [...live.values()];
}

/** Waits (10 s at most) until `workers` nodes have announced themselves. */
export async function waitForNodes(port: number, workers: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = 0;
  while (Date.now() < deadline) {
    seen = (await gyreNodes(port).catch(() => [])).length;
    if (seen >= workers) return;
    await sleep(100);
  }
  throw new Error(`only ${seen}/${workers} Gyre nodes visible in /api/info after 10 s`);
}
