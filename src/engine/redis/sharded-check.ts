/**
 * redis.sharded_pubsub needs SPUBLISH and SSUBSCRIBE, which Redis has since
 * 7.0. A worker checks every shard at start (every master of a Cluster)
 * with a SPUBLISH nobody listens to, as the Centrifuge library does, and
 * refuses to start when one answers "unknown command": it would accept
 * subscriptions and publications and deliver none of them.
 *
 * A shard not reachable within CHECK_WAIT_MS is checked once it is, and a
 * failure then can only be logged: the worker already serves.
 */
import type Redis from 'ioredis';
import type { Logger } from '../../log';
import type { RedisShard, RedisShards } from './shards';

const CHECK_WAIT_MS = 5000;

export class ShardedPubSubUnsupported extends Error {
  constructor(where: string, answer: string) {
    super(`redis.sharded_pubsub needs Redis 7 or later (SPUBLISH, SSUBSCRIBE); ${where} answered: ${answer}`);
  }
}

/** Throws ShardedPubSubUnsupported when a reachable shard lacks SPUBLISH. */
export async function requireShardedPubSub(shards: RedisShards, prefix: string, log: Logger): Promise<void> {
  await Promise.all(
    shards.list.map(async (shard) => {
      const command = shard.conn.command;
      if (!(await readyWithin(shard, CHECK_WAIT_MS))) {
        log.warn({ redis: shard.spec.label }, 'redis.sharded_pubsub: shard not reachable yet; Redis 7 is checked once it is');
        command.once('ready', () => {
          checkShard(shard, prefix, log).catch((err: Error) => log.error({ redis: shard.spec.label, err: err.message }, 'sharded pub/sub cannot work on this shard'));
        });
        return;
      }
      await checkShard(shard, prefix, log);
    }),
  );
}

async function checkShard(shard: RedisShard, prefix: string, log: Logger): Promise<void> {
  const command = shard.conn.command;
  // A Cluster's masters may run different versions during an upgrade: each is asked.
  const nodes: Redis[] = 'nodes' in command ? command.nodes('master') : [command];
  const channel = `${prefix}.__check.spublish`;
  await Promise.all(
    nodes.map(async (node) => {
      try {
        await node.spublish(channel, '');
      } catch (err) {
        const message = (err as Error).message;
        const where = `${node.options.host}:${node.options.port} (${shard.spec.label})`;
        if (/unknown command/i.test(message)) throw new ShardedPubSubUnsupported(where, message);
        // MOVED: a master that knows SPUBLISH and does not own the channel's slot. Anything else says nothing either way.
        if (!message.startsWith('MOVED')) log.warn({ redis: where, err: message }, 'redis.sharded_pubsub: could not check for Redis 7');
      }
    }),
  );
}

function readyWithin(shard: RedisShard, ms: number): Promise<boolean> {
  const command = shard.conn.command;
  if (command.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      command.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    command.on('ready', onReady);
  });
}
