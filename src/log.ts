/**
 * The one root logger. Components take a child (`log.child({ component })`)
 * from the composition root, so every line says where it came from.
 *
 * Every process (the primary and each forked worker) makes its own. Lines
 * are JSON for machines, with the level as a word and the time as ISO-8601
 * so a person reading `kubectl logs` needs no decoder; or, on a terminal,
 * pretty lines for people (`log.format`).
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

export type { Logger };

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  level: string;
  /** 'auto' (the default): pretty when the output is a terminal, else JSON. */
  format?: LogFormat;
}

/** Where lines go; stdout unless a test substitutes a sink. */
export interface LogOutput {
  write(text: string): void;
  /** Whether a person is reading it ('auto' then means pretty). */
  isTTY?: boolean;
}

/** pino's error level: at it and above an `err` keeps its stack. */
const ERROR_LEVEL = 50;
const INFO_LEVEL = 30;

export function resolveFormat(format: LogFormat | undefined, isTTY: boolean): 'json' | 'pretty' {
  if (format === 'json' || format === 'pretty') return format;
  return isTTY ? 'pretty' : 'json';
}

/** The pino options of every Gyre logger (exported for the unit test of their shape). */
export function loggerOptions(level: string, base: Record<string, unknown>): LoggerOptions {
  return {
    level,
    base: { pid: process.pid, ...base },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { logMethod: shortErrors },
  };
}

/**
 * At info and warn an error is an expected event (a peer went away, a token
 * was bad), so the line keeps to one line: `err` becomes its message instead
 * of pino's serialization with the stack. Error and fatal keep the stack (a
 * bug to chase), and so do debug and trace (asked for on purpose). The call
 * sites already log `err.message` at these levels; this keeps a new one from
 * bringing stacks back.
 */
function shortErrors(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn, level: number): void {
  if (level >= INFO_LEVEL && level < ERROR_LEVEL) {
    const first: unknown = args[0];
    if (first instanceof Error) {
      // log.warn(err) / log.warn(err, 'msg'): pino would take the message as msg when none is given.
      args = (args.length > 1 ? [{ err: first.message }, ...args.slice(1)] : [{ err: first.message }, first.message]) as typeof args;
    } else if (first !== null && typeof first === 'object' && (first as { err?: unknown }).err instanceof Error) {
      args = [{ ...first, err: ((first as { err: Error }).err).message }, ...args.slice(1)] as typeof args;
    }
  }
  method.apply(this, args);
}

/** `settings` as `config.log`, or just a level (the format is then 'auto'). */
export function createRootLogger(settings: LogSettings | string, base: Record<string, unknown> = {}, output?: LogOutput): Logger {
  if (typeof settings === 'string') settings = { level: settings };
  const isTTY = output ? !!output.isTTY : !!process.stdout.isTTY;
  // Synchronous writes, as pino's own default: the primary exits right after its fatal "start failed" line.
  const sink: LogOutput = output ?? pino.destination({ dest: 1, sync: true });
  const options = loggerOptions(settings.level, base);
  if (resolveFormat(settings.format, isTTY) === 'json') return pino(options, sink as DestinationStream);
  return pino(options, prettyStream(sink, !output));
}

/** Where the line came from, in place of pino-pretty's `(pid)`: `primary`, `worker 0`, `worker 0/engine`. */
function origin(line: Record<string, unknown>): string {
  const who = line['role'] === 'worker' ? `worker ${String(line['worker'])}` : String(line['role'] ?? `pid ${String(line['pid'])}`);
  return line['component'] ? `${who}/${String(line['component'])}` : who;
}

/**
 * pino-pretty in this process, as a stream (not a transport): no thread per
 * process, and a line is written before a following process.exit. One line
 * per event: the fields go on the line as JSON. pino-pretty puts `err` on a
 * line of its own even when it is just a message, so a line only gets that
 * treatment when its `err` is a serialized error with a stack (error level).
 */
function prettyStream(sink: LogOutput, toStdout: boolean): DestinationStream {
  // Loaded here, not at the top: JSON output, what servers run with, then does not pay its ~30 ms of start-up per process.
  const { isColorSupported, prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const common: PrettyOptions = {
    // Colours only on stdout, and only where the terminal takes them (NO_COLOR, FORCE_COLOR as usual).
    colorize: toStdout && isColorSupported,
    singleLine: true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname,role,worker,component',
    messageFormat: (line, messageKey) => `${origin(line)}: ${String(line[messageKey] ?? '')}`,
  };
  const inline = prettyFactory({ ...common, errorLikeObjectKeys: [] });
  const withStack = prettyFactory(common);
  return {
    write(text: string) {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        sink.write(text);
        return;
      }
      const stacked = [line['err'], line['error']].some((e) => e !== null && typeof e === 'object' && 'stack' in e);
      sink.write((stacked ? withStack : inline)(line));
    },
  };
}
