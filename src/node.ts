/**
 * The node: one per worker process. It owns the hub, the broker and the
 * presence manager, receives what the broker delivers (it is the
 * BrokerEventHandler), and offers the operations both client commands and the
 * server API need — publish, history, and acting on a user's connections.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { TokenVerifier } from './auth/token-verifier';
import { ChannelRules, hasHistory } from './channel/rules';
import type { Client } from './client/client';
import type { Config } from './config/schema';
import { Disconnect, Disconnects } from './disconnect';
import type { Broker, BrokerEventHandler, HistoryResult, PublishResult } from './engine/broker';
import type { PresenceManager } from './engine/presence';
import { ClientError, Errors } from './errors';
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
  /** 0 = only the stream top, negative = as many as allowed, else at most this many. */
  limit: number;
  since?: StreamPosition;
  reverse: boolean;
}

/** Which of a user's connections an API action targets. */
export interface Target {
  user: string;
  /** Only this connection, when set. */
  client?: string;
}

export interface NodeInfo {
  uid: string;
  name: string;
  version: string;
  num_clients: number;
  num_users: number;
  num_channels: number;
  num_subs: number;
  uptime: number;
}

export class Node implements BrokerEventHandler {
  readonly hub = new Hub();
  readonly uid = randomUUID();
  readonly name: string;
  readonly rules: ChannelRules;
  private readonly startedAt = Date.now();
  /** Every open connection, connected or still connecting. */
  private readonly connections = new Set<Client>();

  constructor(
    readonly config: Config,
    readonly broker: Broker,
    readonly presence: PresenceManager,
    readonly verifier: TokenVerifier,
    readonly log: Logger,
  ) {
    this.name = config.name || `${os.hostname()}_${process.pid}`;
    this.rules = new ChannelRules(config.channel);
  }

  async start(): Promise<void> {
    await this.broker.start(this);
  }

  // ---- BrokerEventHandler ---------------------------------------------------

  handlePublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
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
    const { options } = this.rules.resolve(channel);
    const history = hasHistory(options) && !p.skipHistory;
    const pub: Publication = { data };
    if (p.info) pub.info = p.info;
    if (p.tags && Object.keys(p.tags).length) pub.tags = p.tags;
    try {
      return await this.broker.publish(channel, pub, {
        historySize: history ? options.history_size : 0,
        historyTtl: history ? options.history_ttl : 0,
        historyMetaTtl: options.history_meta_ttl,
        idempotencyKey: p.idempotencyKey,
      });
    } catch (err) {
      throw this.infrastructure(err, 'publish failed');
    }
  }

  /** Reads a channel's history. 108 when it keeps none, 112 when `since` names another epoch. */
  async history(channel: string, p: HistoryParams): Promise<HistoryResult> {
    const { options } = this.rules.resolve(channel);
    if (!hasHistory(options)) throw Errors.notAvailable;
    const max = this.config.client.history_max_publication_limit;
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

  async subscribeUser(t: Target, channel: string, opts: { info?: Buffer; data?: Buffer; since?: StreamPosition }): Promise<void> {
    this.rules.resolve(channel);
    await Promise.all(
      this.targets(t).map((c) =>
        c.serverSubscribe(channel, opts).catch((err) => {
          if (!(err instanceof ClientError)) this.log.warn({ err, channel }, 'server-side subscribe failed');
        }),
      ),
    );
  }

  unsubscribeUser(t: Target, channel: string): void {
    for (const c of this.targets(t)) c.serverUnsubscribe(channel);
  }

  disconnectUser(t: Target, d: Disconnect, whitelist: string[] = []): void {
    for (const c of this.targets(t)) if (!whitelist.includes(c.id)) c.close(d);
  }

  refreshUser(t: Target, opts: { expired?: boolean; expireAt?: number; info?: Buffer }): void {
    for (const c of this.targets(t)) c.serverRefresh(opts);
  }

  /** Channel → number of subscribers on this node, optionally filtered by a glob (`*`, `?`). */
  channels(pattern?: string): Map<string, number> {
    const all = this.hub.channelCounts();
    if (!pattern) return all;
    const re = globToRegExp(pattern);
    return new Map([...all].filter(([ch]) => re.test(ch)));
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
    await this.broker.close();
    await this.presence.close();
  }

  /** Infrastructure failures become error 100 (temporary) after being logged once. */
  private infrastructure(err: unknown, what: string): ClientError {
    if (err instanceof ClientError) return err;
    this.log.error({ err }, what);
    return Errors.internal;
  }
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
