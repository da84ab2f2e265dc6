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
 */
import type { ChannelService } from '../channel/service';
import type { Client } from '../client/client';
import type { Hub } from '../hub';
import type { StreamPosition } from '../protocol/types';

/** A subscription behind the stream top is re-checked after this delay before it counts as a gap. */
const RECHECK_MS = 1000;
/** After pub/sub reconnected, how often reads that failed are tried again (RECHECK_MS apart). */
const RECONNECT_TRIES = 10;

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

  /**
   * After pub/sub reconnected: every positioned subscription, now. The
   * command connection may come back a moment after the subscriber (each asks
   * the Sentinels for the new master on its own), so while reads fail the
   * whole check is tried again, a few times.
   */
  async resubscribed(): Promise<void> {
    for (let i = 0; i < RECONNECT_TRIES && !this.stopped; i++) {
      if (await this.run(true)) return;
      await new Promise((r) => setTimeout(r, RECHECK_MS).unref());
    }
  }

  /** Checks idle subscriptions, or every positioned one with `all`; false when some stream could not be read. */
  async run(all: boolean): Promise<boolean> {
    const now = Date.now();
    const idleMs = this.intervalSeconds * 1000;
    const due = (channel: string, checkedAt: number) => all || now - Math.max(checkedAt, this.lastPublicationAt.get(channel) ?? 0) >= idleMs;
    const byChannel = new Map<string, Client[]>();
    for (const c of this.connections) {
      for (const channel of c.positionChecksDue(due)) {
        let list = byChannel.get(channel);
        if (!list) byChannel.set(channel, (list = []));
        list.push(c);
      }
    }
    // Channels nobody here subscribes to any more need no last-publication time.
    for (const ch of this.lastPublicationAt.keys()) if (!this.hub.hasChannel(ch)) this.lastPublicationAt.delete(ch);
    const read = await Promise.all([...byChannel].map(([channel, clients]) => this.check(channel, clients)));
    return read.every(Boolean);
  }

  /** Compares the channel's subscriptions with its top; false when the top could not be read. */
  private async check(channel: string, clients: Client[]): Promise<boolean> {
    let top: StreamPosition;
    try {
      top = (await this.channels.readStream(channel, { limit: 0, reverse: false })).position;
    } catch {
      return false; // Redis unreachable: checked again after the reconnect (or by resubscribed()).
    }
    const behind = clients.filter((c) => c.comparePosition(channel, top));
    if (behind.length === 0) return true;
    // Compared with this top, not a fresh one, which under steady publishing is always a little ahead.
    setTimeout(() => {
      for (const c of behind) c.confirmBehind(channel, top);
    }, RECHECK_MS).unref();
    return true;
  }
}
