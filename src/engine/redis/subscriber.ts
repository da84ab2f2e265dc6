/**
 * The subscriber side of a shard, whatever its topology: what a
 * PubSubConnection (pubsub.ts) sends its subscribe batches to and hears
 * messages from. Three implementations:
 *
 * - RedisSubscriber (here): one ioredis connection to a single Redis or a
 *   Sentinel group's master, reconnecting on its own;
 * - ClassicClusterSubscriber and ShardedClusterSubscriber
 *   (cluster-subscriber.ts): connections to nodes of a Redis Cluster, moved
 *   to other nodes when one fails.
 *
 * Every implementation calls `resubscribe` whenever subscriptions it had
 * confirmed may be gone — a new connection is ready, a node was lost — and
 * the PubSubConnection then subscribes every channel it wants again, and
 * tells the node that messages may have been missed. None lets ioredis
 * resubscribe by itself: it would do so silently.
 */
import type Redis from 'ioredis';

/**
 * `classic`: SUBSCRIBE, and PUBLISH reaches every subscriber of the
 * deployment (every node of a Cluster forwards it to every other);
 * `sharded`: SSUBSCRIBE, and SPUBLISH reaches the subscribers of the node
 * that owns the channel's slot (Redis 7, redis.sharded_pubsub).
 */
export type PubSubMode = 'classic' | 'sharded';

export interface Subscriber {
  readonly mode: PubSubMode;
  /** 'ready' when subscribe and unsubscribe can be sent now. */
  readonly status: string;
  /** Subscribes channels; resolves once Redis has confirmed every one. */
  subscribe(channels: string[]): Promise<void>;
  unsubscribe(channels: string[]): Promise<void>;
  /** Set by the PubSubConnection: every wanted channel must be subscribed again. */
  resubscribe: () => void;
  /** Set by the engine: every message of a subscribed channel, as bytes. */
  onMessage: (channel: Buffer, message: Buffer) => void;
  disconnect(): void;
}

const noop = () => {};

/** One connection to a single Redis or a Sentinel group's master (ioredis follows failovers and reconnects it). */
export class RedisSubscriber implements Subscriber {
  resubscribe: () => void = noop;
  onMessage: (channel: Buffer, message: Buffer) => void = noop;

  /** `redis`: made with autoResubscribe off. */
  constructor(
    private readonly redis: Redis,
    readonly mode: PubSubMode,
  ) {
    redis.on('ready', () => this.resubscribe());
    redis.on(mode === 'sharded' ? 'smessageBuffer' : 'messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel, message));
  }

  get status(): string {
    return this.redis.status;
  }

  async subscribe(channels: string[]): Promise<void> {
    // Outside a Cluster, Redis takes channels of any slots in one SSUBSCRIBE.
    if (this.mode === 'sharded') await this.redis.ssubscribe(...channels);
    else await this.redis.subscribe(...channels);
  }

  async unsubscribe(channels: string[]): Promise<void> {
    if (this.mode === 'sharded') await this.redis.sunsubscribe(...channels);
    else await this.redis.unsubscribe(...channels);
  }

  disconnect(): void {
    this.redis.disconnect();
  }
}
