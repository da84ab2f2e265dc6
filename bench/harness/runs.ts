/**
 * Interleaved runs: run 1 of every variant, then run 2 of every variant, … so
 * that a slow phase of a shared machine touches each variant alike and the
 * ratios between them hold. Before each run the machine is given time to go
 * quiet; a run during which other processes used more than the bound is
 * repeated (a bounded number of times) and kept apart; a run with problems
 * (lost, failed…) is never repeated. Progress goes to stderr, one line per
 * run, so that the tables on stdout stay clean.
 */
import { waitQuiet } from './cpu';
import { type Column, fmtInt, printTable } from './report';
import { combine } from './stats';

/** What every run reports besides its figures. */
export interface Outcome {
  /** CPU other processes (not started by the benchmark) used during the run, % of one core; NaN when not measured. */
  otherPct: number;
  /** What went wrong (lost, duplicated, failed…): such a run is never repeated, and the invocation exits with 2. */
  problems: string[];
  notes: string[];
}

export const outcome = (): Outcome => ({ otherPct: NaN, problems: [], notes: [] });

/** An error that ended a run, as one problem line (a server's output can be long). */
export const errorProblem = (err: unknown) => `error: ${String((err as Error)?.message ?? err).trim().split('\n').slice(0, 6).join(' | ').slice(0, 600)}`;

export interface Row<V, R> {
  variant: V;
  key: string;
  label: string;
  /** 1-based; 0 for a median row. */
  run: number;
  r: R;
}

export interface Results<V, R> {
  kept: Row<V, R>[];
  /** Runs repeated because other processes disturbed them (not in the medians). */
  disturbed: Row<V, R>[];
  /** One row per variant that ran: the median of its kept runs. */
  medians: Row<V, R>[];
  /** The median row of the variant with this key. */
  median(key: string): R | undefined;
}

export interface Plan<V, R extends Outcome> {
  variants: V[];
  key(v: V): string;
  label(v: V): string;
  runs: number;
  retries: number;
  maxOtherPct: number;
  waitQuietS: number;
  run(v: V, run: number): Promise<R>;
  /** The run's figures in one line, for the progress output. */
  summary(r: R): string;
  /** Fields added up rather than medianed across runs (see stats.ts combine). */
  sum?: readonly string[];
}

const started = performance.now();

/** A progress line on stderr, stamped with the time since the benchmark started. */
export function progress(line: string): void {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

/** Progress of a long loop (connecting, draining): at most one line a second, and the last. */
export function counter(what: string, total: number): (done: number) => void {
  let last = 0;
  return (done) => {
    const now = performance.now();
    if (done < total && now - last < 1000) return;
    last = now;
    progress(`  ${what}: ${fmtInt(done)}/${fmtInt(total)}`);
  };
}

export async function interleave<V, R extends Outcome>(plan: Plan<V, R>): Promise<Results<V, R>> {
  const kept: Row<V, R>[] = [];
  const disturbed: Row<V, R>[] = [];
  const total = plan.runs * plan.variants.length;
  for (let run = 1; run <= plan.runs; run++) {
    for (const variant of plan.variants) {
      const key = plan.key(variant);
      const label = plan.label(variant);
      for (let attempt = 0; ; attempt++) {
        const quiet = await waitQuiet(plan.waitQuietS);
        const r = await plan.run(variant, run);
        if (!quiet.ok) r.notes.push(`the machine was not quiet before the run (${fmtInt(quiet.pct)}% of a core used elsewhere)`);
        progress(`[${kept.length + 1}/${total}] ${label} run ${run}: ${plan.summary(r)}${r.problems.length ? '  <-- CHECK' : ''}`);
        for (const p of r.problems) progress(`    problem: ${p}`);
        for (const n of r.notes) progress(`    note: ${n}`);
        const row = { variant, key, label, run, r };
        if (r.otherPct > plan.maxOtherPct && !r.problems.length && attempt < plan.retries) {
          disturbed.push(row);
          progress(`    repeating: other processes used ${fmtInt(r.otherPct)}% > ${plan.maxOtherPct}% of a core (attempt ${attempt + 1}/${plan.retries})`);
          continue;
        }
        kept.push(row);
        break;
      }
    }
  }
  const medians = [...new Set(kept.map((k) => k.key))].map((key) => {
    const rows = kept.filter((k) => k.key === key);
    return { ...rows[0]!, run: 0, r: combine(rows.map((k) => k.r), ['problems', ...(plan.sum ?? [])]) };
  });
  return { kept, disturbed, medians, median: (key) => medians.find((m) => m.key === key)?.r };
}

/**
 * The tables most scenarios print: every run, the runs repeated because other processes disturbed them, and the
 * medians with the ratio columns added. `only` keeps some rows (one kind of variant), `title` names them.
 */
export function printRuns<V, R>(
  res: Results<V, R>,
  cols: Column<Row<V, R>>[],
  o: { runs: number; maxOther: number },
  x: { ratios?: Column<Row<V, R>>[]; only?: (row: Row<V, R>) => boolean; title?: string } = {},
): void {
  const rows = (all: Row<V, R>[]) => (x.only ? all.filter(x.only) : all);
  const t = x.title ? `${x.title}, ` : '';
  printTable(`${t}every run:`, cols, rows(res.kept));
  printTable(`${t}repeated because other processes used over ${o.maxOther}% of a core (not in the medians):`, cols, rows(res.disturbed));
  printTable(`${t}median of ${o.runs} run(s):`, [...cols, ...(x.ratios ?? [])], rows(res.medians));
}

/** The run column: its number, or "median". */
export const runColumn = <T extends { run: number }>(): Column<T> => ['run', (x) => (x.run === 0 ? 'median' : String(x.run))];

// ---- resources kept across runs ---------------------------------------------------------------

interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Servers (or sets of servers) a scenario keeps across runs, one per key (e.g. one Gyre per worker count), started
 * on first use and stopped when the invocation ends.
 */
export class Kept {
  private readonly items = new Map<string, Promise<Stoppable>>();

  get<T extends Stoppable>(key: string, start: () => Promise<T>): Promise<T> {
    let p = this.items.get(key);
    if (!p) {
      p = start();
      this.items.set(key, p);
      // A start that failed is tried again on the next use rather than failing every later run.
      p.catch(() => this.items.delete(key));
    }
    return p as Promise<T>;
  }

  async stopAll(): Promise<void> {
    const all = [...this.items.values()];
    this.items.clear();
    for (const p of all) await p.then((x) => x.stop()).catch(() => undefined);
  }
}
