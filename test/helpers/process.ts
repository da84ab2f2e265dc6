/**
 * Starting a server process and waiting until it is healthy: the plumbing the
 * test helpers (server.ts) and the benchmarks (bench/lib.ts) share.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/** Most output kept per process: enough for every log line a test reads, bounded for long benchmarks. */
const OUTPUT_LIMIT = 4 * 1024 * 1024;

export interface HealthyProcess {
  proc: ChildProcess;
  /** stdout+stderr so far (the last OUTPUT_LIMIT characters). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM by default), then SIGKILL after `graceMs` when given; resolves with the exit code. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

/**
 * The environment for a Gyre process a test or benchmark starts: this process's own without any GYRE_* variable,
 * plus `env`. A developer's exported GYRE_REDIS_URL or GYRE_ENGINE (or any other GYRE_*, which outranks the
 * config file) would otherwise configure the server under test, and could point it at a Redis the developer runs.
 */
export function gyreEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const own = Object.entries(process.env).filter(([name]) => !name.startsWith('GYRE_'));
  return { ...Object.fromEntries(own), ...env };
}

/**
 * Spawns `command args` with gyreEnv(`opts.env`) and resolves once GET `healthUrl` answers 200 (any status with
 * `listening`, for a process meant to stay unhealthy); throws with its output if it exits or never answers so.
 */
export async function spawnHealthy(
  command: string,
  args: string[],
  healthUrl: string,
  opts: { label?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; listening?: boolean } = {},
): Promise<HealthyProcess> {
  const label = opts.label ?? 'server';
  const proc = spawn(command, args, { env: gyreEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > OUTPUT_LIMIT) out = out.slice(-OUTPUT_LIMIT / 2);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const p: HealthyProcess = {
    proc,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM', graceMs) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const t = graceMs === undefined ? undefined : setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const code = await exited;
      if (t) clearTimeout(t);
      return code;
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${label} exited with ${proc.exitCode ?? proc.signalCode}:\n${out}`);
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || opts.listening) return p;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${label} did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The direct children of a process (a server's workers), from /proc. */
export function childPids(pid: number): number[] {
  const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return kids ? kids.split(/\s+/).map(Number) : [];
}

/** The most memory a process has held resident since it started (VmHWM), in bytes. */
export function peakRss(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM for process ${pid}`);
  return Number(m[1]) * 1024;
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
