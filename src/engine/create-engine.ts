/**
 * The only place that chooses an engine. Everything else sees the Broker,
 * PresenceManager and Controller interfaces.
 */
import type { LoginLimiter } from '../admin/auth';
import type { Config } from '../config/schema';
import type { IngestStore } from '../ingest/store';
import type { Logger } from '../log';
import type { Broker } from './broker';
import { type Controller, LocalController } from './controller';
import { MemoryBroker } from './memory/broker-memory';
import { MemoryPresenceManager } from './memory/presence-memory';
import { type EngineFailures, logEveryFailure } from './outage-log';
import type { PresenceManager } from './presence';
import { createRedisEngine } from './redis/redis-engine';
import type { ShardState } from './redis/shards';

export interface Engine {
  broker: Broker;
  presence: PresenceManager;
  controller: Controller;
  /** Registers what to do once the engine resubscribed after losing its pub/sub connection (to that Redis shard). */
  setResubscribedHandler(fn: (shard: number) => void): void;
  /** What queue consumers use: the Redis engine with api.redis_ingest only. */
  ingest?: IngestStore;
  /** Failed admin logins shared by every worker and server (the Redis engine); else each worker counts its own. */
  loginLimiter?: LoginLimiter;
  /** Where every component reports an engine failure: the Redis engine logs one warning per outage (outage-log.ts). */
  failures: EngineFailures;
  /** The Redis engine's shards: address, master and whether reachable (for /health and the admin UI). */
  shards?: () => ShardState[];
}

export function createEngine(config: Config, log: Logger): Engine {
  switch (config.engine) {
    case 'memory':
      return {
        broker: new MemoryBroker({ maxChannels: config.memory.max_channels, maxIdempotencyKeys: config.memory.max_idempotency_keys }),
        presence: new MemoryPresenceManager(),
        controller: new LocalController(),
        setResubscribedHandler: () => {},
        failures: logEveryFailure(log),
      };
    case 'redis': {
      const { wait_replicas: replicas, wait_timeout: timeout } = config.redis;
      const wait = replicas > 0 ? { replicas, timeoutMs: Math.max(1, Math.round(timeout * 1000)) } : null;
      const e = createRedisEngine(config.redis.url, config.redis.prefix, log, {
        ingest: config.api.redis_ingest,
        presenceTtl: config.redis.presence_ttl,
        wait,
        shardedPubSub: config.redis.sharded_pubsub,
      });
      const engine: Engine = { broker: e.broker, presence: e.presence, controller: e.controller, setResubscribedHandler: (fn) => (e.onResubscribed = fn), loginLimiter: e.loginLimiter, failures: e.failures, shards: e.shards };
      if (e.ingest) engine.ingest = e.ingest;
      return engine;
    }
  }
}
