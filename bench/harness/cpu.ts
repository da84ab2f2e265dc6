/**
 * CPU and memory from /proc: a process tree's CPU seconds (a server's primary,
 * its workers and anything they started), the whole machine's busy time, and
 * windows over which each named part's share of one core is computed — with
 * "other", what processes this benchmark did not start used meanwhile, so that
 * a run disturbed by them can be told and repeated.
 */
import fs from 'node:fs';
import { sleep } from '../../test/helpers/server';
import { trackedPids } from './procs';

const CLK_TCK = 100; // USER_HZ; 100 on every mainstream Linux build

/** The direct children of a process, from /proc (none once it is gone). */
export function childPids(pid: number): number[] {
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return kids ? kids.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...childPids(p));
  }
  return out;
}

/** CPU seconds (user + system, or system alone: the kernel's share) of one process, all threads; 0 once it is gone. */
export function processCpuSeconds(pid: number, only?: 'system'): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" of the command name: state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((only ? 0 : Number(rest[11])) + Number(rest[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU seconds of `pid` and every process below it (a server's primary and workers); `only`: the kernel's share. */
export function treeCpuSeconds(pid: number, only?: 'system'): number {
  return processTree(pid).reduce((s, p) => s + processCpuSeconds(p, only), 0);
}

/** CPU seconds the whole machine spent busy (all cores; everything but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  return f.slice(0, 8).reduce((a, b, i) => (i === 3 || i === 4 ? a : a + b), 0) / CLK_TCK;
}

export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds of this process and of every process tree it started and still tracks. */
export function ownCpuSeconds(): number {
  return selfCpuSeconds() + trackedPids().reduce((s, p) => s + treeCpuSeconds(p), 0);
}

/** Resident memory of a process (VmRSS), bytes. */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

// ---- windows ------------------------------------------------------------------------------------

/** What a window measures: named parts (CPU seconds so far, e.g. a server's tree), and a server's workers one by one. */
export interface CpuParts {
  parts: Record<string, () => number>;
  /** Primary pid whose direct children are reported one by one (Gyre's workers). */
  workersOf?: number;
}

interface Sample {
  at: number;
  busy: number;
  own: number;
  self: number;
  parts: Record<string, number>;
  workers: Map<number, number>;
}

/** A window's CPU, each as % of one core. */
export interface CpuUse {
  wallS: number;
  /** Each named part. */
  pct: Record<string, number>;
  /** Each worker of `workersOf`, in pid order. */
  workers: number[];
  /** This process (the load generator). */
  gen: number;
  /** Processes this benchmark did not start. */
  other: number;
}

export const NO_CPU: CpuUse = { wallS: NaN, pct: {}, workers: [], gen: NaN, other: NaN };

function sample(p: CpuParts): Sample {
  const parts: Record<string, number> = {};
  for (const [name, f] of Object.entries(p.parts)) parts[name] = f();
  const workers = new Map<number, number>();
  if (p.workersOf !== undefined) for (const w of childPids(p.workersOf)) workers.set(w, treeCpuSeconds(w));
  return { at: performance.now(), busy: machineBusySeconds(), own: ownCpuSeconds(), self: selfCpuSeconds(), parts, workers };
}

/**
 * Starts a window; `end()` gives each part's share of one core since. `extraOwnSeconds`: CPU of the bench's own that
 * /proc no longer shows in a live process (a tool that ran and exited within the window), not to be counted as other.
 */
export function cpuWindow(p: CpuParts): { end(extraOwnSeconds?: number): CpuUse } {
  const a = sample(p);
  return {
    end(extraOwnSeconds = 0) {
      const b = sample(p);
      const wallS = (b.at - a.at) / 1000;
      const pct = (s: number) => (100 * s) / wallS;
      const out: Record<string, number> = {};
      for (const name of Object.keys(p.parts)) out[name] = pct(b.parts[name]! - a.parts[name]!);
      return {
        wallS,
        pct: out,
        workers: [...b.workers].sort(([x], [y]) => x - y).map(([w, s]) => pct(s - (a.workers.get(w) ?? s))),
        gen: pct(b.self - a.self),
        other: Math.max(0, pct(b.busy - a.busy - (b.own - a.own) - extraOwnSeconds)),
      };
    },
  };
}

/** Waits (at most `maxS` seconds, in 1 s samples) until processes this benchmark did not start use under 15 % of a core. */
export async function waitQuiet(maxS: number): Promise<{ ok: boolean; pct: number }> {
  if (maxS <= 0) return { ok: true, pct: NaN };
  const deadline = performance.now() + maxS * 1000;
  let pct = NaN;
  do {
    const w = cpuWindow({ parts: {} });
    await sleep(1000);
    pct = w.end().other;
    if (!(pct > 15)) return { ok: true, pct };
  } while (performance.now() < deadline);
  return { ok: false, pct };
}
