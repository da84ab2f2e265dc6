/**
 * GET /health: 200 while this worker can serve, 503 with the reason while it
 * cannot (draining, or a Redis shard out of reach). With the Redis engine the
 * body also lists every shard as this worker sees it — index, kind, the
 * configured address (never credentials), the master(s) commands go to now
 * and whether it is reachable — so a 503 says which shard to look at. With
 * the memory engine a healthy answer is `{}`, as Centrifugo's.
 *
 * Each worker answers for itself: a request lands on whichever worker the
 * kernel hands the connection to, and every worker connects to every shard.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ShardState } from '../engine/redis/shards';
import { sendJson } from './router';

export interface HealthSources {
  /** Why new work is refused ('shutting down', 'engine unavailable'), or null while serving. */
  unavailable(): string | null;
  /** The Redis engine's shards; absent with the memory engine. */
  shards?: () => ShardState[];
}

export function healthEndpoint(src: HealthSources) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    const body = healthBody(src.unavailable(), src.shards?.());
    sendJson(res, body.error === undefined ? 200 : 503, JSON.stringify(body));
  };
}

export function healthBody(reason: string | null, shards: ShardState[] | undefined): { error?: string; redis_shards?: ShardState[] } {
  if (!shards) return reason === null ? {} : { error: reason };
  const down = shards.filter((s) => !s.reachable);
  // An unreachable shard is named; a worker unable to serve for another reason (draining, its publish connection for
  // redis.wait_replicas down) says that reason, even with every shard reachable.
  const error = down.length && reason !== 'shutting down' ? unreachable(down) : reason;
  return error === null ? { redis_shards: shards } : { error, redis_shards: shards };
}

function unreachable(down: ShardState[]): string {
  const which = down.map((s) => `${s.shard} (${s.address})`).join(', ');
  return down.length === 1 ? `redis shard ${which} unreachable` : `redis shards ${which} unreachable`;
}
