/**
 * Presence entries expire (60 s) unless re-added, so a node that dies leaves
 * no ghosts; this loop re-adds the entry of every live subscription kept in
 * presence while its connection lives.
 */
import type { ChannelService } from '../channel/service';
import type { Client } from '../client/client';

/** How often the presence of live subscriptions is re-added. */
const REFRESH_MS = 25_000;

export class PresenceRefresh {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connections: Iterable<Client>,
    private readonly channels: ChannelService,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.run(), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  run(): void {
    for (const c of this.connections) {
      for (const [channel, info] of c.presenceEntries()) this.channels.addPresence(channel, c.id, info);
    }
  }
}
