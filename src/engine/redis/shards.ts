/**
 * The Redis shards of one worker: one per URL of `redis.url`, each with its
 * own connections, pub/sub subscriber and outage log. A channel lives on one
 * shard, chosen by jump-hash.ts — its history, presence and pub/sub
 * together — so every per-channel script runs on one Redis (one slot of a
 * Cluster). Node-to-node control is heard on every shard and sent on any
 * reachable one, so it survives one shard being down.
 */
import type { Logger } from '../../log';
import type { EngineFailures } from '../outage-log';
import { connectShard, type RedisConnections } from './connection';
import { consistentIndex } from './jump-hash';
import { PubSubConnection } from './pubsub';
import type { PubSubMode } from './subscriber';
import type { ShardSpec } from './topology';

export interface RedisShard {
  readonly index: number;
  readonly spec: ShardSpec;
  readonly conn: RedisConnections;
  /** The channels' pub/sub subscriptions (sharded ones with redis.sharded_pubsub). */
  readonly pubsub: PubSubConnection;
  /** The control channels' subscriptions: `pubsub` itself unless pub/sub is sharded. */
  readonly control: PubSubConnection;
}

/** What /health and the admin UI show of a shard. */
export interface ShardState {
  shard: number;
  kind: ShardSpec['kind'];
  address: string;
  /** Every connection of the shard is ready. */
  reachable: boolean;
  /** Where commands go now: the Redis (standalone), the master a Sentinel named, or the cluster's masters. */
  masters: string[];
}

export class RedisShards implements EngineFailures {
  readonly list: RedisShard[];
  /** Set by the engine: called with the shard's index after its subscriber reconnected and resubscribed (messages may have been missed). */
  onResubscribed: (shard: number) => void = () => {};
  private sendRound = 0;

  /** `pubsub`: how the channels' pub/sub goes (redis.sharded_pubsub). */
  constructor(specs: ShardSpec[], log: Logger, opts: { ingest: boolean; pubsub: PubSubMode }) {
    this.list = specs.map((spec, index) => {
      const slog = specs.length > 1 || spec.kind !== 'standalone' ? log.child({ shard: index, redis: spec.label }) : log;
      const conn = connectShard(spec, slog, { ingest: opts.ingest && index === 0, pubsub: opts.pubsub });
      const resubscribed = () => this.onResubscribed(index);
      const control = new PubSubConnection(conn.control, slog, conn.failures, resubscribed);
      const pubsub = conn.channels === conn.control ? control : new PubSubConnection(conn.channels, slog, conn.failures, resubscribed);
      return { index, spec, conn, pubsub, control };
    });
  }

  /** The shard a channel (or any other name placed by hash, like an admin login bucket) lives on. */
  of(name: string): RedisShard {
    const n = this.list.length;
    return n === 1 ? this.list[0]! : this.list[consistentIndex(name, n)]!;
  }

  /** The shard that holds the queues backends push to, and the consumers' leases: the first URL's. */
  get first(): RedisShard {
    return this.list[0]!;
  }

  /**
   * A shard to send a control message on: the next reachable one in turn
   * (every node hears all of them), or the next one when none is.
   */
  forSending(): RedisShard {
    const n = this.list.length;
    for (let i = 0; i < n; i++) {
      const s = this.list[(this.sendRound + i) % n]!;
      if (s.conn.healthy()) {
        this.sendRound = (this.sendRound + i + 1) % n;
        return s;
      }
    }
    this.sendRound = (this.sendRound + 1) % n;
    return this.list[this.sendRound]!;
  }

  healthy(): boolean {
    return this.list.every((s) => s.conn.healthy());
  }

  /**
   * A failure reported by a component outside the engine (the node, the
   * control layer, the ingestion). A call about a channel failed on that
   * channel's shard, and is reported there: with a Redis Cluster the
   * connection stays ready while one of its masters is gone, so only the
   * channel tells which shard failed. Anything else goes to the outage log
   * of each shard that is down, or of the first shard when all look up. One
   * outage of one shard is one warning, naming that shard.
   */
  failed(op: string, err: unknown, channel?: string): number {
    if (channel !== undefined) {
      const s = this.of(channel);
      s.conn.failures.failed(op, err);
      return s.index;
    }
    const down = this.list.filter((s) => !s.conn.healthy());
    for (const s of down.length ? down : [this.first]) s.conn.failures.failed(op, err);
    return (down[0] ?? this.first).index;
  }

  states(): ShardState[] {
    return this.list.map((s) => ({
      shard: s.index,
      kind: s.spec.kind,
      address: s.spec.label,
      reachable: s.conn.healthy(),
      masters: mastersOf(s),
    }));
  }

  async close(): Promise<void> {
    for (const s of this.list) {
      s.control.close();
      s.pubsub.close();
    }
    await Promise.all(this.list.map((s) => s.conn.close()));
  }
}

function mastersOf(s: RedisShard): string[] {
  const c = s.conn.command;
  if ('nodes' in c) return c.nodes('master').map((n) => `${n.options.host}:${n.options.port}`);
  // For a Sentinel shard ioredis keeps the master it connected to on the stream.
  const stream = (c as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  if (c.status === 'ready' && stream?.remoteAddress) return [`${stream.remoteAddress}:${stream.remotePort}`];
  return s.spec.kind === 'standalone' ? [`${s.spec.addresses[0]!.host}:${s.spec.addresses[0]!.port}`] : [];
}
