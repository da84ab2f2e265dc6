/**
 * Assembles the Redis engine of one worker: connections, the pub/sub
 * subscriber shared by broker and controller, and the routing of incoming
 * messages between them.
 */
import type { Logger } from '../../log';
import type { EngineFailures } from '../outage-log';
import { connectRedis } from './connection';
import { RedisIngestStore } from './ingest-store';
import { RedisBroker } from './broker-redis';
import { RedisController } from './controller-redis';
import { RedisKeys } from './keys';
import { RedisLoginLimiter } from './login-limiter';
import { RedisPresenceManager } from './presence-redis';
import { PubSubConnection } from './pubsub';

/** redis.presence_ttl's default, for callers without a configuration (the contract tests). */
const DEFAULT_PRESENCE_TTL = 60;

export interface RedisEngine {
  broker: RedisBroker;
  presence: RedisPresenceManager;
  controller: RedisController;
  /** Set by the node: called after the subscriber reconnected and resubscribed (messages may have been missed). */
  onResubscribed: () => void;
  /** What queue consumers use (on their own connection); null without `ingest`. */
  ingest: RedisIngestStore | null;
  /** Failed admin logins, counted for the whole deployment. */
  loginLimiter: RedisLoginLimiter;
  /** Where every component of the worker reports a Redis failure (outage-log.ts). */
  failures: EngineFailures;
}

/**
 * `ingest`: this worker consumes Redis queues (api.redis_ingest) and needs their connection;
 * `presenceTtl`: seconds a presence entry outlives its last refresh (redis.presence_ttl).
 */
export function createRedisEngine(url: string, prefix: string, log: Logger, opts: { ingest?: boolean; presenceTtl?: number } = {}): RedisEngine {
  const conn = connectRedis(url, log, { ingest: opts.ingest ?? false });
  const keys = new RedisKeys(prefix);
  const engine = {} as RedisEngine;
  engine.onResubscribed = () => {};
  engine.failures = conn.failures;
  engine.ingest = conn.ingest ? new RedisIngestStore(conn.ingest, keys) : null;
  const pubsub = new PubSubConnection(conn.subscriber, log, conn.failures, () => engine.onResubscribed());
  engine.broker = new RedisBroker(conn, pubsub, keys, log);
  engine.presence = new RedisPresenceManager(conn, keys, opts.presenceTtl ?? DEFAULT_PRESENCE_TTL);
  engine.loginLimiter = new RedisLoginLimiter(conn.command, prefix, conn.failures);
  engine.controller = new RedisController(conn, pubsub, keys, log);
  conn.subscriber.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
    const name = channelBuf.toString();
    const channel = keys.channelOf(name);
    if (channel !== null) engine.broker.handleMessage(channel, message);
    else if (engine.controller.owns(name)) engine.controller.handleMessage(message);
  });
  return engine;
}
