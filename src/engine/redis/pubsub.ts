/**
 * Which Redis pub/sub channels a worker listens to on one subscriber
 * (subscriber.ts), changed in batches.
 *
 * Requests go into one FIFO queue. The drain loop takes the first request and
 * everything of the same kind queued right behind it (up to BATCH_LIMIT
 * channels) and sends one SUBSCRIBE or UNSUBSCRIBE for all of them. Kinds are
 * never mixed or reordered, so a subscribe that races the last unsubscribe of
 * the same channel is applied after it and the channel ends up subscribed.
 *
 * ioredis' own resubscribe is off: whenever the subscriber says its
 * subscriptions may be gone (a new connection is ready, a Cluster node was
 * lost) every wanted channel is subscribed again here in batches, retried
 * with backoff while the subscriber stays ready, and once that is confirmed
 * after a loss, `onResubscribed` tells the node that messages may have been
 * missed meanwhile.
 */
import type { Logger } from '../../log';
import type { EngineFailures } from '../outage-log';
import type { Subscriber } from './subscriber';

const BATCH_LIMIT = 512;
const PASS_RETRY_MIN_MS = 100;
/** A failed resubscribe pass is retried at most this far apart (a Cluster failover takes seconds). */
const PASS_RETRY_MAX_MS = 1000;

interface Request {
  kind: 'subscribe' | 'unsubscribe';
  channel: string;
  resolve(): void;
  reject(err: Error): void;
}

export class PubSubConnection {
  /** Channels that should be subscribed (what the queue converges to). */
  private readonly wanted = new Set<string>();
  /** Channels kept wanted even when subscribing fails (control channels): the next pass subscribes them. */
  private readonly kept = new Set<string>();
  private readonly queue: Request[] = [];
  private draining = false;
  private everReady = false;
  /** Subscriptions were lost since the last complete pass: the node must be told once one completes. */
  private lost = false;
  private passing = false;
  private passAgain = false;
  private closed = false;

  constructor(
    private readonly sub: Subscriber,
    private readonly log: Logger,
    private readonly failures: EngineFailures,
    private readonly onResubscribed: () => void,
  ) {
    sub.resubscribe = () => this.requestPass();
  }

  subscribe(channel: string): Promise<void> {
    this.wanted.add(channel);
    return this.enqueue('subscribe', channel);
  }

  /**
   * Subscribes for good: a failure now is retried by every later pass. While
   * the subscriber is not ready yet (a normal start) the channel just joins
   * the wanted set, which the first pass subscribes as a whole.
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

  close(): void {
    this.closed = true;
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
          if (kind === 'subscribe') await this.sub.subscribe(channels);
          else await this.sub.unsubscribe(channels);
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

  /** The subscriber's subscriptions may be gone; the first call is the first connection's, later ones follow a loss. */
  private requestPass(): void {
    if (this.everReady) this.lost = true;
    this.everReady = true;
    if (this.passing) {
      this.passAgain = true;
      return;
    }
    void this.passes();
  }

  /**
   * Resubscribe passes until one completes with no new request behind it; a
   * failed one is retried while the subscriber is ready (a Cluster whose
   * failed master has no successor yet), otherwise the subscriber's next
   * request starts over.
   */
  private async passes(): Promise<void> {
    this.passing = true;
    let failed = 0;
    try {
      for (;;) {
        this.passAgain = false;
        if (await this.resubscribeAll()) {
          if (this.passAgain) continue;
          break;
        }
        if (this.closed || (this.sub.status !== 'ready' && !this.passAgain)) return;
        failed++;
        await new Promise((r) => setTimeout(r, Math.min(PASS_RETRY_MAX_MS, PASS_RETRY_MIN_MS * 2 ** Math.min(failed - 1, 4))));
      }
      if (this.lost) {
        this.lost = false;
        this.onResubscribed();
      }
    } finally {
      this.passing = false;
    }
  }

  /** Every wanted channel again, BATCH_LIMIT per command; whether all were confirmed. */
  private async resubscribeAll(): Promise<boolean> {
    const channels = [...this.wanted];
    if (channels.length === 0) return true;
    // Debug: the outage's recovery line is the one an operator reads.
    if (this.lost) this.log.debug({ channels: channels.length }, 'pub/sub subscriptions lost; resubscribing');
    try {
      for (let i = 0; i < channels.length; i += BATCH_LIMIT) await this.sub.subscribe(channels.slice(i, i + BATCH_LIMIT));
      return true;
    } catch (err) {
      this.failures.failed('resubscribe', err);
      return false;
    }
  }
}
