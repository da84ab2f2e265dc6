/**
 * In-process presence. Entries live exactly as long as the connection's
 * subscription, since nothing outside this process can hold them.
 */
import type { ClientInfo } from '../../protocol/types';
import type { PresenceManager, PresenceStats } from '../presence';

export class MemoryPresenceManager implements PresenceManager {
  private readonly channels = new Map<string, Map<string, ClientInfo>>();

  async presence(channel: string): Promise<Record<string, ClientInfo>> {
    return Object.fromEntries(this.channels.get(channel) ?? []);
  }

  async presenceStats(channel: string): Promise<PresenceStats> {
    const entries = this.channels.get(channel);
    if (!entries) return { numClients: 0, numUsers: 0 };
    const users = new Set<string>();
    for (const info of entries.values()) users.add(info.user);
    return { numClients: entries.size, numUsers: users.size };
  }

  async addPresence(channel: string, clientId: string, info: ClientInfo): Promise<void> {
    let entries = this.channels.get(channel);
    if (!entries) this.channels.set(channel, (entries = new Map()));
    entries.set(clientId, info);
  }

  async removePresence(channel: string, clientId: string): Promise<void> {
    const entries = this.channels.get(channel);
    if (!entries) return;
    entries.delete(clientId);
    if (entries.size === 0) this.channels.delete(channel);
  }

  async close(): Promise<void> {}
}
