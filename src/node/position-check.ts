/**
 * The position check: pub/sub is at-most-once, and a publication lost on it
 * goes unnoticed by an idle subscription until the next one arrives. So every
 * positioned subscription idle for `client.position_check_interval` is
 * compared with its stream's top (one read per channel for all its local
 * subscribers), and all of them at once after pub/sub reconnected. One found
 * behind is re-checked after a short delay, since the publication may simply
 * still be on its way, and only then told to recover. One found in another
 * epoch is told at once: after a failover that is how a subscription whose
 * channel went quiet learns that the promoted replica started a new epoch
 * (lua/epoch_lib.lua).
 *
 * After a reconnect, a channel whose stream cannot be read yet is checked
 * again with backoff: the command connection may come back a moment after
 * the subscriber (each asks the Sentinels for the new master on its own),
 * and on a Redis Cluster the subscriber comes back on a live node while the
 * master owning the channel may still be failing over; nothing else would
 * look at an idle channel before `client.position_check_interval` has passed.
 */
import type { ChannelService } from '../channel/service';
import type { Client } from '../client/client';
import type { Hub } from '../hub';
import type { StreamPosition } from '../protocol/types';

/** A subscription behind the stream top is re-checked after this delay before it counts as a gap. */
const RECHECK_MS = 1000;
/** After a reconnect, channels whose stream could not be read are tried again this long after, doubling up to the max. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 8000;
/** …this many times: by then the idle check is due soon enough. */
const RETRIES = 8;

export class PositionCheck {
  /** When each channel last delivered a publication on this node. */
  private readonly lastPublicationAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connections: Iterable<Client>,
    private readonly hub: Hub<Client>,
    private readonly channels: ChannelService,
    private readonly intervalSeconds: number,
  ) {}

  start(): void {
    const every = Math.max(1000, (this.intervalSeconds * 1000) / 8);
    this.timer = setInterval(() => void this.run(false), every);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** A publication with a stream position was delivered on the channel: its subscribers are not idle. */
  published(channel: string): void {
    this.lastPublicationAt.set(channel, Date.now());
  }

  /** After pub/sub reconnected: every positioned subscription, now, and the unreadable channels again with backoff. */
  resubscribed(): Promise<void> {
    return this.run(true);
  }

  /** Checks idle subscriptions, or every positioned one with `all` (then retrying channels whose stream could not be read). */
  async run(all: boolean): Promise<void> {
    const now = Date.now();
    const idleMs = this.intervalSeconds * 1000;
    const due = (channel: string, checkedAt: number) => all || now - Math.max(checkedAt, this.lastPublicationAt.get(channel) ?? 0) >= idleMs;
    // Channels nobody here subscribes to any more need no last-publication time.
    for (const ch of this.lastPublicationAt.keys()) if (!this.hub.hasChannel(ch)) this.lastPublicationAt.delete(ch);
    const unread = await this.checkDue(due);
    if (all && unread.length > 0) this.retry(unread, 1);
  }

  /** Checks every subscription `due` selects; the channels whose stream could not be read. */
  private async checkDue(due: (channel: string, checkedAt: number) => boolean): Promise<string[]> {
    const byChannel = new Map<string, Client[]>();
    for (const c of this.connections) {
      for (const channel of positionChecksDue(c, due)) {
        let list = byChannel.get(channel);
        if (!list) byChannel.set(channel, (list = []));
        list.push(c);
      }
    }
    const read = await Promise.all([...byChannel].map(([channel, clients]) => this.check(channel, clients)));
    return [...byChannel.keys()].filter((_, i) => !read[i]);
  }

  /** The reconnect's check of `channels`, once more after a delay (their subscriptions as they are by then). */
  private retry(channels: string[], attempt: number): void {
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (attempt - 1));
    setTimeout(() => {
      const wanted = new Set(channels);
      if (this.stopped) return;
      void this.checkDue((channel) => wanted.has(channel)).then((unread) => {
        if (unread.length > 0 && attempt < RETRIES) this.retry(unread, attempt + 1);
      });
    }, delay).unref();
  }

  /** Compares the channel's subscribers with its stream; false when the stream could not be read. */
  private async check(channel: string, clients: Client[]): Promise<boolean> {
    let top: StreamPosition;
    try {
      top = (await this.channels.readStream(channel, { limit: 0, reverse: false })).position;
    } catch {
      return false; // Redis unreachable: checked again after the reconnect, or by run(true)'s retries.
    }
    const behind = clients.filter((c) => comparePosition(c, channel, top));
    if (behind.length === 0) return true;
    // Compared with this top, not a fresh one, which under steady publishing is always a little ahead.
    setTimeout(() => {
      for (const c of behind) confirmBehind(c, channel, top);
    }, RECHECK_MS).unref();
    return true;
  }
}

/** A client's positioned, live subscriptions whose position `isDue` says to compare with their stream now. */
function positionChecksDue(client: Client, isDue: (channel: string, checkedAt: number) => boolean): string[] {
  const out: string[] = [];
  for (const ctx of client.channels.values()) if (ctx.positioned && ctx.state === 'subscribed' && isDue(ctx.channel, ctx.checkedAt)) out.push(ctx.channel);
  return out;
}

/**
 * Compares a subscription with its stream's top: on another epoch it is told
 * to recover at once; returns whether it is behind (to be confirmed later).
 */
function comparePosition(client: Client, channel: string, top: StreamPosition): boolean {
  const ctx = client.channels.get(channel);
  if (!ctx || ctx.state !== 'subscribed') return false;
  ctx.checkedAt = Date.now();
  if (ctx.epoch !== top.epoch) {
    client.insufficientState(ctx);
    return false;
  }
  return ctx.offset < top.offset;
}

/** Still short of a top seen a moment ago, once in-flight publications had time to arrive: something was lost. */
function confirmBehind(client: Client, channel: string, top: StreamPosition): void {
  const ctx = client.channels.get(channel);
  if (ctx && ctx.state === 'subscribed' && ctx.epoch === top.epoch && ctx.offset < top.offset) client.insufficientState(ctx);
}
