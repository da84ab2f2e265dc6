/**
 * Local fan-out: which connections of this process are in which channel, and
 * who each user's connections are. A broadcast is encoded at most once per
 * codec, however many subscribers get it. The hub knows its members only by
 * the small Subscriber interface below; it imports nothing from client/.
 */
import { PreparedPush, toProtoPublication } from './protocol/prepared-push';
import type { ClientInfo, Publication, StreamPosition } from './protocol/types';

/** What the hub delivers to: a connection, as far as fan-out is concerned. */
export interface Subscriber {
  readonly id: string;
  /** User id ('' = anonymous); fixed once the connection is registered. */
  readonly user: string;
  /** A publication of a channel this subscriber is in; `prepared` holds its encodings, shared with every other subscriber. */
  deliverPublication(channel: string, pub: Publication, position: StreamPosition | undefined, prepared: PreparedPush): void;
  deliverJoinLeave(channel: string, prepared: PreparedPush): void;
}

export class Hub<S extends Subscriber = Subscriber> {
  private readonly members = new Map<string, S>();
  private readonly users = new Map<string, Set<S>>();
  private readonly channels = new Map<string, Map<string, S>>();

  add(sub: S): void {
    this.members.set(sub.id, sub);
    let set = this.users.get(sub.user);
    if (!set) this.users.set(sub.user, (set = new Set()));
    set.add(sub);
  }

  remove(sub: S): void {
    this.members.delete(sub.id);
    const set = this.users.get(sub.user);
    if (set) {
      set.delete(sub);
      if (set.size === 0) this.users.delete(sub.user);
    }
  }

  /** Adds a subscriber; returns true when it is the channel's first on this node. */
  addSubscriber(channel: string, sub: S): boolean {
    let subs = this.channels.get(channel);
    const first = !subs;
    if (!subs) this.channels.set(channel, (subs = new Map()));
    subs.set(sub.id, sub);
    return first;
  }

  /** Removes a subscriber; returns true when the channel has none left on this node. */
  removeSubscriber(channel: string, sub: S): boolean {
    const subs = this.channels.get(channel);
    if (!subs || !subs.delete(sub.id)) return false;
    if (subs.size > 0) return false;
    this.channels.delete(channel);
    return true;
  }

  broadcastPublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
    const subs = this.channels.get(channel);
    if (!subs) return;
    const prepared = new PreparedPush({ channel, pub: toProtoPublication(pub) });
    for (const sub of subs.values()) sub.deliverPublication(channel, pub, position, prepared);
  }

  broadcastJoinLeave(channel: string, kind: 'join' | 'leave', info: ClientInfo): void {
    const subs = this.channels.get(channel);
    if (!subs) return;
    const prepared = new PreparedPush({ channel, [kind]: { info } });
    for (const sub of subs.values()) sub.deliverJoinLeave(channel, prepared);
  }

  /** Connections of a user; the empty user id means anonymous connections. */
  userMembers(user: string): S[] {
    return [...(this.users.get(user) ?? [])];
  }

  numClients(): number {
    return this.members.size;
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
