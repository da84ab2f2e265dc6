/**
 * "Did you mean": the closest known name to a mistyped command or flag.
 *
 * The distance is the optimal-string-alignment one (insertions, deletions,
 * substitutions, and swaps of two neighbouring characters, the commonest
 * typo: `--prot` is one swap from `--port`). Only cells within `max` of the
 * diagonal are computed and the scan stops as soon as a whole row is past
 * `max`, so a comparison costs O(max × length); names longer than MAX_NAME
 * are not compared at all (a pasted blob gets no suggestion, not a stall).
 */

/** Longer than any command or configuration flag (the longest is ~70 characters). */
const MAX_NAME = 128;

/** The distance between `a` and `b` when it is at most `max`; otherwise `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (a.length > MAX_NAME || b.length > MAX_NAME || Math.abs(a.length - b.length) > max) return over;
  const m = b.length;
  // Three rows (the swap looks two rows back), every cell capped at `over`; outside the band a cell stays `over`,
  // which is right since a cell |i - j| off the diagonal is at least that far.
  let before = new Array<number>(m + 1).fill(over);
  let prev = new Array<number>(m + 1).fill(over);
  let cur = new Array<number>(m + 1).fill(over);
  for (let j = 0; j <= Math.min(m, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    // The cells just outside this row's band may hold values from three rows ago: reset what the next row reads.
    cur[0] = i <= max ? i : over;
    if (lo > 1) cur[lo - 1] = over;
    if (hi < m) cur[hi + 1] = over;
    let rowMin = cur[0]!;
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = Math.min(v, over);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin >= over) return over;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[m]!, over);
}

/**
 * The known name closest to `typed`, if one is close enough to be what was meant: within a third of its length
 * (at least 1, at most 3). For dotted configuration flags, a name that is exactly the last part of one flag
 * (`ping_interval` for `client.ping_interval`) is suggested too.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const max = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const name of known) {
    const d = editDistance(typed, name, max);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  const byLastPart = known.filter((name) => name.endsWith(`.${typed}`));
  return byLastPart.length === 1 ? byLastPart[0] : undefined;
}
