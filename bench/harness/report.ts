/** Markdown tables of results: columns declared once as (header, cell) pairs, numbers formatted alike everywhere. */
import type { CpuUse } from './cpu';

export const fmtInt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
export const fmt1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
export const fmt2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
/** A ratio a / b with two decimals ('-' when either is missing). */
export const fmtRatio = (a: number, b: number) => fmt2(a / b);
/** Bytes as KiB with one decimal. */
export const fmtKiB = (x: number) => fmt1(x / 1024);
/** A record of counts, e.g. close codes: `3008×2 1006×1`, '-' when empty. */
export const fmtCounts = (c: Record<string, number>) => (Object.keys(c).length ? Object.entries(c).map(([k, n]) => `${k}×${n}`).join(' ') : '-');

/** p50 and p99 columns (ms) of latencies `p` finds in a row, headed `<what> p50 ms`. */
export function percentileColumns<T>(what: string, p: (row: T) => { p50Ms: number; p99Ms: number }, fmt = fmt1): Column<T>[] {
  const h = what ? `${what} ` : '';
  return [
    [`${h}p50 ms`, (x) => fmt(p(x).p50Ms)],
    [`${h}p99 ms`, (x) => fmt(p(x).p99Ms)],
  ];
}

/** A Markdown table with padded columns. */
export function renderTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${widths.map((w, i) => (row[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export type Column<R> = [header: string, cell: (r: R) => string];

/** A table of `rows` with the given columns. */
export function table<R>(columns: Column<R>[], rows: R[]): string {
  return renderTable(
    columns.map(([h]) => h),
    rows.map((r) => columns.map(([, f]) => f(r))),
  );
}

/** Prints `title` and the table of `rows`, unless there are none. */
export function printTable<R>(title: string, columns: Column<R>[], rows: R[]): void {
  if (rows.length) console.log(`\n${title}\n${table(columns, rows)}`);
}

/**
 * Columns of a window's CPU, % of one core: each named part (header → part), each worker of the server with
 * `workers`, this process (the load generator) unless `gen` is false, and other processes.
 */
export function cpuColumns<T>(cpu: (row: T) => CpuUse, parts: Record<string, string>, o: { workers?: boolean; gen?: boolean; fmt?: (x: number) => string } = {}): Column<T>[] {
  const f = o.fmt ?? fmtInt;
  const cols: Column<T>[] = Object.entries(parts).map(([h, part]): Column<T> => [h, (x) => f(cpu(x).pct[part] ?? NaN)]);
  if (o.workers) cols.push(['per worker %', (x) => cpu(x).workers.map(f).join(' + ')]);
  if (o.gen !== false) cols.push(['gen CPU %', (x) => fmtInt(cpu(x).gen)]);
  cols.push(['other CPU %', (x) => fmtInt(cpu(x).other)]);
  return cols;
}
