/**
 * The Redis engine's IngestStore: leases, the live-consumer registry, the
 * list-queue and stream readers, and runs of items, on the worker's dedicated
 * ingest connection to the queues' Redis (the first shard; see connection.ts).
 * Where the queues and the channels are on one single Redis, a run is applied
 * and acknowledged by one lua/ingest_run.lua call; on a Redis Cluster or
 * several shards it is applied on each channel's slot, then acknowledged
 * (ingest-cross.ts).
 */
import type { RedisClient } from './connection';
import { keepsHistory } from '../broker';
import { newEpoch } from '../memory/broker-memory';
import {
  type IngestStore,
  LeaseLostError,
  type QueueCursor,
  type QueuedItem,
  type QueuedRunResult,
  type RequeueTarget,
  StaleCursorError,
} from '../../ingest/store';
import { type Item, listItem, listRaw, type Source, streamItem, streamRaw } from '../../ingest/sources';
import { IDEMPOTENCY_TTL } from './broker-redis';
import { besideKey, CrossRuns, type IngestPlacement } from './ingest-cross';
import type { RedisKeys } from './keys';
import { type Packable, packMsgpack } from './msgpack';
import { encodePublication } from './pubsub-wire';
import type { PublishCommand } from './scripts';

/** Consumer group every Gyre reads streams with. */
export const GROUP = 'gyre';

/**
 * The ingest scripts refuse, changing nothing, when the caller's lease is gone
 * (LEASE_LOST) or the cursor moved (STALE, NOGROUP): not infrastructure failures.
 */
export function ingestRefused(err: unknown): never {
  if (err instanceof Error) {
    if (err.message.includes('LEASE_LOST')) throw new LeaseLostError();
    if (/\b(STALE|NOGROUP)\b/.test(err.message)) throw new StaleCursorError(err.message);
  }
  throw err;
}

/** How a RedisIngestStore applies runs; every field defaults to a single Redis without failovers. */
export interface IngestStoreOptions {
  /** Where channels are when not on the store's own single Redis (a Cluster, several shards); absent = that Redis. */
  placement?: IngestPlacement | null;
  /** The queues' Redis can promote a replica: epochs follow its replication ID (lua/epoch_lib.lua). */
  checkReplid?: boolean;
  /** 'spublish' when the channels' pub/sub is sharded (redis.sharded_pubsub). */
  publishCommand?: PublishCommand;
}

export class RedisIngestStore implements IngestStore {
  /** Set when the channels are not all on the queues' own single Redis. */
  private readonly cross: CrossRuns | null;
  private readonly cluster: boolean;
  private readonly checkReplid: boolean;
  private readonly publishCommand: PublishCommand;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    opts: IngestStoreOptions = {},
  ) {
    const placement = opts.placement ?? null;
    this.checkReplid = opts.checkReplid ?? false;
    this.publishCommand = opts.publishCommand ?? 'publish';
    this.cross = placement ? new CrossRuns(redis, keys, placement, this.publishCommand) : null;
    this.cluster = placement?.cluster ?? false;
  }

  async lease(leaseKey: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.gyreIngestLease(leaseKey, owner, ttlMs)) === 1;
  }

  heartbeat(registry: string, owner: string, ttlMs: number): Promise<number> {
    return this.redis.gyreIngestHeartbeat(registry, owner, ttlMs);
  }

  list(name: string): Source {
    return new ListSource(this.redis, name, this.cluster);
  }

  stream(name: string): Source {
    return new StreamSource(this.redis, name, this.cluster);
  }

  /**
   * One ingest_run.lua call for the whole run. Its channels are listed once
   * (keys, history options, a candidate epoch) and its items refer to them, all
   * packed into one argument: a run of 128 items costs the client one command.
   */
  async applyRun(items: QueuedItem[], c: QueueCursor): Promise<QueuedRunResult> {
    if (this.cross) return this.cross.applyRun(items, c).catch(ingestRefused);
    const channels: Packable[] = [];
    const index = new Map<string, number>();
    const packed: Packable[] = items.map((item) => {
      if (!('publish' in item)) return [item.id, 0, item.deadLetter];
      const { channel, pub, opts } = item.publish;
      const history = keepsHistory(opts);
      const tableKey = history ? channel : `${channel}\u0000n`;
      let k = index.get(tableKey);
      if (k === undefined) {
        k = channels.length + 1;
        index.set(tableKey, k);
        const h = history ? [String(opts.historySize), String(opts.historyTtl)] : ['0', '0'];
        channels.push([this.keys.stream(channel), this.keys.meta(channel), this.keys.pubsub(channel), ...h, String(opts.historyMetaTtl), newEpoch(), this.checkReplid ? '1' : '0']);
      }
      const idem = opts.idempotencyKey;
      return [item.id, k, encodePublication(pub), idem ? this.keys.result(channel, idem) : '', idem ? String(IDEMPOTENCY_TTL) : '0'];
    });
    const [applied, error] = await this.redis
      .gyreIngestRun(c.lease, c.source, c.cursorKey, c.deadKey, c.owner, c.kind, c.group, c.at, packMsgpack([channels, packed]), this.publishCommand)
      .catch(ingestRefused);
    return error ? { applied: Number(applied), error: String(error) } : { applied: Number(applied) };
  }

  async ack(c: QueueCursor, id: string, deadLetter: string): Promise<void> {
    if (this.cross) return this.cross.ack(c, id, deadLetter).catch(ingestRefused);
    await this.redis.gyreIngestAck(c.lease, c.source, c.cursorKey, c.deadKey, c.owner, c.kind, c.group, c.at, id, deadLetter).catch(ingestRefused);
  }

  async deadLetters(deadKey: string, start: number, count: number): Promise<{ total: number; records: string[] }> {
    const [total, records] = await Promise.all([this.redis.llen(deadKey), this.redis.lrange(deadKey, start, start + count - 1)]);
    return { total, records };
  }

  async requeue(deadKey: string, record: string, to: RequeueTarget): Promise<boolean> {
    if (this.cluster) return this.requeueApart(deadKey, record, to);
    const [text, hasPayload, payload] = to.kind === 'list' ? [to.text, '0' as const, ''] : [to.method, to.payload === undefined ? ('0' as const) : ('1' as const), to.payload ?? ''];
    return (await this.redis.gyreIngestRequeue(deadKey, to.source, record, to.kind, text, hasPayload, payload)) === 1;
  }

  /**
   * On a Cluster the dead-letter list and the source are in different slots,
   * so a requeue is two steps: the record is taken from the list (one admin
   * wins it), then pushed to its source; when the push fails it goes back to
   * the list. Only a crash between the two steps loses it — a click of the
   * admin UI, unlike ingestion, which never depends on such a window.
   */
  private async requeueApart(deadKey: string, record: string, to: RequeueTarget): Promise<boolean> {
    if ((await this.redis.lrem(deadKey, 1, record)) === 0) return false;
    try {
      if (to.kind === 'list') await this.redis.lpush(to.source, to.text);
      else if (to.payload === undefined) await this.redis.xadd(to.source, '*', 'method', to.method);
      else await this.redis.xadd(to.source, '*', 'method', to.method, 'payload', to.payload);
    } catch (err) {
      await this.redis.lpush(deadKey, record).catch(() => {});
      throw err;
    }
    return true;
  }

  async dropDeadLetter(deadKey: string, record: string): Promise<boolean> {
    return (await this.redis.lrem(deadKey, 1, record)) === 1;
  }
}

/** A list queue: the backend LPUSHes, so the oldest item is at the right. */
class ListSource implements Source {
  readonly kind = 'list' as const;
  readonly leaseKey: string;
  readonly cursorKey: string;
  readonly group = '';
  /** The oldest waiting item as last sampled, and since when it has been seen waiting. */
  private oldest: { item: string; since: number } | null = null;

  constructor(
    private readonly redis: RedisClient,
    readonly name: string,
    cluster: boolean,
  ) {
    this.leaseKey = besideKey(name, '.lease', cluster);
    this.cursorKey = besideKey(name, '.acked', cluster);
  }

  async init(): Promise<void> {}

  async cursor(): Promise<string> {
    return (await this.redis.get(this.cursorKey)) ?? '0';
  }

  async read(after: string, max: number): Promise<Item[]> {
    const [, items] = await this.redis.gyreIngestRead(this.name, this.cursorKey, after, max).catch(ingestRefused);
    const base = Number(after);
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = listItem(String(base + i + 1), items[items.length - 1 - i]!);
    return out;
  }

  raw(item: Item): unknown {
    return listRaw(item);
  }

  /**
   * List items carry no push time, so the lag is observed: how long the
   * item now oldest (right end) has been seen waiting by these samples. It
   * under-reports by at most the sampling interval, never over-reports.
   */
  async depth(): Promise<{ depth: number; lagMs: number | null }> {
    const [waiting, tail] = await Promise.all([this.redis.llen(this.name), this.redis.lindex(this.name, -1)]);
    const now = Date.now();
    if (tail === null) this.oldest = null;
    else if (this.oldest?.item !== tail) this.oldest = { item: tail, since: now };
    return { depth: waiting, lagMs: this.oldest ? now - this.oldest.since : 0 };
  }
}

/**
 * A stream with its consumer group `gyre`. The group's last-delivered-id is
 * the cursor: entries after it are read with XRANGE (reading changes
 * nothing, so a deposed consumer still reading does no harm) and the script
 * that applies entries moves the group past them and deletes them.
 */
class StreamSource implements Source {
  readonly kind = 'stream' as const;
  readonly leaseKey: string;
  readonly cursorKey = '';
  readonly group = GROUP;

  constructor(
    private readonly redis: RedisClient,
    readonly name: string,
    cluster: boolean,
  ) {
    this.leaseKey = besideKey(name, '.lease', cluster);
  }

  /** Creates the group at the stream's beginning (MKSTREAM), so entries added before Gyre first started are read too. */
  async init(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.name, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!(err as Error).message.includes('BUSYGROUP')) throw err;
    }
  }

  async cursor(): Promise<string> {
    const groups = (await this.redis.xinfo('GROUPS', this.name)) as unknown[][];
    for (const g of groups) {
      const info = new Map<unknown, unknown>();
      for (let i = 0; i + 1 < g.length; i += 2) info.set(g[i], g[i + 1]);
      if (info.get('name') === GROUP) return String(info.get('last-delivered-id'));
    }
    throw new Error(`NOGROUP stream ${this.name} has no group ${GROUP}`);
  }

  async read(after: string, max: number): Promise<Item[]> {
    const flat = await this.redis.gyreIngestReadStream(this.name, after, max);
    const out: Item[] = new Array(flat.length / 3);
    for (let i = 0, j = 0; j < flat.length; i++, j += 3) out[i] = streamItem(flat[j]!, flat[j + 1] ?? null, flat[j + 2] ?? null);
    return out;
  }

  raw(item: Item): unknown {
    return streamRaw(item);
  }

  async depth(): Promise<{ depth: number; lagMs: number | null }> {
    const [len, first] = await Promise.all([this.redis.xlen(this.name), this.redis.xrange(this.name, '-', '+', 'COUNT', 1)]);
    const oldest = first[0]?.[0];
    return { depth: len, lagMs: oldest ? Math.max(0, Date.now() - Number(oldest.split('-')[0])) : 0 };
  }
}
