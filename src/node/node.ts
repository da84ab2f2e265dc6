/**
 * The node: one per worker process. It is the channel API (ChannelService:
 * publish, history, presence, listening) that connections and the server API
 * use, and the broker's event sink, which fans what arrives out to the local
 * hub. Node-to-node control lives in control.ts, the background loops in
 * position-check.ts and presence-refresh.ts.
 */
import { ChannelRules } from '../channel/rules';
import { hasHistory } from '../config/channel-options';
import type { ChannelService, HistoryParams, PublishParams } from '../channel/service';
import type { Client } from '../client/client';
import type { Config } from '../config/schema';
import type { Broker, BrokerEventHandler, HistoryQuery, HistoryResult, PublishOptions, PublishResult } from '../engine/broker';
import type { PresenceManager, PresenceStats } from '../engine/presence';
import { ClientError, Errors, featureOff } from '../errors';
import type { QueuedPublish } from '../ingest/store';
import { Hub } from '../hub';
import type { EngineFailures } from '../engine/outage-log';
import { type EngineOp, type Metrics, noMetrics } from '../metrics/metrics';
import { isJsonText } from '../protocol/json-text';
import type { ClientInfo, Publication, StreamPosition } from '../protocol/types';
import { settleAtTurnEnd } from '../turn';

/** Someone following a channel without being a client in it: the admin UI's live trace. */
export interface ChannelWatcher {
  publication(pub: Publication, position: StreamPosition | undefined): void;
  joinLeave(kind: 'join' | 'leave', info: ClientInfo): void;
}

/** How long a subscriber's answered stream read may still be shared (Node.readStream). */
export const KEEP_MS = 2000;
/** Answered reads kept at once: each holds its publications. */
const MAX_KEPT = 4096;

/** A stream read asked for this turn, sent when the turn ends (Node.readStream). */
interface PendingRead {
  key: string;
  channel: string;
  query: Omit<HistoryQuery, 'historyMetaTtl'>;
  /** A subscriber asked for it: once sent, later subscribers may share it while it is on its way. */
  subscriber: boolean;
  promise: Promise<HistoryResult>;
  settle(r: Promise<HistoryResult>): void;
}

export class Node implements BrokerEventHandler, ChannelService {
  /** This worker's connected clients and their subscriptions. */
  readonly hub = new Hub<Client>();
  /** Every open connection, connected or still connecting. */
  readonly connections = new Set<Client>();
  readonly rules: ChannelRules;
  /** Called for every publication with a stream position delivered here (the position check listens). */
  onPositionedPublication: (channel: string) => void = () => {};
  /** Channel → its watchers. Watchers keep the broker subscription as subscribers do, but are not counted as subscribers. */
  private readonly watchers = new Map<string, Set<ChannelWatcher>>();
  /** Stream reads asked for this turn, by what they ask: identical reads share one (see readStream). */
  private readonly reads = new Map<string, PendingRead>();
  /**
   * Reads sent for subscribers, on their way or answered less than KEEP_MS ago, by channel, then by what they ask:
   * later subscribers may share them until a publication of the channel arrives.
   */
  private readonly shareable = new Map<string, Map<string, Promise<HistoryResult>>>();
  /** Channels whose delivery to this node is being started (listen), until the broker has subscribed. */
  private readonly starting = new Map<string, Promise<void>>();
  /** Answered reads being kept (at most MAX_KEPT). */
  private kept = 0;
  /** Set by the worker once metrics exist (they need the hub this node owns). */
  metrics: Metrics = noMetrics;

  constructor(
    config: Config,
    private readonly broker: Broker,
    private readonly presenceManager: PresenceManager,
    private readonly failures: EngineFailures,
  ) {
    this.rules = new ChannelRules(config.channel);
  }

  async start(): Promise<void> {
    await this.broker.start(this);
  }

  healthy(): boolean {
    return this.broker.healthy();
  }

  /**
   * Resolves once the engine writes made without waiting have settled:
   * presence removals, leaves and unsubscribes of clients that just closed.
   * A drain waits for them before releasing the engine, or a stopping node
   * would leave its clients in presence until the entries expire.
   */
  settled(): Promise<void> {
    return Promise.allSettled([...this.unawaited]).then(() => undefined);
  }

  /** Writes nobody waits for, kept until they settle (see settled()). */
  private readonly unawaited = new Set<Promise<unknown>>();

  private keep(p: Promise<unknown>): void {
    this.unawaited.add(p);
    p.then(() => this.unawaited.delete(p));
  }

  async close(): Promise<void> {
    await this.broker.close();
    await this.presenceManager.close();
  }

  // ---- BrokerEventHandler ---------------------------------------------------

  handlePublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
    // A read on its way may have run before this publication: from now on only subscribers that asked before it may share it.
    if (this.shareable.size) this.shareable.delete(channel);
    if (position) this.onPositionedPublication(channel);
    this.hub.broadcastPublication(channel, pub, position);
    if (this.watchers.size) for (const w of this.watchers.get(channel) ?? []) w.publication(pub, position);
  }

  handleJoin(channel: string, info: ClientInfo): void {
    this.hub.broadcastJoinLeave(channel, 'join', info);
    if (this.watchers.size) for (const w of this.watchers.get(channel) ?? []) w.joinLeave('join', info);
  }

  handleLeave(channel: string, info: ClientInfo): void {
    this.hub.broadcastJoinLeave(channel, 'leave', info);
    if (this.watchers.size) for (const w of this.watchers.get(channel) ?? []) w.joinLeave('leave', info);
  }

  /**
   * Follows a channel's publications, joins and leaves as they reach this
   * node, from wherever they were published; resolves to the function that
   * stops. 102 for a channel the configuration does not know.
   */
  async watch(channel: string, w: ChannelWatcher): Promise<() => void> {
    this.rules.resolve(channel);
    let set = this.watchers.get(channel);
    const first = !set;
    if (!set) this.watchers.set(channel, (set = new Set()));
    set.add(w);
    const stop = () => {
      if (!set.delete(w) || set.size > 0) return;
      this.watchers.delete(channel);
      if (!this.hub.hasChannel(channel)) this.unlisten(channel);
    };
    try {
      if (first && !this.hub.hasChannel(channel)) await this.listen(channel);
    } catch (err) {
      stop();
      throw err;
    }
    return stop;
  }

  // ---- ChannelService -------------------------------------------------------

  async publish(channel: string, data: Buffer, p: PublishParams = {}): Promise<PublishResult> {
    const opts = this.publishOptions(channel, data, p);
    try {
      const r = await this.broker.publish(channel, publication(data, p), opts);
      this.metrics.published(1);
      return r;
    } catch (err) {
      throw this.infrastructure(err, 'publish', channel);
    }
  }

  async history(channel: string, p: HistoryParams): Promise<HistoryResult> {
    const { namespace, options } = this.rules.resolve(channel);
    if (!hasHistory(options)) throw featureOff('history', namespace);
    const max = p.cap ?? 0;
    let limit = p.limit;
    if (limit < 0) limit = max > 0 ? max : -1;
    else if (max > 0 && limit > max) limit = max;
    if (p.since && p.reverse && p.since.offset === 0) throw Errors.badRequest;
    const r = await this.readStream(channel, { limit, since: p.since, reverse: p.reverse });
    if (p.since && p.since.epoch && p.since.epoch !== r.position.epoch) throw Errors.unrecoverablePosition;
    return r;
  }

  /**
   * Reads a channel's stream. Identical reads asked for during one turn of
   * the event loop share one engine call, sent when the turn ends, and its
   * result (callers only read it): after a reconnect storm the subscribers of
   * a channel recover from the same offset at once, and one read serves them
   * all. Every caller asked before the read was sent, so each sees a stream
   * at least as recent as when it asked; a subscriber is in the hub before it
   * asks, so a publication the read misses reaches it live.
   *
   * A subscriber (in the hub for the channel) may also share a read already
   * sent, until a publication of the channel reaches this node, or KEEP_MS
   * after its answer came, whichever is first. Any publication the read
   * missed ran after it and has not reached this node yet, so it reaches the
   * subscriber live. After a storm, a channel's subscribers reconnect over
   * seconds, and on a quiet channel one read per worker serves them all.
   */
  readStream(channel: string, query: Omit<HistoryQuery, 'historyMetaTtl'>, subscriber = false): Promise<HistoryResult> {
    const since = query.since;
    const key = `${query.limit} ${query.reverse ? 1 : 0} ${since ? `${since.offset} ${since.epoch}` : '-'} ${channel}`;
    if (subscriber) {
      const sent = this.shareable.get(channel)?.get(key);
      if (sent) return sent;
    }
    let read = this.reads.get(key);
    if (!read) {
      if (this.reads.size === 0) settleAtTurnEnd(this.sendReads);
      let settle!: (r: Promise<HistoryResult>) => void;
      const promise = new Promise<HistoryResult>((resolve) => (settle = resolve));
      this.reads.set(key, (read = { key, channel, query, subscriber, promise, settle }));
    }
    read.subscriber ||= subscriber;
    return read.promise;
  }

  /** Sends the reads asked for this turn, one engine call each; a subscriber's stays shareable until it is answered. */
  private readonly sendReads = {
    settle: () => {
      const reads = [...this.reads.values()];
      this.reads.clear();
      for (const r of reads) {
        const answer = this.readStreamNow(r.channel, r.query);
        r.settle(answer);
        if (r.subscriber) this.keepShareable(r.channel, r.key, answer);
      }
    },
  };

  /**
   * Pub/sub reconnected after an outage: a read sent before may have missed publications that never reached this
   * node, so no later subscriber may share it (those already sharing are in the hub, where the position check
   * that follows a reconnect finds them).
   */
  resubscribed(): void {
    this.shareable.clear();
  }

  private keepShareable(channel: string, key: string, answer: Promise<HistoryResult>): void {
    let sent = this.shareable.get(channel);
    if (!sent) this.shareable.set(channel, (sent = new Map()));
    sent.set(key, answer);
    const drop = () => {
      const now = this.shareable.get(channel);
      if (now?.get(key) !== answer) return;
      now.delete(key);
      if (now.size === 0) this.shareable.delete(channel);
    };
    // An answer stays shareable a while (its publications are held that long), unless too many are kept already;
    // a failed read is not shared any further.
    answer.then(() => {
      if (this.kept >= MAX_KEPT) return drop();
      this.kept++;
      setTimeout(() => {
        this.kept--;
        drop();
      }, KEEP_MS).unref();
    }, drop);
  }

  private async readStreamNow(channel: string, query: Omit<HistoryQuery, 'historyMetaTtl'>): Promise<HistoryResult> {
    const { options } = this.rules.resolve(channel);
    try {
      return await this.broker.history(channel, { ...query, historyMetaTtl: options.history_meta_ttl });
    } catch (err) {
      throw this.infrastructure(err, 'history', channel);
    }
  }

  async presence(channel: string): Promise<Record<string, ClientInfo>> {
    const { namespace, options } = this.rules.resolve(channel);
    if (!options.presence) throw featureOff('presence', namespace);
    try {
      return await this.presenceManager.presence(channel);
    } catch (err) {
      throw this.infrastructure(err, 'presence', channel);
    }
  }

  async presenceStats(channel: string): Promise<PresenceStats> {
    const { namespace, options } = this.rules.resolve(channel);
    if (!options.presence) throw featureOff('presence', namespace);
    try {
      return await this.presenceManager.presenceStats(channel);
    } catch (err) {
      throw this.infrastructure(err, 'presence_stats', channel);
    }
  }

  listen(channel: string): Promise<void> {
    const started = this.broker.subscribe(channel).catch((err) => {
      throw this.infrastructure(err, 'subscribe', channel);
    });
    this.starting.set(channel, started);
    const done = () => {
      if (this.starting.get(channel) === started) this.starting.delete(channel);
    };
    started.then(done, done);
    return started;
  }

  listening(channel: string): Promise<void> {
    return this.starting.get(channel) ?? Promise.resolve();
  }

  unlisten(channel: string): void {
    if (this.watchers.has(channel)) return;
    // Not listening, this node would not see a publication the read missed: no later subscriber may share it.
    this.shareable.delete(channel);
    this.keep(this.broker.unsubscribe(channel).catch((err) => this.metrics.engineError('unsubscribe', this.failures.failed('unsubscribe', err, channel))));
  }

  addPresence(channel: string, clientId: string, info: ClientInfo): void {
    // Not kept for settled(): the presence refresh calls this for every subscription, and a drain removes them anyway.
    this.presenceManager.addPresence(channel, clientId, info).catch((err) => this.metrics.engineError('presence_update', this.failures.failed('presence_update', err, channel)));
  }

  removePresence(channel: string, clientId: string, user: string): void {
    this.keep(this.presenceManager.removePresence(channel, clientId, user).catch((err) => this.metrics.engineError('presence_update', this.failures.failed('presence_update', err, channel))));
  }

  announce(channel: string, kind: 'join' | 'leave', info: ClientInfo): void {
    const sent = kind === 'join' ? this.broker.publishJoin(channel, info) : this.broker.publishLeave(channel, info);
    this.keep(sent.catch((err) => this.metrics.engineError('join_leave', this.failures.failed('join_leave', err, channel))));
  }

  // ---- for the server API and ingestion ---------------------------------------

  /** A queue item's publish, checked like a single publish (102/107 for a bad channel or data), ready for IngestStore.applyRun. */
  queuedPublish(channel: string, data: Buffer, p: PublishParams): QueuedPublish {
    return { channel, pub: publication(data, p), opts: this.publishOptions(channel, data, p) };
  }

  async removeHistory(channel: string): Promise<void> {
    this.rules.resolve(channel);
    // A read kept here would still give what is removed (one sent meanwhile too).
    this.shareable.delete(channel);
    try {
      await this.broker.removeHistory(channel);
      this.shareable.delete(channel);
    } catch (err) {
      throw this.infrastructure(err, 'history_remove', channel);
    }
  }

  /**
   * History options of the channel's namespace; throws 102/107 for a bad
   * channel, and 107 for data that is not JSON where the namespace wants JSON:
   * every publish, from a client of either codec, the API or a Redis queue,
   * comes through here.
   */
  private publishOptions(channel: string, data: Buffer, p: PublishParams): PublishOptions {
    const { options } = this.rules.resolve(channel);
    if (options.publication_data_format === 'json' && !isJsonText(data)) throw Errors.dataNotJson;
    const history = hasHistory(options) && !p.skipHistory;
    return {
      historySize: history ? options.history_size : 0,
      historyTtl: history ? options.history_ttl : 0,
      historyMetaTtl: options.history_meta_ttl,
      idempotencyKey: p.idempotencyKey,
    };
  }

  /**
   * Infrastructure failures become error 100 (temporary) after being reported
   * (the engine logs an outage once, on the channel's shard) and counted.
   */
  private infrastructure(err: unknown, op: EngineOp, channel: string): Error {
    if (err instanceof ClientError) return err;
    this.metrics.engineError(op, this.failures.failed(op, err, channel));
    return Errors.internal;
  }
}

function publication(data: Buffer, p: PublishParams): Publication {
  const pub: Publication = { data };
  if (p.info) pub.info = p.info;
  if (p.tags && Object.keys(p.tags).length) pub.tags = p.tags;
  return pub;
}
