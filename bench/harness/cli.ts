/**
 * Options of a scenario: each is declared once (kind, default, the value
 * `--quick` uses, one line of doc) and read from `--name value`,
 * `--name=value` or the environment variable `BENCH_NAME` (dashes become
 * underscores), in that order, else the default. Booleans are `--name`,
 * `--no-name` or `--name=false`; env `1`/`true`/`0`/`false`. An unknown flag
 * stops the run: a mistyped flag would otherwise measure the defaults.
 */

export interface Opt<V> {
  def: V;
  /** The value under --quick (small sizes, short windows), when it differs from the default. */
  quick?: V;
  doc: string;
  /** Read `raw` (from a flag or the environment) for the option `name`; throws on a bad value. */
  parse(raw: string, name: string): V;
  show(v: V): string;
  /** A boolean: a bare `--name` means true and `--no-name` false. */
  flag?: boolean;
}

export type Spec = Record<string, Opt<unknown>>;
export type Options<S extends Spec> = { -readonly [K in keyof S]: S[K] extends Opt<infer V> ? V : never };

interface Extra<V> {
  quick?: V;
}

function intOf(raw: string, name: string, min: number): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return v;
}

/** An integer ≥ `min` (1 unless said). */
export function int(def: number, doc: string, x: Extra<number> & { min?: number } = {}): Opt<number> {
  const min = x.min ?? 1;
  return { def, doc, quick: x.quick, parse: (raw, name) => intOf(raw, name, min), show: String };
}

/** A number ≥ 0 (seconds, rates). */
export function num(def: number, doc: string, x: Extra<number> = {}): Opt<number> {
  return {
    def,
    doc,
    quick: x.quick,
    parse: (raw, name) => {
      const v = Number(raw);
      if (raw.trim() === '' || !(v >= 0)) throw new Error(`--${name} must be a number ≥ 0, got ${JSON.stringify(raw)}`);
      return v;
    },
    show: String,
  };
}

export function str(def: string, doc: string, x: Extra<string> = {}): Opt<string> {
  return { def, doc, quick: x.quick, parse: (raw) => raw, show: (v) => v };
}

/** One of `values`. */
export function oneOf<T extends string>(values: readonly T[], def: T, doc: string, x: Extra<T> = {}): Opt<T> {
  return {
    def,
    doc: `${doc} (${values.join(' | ')})`,
    quick: x.quick,
    parse: (raw, name) => {
      if (!values.includes(raw as T)) throw new Error(`--${name}: unknown ${raw}; known: ${values.join(', ')}`);
      return raw as T;
    },
    show: (v) => v,
  };
}

/** A comma-separated list of `values`. */
export function listOf<T extends string>(values: readonly T[], def: T[], doc: string, x: Extra<T[]> = {}): Opt<T[]> {
  return {
    def,
    doc: `${doc} (any of ${values.join(', ')})`,
    quick: x.quick,
    parse: (raw, name) => {
      const out = raw.split(',').map((s) => s.trim()).filter(Boolean) as T[];
      for (const v of out) if (!values.includes(v)) throw new Error(`--${name}: unknown ${v}; known: ${values.join(', ')}`);
      return out;
    },
    show: (v) => v.join(','),
  };
}

/** A comma-separated list of integers ≥ `min` (1 unless said). */
export function ints(def: number[], doc: string, x: Extra<number[]> & { min?: number } = {}): Opt<number[]> {
  const min = x.min ?? 1;
  return { def, doc, quick: x.quick, parse: (raw, name) => raw.split(',').map((s) => intOf(s, name, min)), show: (v) => v.join(',') };
}

export function bool(def: boolean, doc: string, x: Extra<boolean> = {}): Opt<boolean> {
  return {
    def,
    doc,
    quick: x.quick,
    flag: true,
    parse: (raw, name) => {
      if (['1', 'true', 'yes', ''].includes(raw)) return true;
      if (['0', 'false', 'no'].includes(raw)) return false;
      throw new Error(`--${name} is a switch (true or false), got ${JSON.stringify(raw)}`);
    },
    show: String,
  };
}

/** A JSON object (e.g. Gyre configuration merged over the scenario's). */
export function json(def: Record<string, unknown>, doc: string): Opt<Record<string, unknown>> {
  return {
    def,
    doc,
    parse: (raw, name) => {
      const v = JSON.parse(raw) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`--${name} must be a JSON object`);
      return v as Record<string, unknown>;
    },
    show: (v) => JSON.stringify(v),
  };
}

/** Space-separated words (node flags for a server process). */
export function words(doc: string): Opt<string[]> {
  return { def: [], doc, parse: (raw) => raw.split(' ').filter(Boolean), show: (v) => v.join(' ') };
}

// ---- parsing ----------------------------------------------------------------------------

const flagName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const envName = (key: string) => `BENCH_${flagName(key).replace(/-/g, '_').toUpperCase()}`;

/** `--name value` / `--name=value` / bare `--name` ("" = a switch turned on), by flag name. */
export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(a)} (flags are --name value)`);
    const eq = a.indexOf('=');
    if (eq !== -1) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(a.slice(2), argv[++i]!);
    else flags.set(a.slice(2), '');
  }
  return flags;
}

/** Reads every option of `spec` from `argv` and the environment; `quick` picks the quick values as defaults. */
export function parseOptions<S extends Spec>(spec: S, argv: string[], env: NodeJS.ProcessEnv = process.env): Options<S> {
  const flags = parseFlags(argv);
  const quick = flags.has('quick') ? flags.get('quick') !== 'false' : ['1', 'true'].includes(env['BENCH_QUICK'] ?? '');
  const out: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const [key, opt] of Object.entries(spec)) {
    const name = flagName(key);
    known.add(name);
    if (opt.flag) known.add(`no-${name}`);
    let raw = flags.get(name) ?? env[envName(key)];
    if (opt.flag && flags.has(`no-${name}`)) raw = 'false';
    if (raw === '' && flags.get(name) === '') {
      if (!opt.flag) throw new Error(`--${name} needs a value`);
      raw = 'true';
    }
    if (raw === undefined || raw === '') out[key] = quick && opt.quick !== undefined ? opt.quick : opt.def;
    else out[key] = opt.parse(raw, name);
  }
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`unknown flag --${name}; --help lists the flags`);
  return out as Options<S>;
}

/** One line per option: flag, default (and quick value), doc. */
export function usage(spec: Spec): string {
  return Object.entries(spec)
    .map(([key, o]) => {
      const q = o.quick !== undefined ? `, quick ${o.show(o.quick)}` : '';
      return `  --${flagName(key)}${o.flag ? '' : ' <v>'}  (default ${o.show(o.def) || '""'}${q}; env ${envName(key)})\n      ${o.doc}`;
    })
    .join('\n');
}
