/**
 * Where queued API commands come from: a Redis list (`LPUSH gyre.api '{"method",…}'`)
 * or a Redis stream (`XADD gyre.api.stream * method … payload …`). A source
 * hands out items in push order — first what a previous consumer took but did
 * not finish, then new ones — and knows how an item is acknowledged.
 */
import type Redis from 'ioredis';
import type { IngestAck } from '../engine/broker';
import { leaseLost } from '../engine/redis/broker-redis';

/** Consumer group every Gyre reads streams with. */
export const GROUP = 'gyre';

export interface Item {
  /** Stable identity: the list sequence number or the stream entry ID. */
  id: string;
  /** The command as the backend wrote it (for dead letters). */
  raw: unknown;
  method: unknown;
  params: unknown;
  /** Set when the item could not be read at all. */
  malformed?: string;
  /** The processing-list entry or the stream entry ID to acknowledge. */
  ackItem: string;
}

export interface Source {
  /** The queue or stream key, as in dead letters and stats. */
  readonly name: string;
  readonly kind: 'list' | 'stream';
  readonly leaseKey: string;
  /** Prepares the source (creates the consumer group); safe to repeat. */
  init(): Promise<void>;
  /** Up to `max` items in order; `resume` first returns what earlier holders left unfinished. */
  take(owner: string, max: number, resume: boolean): Promise<Item[]>;
  ack(owner: string, item: Item): IngestAck;
  /** The acknowledgement target without the item (for a run of items). */
  ackBase(owner: string): Omit<IngestAck, 'item'>;
  /** Items waiting or in flight, and the age of the oldest in ms (null when the source cannot tell). */
  depth(): Promise<{ depth: number; lagMs: number | null }>;
}

function parseCommand(text: string): { raw: unknown; method: unknown; params: unknown; malformed?: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { raw: text, method: undefined, params: undefined, malformed: 'item is not valid JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { raw: v, method: undefined, params: undefined, malformed: 'item is not a JSON object' };
  const o = v as Record<string, unknown>;
  return { raw: v, method: o['method'], params: o['params'] };
}

/** A list queue: the backend LPUSHes, so the oldest item is at the right. */
export class ListSource implements Source {
  readonly kind = 'list' as const;
  readonly leaseKey: string;
  private readonly processing: string;
  private readonly seq: string;
  /** The oldest waiting item as last sampled, and since when it has been seen waiting. */
  private oldest: { item: string; since: number } | null = null;

  constructor(
    private readonly redis: Redis,
    readonly name: string,
  ) {
    this.leaseKey = `${name}.lease`;
    this.processing = `${name}.processing`;
    this.seq = `${name}.seq`;
  }

  async init(): Promise<void> {}

  async take(owner: string, max: number, resume: boolean): Promise<Item[]> {
    if (resume) {
      const left = await this.redis.lrange(this.processing, 0, -1);
      if (left.length) return left.reverse().map((e) => this.item(e));
    }
    const moved = await this.redis.gyreIngestTake(this.name, this.processing, this.seq, this.leaseKey, owner, max).catch(leaseLost);
    return moved.map((e) => this.item(e));
  }

  private item(entry: string): Item {
    const bar = entry.indexOf('|');
    const text = entry.slice(bar + 1);
    return { id: entry.slice(0, bar), ackItem: entry, ...parseCommand(text) };
  }

  ack(owner: string, item: Item): IngestAck {
    return { ...this.ackBase(owner), item: item.ackItem };
  }

  ackBase(owner: string): Omit<IngestAck, 'item'> {
    return { lease: this.leaseKey, key: this.processing, owner, kind: 'list', group: '' };
  }

  /**
   * List items carry no push time, so the lag is observed: how long the
   * item now oldest (right end) has been seen waiting by these samples. It
   * under-reports by at most the sampling interval, never over-reports.
   */
  async depth(): Promise<{ depth: number; lagMs: number | null }> {
    const [waiting, inFlight, tail] = await Promise.all([this.redis.llen(this.name), this.redis.llen(this.processing), this.redis.lindex(this.name, -1)]);
    const now = Date.now();
    if (tail === null) this.oldest = null;
    else if (this.oldest?.item !== tail) this.oldest = { item: tail, since: now };
    return { depth: waiting + inFlight, lagMs: this.oldest ? now - this.oldest.since : 0 };
  }
}

/** A stream read through the consumer group; entry IDs carry the push time. */
export class StreamSource implements Source {
  readonly kind = 'stream' as const;
  readonly leaseKey: string;

  constructor(
    private readonly redis: Redis,
    readonly name: string,
  ) {
    this.leaseKey = `${name}.lease`;
  }

  /** Creates the group at the stream's beginning (MKSTREAM), so entries added before Gyre first started are read too. */
  async init(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.name, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!(err as Error).message.includes('BUSYGROUP')) throw err;
    }
  }

  async take(owner: string, max: number, resume: boolean): Promise<Item[]> {
    try {
      if (resume) {
        // Everything pending belongs to an earlier lease holder (or to us): claim it and finish it first.
        const [, entries] = (await this.redis.xautoclaim(this.name, GROUP, owner, 0, '0-0', 'COUNT', max)) as [string, [string, string[]][]];
        const live = entries.filter((e) => e && e[1]);
        if (live.length) return live.map((e) => this.item(e));
      }
      const reply = (await this.redis.xreadgroup('GROUP', GROUP, owner, 'COUNT', max, 'STREAMS', this.name, '>')) as [string, [string, string[]][]][] | null;
      return (reply?.[0]?.[1] ?? []).map((e) => this.item(e));
    } catch (err) {
      // Redis came back empty: the group is gone with the stream; recreate it and go on.
      if ((err as Error).message.includes('NOGROUP')) await this.init();
      throw err;
    }
  }

  private item([id, fields]: [string, string[]]): Item {
    const f = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
    const method = f.get('method');
    const payload = f.get('payload');
    const raw = { method, payload };
    if (method === undefined) return { id, ackItem: id, raw, method, params: undefined, malformed: 'entry has no method field' };
    if (payload === undefined) return { id, ackItem: id, raw, method, params: {} };
    try {
      return { id, ackItem: id, raw, method, params: JSON.parse(payload) };
    } catch {
      return { id, ackItem: id, raw, method, params: undefined, malformed: 'payload is not valid JSON' };
    }
  }

  ack(owner: string, item: Item): IngestAck {
    return { ...this.ackBase(owner), item: item.ackItem };
  }

  ackBase(owner: string): Omit<IngestAck, 'item'> {
    return { lease: this.leaseKey, key: this.name, owner, kind: 'stream', group: GROUP };
  }

  async depth(): Promise<{ depth: number; lagMs: number | null }> {
    const [len, first] = await Promise.all([this.redis.xlen(this.name), this.redis.xrange(this.name, '-', '+', 'COUNT', 1)]);
    const oldest = first[0]?.[0];
    return { depth: len, lagMs: oldest ? Math.max(0, Date.now() - Number(oldest.split('-')[0])) : 0 };
  }
}
