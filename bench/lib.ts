/**
 * Small helpers shared by the fan-out benchmark: flag parsing, starting and
 * always killing server child processes, a bounded HTTP publisher, CPU
 * accounting from /proc, and percentiles. No test helpers are imported here.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnHealthy } from '../test/helpers/process';
import { freePort, sleep, tmpFile as sharedTmpFile } from '../test/helpers/server';

// ---- flags ------------------------------------------------------------------

/** `--name value` / `--name=value` flags; a bare `--name` is "true". */
export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq !== -1) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(a.slice(2), argv[++i]!);
    else flags.set(a.slice(2), 'true');
  }
  return flags;
}

/** A flag, else the environment variable, else the default; must be a positive integer. */
export function intOption(flags: Map<string, string>, name: string, env: string, def: number): number {
  const raw = flags.get(name) ?? process.env[env];
  if (raw === undefined || raw === '') return def;
  const v = Number(raw);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} / ${env} must be a positive integer, got ${JSON.stringify(raw)}`);
  return v;
}

export function strOption(flags: Map<string, string>, name: string, env: string, def: string): string {
  const raw = flags.get(name) ?? process.env[env];
  return raw === undefined || raw === '' ? def : raw;
}

// ---- time -------------------------------------------------------------------

// Free ports, temp files and sleeping are the test helpers' (test/helpers/server.ts): one implementation for both.
export { freePort, sleep };

/** Microseconds on the monotonic clock of this process. */
export function nowUs(): number {
  return Math.round(performance.now() * 1000);
}

// ---- child processes ----------------------------------------------------------

const children = new Set<ChildProcess>();
const tmpDirs = new Set<string>();

/** Kills every child still running and removes temp dirs. Synchronous: safe in 'exit'. */
export function killAllChildren(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  children.clear();
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
  tmpDirs.clear();
}

let hooksInstalled = false;
/** Makes sure no server outlives the benchmark, whatever way it ends. */
export function installCleanupHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllChildren);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAllChildren();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (err) => {
    console.error('uncaught exception:', err);
    killAllChildren();
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    console.error('unhandled rejection:', err);
    killAllChildren();
    process.exit(1);
  });
}

/** Registers a child started elsewhere (e.g. redis-server) so that killAllChildren also kills it. */
export function trackChild(proc: ChildProcess): void {
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
}

/** A temp file (see test/helpers/server.ts), removed again when the benchmark exits. */
export function tmpFile(name: string, content: string): string {
  const file = sharedTmpFile(name, content);
  tmpDirs.add(path.dirname(file));
  return file;
}

export interface ServerProcess {
  port: number;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `node <args>` and waits until GET /health answers 200 (15 s at most),
 * with test/helpers/process.ts. With `cpu` set, the process (and its workers)
 * run pinned to that core via taskset.
 */
export async function startProcess(args: string[], port: number, label: string, cpu?: number, nodeArgs: string[] = []): Promise<ServerProcess> {
  args = [...nodeArgs, ...args];
  const [command, argv] = cpu === undefined ? [process.execPath, args] : ['taskset', ['-c', String(cpu), process.execPath, ...args]];
  const p = await spawnHealthy(command, argv, `http://127.0.0.1:${port}/health`, { label });
  trackChild(p.proc);
  return { port, proc: p.proc, output: p.output, stop: async (graceMs = 5000) => void (await p.stop('SIGTERM', graceMs)) };
}

// ---- Gyre API helpers -------------------------------------------------------------

export interface NodeSummary {
  uid: string;
  num_clients: number;
}

/** Gyre's /api/info: one entry per node (worker) the answering worker knows. */
export function gyreNodes(port: number, apiKey: string): Promise<NodeSummary[]> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/info', method: 'POST', agent: false, timeout: 2000, headers: { 'x-api-key': apiKey, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: { nodes?: NodeSummary[] } };
            resolve(body.result?.nodes ?? []);
          } catch (err) {
            reject(err as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('/api/info timed out')));
    req.on('error', reject);
    req.end('{}');
  });
}

/**
 * Live client count of each worker: /api/info over new connections (the
 * primary hands each to a worker in turn), keeping the answering worker's own
 * entry — the first one, live; the others come from 3 s announcements.
 */
export async function clientsPerWorker(port: number, apiKey: string, workers: number): Promise<number[]> {
  const live = new Map<string, number>();
  for (let i = 0; i < workers * 4 && live.size < workers; i++) {
    const self = (await gyreNodes(port, apiKey).catch(() => []))[0];
    if (self) live.set(self.uid, self.num_clients);
  }
  return [...live.values()];
}

/** Waits (10 s at most) until `workers` nodes have announced themselves, so that every worker takes connections. */
export async function waitForNodes(port: number, apiKey: string, workers: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = 0;
  while (Date.now() < deadline) {
    seen = (await gyreNodes(port, apiKey).catch(() => [])).length;
    if (seen >= workers) return;
    await sleep(100);
  }
  throw new Error(`only ${seen}/${workers} Gyre nodes visible in /api/info after 10 s`);
}

// ---- CPU accounting ----------------------------------------------------------

const CLK_TCK = 100; // USER_HZ; 100 on every mainstream Linux build

/** CPU seconds (user+system) of a process and its direct children (Gyre's workers), from /proc. */
export function processTreeCpuSeconds(pid: number): number {
  let ticks = 0;
  const pids = [pid];
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (kids) pids.push(...kids.split(/\s+/).map(Number));
  } catch {
    /* not Linux or already gone */
  }
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the ")" of the command name: state is field 3, utime 14, stime 15.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / CLK_TCK;
}

/** CPU seconds the whole machine spent busy (all cores, everything but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
    const busy = f.slice(0, 8).reduce((a, b, i) => (i === 3 || i === 4 ? a : a + b), 0);
    return busy / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Pins every thread of this process to one core (taskset -a -p). */
export function pinSelf(cpu: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Waits (at most `maxS` seconds, in 1 s samples) until the processes other
 * than this one and `ownPids` use under 15% of a core.
 */
export async function waitQuiet(maxS: number, ownPids: number[] = []): Promise<{ ok: boolean; pct: number }> {
  const deadline = performance.now() + maxS * 1000;
  const own = () => ownPids.reduce((a, p) => a + processTreeCpuSeconds(p), 0);
  let pct = NaN;
  do {
    const b0 = machineBusySeconds();
    const s0 = selfCpuSeconds();
    const o0 = own();
    await sleep(1000);
    pct = 100 * (machineBusySeconds() - b0 - (selfCpuSeconds() - s0) - (own() - o0));
    if (!(pct > 15)) return { ok: true, pct };
  } while (performance.now() < deadline);
  return { ok: false, pct };
}

// ---- statistics ---------------------------------------------------------------

/** Nearest-rank percentile (0..100) of an ascending-sorted array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---- publisher ------------------------------------------------------------------

export interface PublishStats {
  /** Publications the server acknowledged without error. */
  accepted: number;
  /** Publications answered with an error, or in failed requests. */
  failed: number;
  requests: number;
  firstError?: string;
  /** performance.now() ms of the first request and the last response. */
  startMs: number;
  endMs: number;
}

export interface PublisherOptions {
  port: number;
  apiKey: string;
  channel: string;
  /** Publications in all. */
  total: number;
  /** Publications per /api/batch request. */
  batch: number;
  /** Requests in flight at once. */
  inflight: number;
  /** The ~N-byte filler string put into every publication. */
  filler: string;
  /** Stop starting new requests once this is true. */
  aborted: () => boolean;
  /** Send `"parallel": true`: Gyre runs the batch's commands concurrently instead of one after another. */
  parallel?: boolean;
}

/**
 * Publishes `total` publications `{seq, ts, payload}` through POST /api/batch,
 * `batch` per request, `inflight` requests at a time over keep-alive
 * connections. `ts` is the microsecond clock when the request body was built.
 */
export async function publishAll(o: PublisherOptions): Promise<PublishStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.inflight });
  const fillerJson = JSON.stringify(o.filler);
  const channelJson = JSON.stringify(o.channel);
  const stats: PublishStats = { accepted: 0, failed: 0, requests: 0, startMs: performance.now(), endMs: 0 };
  let nextSeq = 0;

  const one = async (): Promise<void> => {
    while (nextSeq < o.total && !o.aborted()) {
      const from = nextSeq;
      const to = Math.min(o.total, from + o.batch);
      nextSeq = to;
      const ts = nowUs();
      let body = '{"commands":[';
      for (let s = from; s < to; s++) {
        if (s > from) body += ',';
        body += `{"publish":{"channel":${channelJson},"data":{"seq":${s},"ts":${ts},"payload":${fillerJson}}}}`;
      }
      body += o.parallel ? '],"parallel":true}' : ']}';
      stats.requests++;
      try {
        const { status, text } = await post(agent, o.port, '/api/batch', o.apiKey, body);
        if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
        const parsed = JSON.parse(text) as { result?: { replies?: Record<string, unknown>[] }; error?: unknown };
        const replies = parsed.result?.replies;
        if (!replies) throw new Error(`bad batch answer: ${text.slice(0, 200)}`);
        for (let i = 0; i < to - from; i++) {
          const r = replies[i];
          if (r && r['publish'] !== undefined && r['error'] === undefined) stats.accepted++;
          else {
            stats.failed++;
            stats.firstError ??= JSON.stringify(r);
          }
        }
      } catch (err) {
        stats.failed += to - from;
        stats.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: o.inflight }, one));
  stats.endMs = performance.now();
  agent.destroy();
  return stats;
}

/** One POST with the API key over `agent`; resolves with the status and the body as text. */
export function post(agent: http.Agent, port: number, pathName: string, apiKey: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathName,
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('publish request timed out after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Runs a benchmark's main: exit code 1 on an error, and every child process
 * killed however it ends. The exit is forced shortly after, in case a stray
 * handle lingers once sockets and agents are closed.
 */
export function runMain(main: () => Promise<void>): void {
  main()
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => {
      killAllChildren();
      setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    });
}
