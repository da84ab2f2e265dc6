/**
 * Consumes one queue or stream. Every worker of every server runs one
 * Consumer per source, but only the holder of the source's lease works, so
 * items take effect in push order whatever the number of workers and
 * machines. When the holder dies its lease expires (LEASE_MS) and another
 * consumer takes over, first finishing what the dead one had taken.
 *
 * Publishes of a batch are pipelined (they share round trips, and Redis runs
 * them in order on the one connection); any other method is a barrier that
 * waits for the publishes before it. An item leaves Redis only once its
 * effect is committed: for publish the acknowledgement is inside the publish
 * script, which also skips an item that is no longer pending (a retry after
 * a lost reply), so a publish never applies twice. A broadcast (several
 * publishes, acknowledged after the last) gets an idempotency key derived
 * from the item's identity instead.
 */
import type Redis from 'ioredis';
import type { ApiExecutor } from '../api/methods';
import { LeaseLostError } from '../engine/broker';
import { leaseLost } from '../engine/redis/broker-redis';
import { ClientError } from '../errors';
import type { Logger } from '../log';
import type { Item, Source } from './sources';

/** Lease lifetime; a dead holder is replaced within about this long. */
const LEASE_MS = 3000;
const RENEW_MS = 1000;
/** Poll interval of an empty source: short after work, growing while idle (cheap for Redis, quick to react). */
const POLL_MIN_MS = 5;
const POLL_MAX_MS = 100;
const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 2000;

/** Methods a queue may carry: the ones with effects. Reads (history, presence, info…) have nobody to answer to. */
export const QUEUE_METHODS = new Set(['publish', 'broadcast', 'subscribe', 'unsubscribe', 'disconnect', 'refresh', 'history_remove']);

export interface IngestStats {
  source: string;
  kind: 'list' | 'stream';
  applied: number;
  dead_letters: number;
  applied_per_second: number;
  depth: number;
  lag_ms: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

export class Consumer {
  private held = false;
  private resume = true;
  private running = false;
  private loop: Promise<void> | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private applied = 0;
  private dead = 0;
  private rate = { at: Date.now(), applied: 0, perSecond: 0 };

  constructor(
    private readonly source: Source,
    private readonly redis: Redis,
    private readonly api: ApiExecutor,
    private readonly deadKey: string,
    private readonly owner: string,
    private readonly batch: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running = true;
    void this.renew();
    this.renewTimer = setInterval(() => void this.renew(), RENEW_MS);
    this.renewTimer.unref();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.loop;
  }

  /** Takes or renews the lease; a consumer that just got it first resumes what the previous holder left. */
  private async renew(): Promise<void> {
    try {
      const held = (await this.redis.gyreIngestLease(this.source.leaseKey, this.owner, LEASE_MS)) === 1;
      if (held && !this.held) {
        this.resume = true;
        await this.source.init();
        this.log.info({ source: this.source.name }, 'consuming');
      }
      this.held = held;
    } catch {
      this.held = false;
    }
  }

  private async run(): Promise<void> {
    let backoff = RETRY_MIN_MS;
    let poll = POLL_MIN_MS;
    while (this.running) {
      if (!this.held) {
        await sleep(RENEW_MS / 4);
        continue;
      }
      try {
        const resuming = this.resume;
        const items = await this.source.take(this.owner, this.batch, resuming);
        // A full batch of leftovers may not be all of them: finish them before anything new.
        this.resume = resuming && items.length >= this.batch;
        if (items.length === 0) {
          await sleep(poll);
          poll = Math.min(POLL_MAX_MS, poll * 2);
          continue;
        }
        poll = POLL_MIN_MS;
        await this.applyBatch(items);
        backoff = RETRY_MIN_MS;
      } catch (err) {
        if (err instanceof LeaseLostError) {
          this.log.warn({ source: this.source.name }, 'lease lost; stopping until it is ours again');
          this.held = false;
        } else {
          this.log.warn({ source: this.source.name, err: (err as Error).message }, 'ingestion paused by a temporary failure');
        }
        // Whatever was taken stays in Redis (processing list / pending entries): start over from it.
        this.resume = true;
        await sleep(backoff);
        backoff = Math.min(RETRY_MAX_MS, backoff * 2);
      }
    }
  }

  private async applyBatch(items: Item[]): Promise<void> {
    let pending: { item: Item; done: Promise<unknown> }[] = [];
    const settle = async () => {
      const results = await Promise.allSettled(pending.map((p) => p.done));
      const batch = pending;
      pending = [];
      for (let i = 0; i < batch.length; i++) {
        const r = results[i]!;
        if (r.status === 'fulfilled') this.applied++;
        else await this.failed(batch[i]!.item, r.reason, true);
      }
    };
    for (const item of items) {
      const problem = this.problem(item);
      if (problem) {
        await settle();
        await this.deadLetter(item, problem);
      } else if (item.method === 'publish') {
        pending.push({ item, done: this.callPublish(item) });
      } else {
        await settle();
        await this.applyOther(item);
      }
    }
    await settle();
  }

  private problem(item: Item): string | null {
    if (item.malformed) return item.malformed;
    if (typeof item.method !== 'string' || !QUEUE_METHODS.has(item.method)) return `method ${JSON.stringify(item.method)} is not accepted from a queue`;
    return null;
  }

  private idempotencyKey(item: Item): string {
    return `ingest:${this.source.name}:${item.id}`;
  }

  private callPublish(item: Item): Promise<unknown> {
    return this.api.call('publish', item.params, { ack: this.source.ack(this.owner, item) });
  }

  /** Applies a non-publish item, then acknowledges it; temporary failures are retried until they pass. */
  private async applyOther(item: Item): Promise<void> {
    try {
      await this.api.call(item.method as string, item.params, { idempotencyKey: this.idempotencyKey(item) });
      await this.ackOnly(item, '');
      this.applied++;
    } catch (err) {
      await this.failed(item, err, false);
    }
  }

  /**
   * A failed item: permanent errors (bad params, channel rules…) go to the
   * dead-letter list; temporary ones are retried here, in place, so nothing
   * behind the item overtakes it.
   */
  private async failed(item: Item, err: unknown, wasPublish: boolean): Promise<void> {
    if (err instanceof LeaseLostError) throw err;
    if (err instanceof ClientError && !err.temporary) {
      await this.deadLetter(item, `${err.code}: ${err.message}`);
      return;
    }
    let backoff = RETRY_MIN_MS;
    for (;;) {
      if (!this.running || !this.held) throw new LeaseLostError();
      await sleep(backoff);
      backoff = Math.min(RETRY_MAX_MS, backoff * 2);
      try {
        if (wasPublish) await this.callPublish(item);
        else {
          await this.api.call(item.method as string, item.params, { idempotencyKey: this.idempotencyKey(item) });
          await this.ackOnly(item, '');
        }
        this.applied++;
        return;
      } catch (again) {
        if (again instanceof LeaseLostError) throw again;
        if (again instanceof ClientError && !again.temporary) {
          await this.deadLetter(item, `${again.code}: ${again.message}`);
          return;
        }
      }
    }
  }

  private async deadLetter(item: Item, error: string): Promise<void> {
    const record = JSON.stringify({ item: item.raw, error, source: this.source.name, at: new Date().toISOString() });
    await this.ackOnly(item, record);
    this.dead++;
    this.log.warn({ source: this.source.name, item: item.id, error }, 'item moved to the dead-letter list');
  }

  private async ackOnly(item: Item, deadLetter: string): Promise<void> {
    const a = this.source.ack(this.owner, item);
    await this.redis.gyreIngestAck(a.lease, a.key, this.deadKey, a.owner, a.kind, a.item, a.group, deadLetter).catch(leaseLost);
  }

  /** Figures for the info API and logs; null when this consumer does not hold the lease. */
  async stats(): Promise<IngestStats | null> {
    if (!this.held) return null;
    const now = Date.now();
    if (now - this.rate.at >= 1000) {
      this.rate = { at: now, applied: this.applied, perSecond: Math.round(((this.applied - this.rate.applied) * 1000) / (now - this.rate.at)) };
    }
    const { depth, lagMs } = await this.source.depth();
    return {
      source: this.source.name,
      kind: this.source.kind,
      applied: this.applied,
      dead_letters: this.dead,
      applied_per_second: this.rate.perSecond,
      depth,
      lag_ms: lagMs,
    };
  }
}
