/**
 * The processes behind redis-topology.ts and how it talks to them: one
 * redis-server (data node or Sentinel) per RedisNode, on a fixed port with a
 * private dir, started without daemonizing so that it stays ours to kill, and
 * one-shot commands that fail at once on a dead node instead of retrying.
 * A node started TLS-only is told to redis-tls.ts, so that ping() and
 * command() reach it over TLS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { ping } from './redis';
import { clientTls, setTls, tlsDataArgs } from './redis-tls';
import { freePort, sleep } from './server';

export const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------
// Processes

/** Every process started here that may still run; killed when the test process exits, whatever stop() was missed. */
const owned = new Set<() => ChildProcess | undefined>();
let exitHook = false;
export function own(current: () => ChildProcess | undefined): () => void {
  if (!exitHook) {
    exitHook = true;
    // 'exit' runs for a normal end and for node --test's --test-force-exit; only synchronous work is possible here.
    process.on('exit', () => {
      for (const get of owned) {
        const p = get();
        if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      }
    });
  }
  owned.add(current);
  return () => owned.delete(current);
}

/** The durability startRedis gives: none, or AOF with fsync on every write so a restart keeps everything. */
function durability(persistent: boolean | undefined): string[] {
  return persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
}

/** One redis-server (data node or Sentinel) on a fixed port with its own dir; startable again after a kill. */
export class RedisNode {
  private proc: ChildProcess | undefined;
  private readonly disown: () => void;
  readonly log: string;

  constructor(
    readonly port: number,
    readonly dir: string,
    /** The command line (before any per-start extras); logs go to `log`, in `dir`. */
    private readonly args: string[],
    /** Whether `port` speaks only TLS (dataArgs with tls). */
    readonly tls = false,
  ) {
    this.log = path.join(dir, 'redis.log');
    setTls(port, tls);
    this.disown = own(() => this.proc);
  }

  get alive(): boolean {
    // No pid: the spawn itself failed (no redis-server on PATH), and no 'exit' will ever come.
    return !!this.proc?.pid && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get pid(): number | undefined {
    return this.alive ? this.proc?.pid : undefined;
  }

  async start(extra: string[] = []): Promise<void> {
    if (this.alive) throw new Error(`redis-server on ${this.port} is already running`);
    const proc = spawn('redis-server', [...this.args, '--logfile', this.log, ...extra], { stdio: 'ignore' });
    this.proc = proc;
    let spawnError: Error | undefined;
    proc.once('error', (err) => (spawnError = err));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (spawnError) throw spawnError;
      if (!this.alive) throw new Error(`redis-server on ${this.port} exited at start:\n${this.logTail()}`);
      // The answer must come from this process: a port taken by someone else between freePort() and the spawn
      // would answer PING too, while ours failed to bind.
      if ((await ping(this.port)) && (await info(this.port, 'server').catch(() => ({}) as Info)).process_id === String(proc.pid)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${this.port}:\n${this.logTail()}`);
      await sleep(20);
    }
  }

  /** kill -9: no shutdown, no final save, as when a machine dies. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.alive) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  /** Kills it for good and removes its dir. */
  async dispose(): Promise<void> {
    await this.kill();
    this.disown();
    setTls(this.port, false);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private logTail(): string {
    try {
      return fs.readFileSync(this.log, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

export function nodeDir(kind: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gyre-${kind}-`));
}

/** The arguments of a data node on `port` keeping its files in `dir`; with `tls` it listens with TLS only. */
export function dataArgs(port: number, dir: string, persistent: boolean | undefined, tls = false): string[] {
  return [...(tls ? tlsDataArgs(port) : ['--port', String(port)]), '--bind', HOST, '--save', '', ...durability(persistent), '--dir', dir, '--protected-mode', 'no'];
}

/** `n` distinct free ports (freePort may hand out a port again once its probe closed). */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Disposes every node, once; what a failed start and stop() share. */
export function disposer(nodes: () => RedisNode[]): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= Promise.all(nodes().map((n) => n.dispose())).then(() => undefined));
}

// ---------------------------------------------------------------------------
// Talking to nodes

/** One command on a fresh connection that neither retries nor queues, so a dead node fails the call at once. */
export async function command(port: number, ...args: (string | number)[]): Promise<unknown> {
  const r = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
    commandTimeout: 3000,
    tls: clientTls(port),
  });
  r.on('error', () => {});
  try {
    await r.connect();
    const [name, ...rest] = args;
    return await r.call(String(name), rest);
  } finally {
    r.disconnect();
  }
}

export type Info = Record<string, string>;

export async function info(port: number, section: string): Promise<Info> {
  return parseFields(String(await command(port, 'INFO', section)));
}

/** `key:value` lines, as INFO and CLUSTER INFO answer. */
export function parseFields(text: string): Info {
  const out: Info = {};
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Sentinel's flat [field, value, field, value, ...] replies as objects. */
export function records(reply: unknown): Info[] {
  return (reply as string[][]).map((flat) => {
    const out: Info = {};
    for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
    return out;
  });
}

export async function role(port: number): Promise<string> {
  return String(((await command(port, 'ROLE')) as unknown[])[0]);
}

/** A replica's own word that its link to the master is up (vacuously true for a master). */
export async function replicaLinkUp(port: number): Promise<boolean> {
  const repl = await info(port, 'replication');
  return repl.role === 'master' || repl.master_link_status === 'up';
}

export function dataNode(nodes: RedisNode[], port: number): RedisNode {
  const node = nodes.find((n) => n.port === port);
  if (!node) throw new Error(`no data node of this topology listens on ${port}`);
  return node;
}

/** The answer of the first node in `nodes` that gives one (the others may be dead); the last error when none does. */
export async function firstAnswer<T>(nodes: RedisNode[], ask: (port: number) => Promise<T>): Promise<T> {
  let last: unknown = new Error('none of the nodes is running');
  for (const n of nodes) {
    try {
      return await ask(n.port);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
