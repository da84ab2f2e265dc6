/**
 * In-process broker: history streams in memory, delivery by direct call. It
 * serves exactly one process, which is why the memory engine runs one worker.
 */
import { randomFillSync } from 'node:crypto';
import type { ClientInfo, Publication, StreamPosition } from '../../protocol/types';
import { type Broker, type BrokerEventHandler, type HistoryQuery, type HistoryResult, keepsHistory, type PublishOptions, type PublishResult } from '../broker';

/** How long a publish result is remembered under its idempotency key. */
const IDEMPOTENCY_TTL_MS = 5 * 60 * 1000;
const SWEEP_INTERVAL_MS = 60 * 1000;

interface Stream {
  epoch: string;
  top: number;
  items: Publication[];
  /** Unix ms after which the items are gone (history_ttl after the last publish). */
  itemsExpireAt: number;
  /** Unix ms after which the epoch and offset are gone (history_meta_ttl after the last use). */
  metaExpireAt: number;
}

const EPOCH_BYTES = 6;
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/**
 * A fresh random epoch. The Redis engine sends a candidate with every publish
 * (the script keeps it only for a channel's first one), so it must be cheap:
 * bytes come from a pooled crypto-random buffer rather than a randomBytes call each.
 */
export function newEpoch(): string {
  if (poolAt + EPOCH_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += EPOCH_BYTES;
  return pool.toString('hex', poolAt - EPOCH_BYTES, poolAt);
}

/**
 * Count bounds of what the broker remembers, besides time: channels and
 * idempotency keys are named by callers, so without a count a caller could
 * grow the process until it dies (and the memory engine's state with it).
 */
export interface MemoryLimits {
  /** Channel streams kept; past it the least recently used goes (its subscribers then see a new epoch). */
  maxChannels: number;
  /** Idempotency results kept; past it the oldest goes. */
  maxIdempotencyKeys: number;
}

const DEFAULT_LIMITS: MemoryLimits = { maxChannels: 100_000, maxIdempotencyKeys: 100_000 };

export class MemoryBroker implements Broker {
  private handler: BrokerEventHandler | null = null;
  /** In least-recently-used order: every use moves a stream to the end, eviction takes the first. */
  private readonly streams = new Map<string, Stream>();
  /** In insertion order, which is expiry order (one TTL for all): eviction takes the first. */
  private readonly results = new Map<string, { result: PublishResult; expireAt: number }>();
  /** Channels this node listens to; as with Redis, nothing else is delivered. */
  private readonly subscribed = new Set<string>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: MemoryLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many streams and idempotency results are held (for tests and info). */
  sizes(): { channels: number; idempotencyKeys: number } {
    return { channels: this.streams.size, idempotencyKeys: this.results.size };
  }

  async start(handler: BrokerEventHandler): Promise<void> {
    this.handler = handler;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  async subscribe(channel: string): Promise<void> {
    this.subscribed.add(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.subscribed.delete(channel);
  }

  async publish(channel: string, pub: Publication, opts: PublishOptions): Promise<PublishResult> {
    const now = this.now();
    const idemKey = opts.idempotencyKey ? `${channel}\u0000${opts.idempotencyKey}` : '';
    if (idemKey) {
      const cached = this.results.get(idemKey);
      if (cached && cached.expireAt > now) return cached.result;
    }
    let result: PublishResult = {};
    if (keepsHistory(opts)) {
      const stream = this.stream(channel, now, opts.historyMetaTtl);
      if (stream.itemsExpireAt <= now) stream.items = [];
      const offset = ++stream.top;
      const stored: Publication = { ...pub, offset };
      stream.items.push(stored);
      if (stream.items.length > opts.historySize) stream.items.splice(0, stream.items.length - opts.historySize);
      stream.itemsExpireAt = now + opts.historyTtl * 1000;
      const position = { offset, epoch: stream.epoch };
      result = { position };
      if (this.subscribed.has(channel)) this.handler?.handlePublication(channel, stored, position);
    } else if (this.subscribed.has(channel)) {
      this.handler?.handlePublication(channel, pub, undefined);
    }
    if (idemKey) {
      this.results.delete(idemKey);
      this.results.set(idemKey, { result, expireAt: now + IDEMPOTENCY_TTL_MS });
      if (this.results.size > this.limits.maxIdempotencyKeys) this.results.delete(this.results.keys().next().value!);
    }
    return result;
  }

  async publishJoin(channel: string, info: ClientInfo): Promise<void> {
    if (this.subscribed.has(channel)) this.handler?.handleJoin(channel, info);
  }

  async publishLeave(channel: string, info: ClientInfo): Promise<void> {
    if (this.subscribed.has(channel)) this.handler?.handleLeave(channel, info);
  }

  async history(channel: string, q: HistoryQuery): Promise<HistoryResult> {
    const now = this.now();
    const stream = this.stream(channel, now, q.historyMetaTtl);
    if (stream.itemsExpireAt <= now) stream.items = [];
    const position: StreamPosition = { offset: stream.top, epoch: stream.epoch };
    if (q.limit === 0) return { publications: [], position };
    let items = stream.items;
    if (q.since) {
      const at = q.since.offset;
      items = q.reverse ? items.filter((p) => p.offset! < at) : items.filter((p) => p.offset! > at);
    }
    if (q.reverse) items = items.slice().reverse();
    if (q.limit > 0 && items.length > q.limit) items = items.slice(0, q.limit);
    return { publications: items, position };
  }

  async removeHistory(channel: string): Promise<void> {
    const stream = this.streams.get(channel);
    if (stream) stream.items = [];
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** The channel's stream, created with a fresh epoch when missing or expired; touching it extends its meta TTL. */
  private stream(channel: string, now: number, metaTtl: number): Stream {
    let s = this.streams.get(channel);
    if (s) this.streams.delete(channel);
    if (!s || s.metaExpireAt <= now) s = { epoch: newEpoch(), top: 0, items: [], itemsExpireAt: 0, metaExpireAt: 0 };
    this.streams.set(channel, s);
    if (this.streams.size > this.limits.maxChannels) this.streams.delete(this.streams.keys().next().value!);
    s.metaExpireAt = metaTtl > 0 ? now + metaTtl * 1000 : Number.MAX_SAFE_INTEGER;
    return s;
  }

  private sweep(): void {
    const now = this.now();
    for (const [ch, s] of this.streams) {
      if (s.metaExpireAt <= now) this.streams.delete(ch);
      else if (s.itemsExpireAt <= now) s.items = [];
    }
    for (const [k, r] of this.results) if (r.expireAt <= now) this.results.delete(k);
  }
}
