/**
 * Node-to-node control: acting on a user's connections wherever they live
 * (disconnect, unsubscribe, server-side subscribe, refresh), the list of live
 * nodes, and the channels survey. An action is applied here and broadcast to
 * every other node through the engine's Controller.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { globMatch } from '../channel/glob';
import type { ChannelRules } from '../channel/rules';
import type { Client } from '../client/client';
import { Disconnect } from '../disconnect';
import type { ControlCommand, ControlHandler, Controller, NodeInfo } from '../engine/controller';
import type { EngineFailures } from '../engine/outage-log';
import { ClientError, Errors } from '../errors';
import type { Hub } from '../hub';
import type { Logger } from '../log';
import { type Metrics, noMetrics } from '../metrics/metrics';
import type { StreamPosition } from '../protocol/types';
import type { EmulationSessions, ForwardResult } from '../transport/emulation';
import { VERSION } from '../version';

/** Which of a user's connections an API action targets. */
export interface Target {
  user: string;
  /** Only this connection, when set. */
  client?: string;
}

/** How long a node holding an emulated session gets to confirm forwarded commands. */
const EMULATION_TIMEOUT_MS = 2000;
/** The same for a node that has not announced itself here. */
const UNKNOWN_NODE_TIMEOUT_MS = 500;
/** How long answers to a channels survey are awaited. */
const SURVEY_TIMEOUT_MS = 1000;

export class NodeControl implements ControlHandler {
  readonly uid = randomUUID();
  readonly name: string;
  private readonly startedAt = Date.now();
  /** Extra figures for this node's info entry (the worker plugs ingestion stats in). */
  infoExtra: () => Partial<NodeInfo> = () => ({});
  /** Set by the worker once metrics exist. */
  metrics: Metrics = noMetrics;

  constructor(
    name: string,
    private readonly hub: Hub<Client>,
    private readonly rules: ChannelRules,
    private readonly controller: Controller,
    private readonly sessions: EmulationSessions,
    private readonly log: Logger,
    private readonly failures: EngineFailures,
  ) {
    this.name = name || `${os.hostname()}_${process.pid}`;
  }

  start(): Promise<void> {
    return this.controller.start(this);
  }

  close(): Promise<void> {
    return this.controller.close();
  }

  /** Applies a control command to this node's connections (from the API here, or from another node). */
  handleControl(cmd: ControlCommand): boolean | void {
    if (cmd.type === 'emulation') return this.sessions.deliver(cmd.session, Buffer.from(cmd.data, 'base64'));
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
            if (!(err instanceof ClientError)) this.log.warn({ err: (err as Error).message, channel: cmd.channel }, 'server-side subscribe failed');
          });
        }
        break;
      case 'refresh':
        for (const c of this.targets(t)) c.serverRefresh({ expired: cmd.expired, expireAt: cmd.expireAt, info: b64(cmd.info) });
        break;
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

  /** Hands /emulation commands to a session of another node, and says whether they arrived. */
  async forwardEmulation(node: string, session: string, frame: Buffer): Promise<ForwardResult> {
    // A node this one has not heard announce yet (it started moments ago) may still answer: ask it, briefly.
    const known = this.controller.knows(node);
    try {
      const answer = await this.controller.request(node, { type: 'emulation', session, data: frame.toString('base64') }, known ? EMULATION_TIMEOUT_MS : UNKNOWN_NODE_TIMEOUT_MS);
      if (answer === null) return 'unknown-node';
      return answer ? 'delivered' : 'no-session';
    } catch (err) {
      this.failures.failed('control', err);
      return 'unknown-node';
    }
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
      this.metrics.engineError('control', this.failures.failed('control', err));
      throw Errors.internal;
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

  private targets(t: Target): Client[] {
    const clients = this.hub.userMembers(t.user);
    return t.client ? clients.filter((c) => c.id === t.client) : clients;
  }

  /** Applies here and on every other node; 100 (temporary) when the other nodes cannot be reached. */
  private async everywhere(cmd: ControlCommand): Promise<void> {
    this.handleControl(cmd);
    try {
      await this.controller.broadcast(cmd);
    } catch (err) {
      this.metrics.engineError('control', this.failures.failed('control', err));
      throw Errors.internal;
    }
  }
}
