/**
 * Subscribers on a Redis Cluster, on plain connections to its nodes that
 * Gyre opens, watches and replaces itself.
 *
 * ioredis' own Cluster subscribers were tried and fail under a node failure
 * (ioredis 6.0.0, kill -9 of a node): the classic one
 * (cluster/ClusterSubscriber.js) moves to another node and resubscribes
 * there without any event, so nobody learns that messages were missed; the
 * sharded one (cluster/ClusterSubscriberGroup.js) reconnects to the dead
 * master in a tight loop until the failover (thousands of attempts, slot
 * refreshes and 'error' events a second), reports 'subscribersReady' before
 * its SSUBSCRIBEs are answered and drops their errors. Here every lost
 * connection ends in `resubscribe`, which the PubSubConnection answers by
 * subscribing every wanted channel again, confirmed, before it tells the
 * node that messages may have been missed.
 *
 * Where nodes are comes from the shard's command client (an ioredis
 * Cluster): its node list and slot map, which it refreshes every
 * SLOTS_REFRESH_MS (connection.ts) and after every MOVED.
 */
import type { Cluster, Redis } from 'ioredis';
import { keySlot } from './cluster-slot';
import type { PubSubMode, Subscriber } from './subscriber';
import type { HostPort } from './topology';

/** Opens a subscriber connection to one node: no reconnects of its own, no offline queue, no auto-resubscribe. */
export type NodeConnector = (address: HostPort) => Redis;
/** Where connection failures are reported (the shard's outage log). */
export type FailureReport = (op: string, err: unknown) => void;

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2000;
/** A node connection not ready this long is given up (a hung node accepts TCP connections and answers nothing). */
const LINK_READY_MS = 3000;
/** How often the sharded subscriber compares where its channels are subscribed with the slot map. */
const RECONCILE_MS = 2000;

const noop = () => {};
const nodeKey = (a: HostPort) => `${a.host}:${a.port}`;

function addressOf(key: string): HostPort {
  const i = key.lastIndexOf(':');
  return { host: key.slice(0, i), port: Number(key.slice(i + 1)) };
}

const retryDelay = (failures: number) => Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(failures - 1, 5));

/**
 * Classic pub/sub on a Cluster: one connection to any node, masters and
 * replicas alike, since every node hears every PUBLISH. When it is lost
 * another node is tried at once (the lost one last), then with backoff
 * while none answers.
 */
export class ClassicClusterSubscriber implements Subscriber {
  readonly mode: PubSubMode = 'classic';
  resubscribe: () => void = noop;
  onMessage: (channel: Buffer, message: Buffer) => void = noop;
  private link: Redis | null = null;
  /** Connections in a row that ended without becoming ready. */
  private failures = 0;
  private lastLost: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly topology: Cluster,
    private readonly seeds: HostPort[],
    private readonly connect: NodeConnector,
    private readonly report: FailureReport,
  ) {
    this.open();
  }

  get status(): string {
    return this.link?.status ?? 'reconnecting';
  }

  async subscribe(channels: string[]): Promise<void> {
    await this.ready().subscribe(...channels);
  }

  async unsubscribe(channels: string[]): Promise<void> {
    await this.ready().unsubscribe(...channels);
  }

  disconnect(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.link?.disconnect();
  }

  private ready(): Redis {
    const link = this.link;
    if (!link || link.status !== 'ready') throw new Error(`redis: subscriber connection is ${this.status}`);
    return link;
  }

  private open(): void {
    this.timer = null;
    if (this.closed) return;
    const address = this.pick();
    const link = this.connect(address);
    this.link = link;
    let ready = false;
    const giveUp = setTimeout(() => link.disconnect(), LINK_READY_MS);
    giveUp.unref();
    link.on('error', (err) => this.report('subscriber connection', err));
    link.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel, message));
    link.once('ready', () => {
      ready = true;
      clearTimeout(giveUp);
      this.failures = 0;
      this.resubscribe();
    });
    link.once('end', () => {
      clearTimeout(giveUp);
      if (this.link !== link || this.closed) return;
      this.link = null;
      this.lastLost = nodeKey(address);
      if (!ready) this.failures++;
      // Subscriptions were lost with a working connection: another node at once, to miss as little as possible.
      this.timer = setTimeout(() => this.open(), this.failures === 0 ? 0 : retryDelay(this.failures));
    });
  }

  /** A random node the command client knows (the seeds before it knows any), the one just lost only when alone. */
  private pick(): HostPort {
    const known = this.topology.nodes('all').map((n) => ({ host: String(n.options.host), port: Number(n.options.port) }));
    const all = known.length > 0 ? known : this.seeds;
    const others = all.filter((a) => nodeKey(a) !== this.lastLost);
    const from = others.length > 0 ? others : all;
    return from[Math.floor(Math.random() * from.length)]!;
  }
}

interface Link {
  redis: Redis;
  /** Resolves once the connection is ready; rejects when it ends first. */
  ready: Promise<void>;
  /** SSUBSCRIBEs under way on it: a connection about to serve channels is not closed as unused. */
  pending: number;
}

/** Where a channel is subscribed: on the connection to `node`, for `slot`. */
interface Placement {
  node: string;
  slot: number;
}

/**
 * Sharded pub/sub on a Cluster: SSUBSCRIBE on a connection to the master
 * owning each channel's slot, one connection per master (opened when a
 * first channel needs it), one SSUBSCRIBE per slot (Redis refuses channels
 * of several slots in one). A channel is skipped when it is already
 * subscribed on its slot's owner, so a resubscribe pass after one master
 * failed touches only that master's channels. Channels whose connection was
 * lost, or whose slot moved to another node (seen in the slot map, or told
 * by Redis with an unrequested SUNSUBSCRIBE), are subscribed again on the
 * slot's owner as soon as the command client knows it.
 */
export class ShardedClusterSubscriber implements Subscriber {
  readonly mode: PubSubMode = 'sharded';
  resubscribe: () => void = noop;
  onMessage: (channel: Buffer, message: Buffer) => void = noop;
  private readonly links = new Map<string, Link>();
  private readonly placed = new Map<string, Placement>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly topology: Cluster,
    private readonly connect: NodeConnector,
    private readonly report: FailureReport,
  ) {
    // The command client reconnected after losing every node: whatever was subscribed is gone too.
    topology.on('ready', () => this.resubscribe());
    this.timer = setInterval(() => this.reconcile(), RECONCILE_MS);
    this.timer.unref();
  }

  /** Subscribing needs the slot map: ready when the command client is. */
  get status(): string {
    return this.topology.status;
  }

  async subscribe(channels: string[]): Promise<void> {
    await Promise.all([...bySlot(channels)].map(([slot, names]) => this.subscribeSlot(slot, names)));
  }

  async unsubscribe(channels: string[]): Promise<void> {
    const groups = new Map<string, string[]>();
    for (const c of channels) {
      const p = this.placed.get(c);
      if (!p) continue;
      this.placed.delete(c);
      const k = `${p.node} ${p.slot}`;
      groups.get(k)?.push(c) ?? groups.set(k, [c]);
    }
    await Promise.all(
      [...groups].map(async ([k, names]) => {
        const link = this.links.get(k.slice(0, k.indexOf(' ')));
        // Without a connection nothing is subscribed any more.
        if (link?.redis.status === 'ready') await link.redis.sunsubscribe(...names);
      }),
    );
  }

  disconnect(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const l of this.links.values()) l.redis.disconnect();
    this.links.clear();
  }

  private async subscribeSlot(slot: number, names: string[]): Promise<void> {
    const node = this.topology.slots[slot]?.[0];
    if (!node) throw new Error(`redis: no Cluster node is known to serve slot ${slot}`);
    const todo = names.filter((c) => this.placed.get(c)?.node !== node);
    if (todo.length === 0) return;
    const link = this.linkTo(node);
    link.pending++;
    try {
      await link.ready;
      await link.redis.ssubscribe(...todo);
    } finally {
      link.pending--;
    }
    // Lost meanwhile: its 'end' already asked for a resubscribe pass, which this failure makes retry.
    if (this.links.get(node) !== link) throw new Error(`redis: subscriber connection to ${node} lost`);
    for (const c of todo) {
      const before = this.placed.get(c);
      this.placed.set(c, { node, slot });
      // Moved with its slot: the old owner sends it no more messages; the subscription there is dropped if still up.
      if (before) this.links.get(before.node)?.redis.sunsubscribe(c).catch(noop);
    }
  }

  private linkTo(node: string): Link {
    const existing = this.links.get(node);
    if (existing) return existing;
    const redis = this.connect(addressOf(node));
    const link: Link = {
      redis,
      pending: 0,
      ready: new Promise<void>((resolve, reject) => {
        const giveUp = setTimeout(() => redis.disconnect(), LINK_READY_MS);
        giveUp.unref();
        redis.once('ready', () => {
          clearTimeout(giveUp);
          resolve();
        });
        redis.once('end', () => {
          clearTimeout(giveUp);
          reject(new Error(`redis: no subscriber connection to ${node}`));
        });
      }),
    };
    link.ready.catch(noop);
    this.links.set(node, link);
    redis.on('error', (err) => this.report('subscriber connection', err));
    redis.on('smessageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel, message));
    // ioredis' sign that the node dropped a subscription by itself (its slot left it) or answered MOVED to one:
    // this connection's subscriptions no longer match the slot map, so it is replaced as a whole.
    redis.on('moved', () => redis.disconnect());
    redis.once('end', () => {
      if (this.links.get(node) === link) this.links.delete(node);
      if (this.closed) return;
      if (this.unplace((p) => p.node === node)) this.resubscribe();
    });
    return link;
  }

  /**
   * Channels subscribed on a node that no longer owns their slot are
   * subscribed again on the owner; connections to nodes that serve nothing
   * and are no master any more are closed (one to a master is kept, even
   * idle: there are few, and its next channel needs no new connection).
   */
  private reconcile(): void {
    if (this.topology.status !== 'ready') return;
    const slots = this.topology.slots;
    const stale = this.unplace((p) => {
      const owner = slots[p.slot]?.[0];
      return owner !== undefined && owner !== p.node;
    });
    const used = new Set([...this.placed.values()].map((p) => p.node));
    for (const slot of slots) if (slot?.[0]) used.add(slot[0]);
    for (const [node, link] of this.links) if (!used.has(node) && link.pending === 0 && link.redis.status === 'ready') link.redis.disconnect();
    if (stale) this.resubscribe();
  }

  /** Forgets the placements `which` selects; whether there was any. */
  private unplace(which: (p: Placement) => boolean): boolean {
    let any = false;
    for (const [c, p] of this.placed) {
      if (!which(p)) continue;
      this.placed.delete(c);
      any = true;
    }
    return any;
  }
}

/** Channels grouped by cluster slot. */
function bySlot(channels: string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const c of channels) {
    const slot = keySlot(c);
    out.get(slot)?.push(c) ?? out.set(slot, [c]);
  }
  return out;
}
