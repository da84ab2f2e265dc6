/**
 * Publishing from Redis: one Consumer per list queue (`<prefix>.api`, and
 * `<prefix>.api.0 … N-1` with `api.queue_shards`) and per stream
 * (`api.streams`, default `<prefix>.api.stream`). Runs in every worker with
 * the Redis engine; leases decide who consumes what.
 */
import type Redis from 'ioredis';
import type { ApiExecutor } from '../api/methods';
import type { Config } from '../config/schema';
import type { Logger } from '../log';
import { Consumer, type IngestStats } from './consumer';
import { ListSource, type Source, StreamSource } from './sources';

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
  let h = 0x811c9dc5;
  for (const b of Buffer.from(channel, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

export class IngestManager {
  private readonly consumers: Consumer[] = [];
  private latest: IngestStats[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    config: Config,
    redis: Redis,
    api: ApiExecutor,
    owner: string,
    private readonly log: Logger,
  ) {
    const prefix = config.redis.prefix;
    const sources: Source[] = [
      ...queueNames(prefix, config.api.queue_shards).map((q) => new ListSource(redis, q)),
      ...config.api.streams.map((s) => new StreamSource(redis, `${prefix}.${s}`)),
    ];
    const dead = `${prefix}.api.dead`;
    for (const s of sources) this.consumers.push(new Consumer(s, redis, api, dead, owner, config.api.ingest_batch, log));
  }

  start(): void {
    for (const c of this.consumers) c.start();
    this.timers.push(setInterval(() => void this.refresh(), STATS_MS));
    this.timers.push(setInterval(() => this.report(), LOG_MS));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.consumers.map((c) => c.stop()));
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
