/**
 * Local fan-out: which connections of this process are in which channel, and
 * who each user's connections are. A broadcast is encoded at most once per
 * codec, however many subscribers get it.
 */
import type { Client } from './client/client';
import { codecs } from './protocol/codecs';
import type { ClientInfo, ProtocolName, Publication, Push, StreamPosition } from './protocol/types';
import { SharedFrame } from './transport/transport';

/** A push encoded lazily, once per codec, shared by every recipient. */
export class PreparedPush {
  private readonly frames: Partial<Record<ProtocolName, SharedFrame>> = {};
  constructor(private readonly push: Push) {}

  frame(protocol: ProtocolName): SharedFrame {
    let f = this.frames[protocol];
    if (!f) this.frames[protocol] = f = new SharedFrame(codecs[protocol].encodeReply({ push: this.push }));
    return f;
  }
}

export function toProtoPublication(pub: Publication): NonNullable<Push['pub']> {
  return { data: pub.data, info: pub.info, offset: pub.offset || undefined, tags: pub.tags, time: pub.time };
}

export class Hub {
  private readonly clients = new Map<string, Client>();
  private readonly users = new Map<string, Set<Client>>();
  private readonly channels = new Map<string, Map<string, Client>>();

  add(client: Client): void {
    this.clients.set(client.id, client);
    let set = this.users.get(client.user);
    if (!set) this.users.set(client.user, (set = new Set()));
    set.add(client);
  }

  remove(client: Client): void {
    this.clients.delete(client.id);
    const set = this.users.get(client.user);
    if (set) {
      set.delete(client);
      if (set.size === 0) this.users.delete(client.user);
    }
  }

  /** Adds a subscriber; returns true when it is the channel's first on this node. */
  addSubscriber(channel: string, client: Client): boolean {
    let subs = this.channels.get(channel);
    const first = !subs;
    if (!subs) this.channels.set(channel, (subs = new Map()));
    subs.set(client.id, client);
    return first;
  }

  /** Removes a subscriber; returns true when the channel has none left on this node. */
  removeSubscriber(channel: string, client: Client): boolean {
    const subs = this.channels.get(channel);
    if (!subs || !subs.delete(client.id)) return false;
    if (subs.size > 0) return false;
    this.channels.delete(channel);
    return true;
  }

  broadcastPublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
    const subs = this.channels.get(channel);
    if (!subs) return;
    const prepared = new PreparedPush({ channel, pub: toProtoPublication(pub) });
    for (const client of subs.values()) client.deliverPublication(channel, pub, position, prepared);
  }

  broadcastJoinLeave(channel: string, kind: 'join' | 'leave', info: ClientInfo): void {
    const subs = this.channels.get(channel);
    if (!subs) return;
    const prepared = new PreparedPush({ channel, [kind]: { info } });
    for (const client of subs.values()) client.deliverJoinLeave(channel, prepared);
  }

  client(id: string): Client | undefined {
    return this.clients.get(id);
  }

  /** Connections of a user; the empty user id means anonymous connections. */
  userClients(user: string): Client[] {
    return [...(this.users.get(user) ?? [])];
  }

  allClients(): IterableIterator<Client> {
    return this.clients.values();
  }

  numClients(): number {
    return this.clients.size;
  }

  numUsers(): number {
    return this.users.size;
  }

  hasChannel(channel: string): boolean {
    return this.channels.has(channel);
  }

  numChannels(): number {
    return this.channels.size;
  }

  /** Channel → number of local subscribers. */
  channelCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [ch, subs] of this.channels) out.set(ch, subs.size);
    return out;
  }

  numSubscriptions(): number {
    let n = 0;
    for (const subs of this.channels.values()) n += subs.size;
    return n;
  }
}
