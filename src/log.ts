/**
 * The one root logger. Components take a child (`log.child({ component })`)
 * from the composition root, so every line says where it came from.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createRootLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { pid: process.pid, ...base } });
}
