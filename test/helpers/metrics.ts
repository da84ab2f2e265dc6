/** Reading a /metrics answer (Prometheus text exposition) in tests. */

/** Samples by series (name plus labels as written) → value. */
export function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

/** Sum over the series of a name, or of `name{label="value"` (labels as the exposition orders them). */
export function sum(s: Map<string, number>, prefix: string): number {
  const start = prefix.includes('{') ? prefix : `${prefix}{`;
  let total = 0;
  for (const [k, v] of s) if (k === prefix || k.startsWith(start)) total += v;
  return total;
}
