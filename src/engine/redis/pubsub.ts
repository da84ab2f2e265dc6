/**
 * The worker's subscriber connection: which Redis pub/sub channels it
 * listens to, changed in batches.
 *
 * Requests go into one FIFO queue. The drain loop takes the first request and
 * everything of the same kind queued right behind it (up to BATCH_LIMIT
 * channels) and sends one SUBSCRIBE or UNSUBSCRIBE for all of them. Kinds are
 * never mixed or reordered, so a subscribe that races the last unsubscribe of
 * the same channel is applied after it and the channel ends up subscribed.
 *
 * ioredis' own resubscribe is off: whenever the connection becomes ready
 * every wanted channel is (re)subscribed here in batches, and, after a
 * reconnect, `onResubscribed` tells the node that messages may have been
 * missed meanwhile.
 */
import type { RedisClient } from './connection';
import type { Logger } from '../../log';
import type { EngineFailures } from '../outage-log';

const BATCH_LIMIT = 512;

interface Request {
  kind: 'subscribe' | 'unsubscribe';
  channel: string;
  resolve(): void;
  reject(err: Error): void;
}

export class PubSubConnection {
  /** Channels that should be subscribed (what the queue converges to). */
  private readonly wanted = new Set<string>();
  /** Channels kept wanted even when subscribing fails (control channels): the next 'ready' subscribes them. */
  private readonly kept = new Set<string>();
  private readonly queue: Request[] = [];
  private draining = false;
  private everReady = false;

  constructor(
    private readonly sub: RedisClient,
    private readonly log: Logger,
    private readonly failures: EngineFailures,
    private readonly onResubscribed: () => void,
  ) {
    sub.on('ready', () => {
      const reconnect = this.everReady;
      this.everReady = true;
      void this.resubscribeAll(reconnect);
    });
  }

  subscribe(channel: string): Promise<void> {
    this.wanted.add(channel);
    return this.enqueue('subscribe', channel);
  }

  /**
   * Subscribes for good: a failure now is retried on every reconnect. While
   * the connection is not ready yet (a normal start) the channel just joins
   * the wanted set, which the 'ready' handler subscribes as a whole.
   */
  keep(channel: string): Promise<void> {
    this.kept.add(channel);
    if (this.sub.status !== 'ready') {
      this.wanted.add(channel);
      return Promise.resolve();
    }
    return this.subscribe(channel);
  }

  unsubscribe(channel: string): Promise<void> {
    this.wanted.delete(channel);
    return this.enqueue('unsubscribe', channel);
  }

  private enqueue(kind: Request['kind'], channel: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, channel, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const kind = this.queue[0]!.kind;
        let n = 0;
        while (n < this.queue.length && n < BATCH_LIMIT && this.queue[n]!.kind === kind) n++;
        const batch = this.queue.splice(0, n);
        try {
          if (this.sub.status !== 'ready') throw new Error(`redis: subscriber connection is ${this.sub.status}`);
          const channels = batch.map((r) => r.channel);
          if (kind === 'subscribe') await this.sub.subscribe(...channels);
          else await this.sub.unsubscribe(...channels);
          for (const r of batch) r.resolve();
        } catch (err) {
          // A failed subscribe is not wanted any more: the caller answers the client with a temporary error and it retries.
          if (kind === 'subscribe') for (const r of batch) if (!this.kept.has(r.channel)) this.wanted.delete(r.channel);
          for (const r of batch) r.reject(err as Error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** On every ready: every wanted channel again, BATCH_LIMIT per command. */
  private async resubscribeAll(reconnect: boolean): Promise<void> {
    const channels = [...this.wanted];
    if (channels.length === 0) return;
    // Debug: the outage's recovery line is the one an operator reads.
    if (reconnect) this.log.debug({ channels: channels.length }, 'pub/sub reconnected; resubscribing');
    try {
      for (let i = 0; i < channels.length; i += BATCH_LIMIT) await this.sub.subscribe(...channels.slice(i, i + BATCH_LIMIT));
    } catch (err) {
      // The connection dropped again; the next 'ready' starts over.
      this.failures.failed('resubscribe', err);
      return;
    }
    if (reconnect) this.onResubscribed();
  }
}
