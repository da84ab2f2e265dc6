/** Results and tables of the ingestion benchmark (bench/ingest-redis.ts). */
import type { Mode, Setup, SourceKind, Target } from './ingest-options';
import { median } from './lib';
import { type CpuPct, medianCpu } from './redis';
import { fmt1, fmt2, fmtInt } from './report';

export interface IngestResult {
  source: SourceKind;
  target: Target;
  mode: Mode;
  setup: Setup;
  run: number;
  items: number;
  pushS: number;
  pushPerS: number;
  windowS: number;
  itemsPerS: number;
  /** Push → delivery, over every delivery to the sampled subscribers. */
  p50Ms: number;
  p99Ms: number;
  cpu: CpuPct;
  gyreUsPerItem: number;
  redisUsPerItem: number;
  subscribers: number;
  delivered: number;
  expectedDelivered: number;
  duplicates: number;
  inversions: number;
  /** Sum of the channels' top offsets = items pushed, and per channel. */
  offsetsSum: number;
  offsetsOk: boolean;
  leftover: number;
  leftoverText: string;
  dead: number;
  closes: Record<string, number>;
  /** Source → worker pid holding its lease at the end (from Gyre's "consuming" log lines). */
  owners: string;
  notes: string[];
  ok: boolean;
}

// ---- tables -------------------------------------------------------------------------------------

export const header = [
  'source', 'target', 'mode', 'workers', 'shards', 'batch', 'run', 'items', 'push items/s', 'window s', 'items/s', 'lag p50 ms', 'lag p99 ms',
  'gyre CPU %', 'per worker %', 'redis CPU %', 'gen CPU %', 'other CPU %', 'gyre µs/item', 'redis µs/item', 'delivered', 'dup', 'order', 'offsets', 'left', 'dead', 'closes',
];
export const row = (r: IngestResult) => [
  r.source,
  r.target,
  r.mode,
  String(r.setup.workers),
  String(r.setup.shards),
  String(r.setup.batch),
  r.run === 0 ? 'median' : String(r.run),
  String(r.items),
  fmtInt(r.pushPerS),
  fmt2(r.windowS),
  fmtInt(r.itemsPerS),
  fmt1(r.p50Ms),
  fmt1(r.p99Ms),
  fmtInt(r.cpu.gyre),
  r.cpu.workers.map(fmtInt).join(' + '),
  fmtInt(r.cpu.redis),
  fmtInt(r.cpu.gen),
  fmtInt(r.cpu.other),
  fmt1(r.gyreUsPerItem),
  fmt1(r.redisUsPerItem),
  `${r.delivered}/${r.expectedDelivered}`,
  String(r.duplicates),
  r.inversions === 0 ? 'ok' : `inv ${r.inversions}`,
  r.offsetsOk ? 'ok' : `${r.offsetsSum}/${r.items}`,
  String(r.leftover),
  String(r.dead),
  Object.keys(r.closes).length ? Object.entries(r.closes).map(([c, n]) => `${c}×${n}`).join(' ') : '-',
];

export function medianResult(rows: IngestResult[]): IngestResult {
  const m = (f: (r: IngestResult) => number) => median(rows.map(f));
  const first = rows[0]!;
  return {
    ...first,
    run: 0,
    pushPerS: m((r) => r.pushPerS),
    windowS: m((r) => r.windowS),
    itemsPerS: m((r) => r.itemsPerS),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    cpu: medianCpu(rows.map((r) => r.cpu)),
    gyreUsPerItem: m((r) => r.gyreUsPerItem),
    redisUsPerItem: m((r) => r.redisUsPerItem),
    delivered: rows.reduce((s, r) => s + r.delivered, 0),
    expectedDelivered: rows.reduce((s, r) => s + r.expectedDelivered, 0),
    duplicates: rows.reduce((s, r) => s + r.duplicates, 0),
    inversions: rows.reduce((s, r) => s + r.inversions, 0),
    offsetsOk: rows.every((r) => r.offsetsOk),
    offsetsSum: rows.reduce((s, r) => s + r.offsetsSum, 0),
    items: first.items,
    leftover: rows.reduce((s, r) => s + r.leftover, 0),
    dead: rows.reduce((s, r) => s + r.dead, 0),
    ok: rows.every((r) => r.ok),
  };
}

/** Publication data as the items carry it (the redis-benchmark payload is built from the same). */
export function dataJson(seq: number, ts: number, filler: string): string {
  return `{"seq":${seq},"ts":${ts},"payload":"${filler}"}`;
}
