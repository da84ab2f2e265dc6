/**
 * Redis connections of one worker, by role: a command connection
 * (auto-pipelined, so concurrent publishes share round trips), a dedicated
 * subscriber connection (a connection in subscriber mode can run nothing
 * else) and, when this worker consumes Redis queues, an ingest connection.
 * The ingest connection is not auto-pipelined: ioredis holds an auto-pipeline
 * back until the previous one is answered, which would leave Redis idle while
 * the consumer prepares its next run; plain commands go out at once and
 * pipeline on the socket. All fail fast while Redis is unreachable — callers answer with a
 * temporary error instead of queueing requests without bound — and reconnect
 * with capped backoff, never in a busy loop.
 */
import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../../log';
import { OutageLog } from '../outage-log';
import { defineScripts } from './scripts';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;
/** A command unanswered this long fails (error 100) instead of holding an API request on a hung Redis. */
const COMMAND_TIMEOUT_MS = 5000;

export interface RedisConnections {
  command: Redis;
  subscriber: Redis;
  /** For queue consumers (src/ingest); null when this worker consumes none. */
  ingest: Redis | null;
  /** Where this worker's Redis failures are reported: one warning per outage, one line when it ends (outage-log.ts). */
  failures: OutageLog;
  healthy(): boolean;
  close(): Promise<void>;
}

export function connectRedis(url: string, log: Logger, opts: { ingest: boolean }): RedisConnections {
  const options: RedisOptions = {
    lazyConnect: false,
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails rather than being resent: a resent publish could apply twice.
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(times - 1, 5)),
    connectTimeout: 2000,
  };
  const command = new Redis(url, { ...options, enableAutoPipelining: true, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'gyre-command' });
  const subscriber = new Redis(url, { ...options, autoResubscribe: false, connectionName: 'gyre-pubsub' });
  const ingest = opts.ingest ? new Redis(url, { ...options, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'gyre-ingest' }) : null;
  defineScripts(command);
  if (ingest) defineScripts(ingest);
  const roles: [string, Redis][] = [
    ['command', command],
    ['subscriber', subscriber],
  ];
  if (ingest) roles.push(['ingest', ingest]);
  // Recovered once every connection is back and a command gets through.
  const failures = new OutageLog(log, async () => roles.every(([, c]) => c.status === 'ready') && (await command.ping()) === 'PONG');
  // ioredis emits 'error' on every failed reconnect attempt: reported, so logged at debug after the outage's first line.
  for (const [role, conn] of roles) conn.on('error', (err) => failures.failed(`${role} connection`, err));
  return {
    command,
    subscriber,
    ingest,
    failures,
    healthy: () => command.status === 'ready' && subscriber.status === 'ready',
    async close() {
      failures.close();
      command.disconnect();
      subscriber.disconnect();
      ingest?.disconnect();
    },
  };
}
