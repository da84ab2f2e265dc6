/**
 * Where queued API commands come from: a Redis list (`LPUSH gyre.api '{"method",…}'`)
 * or a Redis stream (`XADD gyre.api.stream * method … payload …`). A source
 * reads items in push order without taking them, and names the cursor that
 * says how far it has been applied (see lua/ingest_lib.lua): an item leaves
 * Redis only in the script that applies it.
 */
import type Redis from 'ioredis';
import { ingestRefused } from '../engine/redis/broker-redis';

/** Consumer group every Gyre reads streams with. */
export const GROUP = 'gyre';

export interface Item {
  /** The cursor once this item is acknowledged: its position (list) or entry ID (stream). Stable across consumers. */
  pos: string;
  /** The stream entry ID ('' for list items). */
  id: string;
  /** The list item's text, or the stream entry's payload field (null when missing): dead letters quote it. */
  text: string | null;
  method: unknown;
  params: unknown;
  /** Set when the item could not be read at all. */
  malformed?: string;
}

export interface Source {
  /** The queue or stream key, as in dead letters and stats. */
  readonly name: string;
  readonly kind: 'list' | 'stream';
  readonly leaseKey: string;
  /** The list's count of acknowledged items; '' for a stream, whose group holds its cursor. */
  readonly cursorKey: string;
  /** Prepares the source (creates the consumer group); safe to repeat. */
  init(): Promise<void>;
  /** The cursor as Redis has it now: where reading starts after a takeover or a failure. */
  cursor(): Promise<string>;
  /** Up to `max` items in push order after position `after` (a cursor or an item's `pos`). */
  read(after: string, max: number): Promise<Item[]>;
  /** Items waiting, and the age of the oldest in ms. */
  depth(): Promise<{ depth: number; lagMs: number | null }>;
  /** The item as the backend wrote it, for its dead letter. */
  raw(item: Item): unknown;
}

function listItem(pos: string, text: string): Item {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { pos, id: '', text, method: undefined, params: undefined, malformed: 'item is not valid JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { pos, id: '', text, method: undefined, params: undefined, malformed: 'item is not a JSON object' };
  const o = v as Record<string, unknown>;
  return { pos, id: '', text, method: o['method'], params: o['params'] };
}

/** A list queue: the backend LPUSHes, so the oldest item is at the right. */
export class ListSource implements Source {
  readonly kind = 'list' as const;
  readonly leaseKey: string;
  readonly cursorKey: string;
  /** The oldest waiting item as last sampled, and since when it has been seen waiting. */
  private oldest: { item: string; since: number } | null = null;

  constructor(
    private readonly redis: Redis,
    readonly name: string,
  ) {
    this.leaseKey = `${name}.lease`;
    this.cursorKey = `${name}.acked`;
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

  /** The parsed item when it is JSON, else its text. */
  raw(item: Item): unknown {
    try {
      return JSON.parse(item.text ?? '');
    } catch {
      return item.text;
    }
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
export class StreamSource implements Source {
  readonly kind = 'stream' as const;
  readonly leaseKey: string;
  readonly cursorKey = '';

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
    for (let i = 0, j = 0; j < flat.length; i++, j += 3) out[i] = this.item(flat[j]!, flat[j + 1] ?? null, flat[j + 2] ?? null);
    return out;
  }

  private item(id: string, method: string | null, payload: string | null): Item {
    if (method === null) return { pos: id, id, text: payload, method: undefined, params: undefined, malformed: 'entry has no method field' };
    if (payload === null) return { pos: id, id, text: payload, method, params: {} };
    try {
      return { pos: id, id, text: payload, method, params: JSON.parse(payload) };
    } catch {
      return { pos: id, id, text: payload, method, params: undefined, malformed: 'payload is not valid JSON' };
    }
  }

  raw(item: Item): unknown {
    return { method: item.method, payload: item.text ?? undefined };
  }

  async depth(): Promise<{ depth: number; lagMs: number | null }> {
    const [len, first] = await Promise.all([this.redis.xlen(this.name), this.redis.xrange(this.name, '-', '+', 'COUNT', 1)]);
    const oldest = first[0]?.[0];
    return { depth: len, lagMs: oldest ? Math.max(0, Date.now() - Number(oldest.split('-')[0])) : 0 };
  }
}
