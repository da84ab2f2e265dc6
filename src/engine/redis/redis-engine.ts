/**
 * Assembles the Redis engine of one worker: the shards (connections and
 * pub/sub subscriber of each Redis deployment `redis.url` names), the broker,
 * presence and controller on top of them, and the routing of incoming
 * messages between broker and controller.
 */
import type { Logger } from '../../log';
import type { EngineFailures } from '../outage-log';
import type { RedisClient } from './connection';
import type { IngestPlacement } from './ingest-cross';
import { RedisIngestStore } from './ingest-store';
import { RedisBroker } from './broker-redis';
import { RedisController } from './controller-redis';
import { RedisKeys } from './keys';
import { RedisLoginLimiter } from './login-limiter';
import { RedisPresenceManager } from './presence-redis';
import type { ReplicaWait } from './replica-ack';
import { RedisShards, type ShardState } from './shards';
import { parseShards, promotesReplicas } from './topology';

/** redis.presence_ttl's default, for callers without a configuration (the contract tests). */
const DEFAULT_PRESENCE_TTL = 60;

export interface RedisEngine {
  broker: RedisBroker;
  presence: RedisPresenceManager;
  controller: RedisController;
  /** Set by the node: called with the shard's index after its subscriber reconnected and resubscribed (messages may have been missed). */
  onResubscribed: (shard: number) => void;
  /** What queue consumers use (on their own connection to the first shard); null without `ingest`. */
  ingest: RedisIngestStore | null;
  /** Failed admin logins, counted for the whole deployment. */
  loginLimiter: RedisLoginLimiter;
  /** Where every component of the worker reports a Redis failure (outage-log.ts, one log per shard). */
  failures: EngineFailures;
  /** Each shard's address and state, for /health and the admin UI. */
  shards(): ShardState[];
}

/**
 * `url`: `redis.url`, one URL or a list (topology.ts);
 * `ingest`: this worker consumes Redis queues (api.redis_ingest) and needs their connection;
 * `presenceTtl`: seconds a presence entry outlives its last refresh (redis.presence_ttl);
 * `wait`: replicas a publish waits for (redis.wait_replicas), null = none;
 * `shardedPubSub`: channels' pub/sub by SPUBLISH/SSUBSCRIBE (redis.sharded_pubsub).
 */
export function createRedisEngine(
  url: string | readonly string[],
  prefix: string,
  log: Logger,
  opts: { ingest?: boolean; presenceTtl?: number; wait?: ReplicaWait | null; shardedPubSub?: boolean } = {},
): RedisEngine {
  const sharded = opts.shardedPubSub ?? false;
  const publishCommand = sharded ? 'spublish' : 'publish';
  const shards = new RedisShards(parseShards(url), log, { ingest: opts.ingest ?? false, pubsub: sharded ? 'sharded' : 'classic' });
  const keys = new RedisKeys(prefix);
  const engine = {} as RedisEngine;
  engine.onResubscribed = () => {};
  shards.onResubscribed = (shard) => engine.onResubscribed(shard);
  engine.failures = shards;
  engine.shards = () => shards.states();
  const ingestConn = shards.first.conn.ingest;
  engine.ingest = ingestConn ? new RedisIngestStore(ingestConn, keys, { placement: ingestPlacement(shards, ingestConn), checkReplid: promotesReplicas(shards.first.spec), publishCommand }) : null;
  engine.broker = new RedisBroker(shards, keys, log, opts.wait ?? null, publishCommand);
  engine.presence = new RedisPresenceManager(shards, keys, opts.presenceTtl ?? DEFAULT_PRESENCE_TTL);
  engine.loginLimiter = new RedisLoginLimiter(shards, prefix);
  engine.controller = new RedisController(shards, keys, log);
  const route = (channelBuf: Buffer, message: Buffer) => {
    const name = channelBuf.toString();
    const channel = keys.channelOf(name);
    if (channel !== null) engine.broker.handleMessage(channel, message);
    else if (engine.controller.owns(name)) engine.controller.handleMessage(message);
  };
  for (const s of shards.list) {
    s.conn.control.onMessage = route;
    s.conn.channels.onMessage = route;
  }
  return engine;
}

/**
 * Where queue items' channels are for the IngestStore: null when every channel
 * is on the queues' own single Redis (one shard, not a Cluster), so a run is
 * applied and acknowledged by one script. Otherwise a channel on the first
 * shard is reached through the ingest connection, one elsewhere through its
 * shard's command connection.
 */
function ingestPlacement(shards: RedisShards, ingest: RedisClient): IngestPlacement | null {
  const first = shards.first;
  const cluster = first.spec.kind === 'cluster';
  if (shards.list.length === 1 && !cluster) return null;
  return {
    cluster,
    channel: (channel) => {
      const shard = shards.of(channel);
      return shard === first ? ingest : shard.conn.command;
    },
    checkReplid: (channel) => promotesReplicas(shards.of(channel).spec),
  };
}
