/**
 * The node: one per worker process. It owns the hub, the broker and the
 * presence manager, receives what the broker delivers (it is the
 * BrokerEventHandler), and offers the operations both client commands and the
 * server API need — publish, history, and acting on a user's connections.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { TokenVerifier } from './auth/token-verifier';
import { globMatch } from './channel/glob';
import { ChannelRules, hasHistory } from './channel/rules';
import type { Client } from './client/client';
import type { Config } from './config/schema';
import { Disconnect, Disconnects } from './disconnect';
import {
  type Broker,
  type BrokerEventHandler,
  type HistoryResult,
  LeaseLostError,
  type PublishResult,
  type QueueCursor,
  type QueuedItem,
  type QueuedPublish,
  type QueuedRunResult,
  StaleCursorError,
} from './engine/broker';
import type { ControlCommand, ControlHandler, Controller, NodeInfo } from './engine/controller';
import type { Engine } from './engine/create-engine';
import type { PresenceManager } from './engine/presence';
import { ClientError, Errors } from './errors';
import { isJsonText } from './protocol/json-text';
import { Hub } from './hub';
import type { Logger } from './log';
import type { ClientInfo, Publication, StreamPosition } from './protocol/types';
import { VERSION } from './version';

export interface PublishParams {
  info?: ClientInfo;
  tags?: Record<string, string>;
  idempotencyKey?: string;
  skipHistory?: boolean;
}

export interface HistoryParams {
  /** 0 = only the stream top, negative = everything (up to `cap`), else at most this many. */
  limit: number;
  /** Most publications returned, whatever the limit (client commands: history_max_publication_limit); absent = no cap. */
  cap?: number;
  since?: StreamPosition;
  reverse: boolean;
}

/** Which of a user's connections an API action targets. */
export interface Target {
  user: string;
  /** Only this connection, when set. */
  client?: string;
}

/** How often the presence of live subscriptions is re-added (entries live 60 s without it). */
const PRESENCE_REFRESH_MS = 25_000;
/** How long answers to a channels survey are awaited. */
const SURVEY_TIMEOUT_MS = 1000;
/** A subscription behind the stream top is re-checked after this delay before it counts as a gap. */
const POSITION_RECHECK_MS = 1000;

export class Node implements BrokerEventHandler, ControlHandler {
  readonly hub = new Hub();
  readonly uid = randomUUID();
  readonly name: string;
  readonly rules: ChannelRules;
  readonly broker: Broker;
  readonly presence: PresenceManager;
  private readonly controller: Controller;
  private readonly startedAt = Date.now();
  /** Every open connection, connected or still connecting. */
  private readonly connections = new Set<Client>();
  /** When each channel last delivered a publication on this node (for the position check). */
  private readonly lastPublicationAt = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Extra figures for this node's info entry (the worker plugs ingestion stats in). */
  infoExtra: () => Partial<NodeInfo> = () => ({});

  constructor(
    readonly config: Config,
    engine: Engine,
    readonly verifier: TokenVerifier,
    readonly log: Logger,
  ) {
    this.name = config.name || `${os.hostname()}_${process.pid}`;
    this.rules = new ChannelRules(config.channel);
    this.broker = engine.broker;
    this.presence = engine.presence;
    this.controller = engine.controller;
    // Messages may have been lost while pub/sub was down: check every positioned subscription now, not in 40 s.
    engine.setResubscribedHandler(() => void this.checkPositions(true));
  }

  async start(): Promise<void> {
    await this.broker.start(this);
    await this.controller.start(this);
    const checkEvery = Math.max(1000, (this.config.client.position_check_interval * 1000) / 8);
    this.timers.push(setInterval(() => void this.checkPositions(false), checkEvery));
    this.timers.push(setInterval(() => this.refreshPresence(), PRESENCE_REFRESH_MS));
    for (const t of this.timers) t.unref();
  }

  // ---- BrokerEventHandler ---------------------------------------------------

  handlePublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
    if (position) this.lastPublicationAt.set(channel, Date.now());
    this.hub.broadcastPublication(channel, pub, position);
  }

  handleJoin(channel: string, info: ClientInfo): void {
    this.hub.broadcastJoinLeave(channel, 'join', info);
  }

  handleLeave(channel: string, info: ClientInfo): void {
    this.hub.broadcastJoinLeave(channel, 'leave', info);
  }

  // ---- channel operations ---------------------------------------------------

  /** Publishes to a channel, into its history when the namespace keeps one. Throws 102/107 for bad channels. */
  async publish(channel: string, data: Buffer, p: PublishParams = {}): Promise<PublishResult> {
    const opts = this.publishOptions(channel, data, p);
    const pub = this.publication(data, p);
    try {
      return await this.broker.publish(channel, pub, opts);
    } catch (err) {
      throw this.infrastructure(err, 'publish failed');
    }
  }

  /** A queue item's publish, checked like a single publish (102/107 for a bad channel), ready for applyQueued. */
  queuedPublish(channel: string, data: Buffer, p: PublishParams): QueuedPublish {
    return { channel, pub: this.publication(data, p), opts: this.publishOptions(channel, data, p) };
  }

  /** Applies and acknowledges a run of queue items in one broker call (ingestion; see Broker.applyQueued). */
  async applyQueued(items: QueuedItem[], cursor: QueueCursor): Promise<QueuedRunResult> {
    if (!this.broker.applyQueued) throw new Error('node: this engine has no queues');
    try {
      return await this.broker.applyQueued(items, cursor);
    } catch (err) {
      throw this.infrastructure(err, 'queued run failed');
    }
  }

  private publication(data: Buffer, p: PublishParams): Publication {
    const pub: Publication = { data };
    if (p.info) pub.info = p.info;
    if (p.tags && Object.keys(p.tags).length) pub.tags = p.tags;
    return pub;
  }

  /**
   * History options of the channel's namespace; throws 102/107 for a bad
   * channel, and 107 for data that is not JSON where the namespace wants JSON:
   * every publish, from a client of either codec, the API or a Redis queue,
   * comes through here.
   */
  private publishOptions(channel: string, data: Buffer, p: PublishParams) {
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

  /** Reads a channel's history. 108 when it keeps none, 112 when `since` names another epoch. */
  async history(channel: string, p: HistoryParams): Promise<HistoryResult> {
    const { options } = this.rules.resolve(channel);
    if (!hasHistory(options)) throw Errors.notAvailable;
    const max = p.cap ?? 0;
    let limit = p.limit;
    if (limit < 0) limit = max > 0 ? max : -1;
    else if (max > 0 && limit > max) limit = max;
    if (p.since && p.reverse && p.since.offset === 0) throw Errors.badRequest;
    let r: HistoryResult;
    try {
      r = await this.broker.history(channel, { limit, since: p.since, reverse: p.reverse, historyMetaTtl: options.history_meta_ttl });
    } catch (err) {
      throw this.infrastructure(err, 'history failed');
    }
    if (p.since && p.since.epoch && p.since.epoch !== r.position.epoch) throw Errors.unrecoverablePosition;
    return r;
  }

  async removeHistory(channel: string): Promise<void> {
    this.rules.resolve(channel);
    try {
      await this.broker.removeHistory(channel);
    } catch (err) {
      throw this.infrastructure(err, 'history remove failed');
    }
  }

  /** Presence of a channel; 108 when the namespace keeps none. */
  async channelPresence(channel: string): Promise<Record<string, ClientInfo>> {
    if (!this.rules.resolve(channel).options.presence) throw Errors.notAvailable;
    try {
      return await this.presence.presence(channel);
    } catch (err) {
      throw this.infrastructure(err, 'presence failed');
    }
  }

  async channelPresenceStats(channel: string): Promise<{ numClients: number; numUsers: number }> {
    if (!this.rules.resolve(channel).options.presence) throw Errors.notAvailable;
    try {
      return await this.presence.presenceStats(channel);
    } catch (err) {
      throw this.infrastructure(err, 'presence stats failed');
    }
  }

  // ---- acting on connections (server API) ------------------------------------

  private targets(t: Target): Client[] {
    const clients = this.hub.userClients(t.user);
    return t.client ? clients.filter((c) => c.id === t.client) : clients;
  }

  /** Applies a control command to this node's connections (from the API here, or from another node). */
  handleControl(cmd: ControlCommand): void {
    const t: Target = { user: cmd.user, client: cmd.client };
    const b64 = (s?: string) => (s === undefined ? undefined : Buffer.from(s, 'base64'));
    switch (cmd.type) {
      case 'disconnect':
        for (const c of this.targets(t)) if (!cmd.whitelist.includes(c.id)) c.close(new Disconnect(cmd.code, cmd.reason));
        break;
      case 'unsubscribe':
        for (const c of this.targets(t)) c.serverUnsubscribe(cmd.channel);
        break;
      case 'subscribe':
        for (const c of this.targets(t)) {
          c.serverSubscribe(cmd.channel, { info: b64(cmd.info), data: b64(cmd.data), since: cmd.since }).catch((err) => {
            if (!(err instanceof ClientError)) this.log.warn({ err, channel: cmd.channel }, 'server-side subscribe failed');
          });
        }
        break;
      case 'refresh':
        for (const c of this.targets(t)) c.serverRefresh({ expired: cmd.expired, expireAt: cmd.expireAt, info: b64(cmd.info) });
        break;
    }
  }

  /** Applies here and on every other node; 100 (temporary) when the other nodes cannot be reached. */
  private async everywhere(cmd: ControlCommand): Promise<void> {
    this.handleControl(cmd);
    try {
      await this.controller.broadcast(cmd);
    } catch (err) {
      throw this.infrastructure(err, 'control broadcast failed');
    }
  }

  async subscribeUser(t: Target, channel: string, opts: { info?: Buffer; data?: Buffer; since?: StreamPosition }): Promise<void> {
    this.rules.resolve(channel);
    await this.everywhere({ type: 'subscribe', ...t, channel, info: opts.info?.toString('base64'), data: opts.data?.toString('base64'), since: opts.since });
  }

  async unsubscribeUser(t: Target, channel: string): Promise<void> {
    await this.everywhere({ type: 'unsubscribe', ...t, channel });
  }

  async disconnectUser(t: Target, d: Disconnect, whitelist: string[] = []): Promise<void> {
    await this.everywhere({ type: 'disconnect', ...t, whitelist, code: d.code, reason: d.reason });
  }

  async refreshUser(t: Target, opts: { expired?: boolean; expireAt?: number; info?: Buffer }): Promise<void> {
    await this.everywhere({ type: 'refresh', ...t, expired: opts.expired, expireAt: opts.expireAt, info: opts.info?.toString('base64') });
  }

  localChannels(): Map<string, number> {
    return this.hub.channelCounts();
  }

  /** Channel → number of subscribers on every node, optionally filtered by a glob (`*`, `?`). */
  async channels(pattern?: string): Promise<Map<string, number>> {
    const all = new Map(this.hub.channelCounts());
    let others: Map<string, number>[];
    try {
      others = await this.controller.surveyChannels(SURVEY_TIMEOUT_MS);
    } catch (err) {
      throw this.infrastructure(err, 'channels survey failed');
    }
    for (const m of others) for (const [ch, n] of m) all.set(ch, (all.get(ch) ?? 0) + n);
    if (!pattern) return all;
    return new Map([...all].filter(([ch]) => globMatch(pattern, ch)));
  }

  /** This node and every other live node. */
  nodes(): NodeInfo[] {
    return [this.info(), ...this.controller.nodes()];
  }

  info(): NodeInfo {
    return {
      uid: this.uid,
      name: this.name,
      version: VERSION,
      num_clients: this.hub.numClients(),
      num_users: this.hub.numUsers(),
      num_channels: this.hub.numChannels(),
      num_subs: this.hub.numSubscriptions(),
      uptime: Math.floor((Date.now() - this.startedAt) / 1000),
      ...this.infoExtra(),
    };
  }

  healthy(): boolean {
    return this.broker.healthy();
  }

  // ---- lifecycle ------------------------------------------------------------

  trackConnection(c: Client): void {
    this.connections.add(c);
  }

  untrackConnection(c: Client): void {
    this.connections.delete(c);
  }

  numConnections(): number {
    return this.connections.size;
  }

  /** Closes every connection with 3001 (they reconnect, to another worker or once we are back). */
  closeAllConnections(d: Disconnect = Disconnects.shutdown): void {
    for (const c of [...this.connections]) c.close(d);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.controller.close();
    await this.broker.close();
    await this.presence.close();
  }

  // ---- background checks ----------------------------------------------------

  /**
   * Compares idle positioned subscriptions with their stream's top: a
   * publication lost on pub/sub would otherwise go unnoticed until the next
   * one arrives. One top read per channel serves all its local subscribers.
   * A subscriber found behind is re-checked once after a short delay, since
   * the publication may simply still be on its way.
   */
  async checkPositions(all: boolean): Promise<void> {
    const now = Date.now();
    const idleMs = this.config.client.position_check_interval * 1000;
    const byChannel = new Map<string, Client[]>();
    for (const c of this.connections) {
      for (const ctx of c.channels.values()) {
        if (!ctx.positioned || ctx.state !== 'subscribed') continue;
        if (!all && now - Math.max(ctx.checkedAt, this.lastPublicationAt.get(ctx.channel) ?? 0) < idleMs) continue;
        let list = byChannel.get(ctx.channel);
        if (!list) byChannel.set(ctx.channel, (list = []));
        list.push(c);
      }
    }
    // Channels nobody here subscribes to any more need no last-publication time.
    for (const ch of this.lastPublicationAt.keys()) if (!this.hub.hasChannel(ch)) this.lastPublicationAt.delete(ch);
    await Promise.all([...byChannel].map(([channel, clients]) => this.checkChannel(channel, clients)));
  }

  private async checkChannel(channel: string, clients: Client[]): Promise<void> {
    let top: StreamPosition;
    try {
      const { options } = this.rules.resolve(channel);
      top = (await this.broker.history(channel, { limit: 0, reverse: false, historyMetaTtl: options.history_meta_ttl })).position;
    } catch {
      return; // Redis unreachable: the check runs again after the reconnect.
    }
    const behind: Client[] = [];
    for (const c of clients) {
      const ctx = c.channels.get(channel);
      if (!ctx || ctx.state !== 'subscribed') continue;
      ctx.checkedAt = Date.now();
      if (ctx.epoch !== top.epoch) c.insufficientState(ctx);
      else if (ctx.offset < top.offset) behind.push(c);
    }
    if (behind.length === 0) return;
    // Still short of the top seen now once in-flight publications had time to arrive: something was lost.
    // Compared with this top, not a fresh one, which under steady publishing is always a little ahead.
    setTimeout(() => {
      for (const c of behind) {
        const ctx = c.channels.get(channel);
        if (ctx && ctx.state === 'subscribed' && ctx.epoch === top.epoch && ctx.offset < top.offset) c.insufficientState(ctx);
      }
    }, POSITION_RECHECK_MS).unref();
  }

  /** Re-adds the presence of every live subscription, so entries outlive their TTL only while their connection does. */
  private refreshPresence(): void {
    for (const c of this.connections) {
      for (const ctx of c.channels.values()) {
        if (!ctx.presence || ctx.state !== 'subscribed') continue;
        this.presence.addPresence(ctx.channel, c.id, c.clientInfo(ctx.chanInfo)).catch(() => {});
      }
    }
  }

  /** Infrastructure failures become error 100 (temporary) after being logged once. */
  private infrastructure(err: unknown, what: string): Error {
    if (err instanceof ClientError || err instanceof LeaseLostError || err instanceof StaleCursorError) return err;
    this.log.error({ err }, what);
    return Errors.internal;
  }
}
