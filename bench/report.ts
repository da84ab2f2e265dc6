/**
 * Results of fan-out runs and how they are printed: one row per run, the
 * median row of several runs, and a Markdown-style table. The column set is
 * fixed, except that `redis CPU %` only appears when a row ran on the Redis
 * engine.
 */
import { median } from './lib';

export type VariantName =
  | 'gyre-json'
  | 'gyre-protobuf'
  | 'gyre-http-stream'
  | 'gyre-sse'
  | 'gyre-sockjs'
  | 'ws-baseline'
  | 'ws-baseline-post'
  | 'ws-baseline-msg';

export interface RunResult {
  variant: VariantName;
  /** What the table shows for the variant, e.g. `gyre-json redis w2` (engine and workers when not the memory engine). */
  label: string;
  run: number;
  n: number;
  m: number;
  payloadBytes: number;
  /** Bytes of one push as it goes on the wire (JSON line or protobuf message), without WebSocket framing. */
  pushBytes: number;
  connected: number;
  connectS: number;
  published: number;
  publishFailed: number;
  publishError?: string;
  publishS: number;
  pubPerS: number;
  expected: number;
  delivered: number;
  windowS: number;
  deliveredPerS: number;
  frames: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Subscribers that ended with fewer than M publications. */
  incompleteSubs: number;
  missing: number;
  duplicates: number;
  /** A publication of one /api/batch request arrived before an earlier one of the same request. */
  inBatchInversions: number;
  /** Sampled subscribers whose whole receive order differs from subscriber 0's. */
  orderMismatches: number;
  orderSampled: number;
  /** Close codes of subscribers closed by the server during the run. */
  closes: Record<string, number>;
  serverCpuPct: number;
  genCpuPct: number;
  /** CPU used during the window by everything else on the machine (other processes), % of one core. */
  /** CPU of the private redis-server during the window, % of one core; NaN on the memory engine. */
  redisCpuPct: number;
  otherCpuPct: number;
  /** Server CPU time per delivered message, µs: a cost that does not depend on how fast the generator reads. */
  srvUsPerMsg: number;
  timedOut: boolean;
  notes: string[];
}

// ---- formatting --------------------------------------------------------------------------------

export const fmtInt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
export const fmt1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
export const fmt2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');

const COLUMNS: [string, (r: RunResult) => string][] = [
  ['variant', (r) => r.label],
  ['run', (r) => (r.run === 0 ? 'median' : String(r.run))],
  ['N', (r) => String(r.n)],
  ['M', (r) => String(r.m)],
  ['payload B', (r) => String(r.payloadBytes)],
  ['push B', (r) => String(r.pushBytes)],
  ['pubs/s', (r) => fmtInt(r.pubPerS)],
  ['delivered msgs/s', (r) => fmtInt(r.deliveredPerS)],
  ['window s', (r) => fmt2(r.windowS)],
  ['delivered', (r) => `${r.delivered}/${r.expected}`],
  ['msgs/frame', (r) => fmt1(r.frames ? r.delivered / r.frames : NaN)],
  ['p50 ms', (r) => fmt1(r.p50Ms)],
  ['p99 ms', (r) => fmt1(r.p99Ms)],
  ['srv CPU %', (r) => fmtInt(r.serverCpuPct)],
  ['gen CPU %', (r) => fmtInt(r.genCpuPct)],
  ['redis CPU %', (r) => fmtInt(r.redisCpuPct)],
  ['other CPU %', (r) => fmtInt(r.otherCpuPct)],
  ['srv µs/msg', (r) => fmt2(r.srvUsPerMsg)],
  ['lost', (r) => String(r.missing)],
  ['dup', (r) => String(r.duplicates)],
  ['order', (r) => (r.inBatchInversions === 0 && r.orderMismatches === 0 ? 'ok' : `inv ${r.inBatchInversions}, ${r.orderMismatches}/${r.orderSampled} differ`)],
  ['closes', (r) => (Object.keys(r.closes).length ? Object.entries(r.closes).map(([c, k]) => `${c}×${k}`).join(' ') : '-')],
];

/** A Markdown table with padded columns. */
export function renderTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${widths.map((w, i) => (row[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** One row per run; the `redis CPU %` column only when some run used the Redis engine. */
export function table(rows: RunResult[]): string {
  const redis = rows.some((r) => Number.isFinite(r.redisCpuPct));
  const cols = COLUMNS.filter(([h]) => redis || h !== 'redis CPU %');
  return renderTable(
    cols.map(([h]) => h),
    rows.map((r) => cols.map(([, f]) => f(r))),
  );
}

/** The median of each measured figure over `rows` (runs of one variant); loss, duplicates, order problems and closes are summed. */
export function medianRow(rows: RunResult[]): RunResult {
  const first = rows[0]!;
  const med = (f: (r: RunResult) => number) => median(rows.map(f));
  return {
    ...first,
    run: 0,
    pubPerS: med((r) => r.pubPerS),
    deliveredPerS: med((r) => r.deliveredPerS),
    windowS: med((r) => r.windowS),
    p50Ms: med((r) => r.p50Ms),
    p99Ms: med((r) => r.p99Ms),
    serverCpuPct: med((r) => r.serverCpuPct),
    genCpuPct: med((r) => r.genCpuPct),
    redisCpuPct: med((r) => r.redisCpuPct),
    otherCpuPct: med((r) => r.otherCpuPct),
    srvUsPerMsg: med((r) => r.srvUsPerMsg),
    delivered: rows.reduce((a, r) => a + r.delivered, 0),
    expected: rows.reduce((a, r) => a + r.expected, 0),
    frames: rows.reduce((a, r) => a + r.frames, 0),
    missing: rows.reduce((a, r) => a + r.missing, 0),
    duplicates: rows.reduce((a, r) => a + r.duplicates, 0),
    inBatchInversions: rows.reduce((a, r) => a + r.inBatchInversions, 0),
    orderMismatches: rows.reduce((a, r) => a + r.orderMismatches, 0),
    orderSampled: rows.reduce((a, r) => a + r.orderSampled, 0),
    closes: rows.reduce<Record<string, number>>((acc, r) => {
      for (const [c, k] of Object.entries(r.closes)) acc[c] = (acc[c] ?? 0) + k;
      return acc;
    }, {}),
  };
}
