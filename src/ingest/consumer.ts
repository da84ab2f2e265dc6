/**
 * Consumes one queue or stream. Every worker of every server runs one
 * Consumer per source, but only the holder of the source's lease works, so
 * items take effect in push order whatever the number of workers and
 * machines. When the holder dies its lease expires (LEASE_MS) and another
 * consumer takes over from the source's cursor. The IngestManager decides
 * when to take, renew or hand over a lease (see src/ingest/ingest.ts).
 *
 * Items are read without being taken (see lua/ingest_lib.lua) and leave
 * Redis only once applied. Consecutive publishes and refused items (dead
 * letters) form runs of up to RUN_MAX items, each applied and acknowledged in
 * order by IngestStore.applyRun (one script call on a single Redis); up to IN_FLIGHT
 * runs are on their way while the next batch is read and prepared, so Redis
 * and Gyre work at the same time. Each run names the cursor it starts at: if
 * an earlier run stopped part-way, the later ones change nothing (STALE) and
 * the consumer reads again from the cursor. Any other method is a barrier:
 * the runs before it finish, it is applied, then acknowledged; it gets an
 * idempotency key derived from its position, so a crash in between does not
 * apply it twice.
 */
import type { ApiExecutor } from '../api/methods';
import type { EngineFailures } from '../engine/outage-log';
import { ClientError } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/metrics';
import type { Item, Source } from './sources';
import { type IngestStore, LeaseLostError, type QueueCursor, type QueuedItem, type QueuedRunResult, StaleCursorError } from './store';

/** Lease lifetime; a dead holder is replaced within about this long. */
export const LEASE_MS = 3000;
/** How often leases are renewed (and free ones taken). */
export const RENEW_MS = 1000;
/** Poll interval of an empty source: short after work, growing while idle (cheap for Redis, quick to react). */
const POLL_MIN_MS = 5;
const POLL_MAX_MS = 100;
const RETRY_MIN_MS = 50;
const RETRY_MAX_MS = 2000;
/** Most items per script call: long enough to amortize the call, short enough not to stall Redis (~ms). */
const RUN_MAX = 128;
/** Runs sent before waiting for the oldest: one executing in Redis while the next is prepared. */
const IN_FLIGHT = 2;

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

/** A Redis error that will not pass on a retry: the item becomes a dead letter. Anything else is retried. */
const PERMANENT_REDIS_ERROR = /^(WRONGTYPE|ERR)\b/;

interface Run {
  items: Item[];
  /** Per item: why it is a dead letter, or null for a publish. */
  reasons: (string | null)[];
  /** The cursor before the run. */
  at: string;
  result: Promise<QueuedRunResult>;
}

export class Consumer {
  private held = false;
  /** Asked to hand the lease over: the run loop finishes what is in flight, then releases it. */
  private yielding = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private applied = 0;
  private dead = 0;
  private rate = { at: Date.now(), applied: 0, perSecond: 0 };
  /** Read again from Redis's cursor before going on (after a takeover or any failure). */
  private reset = true;
  /** Position of the last item read. */
  private readPos = '0';
  /** The cursor once every run sent so far is applied. */
  private sentPos = '0';
  private readonly inFlight: Run[] = [];
  /** Set by a run that stopped part-way, or a failed one: handled once everything in flight has settled. */
  private failure: { err: unknown; item?: Item; at?: string } | null = null;

  constructor(
    private readonly source: Source,
    private readonly store: IngestStore,
    private readonly api: ApiExecutor,
    private readonly deadKey: string,
    private readonly owner: string,
    private readonly batch: number,
    private readonly log: Logger,
    private readonly failures: EngineFailures,
    private readonly metrics: Metrics,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the runs in flight finish, then gives the lease up so another consumer takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.release();
  }

  /** Whether this consumer holds its source's lease (and is not handing it over). */
  get holds(): boolean {
    return this.held && !this.yielding;
  }

  /**
   * Renews the lease when held; when not, takes it if free and `take` allows.
   * A consumer that just got it starts from the source's cursor. Resolves to
   * whether it holds the lease now.
   */
  async renew(take: boolean): Promise<boolean> {
    // A consumer handing over keeps renewing until it has released the lease.
    if (!this.running || (!this.held && (!take || this.yielding))) return this.holds;
    try {
      const held = await this.store.lease(this.source.leaseKey, this.owner, LEASE_MS);
      if (held && !this.held) {
        this.reset = true;
        this.log.info({ source: this.source.name }, 'consuming');
      }
      this.held = held;
    } catch {
      this.held = false;
    }
    return this.holds;
  }

  /** Hands the lease over: what is in flight finishes, then the lease is released for another consumer to take. */
  handOver(): void {
    if (this.held) this.yielding = true;
  }

  private async release(): Promise<void> {
    if (this.held) {
      this.held = false;
      await this.store.lease(this.source.leaseKey, this.owner, 0).catch(() => {});
    }
  }

  private async run(): Promise<void> {
    let backoff = RETRY_MIN_MS;
    let poll = POLL_MIN_MS;
    // The next batch, read while this one is prepared and applied (reading changes nothing).
    let next: Promise<Item[]> | null = null;
    while (this.running) {
      if (this.yielding) {
        next = null;
        await this.settle().catch(() => {});
        this.failure = null;
        await this.release();
        this.yielding = false;
        this.log.info({ source: this.source.name }, 'lease handed over');
        continue;
      }
      if (!this.held) {
        next = null;
        await sleep(RENEW_MS / 4);
        continue;
      }
      try {
        if (this.reset) {
          next = null;
          while (this.inFlight.length) await this.settleOldest();
          this.failure = null;
          await this.source.init();
          this.readPos = this.sentPos = await this.source.cursor();
          this.reset = false;
        }
        const items = await (next ?? this.source.read(this.readPos, this.batch));
        next = null;
        if (items.length === 0) {
          if (this.inFlight.length) {
            await this.settle();
            continue;
          }
          await sleep(poll);
          poll = Math.min(POLL_MAX_MS, poll * 2);
          continue;
        }
        poll = POLL_MIN_MS;
        this.readPos = items[items.length - 1]!.pos;
        if (items.length === this.batch) {
          next = this.source.read(this.readPos, this.batch);
          next.catch(() => {});
        }
        await this.applyBatch(items);
        backoff = RETRY_MIN_MS;
      } catch (err) {
        next = null;
        await this.settle().catch(() => {});
        this.failure = null;
        this.reset = true;
        if (err instanceof LeaseLostError) {
          this.log.warn({ source: this.source.name }, 'lease lost; stopping until it is ours again');
          this.held = false;
        } else if (!(err instanceof StaleCursorError)) {
          // Paused until a retry passes; the engine logs the outage once.
          this.metrics.engineError('ingest', this.failures.failed('ingest', err));
        }
        await sleep(backoff);
        backoff = Math.min(RETRY_MAX_MS, backoff * 2);
      }
    }
    await this.settle().catch(() => {});
  }

  /** Sends the batch's runs (keeping at most IN_FLIGHT on their way) and applies its barriers in order. */
  private async applyBatch(items: Item[]): Promise<void> {
    let run: Item[] = [];
    let entries: QueuedItem[] = [];
    let reasons: (string | null)[] = [];
    const send = async () => {
      if (run.length === 0) return;
      this.send(run, entries, reasons);
      run = [];
      entries = [];
      reasons = [];
      if (this.inFlight.length >= IN_FLIGHT) await this.settleOldest();
      // A run stopped part-way: the ones behind it are refused; deal with it now.
      if (this.failure) await this.settle();
    };
    for (const item of items) {
      if (this.reset) return;
      const problem = this.problem(item);
      if (problem === null && item.method !== 'publish') {
        await send();
        await this.settle();
        if (this.reset) return;
        await this.applyOther(item);
        continue;
      }
      const { entry, reason } = this.entry(item, problem);
      entries.push(entry);
      reasons.push(reason);
      run.push(item);
      if (run.length >= RUN_MAX) await send();
    }
    await send();
  }

  /** An item's run entry: its publish, or its dead letter (and why) when it or its params or channel are refused. */
  private entry(item: Item, problem: string | null): { entry: QueuedItem; reason: string | null } {
    if (problem === null) {
      try {
        return { entry: { id: item.id, publish: this.api.queuedPublish(item.params) }, reason: null };
      } catch (err) {
        if (!(err instanceof ClientError)) throw err;
        problem = `${err.code}: ${err.message}`;
      }
    }
    return { entry: { id: item.id, deadLetter: this.deadRecord(item, problem) }, reason: problem };
  }

  private send(items: Item[], entries: QueuedItem[], reasons: (string | null)[]): void {
    const at = this.sentPos;
    const result = this.store.applyRun(entries, this.cursor(at));
    // Settled in order by settleOldest; until then a rejection must not count as unhandled.
    result.catch(() => {});
    this.inFlight.push({ items, reasons, at, result });
    this.sentPos = items[items.length - 1]!.pos;
  }

  /** Waits for every run in flight, then deals with a failure one of them reported. */
  private async settle(): Promise<void> {
    while (this.inFlight.length) await this.settleOldest();
    const f = this.failure;
    if (!f) return;
    this.failure = null;
    this.reset = true;
    if (f.item && f.at !== undefined) {
      // A Redis error that a retry would meet again: the item leaves for the dead-letter list.
      await this.deadLetter(f.item, f.at, `redis: ${(f.err as Error).message}`);
      return;
    }
    throw f.err;
  }

  private async settleOldest(): Promise<void> {
    const r = this.inFlight.shift()!;
    let result: QueuedRunResult;
    try {
      result = await r.result;
    } catch (err) {
      // A later run after a failed one is refused as STALE: the first failure is the one that counts.
      this.failure ??= { err };
      return;
    }
    let published = 0;
    for (let i = 0; i < result.applied; i++) {
      const reason = r.reasons[i];
      if (reason == null) published++;
      else this.noteDead(r.items[i]!, reason);
    }
    this.applied += published;
    // The run's publishes went straight to Redis (IngestStore.applyRun), not through the node: counted here.
    if (published) this.metrics.published(published);
    if (result.error === undefined || this.failure) return;
    const item = r.items[result.applied]!;
    const at = result.applied === 0 ? r.at : r.items[result.applied - 1]!.pos;
    const err = new Error(result.error);
    this.failure = PERMANENT_REDIS_ERROR.test(result.error) ? { err, item, at } : { err };
  }

  /** Counts and logs an item that has left for the dead-letter list. */
  private noteDead(item: Item, error: string): void {
    this.dead++;
    this.log.warn({ source: this.source.name, item: item.pos, error }, 'item moved to the dead-letter list');
  }

  private problem(item: Item): string | null {
    if (item.malformed) return item.malformed;
    if (typeof item.method !== 'string' || !QUEUE_METHODS.has(item.method)) return `method ${JSON.stringify(item.method)} is not accepted from a queue`;
    return null;
  }

  private cursor(at: string): QueueCursor {
    const s = this.source;
    return { lease: s.leaseKey, owner: this.owner, kind: s.kind, source: s.name, cursorKey: s.cursorKey, group: s.group, deadKey: this.deadKey, at };
  }

  /** Applies a non-publish item, then acknowledges it; temporary failures are retried in place until they pass. */
  private async applyOther(item: Item): Promise<void> {
    let backoff = RETRY_MIN_MS;
    for (;;) {
      try {
        await this.api.call(item.method as string, item.params, { idempotencyKey: `ingest:${this.source.name}:${item.pos}`, source: 'redis' });
        break;
      } catch (err) {
        if (err instanceof LeaseLostError) throw err;
        if (err instanceof ClientError && !err.temporary) {
          await this.deadLetter(item, this.sentPos, `${err.code}: ${err.message}`);
          return;
        }
        if (!this.running || !this.held) throw new LeaseLostError();
        await sleep(backoff);
        backoff = Math.min(RETRY_MAX_MS, backoff * 2);
      }
    }
    await this.ack(item, this.sentPos, '');
    this.applied++;
  }

  private deadRecord(item: Item, error: string): string {
    return JSON.stringify({ item: this.source.raw(item), error, source: this.source.name, at: new Date().toISOString() });
  }

  private async deadLetter(item: Item, at: string, error: string): Promise<void> {
    await this.ack(item, at, this.deadRecord(item, error));
    this.noteDead(item, error);
  }

  /** Acknowledges `item`, the next after cursor `at` (all runs before it settled). */
  private async ack(item: Item, at: string, deadLetter: string): Promise<void> {
    await this.store.ack(this.cursor(at), item.id, deadLetter);
    this.sentPos = item.pos;
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
