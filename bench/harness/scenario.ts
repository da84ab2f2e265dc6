/**
 * What a benchmark is: a scenario — its options, the variants it compares
 * (Gyre setups and their peers), one run function, and its tables. The
 * harness does the rest the same way for all: flags and --help, shared
 * resources, interleaved runs with retries and progress, medians, the JSON
 * dump, the exit code (2 when a run had problems), and killing every process
 * it started.
 */
import fs from 'node:fs';
import os from 'node:os';
import { bool, int, type Options, parseOptions, type Spec, str, usage } from './cli';
import { installCleanup, killAll } from './procs';
import { interleave, Kept, type Outcome, type Results } from './runs';

/** The options every scenario has; a scenario may give them other defaults. */
export function common(d: { runs?: number; retries?: number; maxOther?: number; waitQuiet?: number } = {}) {
  return {
    quick: bool(false, 'small sizes and short windows: shows the scenario works; its figures mean little'),
    runs: int(d.runs ?? 2, 'runs of every variant, interleaved (run 1 of each, then run 2 of each, …)', { quick: 1 }),
    retries: int(d.retries ?? 1, 'times a run is repeated when other processes used more than --max-other', { min: 0, quick: 0 }),
    maxOther: int(d.maxOther ?? 15, '% of one core other processes may use during a run before it is repeated', { min: 0 }),
    waitQuiet: int(d.waitQuiet ?? 10, 'seconds to wait at most, before each run, for other processes to go under 15 % of a core', { min: 0, quick: 0 }),
    json: str('', 'also write every result to this JSON file'),
  };
}

type CommonSpec = ReturnType<typeof common>;

/** What a run function gets besides its variant: servers it may keep across runs. */
export interface Harness {
  kept: Kept;
}

export interface Scenario<S extends Spec & CommonSpec, V, R extends Outcome, C = void> {
  name: string;
  /** One line: what is measured against what. */
  title: string;
  /** More about the scenario, for --help. */
  about: string;
  options: S;
  /** The line printed first: the sizes and settings of this invocation. */
  header(o: Options<S>): string;
  /** Resources shared by every run (a private redis-server, signed tokens…); stopped by the harness at the end. */
  setup?(o: Options<S>, h: Harness): Promise<C>;
  variants(o: Options<S>, c: C): V[];
  key(v: V): string;
  label?(v: V, o: Options<S>): string;
  run(v: V, run: number, o: Options<S>, c: C, h: Harness): Promise<R>;
  /** A run's figures in one line (progress on stderr). */
  summary(r: R): string;
  /** Result fields added up rather than medianed across runs (lost, failed…). */
  sum?: readonly string[];
  /** Prints the tables: at least one with a ratio to the peer. */
  report(res: Results<V, R>, o: Options<S>, c: C): void | Promise<void>;
  /** Work after the runs and before the report (a check on its own), and the last words on shared resources. */
  after?(o: Options<S>, c: C, h: Harness): Promise<void>;
}

/** Runs `s` with the command-line arguments `argv`; resolves with the exit code. */
export async function runScenario<S extends Spec & CommonSpec, V, R extends Outcome, C>(s: Scenario<S, V, R, C>, argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(`${s.name}: ${s.title}\n\n${s.about.trim()}\n\nnode dist/bench/run.js ${s.name} [flags]\n${usage(s.options)}`);
    return 0;
  }
  installCleanup();
  const o = parseOptions(s.options, argv);
  // The common options, typed as such (inside this generic function TypeScript cannot resolve them through S).
  const co = o as unknown as Options<CommonSpec>;
  console.log(`${s.name}: ${s.header(o)}; ${co.runs} run(s)${co.quick ? ', quick' : ''}; node ${process.version}, ${os.availableParallelism()} cores`);
  const h: Harness = { kept: new Kept() };
  try {
    const c = s.setup ? await s.setup(o, h) : (undefined as C);
    const res = await interleave({
      variants: s.variants(o, c),
      key: s.key,
      label: (v) => (s.label ? s.label(v, o) : s.key(v)),
      runs: co.runs,
      retries: co.retries,
      maxOtherPct: co.maxOther,
      waitQuietS: co.waitQuiet,
      run: (v, run) => s.run(v, run, o, c, h),
      summary: s.summary,
      sum: s.sum,
    });
    await s.after?.(o, c, h);
    await h.kept.stopAll();
    await s.report(res, o, c);
    if (co.json) fs.writeFileSync(co.json, JSON.stringify({ scenario: s.name, options: o, kept: res.kept, disturbed: res.disturbed, medians: res.medians }, null, 2));
    const bad = res.kept.filter((k) => k.r.problems.length);
    if (bad.length) {
      console.log(`\nWARNING: ${bad.length} run(s) had problems:`);
      for (const k of bad) console.log(`  ${k.label} run ${k.run}: ${k.r.problems.join('; ')}`);
      return 2;
    }
    return 0;
  } finally {
    await h.kept.stopAll();
    killAll();
  }
}
