/**
 * Consumes one queue or stream. Every worker of every server runs one
 * Consumer per source, but only the holder of the source's lease works, so
 * items take effect in push order whatever the number of workers and
 * machines. When the holder dies its lease expires (LEASE_MS) and another
 * consumer takes over, first finishing what the dead one had taken.
 *
 * Consecutive publishes of a batch go to Redis as one script call that
 * publishes and acknowledges each in order (one command instead of one per
 * item); any other method is a barrier applied on its own. An item leaves
 * Redis only once its effect is committed: for publish the acknowledgement
 * is inside the same script, which also skips an item no longer pending (a
 * retry after a lost reply), so a publish never applies twice. A broadcast
 * (several publishes, acknowledged after the last) gets an idempotency key
 * derived from the item's identity instead.
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
/** Most publishes per script call: long enough to amortize the call, short enough not to stall Redis (~ms). */
const RUN_MAX = 128;
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

  /** Finishes the item in hand, then gives the lease up so another consumer takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.loop;
    if (this.held) {
      this.held = false;
      await this.redis.gyreIngestLease(this.source.leaseKey, this.owner, 0).catch(() => {});
    }
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
    let run: Item[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const r = run;
      run = [];
      await this.publishRun(r);
    };
    for (const item of items) {
      const problem = this.problem(item);
      if (problem) {
        await flush();
        await this.deadLetter(item, problem);
      } else if (item.method === 'publish') {
        run.push(item);
        if (run.length >= RUN_MAX) await flush();
      } else {
        await flush();
        await this.applyOther(item);
      }
    }
    await flush();
  }

  private problem(item: Item): string | null {
    if (item.malformed) return item.malformed;
    if (typeof item.method !== 'string' || !QUEUE_METHODS.has(item.method)) return `method ${JSON.stringify(item.method)} is not accepted from a queue`;
    return null;
  }

  private idempotencyKey(item: Item): string {
    return `ingest:${this.source.name}:${item.id}`;
  }

  /**
   * A run of consecutive publishes: one script call publishes and acknowledges
   * them in order. The call is atomic, so after a temporary failure either all
   * or none were applied, and a retry skips what is no longer pending.
   */
  private async publishRun(run: Item[]): Promise<void> {
    let backoff = RETRY_MIN_MS;
    for (;;) {
      try {
        const results = await this.api.publishQueued(
          run.map((i) => ({ params: i.params, ackItem: i.ackItem })),
          this.source.ackBase(this.owner),
        );
        for (let i = 0; i < run.length; i++) {
          const r = results[i];
          if (r instanceof ClientError) await this.deadLetter(run[i]!, `${r.code}: ${r.message}`);
          else this.applied++;
        }
        return;
      } catch (err) {
        if (err instanceof LeaseLostError) throw err;
        if (!this.running || !this.held) throw new LeaseLostError();
        await sleep(backoff);
        backoff = Math.min(RETRY_MAX_MS, backoff * 2);
      }
    }
  }

  /** Applies a non-publish item, then acknowledges it; temporary failures are retried in place until they pass. */
  private async applyOther(item: Item): Promise<void> {
    let backoff = RETRY_MIN_MS;
    for (;;) {
      try {
        await this.api.call(item.method as string, item.params, { idempotencyKey: this.idempotencyKey(item) });
        await this.ackOnly(item, '');
        this.applied++;
        return;
      } catch (err) {
        if (err instanceof LeaseLostError) throw err;
        if (err instanceof ClientError && !err.temporary) {
          await this.deadLetter(item, `${err.code}: ${err.message}`);
          return;
        }
        if (!this.running || !this.held) throw new LeaseLostError();
        await sleep(backoff);
        backoff = Math.min(RETRY_MAX_MS, backoff * 2);
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
