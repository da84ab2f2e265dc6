/**
 * Every process a benchmark starts is tracked here, so that none outlives it
 * however it ends (error, Ctrl-C, a kill), and so that the CPU they use is
 * told apart from other processes' (cpu.ts). Temp files likewise.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tmpFile as sharedTmpFile } from '../../test/helpers/server';

const children = new Set<ChildProcess>();
/** Children started in a process group of their own (detached), killed with the whole group. */
const leaders = new WeakSet<ChildProcess>();
const tmpDirs = new Set<string>();

/**
 * Registers a child (server, redis-server, generator) so that killAll kills it and its CPU counts as the bench's own;
 * `group`: it leads a process group of its own (spawned detached), which is killed whole.
 */
export function track(proc: ChildProcess, group = false): ChildProcess {
  children.add(proc);
  if (group) leaders.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}

/** Processes the benchmark started by other means (a Redis Cluster of the test helpers): their CPU is its own too. */
const others = new Set<number>();

/** Counts process `pid` (and what it starts) as the benchmark's own until `forget(pid)`; it is not killed from here. */
export function own(pid: number): void {
  others.add(pid);
}

export function forget(pid: number): void {
  others.delete(pid);
}

/** Pids of the tracked children still running, and of the processes declared own. */
export function trackedPids(): number[] {
  return [...[...children].filter((c) => c.exitCode === null && c.signalCode === null && c.pid !== undefined).map((c) => c.pid!), ...others];
}

/** Kills every tracked child still running (their process groups too, when detached) and removes temp dirs. Synchronous: safe in 'exit'. */
export function killAll(): void {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    try {
      if (leaders.has(c)) process.kill(-c.pid!, 'SIGKILL');
      else c.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  children.clear();
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
  tmpDirs.clear();
}

let hooked = false;
/** Makes sure no child outlives the benchmark, whatever way it ends. */
export function installCleanup(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
  }
  for (const ev of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(ev, (err) => {
      console.error(`${ev}:`, err);
      killAll();
      process.exit(1);
    });
  }
}

/** A temp file (test/helpers/server.ts), removed when the benchmark exits. */
export function tmpFile(name: string, content: string): string {
  const file = sharedTmpFile(name, content);
  tmpDirs.add(path.dirname(file));
  return file;
}

/** A fresh temp directory, removed when the benchmark exits. */
export function tmpDir(): string {
  const dir = path.dirname(sharedTmpFile('.keep', ''));
  tmpDirs.add(dir);
  return dir;
}

// ---- forked helpers speaking over IPC -------------------------------------------------------

export interface Message {
  type: string;
}

/** Forks `file` (a compiled bench module), tracked; resolves once it sends {type:'ready'}. */
export function forkReady(file: string, args: string[], opts: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {}): Promise<ChildProcess> {
  const child = track(fork(file, args, { env: opts.env ?? process.env, execArgv: opts.execArgv ?? [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`${path.basename(file)} exited with ${code} before it was ready`));
    child.once('exit', early);
    const onReady = (m: Message) => {
      if (m.type !== 'ready') return;
      child.off('message', onReady);
      child.off('exit', early);
      resolve(child);
    };
    child.on('message', onReady);
  });
}

/** The next message of `type` from `child` (rejects if it exits first). */
export function nextMessage<T extends Message>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const gone = (code: number | null) => reject(new Error(`child exited with ${code} while ${type} was awaited`));
    const on = (m: Message) => {
      if (m.type !== type) return;
      child.off('message', on);
      child.off('exit', gone);
      resolve(m as T);
    };
    child.on('message', on);
    child.once('exit', gone);
  });
}

/** Sends `msg` and awaits the answer of `type`. */
export function ask<T extends Message>(child: ChildProcess, msg: Message & Record<string, unknown>, type: string): Promise<T> {
  const answer = nextMessage<T>(child, type);
  child.send(msg);
  return answer;
}
