/**
 * Presence in Redis. Entries carry a TTL and are refreshed by the node while
 * the subscription lives, so the entries of a worker that died vanish on
 * their own (lua/presence_*.lua clean up expired clients on every call).
 */
import type { ClientInfo } from '../../protocol/types';
import type { PresenceManager, PresenceStats } from '../presence';
import type { RedisKeys } from './keys';
import { decodeClientInfo, encodeClientInfo } from './pubsub-wire';
import type { RedisShards } from './shards';

export class RedisPresenceManager implements PresenceManager {
  /** `ttl`: whole seconds an entry lives without a refresh (redis.presence_ttl); the node refreshes well within it. */
  constructor(
    private readonly shards: RedisShards,
    private readonly keys: RedisKeys,
    private readonly ttl: number,
  ) {}

  private keysOf(channel: string): [string, string, string, string] {
    const k = this.keys;
    return [k.presenceData(channel), k.presenceExpire(channel), k.presenceClientUser(channel), k.presenceUsers(channel)];
  }

  async presence(channel: string): Promise<Record<string, ClientInfo>> {
    const flat = await this.shards.of(channel).conn.command.gyrePresenceGetBuffer(...this.keysOf(channel));
    const out: Record<string, ClientInfo> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!.toString()] = decodeClientInfo(flat[i + 1]!);
    return out;
  }

  async presenceStats(channel: string): Promise<PresenceStats> {
    const [numClients, numUsers] = await this.shards.of(channel).conn.command.gyrePresenceStats(...this.keysOf(channel));
    return { numClients: Number(numClients), numUsers: Number(numUsers) };
  }

  async addPresence(channel: string, clientId: string, info: ClientInfo): Promise<void> {
    await this.shards.of(channel).conn.command.gyrePresenceAdd(...this.keysOf(channel), this.ttl, clientId, encodeClientInfo(info), info.user);
  }

  async removePresence(channel: string, clientId: string): Promise<void> {
    await this.shards.of(channel).conn.command.gyrePresenceRemove(...this.keysOf(channel), clientId);
  }

  async close(): Promise<void> {}
}
