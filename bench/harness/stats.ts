/** Percentiles, medians, and the median of several runs' results taken field by field. */

/** Nearest-rank percentile (0..100) of an ascending-sorted array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Ascending copy of `xs` as a Float64Array (numeric sort). */
export function sorted(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Several runs' results as one: every number the median of the runs' (arrays of numbers element by element, plain
 * objects field by field), except the fields named in `sum` (counts of lost, failed, duplicated…, records of
 * such counts, lists of problems), which are added up or joined; booleans (ok, offsets ok…) hold only when they hold in every run; anything else is
 * the first run's.
 */
export function combine<R>(rows: R[], sum: readonly string[] = []): R {
  const merge = (vals: unknown[], summed: boolean): unknown => {
    const first = vals[0];
    if (typeof first === 'boolean') return vals.every(Boolean);
    if (typeof first === 'number') return summed ? vals.reduce((a: number, v) => a + (v as number), 0) : median(vals as number[]);
    if (Array.isArray(first) && first.every((x) => typeof x === 'number')) {
      return first.map((_, i) => merge(vals.map((v) => (v as number[])[i] ?? NaN), summed));
    }
    if (Array.isArray(first)) return summed ? vals.flat() : first;
    if (isPlain(first)) {
      const keys = new Set(vals.flatMap((v) => Object.keys(v as object)));
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const present = vals.map((v) => (v as Record<string, unknown>)[k]).filter((x) => x !== undefined);
        out[k] = merge(present, summed || sum.includes(k));
      }
      return out;
    }
    return first;
  };
  return merge(rows, false) as R;
}

/** Nanoseconds per call of `fn` over `iterations` calls, after `warmup` calls to let the JIT settle. */
export function nsPer(iterations: number, fn: () => unknown, warmup = Math.min(iterations, 20_000)): number {
  for (let i = 0; i < warmup; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t0) / iterations;
}
