/**
 * Reading a server's log in tests. A test server's stdout is a pipe, so it
 * writes JSON lines (log.format auto): the level as a word, the time as
 * ISO-8601.
 */

export interface LogLine {
  level: LevelName;
  time: string;
  msg: string;
  role?: 'primary' | 'worker';
  worker?: number;
  [k: string]: unknown;
}

/** pino's levels, in order: for "at warn or above". */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LevelName = keyof typeof LEVELS;

/** The JSON log lines of an output (stdout and stderr may hold other text). */
export function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/** Whether a line is at `level` or above; a level that is no word (a number) fails loudly. */
export function atLeast(line: { level: unknown }, level: LevelName): boolean {
  const n = LEVELS[line.level as LevelName];
  if (n === undefined) throw new Error(`not a level name: ${JSON.stringify(line.level)}`);
  return n >= LEVELS[level];
}

/** A line's time in ms since the epoch, for comparing with Date.now(). */
export function timeOf(line: { time: unknown }): number {
  const t = Date.parse(String(line.time));
  if (Number.isNaN(t)) throw new Error(`not an ISO time: ${JSON.stringify(line.time)}`);
  return t;
}
