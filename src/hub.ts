/**
 * Local fan-out: which connections of this process are in which channel, and
 * who each user's connections are. A broadcast is encoded at most once per
 * codec, however many subscribers get it, and a channel's publications of one
 * event-loop turn reach its subscribers together at the end of the turn, as
 * one batch (protocol/publication-batch.ts): a subscriber costs one step per
 * channel per turn, not one per publication.
 *
 * Order is kept: before a channel's membership changes, and before a join or
 * leave is announced in it, the batch collected so far is delivered to the
 * subscribers it was published to, exactly as if it had gone out at once.
 * The hub knows its members only by the small Subscriber interface below; it
 * imports nothing from client/.
 */
import { LivePublication } from './protocol/live-publication';
import { PreparedPush } from './protocol/prepared-push';
import { PublicationBatch } from './protocol/publication-batch';
import type { ClientInfo, Publication, StreamPosition } from './protocol/types';
import { settleAtTurnEnd } from './turn';

/** What the hub delivers to: a connection, as far as fan-out is concerned. */
export interface Subscriber {
  readonly id: string;
  /** User id ('' = anonymous); fixed once the connection is registered. */
  readonly user: string;
  /** A channel's publications of one turn, in order; their encodings are shared with every other subscriber. */
  deliverBatch(batch: PublicationBatch): void;
  deliverJoinLeave(channel: string, prepared: PreparedPush): void;
}

export class Hub<S extends Subscriber = Subscriber> {
  private readonly members = new Map<string, S>();
  private readonly users = new Map<string, Set<S>>();
  private readonly channels = new Map<string, Map<string, S>>();
  /** Channel → its publications of this turn, not yet delivered. */
  private readonly pending = new Map<string, PublicationBatch>();
  /** Channel → the last positioned publication seen, the base of the next one's delta (LivePublication.prev). */
  private readonly last = new Map<string, LivePublication>();

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
    this.settle(channel);
    let subs = this.channels.get(channel);
    const first = !subs;
    if (!subs) this.channels.set(channel, (subs = new Map()));
    subs.set(sub.id, sub);
    return first;
  }

  /** Removes a subscriber; returns true when the channel has none left on this node. */
  removeSubscriber(channel: string, sub: S): boolean {
    this.settle(channel);
    const subs = this.channels.get(channel);
    if (!subs || !subs.delete(sub.id)) return false;
    if (subs.size > 0) return false;
    this.channels.delete(channel);
    this.last.delete(channel);
    return true;
  }

  /** Adds a publication to the channel's batch of this turn; its subscribers get it when the turn ends. */
  broadcastPublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
    if (!this.channels.has(channel)) return;
    let batch = this.pending.get(channel);
    if (!batch) {
      const b = (batch = new PublicationBatch(channel));
      this.pending.set(channel, b);
      settleAtTurnEnd({ settle: () => this.settleBatch(b) });
    }
    const last = position ? this.last.get(channel) : undefined;
    const lastPos = last?.position;
    const sameEpoch = !!position && lastPos?.epoch === position.epoch;
    const prev = sameEpoch && lastPos!.offset + 1 === position!.offset ? last!.pub.data : undefined;
    const item = LivePublication.of(channel, pub, position, prev);
    // The item itself is kept as the next one's base (no copy per publication); a late duplicate does not move it back.
    if (position && (!sameEpoch || lastPos!.offset < position.offset)) this.last.set(channel, item);
    batch.add(item);
  }

  /** Delivers the channel's batch of this turn now, if it has one (a subscriber leaving takes what was published before). */
  settle(channel: string): void {
    const batch = this.pending.get(channel);
    if (batch) this.settleBatch(batch);
  }

  private settleBatch(batch: PublicationBatch): void {
    // Removed first: a subscriber that leaves while taking it (a gap, a slow close) settles again, as a no-op.
    if (this.pending.get(batch.channel) !== batch) return;
    this.pending.delete(batch.channel);
    const subs = this.channels.get(batch.channel);
    if (subs) for (const sub of subs.values()) sub.deliverBatch(batch);
  }

  broadcastJoinLeave(channel: string, kind: 'join' | 'leave', info: ClientInfo): void {
    const subs = this.channels.get(channel);
    if (!subs) return;
    this.settle(channel);
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
