/**
 * Publishing from Redis: one Consumer per list queue (`<prefix>.api`, and
 * `<prefix>.api.0 … N-1` with `api.queue_shards`) and per stream
 * (`api.streams`, default `<prefix>.api.stream`). Runs in every worker with
 * the Redis engine; leases decide who consumes what.
 *
 * Leases are shared fairly: every RENEW_MS each worker beats in a registry
 * in Redis (`<prefix>.api.consumers`) that counts the live workers, holds at
 * most its fair share (sources / live workers, rounded up), takes free leases
 * only below it and hands one over when above it. So shards are consumed on
 * different cores and machines, and a lease freed by a dead worker is taken
 * by one with room within a few seconds.
 */
import type { ApiExecutor } from '../api/methods';
import { fnv1a } from '../hash';
import type { Config } from '../config/schema';
import type { EngineFailures } from '../engine/outage-log';
import type { Logger } from '../log';
import { type Metrics, noMetrics } from '../metrics/metrics';
import { Consumer, type IngestStats, LEASE_MS, RENEW_MS } from './consumer';
import { DeadLetters } from './dead-letters';
import type { Source } from './sources';
import type { IngestStore } from './store';

const STATS_MS = 2000;
const LOG_MS = 10_000;

/** The list queues a configuration consumes, in shard order. */
export function queueNames(prefix: string, shards: number): string[] {
  return [`${prefix}.api`, ...Array.from({ length: shards }, (_, i) => `${prefix}.api.${i}`)];
}

/**
 * The shard queue of a channel: FNV-1a (32-bit) of the channel's UTF-8 bytes,
 * modulo the number of shards. Backends in other languages compute the same:
 * h = 2166136261; for each byte b: h = (h XOR b) * 16777619 mod 2^32.
 */
export function queueShard(channel: string, shards: number): number {
  return fnv1a(channel) % shards;
}

export class IngestManager {
  private readonly consumers: Consumer[] = [];
  private latest: IngestStats[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly registry: string;
  /** Live workers as last counted (1 until Redis answers: this one). */
  private live = 1;
  private balancing: Promise<void> | null = null;
  /** The dead-letter list, for the admin UI. */
  readonly deadLetters: DeadLetters;

  constructor(
    config: Config,
    private readonly store: IngestStore,
    api: ApiExecutor,
    private readonly owner: string,
    private readonly log: Logger,
    failures: EngineFailures,
    metrics: Metrics = noMetrics,
  ) {
    const prefix = config.redis.prefix;
    this.registry = `${prefix}.api.consumers`;
    const sources: Source[] = [
      ...queueNames(prefix, config.api.queue_shards).map((q) => store.list(q)),
      ...config.api.streams.map((s) => store.stream(`${prefix}.${s}`)),
    ];
    const dead = `${prefix}.api.dead`;
    for (const s of sources) this.consumers.push(new Consumer(s, store, api, dead, owner, config.api.ingest_batch, log, failures, metrics));
    this.deadLetters = new DeadLetters(store, dead, new Map(sources.map((s) => [s.name, s.kind])));
  }

  start(): void {
    for (const c of this.consumers) c.start();
    const balance = () => {
      this.balancing ??= this.balance().finally(() => (this.balancing = null));
    };
    balance();
    this.timers.push(setInterval(balance, RENEW_MS));
    this.timers.push(setInterval(() => void this.refresh(), STATS_MS));
    this.timers.push(setInterval(() => this.report(), LOG_MS));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.balancing;
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.store.heartbeat(this.registry, this.owner, 0).catch(() => {});
  }

  /**
   * One round of lease keeping: beat, renew what is held, take free leases
   * while below the fair share, hand one over while above it (one per round,
   * so shares settle without leases bouncing between workers).
   */
  private async balance(): Promise<void> {
    try {
      this.live = Math.max(1, await this.store.heartbeat(this.registry, this.owner, LEASE_MS));
    } catch {
      // Redis unreachable: renewals below fail as well and the consumers pause.
    }
    const fair = Math.ceil(this.consumers.length / this.live);
    let mine = 0;
    // Renews every held lease, those being handed over too (until released).
    for (const c of this.consumers) if (await c.renew(false)) mine++;
    for (const c of this.consumers) {
      if (mine >= fair) break;
      if (!c.holds && (await c.renew(true))) mine++;
    }
    if (mine > fair) this.consumers.filter((c) => c.holds).pop()?.handOver();
  }

  /** Stats of the sources this worker consumes now (empty when it holds no lease). */
  stats(): IngestStats[] {
    return this.latest;
  }

  async refresh(): Promise<IngestStats[]> {
    try {
      const all = await Promise.all(this.consumers.map((c) => c.stats()));
      this.latest = all.filter((s): s is IngestStats => s !== null);
    } catch {
      // Redis unreachable: keep the last figures; the consumers log the outage.
    }
    return this.latest;
  }

  private report(): void {
    for (const s of this.latest) if (s.depth > 0 || s.applied_per_second > 0) this.log.info(s, 'ingestion');
  }
}
