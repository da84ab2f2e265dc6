/**
 * Redis connections of one worker, by role: a command connection
 * (auto-pipelined, so concurrent publishes share round trips) and a dedicated
 * subscriber connection (a connection in subscriber mode can run nothing
 * else). Both fail fast while Redis is unreachable — callers answer with a
 * temporary error instead of queueing requests without bound — and reconnect
 * with capped backoff, never in a busy loop.
 */
import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../../log';
import { defineScripts } from './scripts';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;
/** A command unanswered this long fails (error 100) instead of holding an API request on a hung Redis. */
const COMMAND_TIMEOUT_MS = 5000;

export interface RedisConnections {
  command: Redis;
  subscriber: Redis;
  healthy(): boolean;
  close(): Promise<void>;
}

export function connectRedis(url: string, log: Logger): RedisConnections {
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
  defineScripts(command);
  for (const [role, conn] of [['command', command], ['subscriber', subscriber]] as const) {
    let down = false;
    conn.on('error', (err) => {
      if (!down) log.warn({ role, err: err.message }, 'redis connection error');
      down = true;
    });
    conn.on('ready', () => {
      if (down) log.info({ role }, 'redis connection restored');
      down = false;
    });
  }
  return {
    command,
    subscriber,
    healthy: () => command.status === 'ready' && subscriber.status === 'ready',
    async close() {
      command.disconnect();
      subscriber.disconnect();
    },
  };
}
