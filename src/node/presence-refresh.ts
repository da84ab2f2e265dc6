/**
 * Presence entries in Redis expire (redis.presence_ttl) unless re-added, so a
 * node that dies leaves no ghosts; this loop re-adds the entry of every live
 * subscription kept in presence while its connection lives, every
 * client.presence_update_interval seconds.
 */
import type { ChannelService } from '../channel/service';
import type { Client } from '../client/client';

export class PresenceRefresh {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connections: Iterable<Client>,
    private readonly channels: ChannelService,
    private readonly intervalSeconds: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.run(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  run(): void {
    for (const c of this.connections) {
      // Every live subscription kept in presence, with its channel info.
      for (const ctx of c.channels.values()) if (ctx.presence && ctx.state === 'subscribed') this.channels.addPresence(ctx.channel, c.id, c.clientInfo(ctx.chanInfo));
    }
  }
}
