/**
 * One client connection: the protocol state machine. Commands of a connection
 * run strictly in order (a frame's commands, then the next frame's), replies
 * go out through the coalescing writer in the same order, and every failure
 * ends as a documented error reply or disconnect code (https://centrifugal.dev/docs/server/codes).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../log';
import { type Disconnect, DisconnectError, Disconnects, refusedConnect, UnsubscribeCodes } from '../disconnect';
import { ClientError, Errors, toClientError } from '../errors';
import type { Subscriber } from '../hub';
import type { MessageTally, SentType } from '../metrics/metrics';
import { type PreparedPush, SharedFrame } from '../protocol/prepared-push';
import type { PublicationBatch } from '../protocol/publication-batch';
import type { LivePublication } from '../protocol/live-publication';
import type { Codec } from '../protocol/codec';
import { codecs } from '../protocol/codecs';
import type { ClientInfo, Command, ConnectRequest, ProtocolName, Reply, StreamPosition, SubscribeResult } from '../protocol/types';
import type { Transport, TransportSink } from '../transport/transport';
import type { ClientServices } from './services';
import { VERSION } from '../version';
import { handleRpc } from './backend';
import { connectionTtl, type ExpiringConnection, handleRefresh, setExpiry } from './connection-expiry';
import { connectCredentials, keepServerSide } from './credentials';
import { WheelTimer } from '../timer-wheel';
import { connectionTimers } from './timers';
import type { Subscription } from './subscription';
import { Writer } from './writer';
import { handleHistory, handlePresence, handlePresenceStats, handlePublish } from './channel-commands';
import {
  activateSubscription,
  handleSubRefresh,
  handleSubscribe,
  handleUnsubscribe,
  removeSubscription,
  subscribeChannel,
} from './subscribe';

/** Frames waiting to be processed before the connection counts as flooding. */
const MAX_PENDING_FRAMES = 256;
/** How long a WebSocket whose connect was refused is given to close itself before it is dropped (Centrifugo's closeFrameWait). */
const REFUSED_CLOSE_WAIT_MS = 5000;

/** What a connection's chain of commands starts from, and returns to once idle: one settled promise for all. */
const IDLE: Promise<void> = Promise.resolve();
/** The forwarded headers of every connection when no proxy is set. */
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Every ping of a codec is the same bytes: a WebSocket frames them once for all its connections. */
const PINGS: Record<ProtocolName, SharedFrame> = { json: new SharedFrame(codecs.json.ping), protobuf: new SharedFrame(codecs.protobuf.ping) };

/** Request fields of Command, in dispatch order. */
const METHODS = ['connect', 'subscribe', 'unsubscribe', 'publish', 'presence', 'presence_stats', 'history', 'ping', 'send', 'rpc', 'refresh', 'sub_refresh'] as const;
type Method = (typeof METHODS)[number];

export class Client implements Subscriber, ExpiringConnection, TransportSink {
  readonly id = randomUUID();
  user = '';
  state: 'connecting' | 'connected' | 'closed' = 'connecting';
  connInfo?: Buffer;
  /** Unix seconds when the connection token expires; undefined = never. */
  expireAt?: number;
  readonly channels = new Map<string, Subscription>();
  readonly codec: Codec;
  private logger: Logger | null = null;
  private readonly writer: Writer;
  private readonly tally: MessageTally;
  private chain: Promise<void> = IDLE;
  private pendingFrames = 0;
  /** Wheel timers (timers.ts): the stale check, then the pings; the pong deadline and expiry check are made when first needed. */
  private readonly heartbeat: WheelTimer<Client> = new WheelTimer<Client>(this, Client.onHeartbeat);
  private pongDeadline: WheelTimer<Client> | null = null;
  /** See connection-expiry.ts. */
  expiry: WheelTimer<ExpiringConnection> | null = null;

  readonly forwardedHeaders: Record<string, string>;
  /** Whether services.events was told this connection is up: it is then told of its end, and only then. */
  private told = false;

  constructor(
    readonly services: ClientServices,
    readonly transport: Transport,
    /** The headers of the request that opened the connection (the proxy forwards the allow-listed ones). */
    headers?: IncomingHttpHeaders,
  ) {
    this.codec = codecs[transport.protocol];
    this.forwardedHeaders = services.proxy?.pickHeaders(headers) ?? NO_HEADERS;
    const { config } = services;
    this.writer = new Writer(transport, config.queue_max_size, () => this.close(Disconnects.slow));
    this.tally = services.metrics.tally(transport.name);
    connectionTimers.schedule(this.heartbeat, config.stale_close_delay * 1000);
    services.connections.add(this);
    transport.attach(this);
  }

  /** This connection's logger, made on first use: most connections never log, and a child logger per socket adds up. */
  get log(): Logger {
    return (this.logger ??= this.services.log.child({ client: this.id }));
  }

  /** Feeds one inbound frame. Decoding happens now; the commands run after those before them. */
  handleFrame(frame: Buffer): void {
    if (this.state === 'closed') return;
    this.tally.receivedBytes += frame.length;
    // A pong is most of what an idle connection sends. With nothing queued ahead of it, it needs no
    // decoding and no turn in the chain: it would come to the same as dispatch's pong branch.
    if (this.pendingFrames === 0 && this.state === 'connected' && frame.equals(this.codec.pong)) {
      this.tally.received['pong'] = (this.tally.received['pong'] ?? 0) + 1;
      this.handlePong();
      return;
    }
    let commands: Command[];
    try {
      commands = this.codec.decodeCommands(frame);
    } catch (err) {
      this.log.info({ err: (err as Error).message }, 'undecodable frame');
      this.close(Disconnects.badRequest);
      return;
    }
    if (++this.pendingFrames > MAX_PENDING_FRAMES) {
      this.close(Disconnects.tooManyRequests);
      return;
    }
    this.chain = this.chain.then(async () => {
      for (const cmd of commands) {
        if (this.state === 'closed') break;
        await this.dispatch(cmd);
      }
      // Nothing was chained after this frame: the connection holds the shared settled promise again, not its own.
      if (--this.pendingFrames === 0) this.chain = IDLE;
    });
  }

  /** Called by the transport when the peer has gone; cleans up without sending anything. */
  handleTransportClosed(): void {
    if (this.state === 'closed') return;
    if (this.state === 'connected') this.ended(Disconnects.connectionClosed);
    this.state = 'closed';
    this.teardown();
  }

  /** Ends the connection: pending output is flushed, then the transport closes with the code. */
  close(d: Disconnect): void {
    if (this.state === 'closed') return;
    if (this.state === 'connected') this.ended(d);
    this.state = 'closed';
    // What was published to its channels this turn goes out before the close, as it would have without batching.
    for (const channel of this.channels.keys()) this.services.hub.settle(channel);
    this.writer.close();
    this.transport.close(d);
    if (d.code !== Disconnects.shutdown.code) this.log.debug({ code: d.code, reason: d.reason }, 'disconnect');
    this.teardown();
  }

  /** A connected client's end: counted, and told to whoever was told it connected (an embedding application). */
  private ended(d: Disconnect): void {
    this.services.metrics.disconnected(d.code);
    if (this.told) this.services.events?.disconnected(this, d);
  }

  /** Queues one reply or push. */
  send(reply: Reply): void {
    this.out(this.codec.encodeReply(reply), reply.id ? 'reply' : 'push');
  }

  /** Every outgoing message of its own passes here: counted (two integer adds), then queued. */
  private out(data: Buffer, type: SentType): void {
    this.tally.sent[type]++;
    this.tally.sentBytes += data.length;
    this.writer.enqueue(data);
  }

  /** Publisher/presence identity of this connection in a channel. */
  clientInfo(chanInfo?: Buffer): ClientInfo {
    const info: ClientInfo = { user: this.user, client: this.id };
    if (this.connInfo) info.conn_info = this.connInfo;
    if (chanInfo) info.chan_info = chanInfo;
    return info;
  }

  // ---- delivery from the hub -------------------------------------------------

  /**
   * A channel's publications of one turn. A live subscription whose position
   * continues exactly into the batch takes it whole: one shared frame, counted
   * once, whatever the number of publications. Anything else takes them one
   * by one (buffered while subscribing, duplicates skipped, a gap reported).
   */
  deliverBatch(batch: PublicationBatch): void {
    const ctx = this.channels.get(batch.channel);
    if (!ctx || this.state === 'closed') return;
    if (ctx.state === 'subscribed' && (!ctx.positioned || batch.follows(ctx.epoch, ctx.offset))) {
      const protocol = this.codec.name;
      if (ctx.delta) {
        // Holding the payload before the batch, it takes the batch's shared delta frame; otherwise (the first
        // publication after subscribing, or no positions) one by one below.
        if (ctx.positioned && ctx.deltaReady) {
          ctx.offset = batch.lastOffset;
          return this.sendShared(batch.deltaFrame(protocol), 'publication', batch.items.length);
        }
      } else {
        if (ctx.positioned) ctx.offset = batch.lastOffset;
        if (!ctx.filter) return this.sendShared(batch.frame(protocol), 'publication', batch.items.length);
        const { frame, count } = batch.filteredFrame(protocol, ctx.filter);
        if (frame) this.sendShared(frame, 'publication', count);
        return;
      }
    }
    for (const item of batch.items) {
      if (this.channels.get(batch.channel) !== ctx) return; // a gap or a close ended it
      if (ctx.state === 'subscribing') ctx.buffer.push(item);
      else if (!this.writePublication(ctx, item)) return;
    }
  }

  deliverJoinLeave(channel: string, prepared: PreparedPush): void {
    const ctx = this.channels.get(channel);
    if (!ctx || ctx.state !== 'subscribed' || !ctx.pushJoinLeave || this.state === 'closed') return;
    this.sendShared(prepared.frame(this.codec.name), prepared.kind);
  }

  /** A frame shared with other connections, holding `count` messages: counted, then queued. */
  private sendShared(frame: SharedFrame, type: SentType, count = 1): void {
    this.tally.sent[type] += count;
    this.tally.sentBytes += frame.messageBytes;
    this.writer.enqueueShared(frame);
  }

  /**
   * Writes a publication of an active subscription, checking offset
   * continuity for positioned ones: a duplicate is skipped, and a jump or an
   * epoch change means publications were lost, so the client is told to
   * resubscribe and recover (2500) — or, for a server-side subscription, to
   * reconnect (3010).
   */
  writePublication(ctx: Subscription, item: LivePublication): boolean {
    const position = item.position;
    if (ctx.positioned && position) {
      if (ctx.epoch !== position.epoch) {
        this.insufficientState(ctx);
        return false;
      }
      if (position.offset <= ctx.offset) return true;
      if (position.offset !== ctx.offset + 1) {
        this.insufficientState(ctx);
        return false;
      }
      ctx.offset = position.offset;
    }
    // Filtered out: not sent, and not a gap (the position moved on above).
    if (ctx.filter && !item.passes(ctx.filter)) return true;
    if (!ctx.delta) {
      this.sendShared(item.prepared.frame(this.codec.name), 'publication');
      return true;
    }
    // A delta only where offsets prove the client holds the previous payload (Centrifugo: positioned subscriptions).
    const protocol = this.codec.name;
    const delta = ctx.positioned && ctx.deltaReady && position ? item.deltaFrame(protocol) : null;
    this.sendShared(delta ?? item.fullFrame(protocol), 'publication');
    // The client's base is now this payload; the next delta is made against the previous positioned one, so a
    // publication without a position (skip_history) leaves the next one to go whole.
    ctx.deltaReady = position !== undefined;
    return true;
  }

  /** A gap or another epoch: the client resubscribes and recovers (2500), or, for a server-side subscription, reconnects (3010). */
  insufficientState(ctx: Subscription): void {
    this.log.info({ channel: ctx.channel }, 'insufficient state');
    if (ctx.serverSide) this.close(Disconnects.insufficientState);
    else removeSubscription(this, ctx, UnsubscribeCodes.insufficientState);
  }

  // ---- server-initiated actions (API) ---------------------------------------

  /**
   * Adds a server-side subscription while connected and tells the client with a subscribe push. With
   * `since` (recover_since) in a recovering channel, the publications after it follow the push.
   */
  async serverSubscribe(channel: string, opts: { info?: Buffer; data?: Buffer; since?: StreamPosition }): Promise<void> {
    if (this.state !== 'connected' || this.channels.has(channel)) return;
    const recover = opts.since ? { recover: true, offset: opts.since.offset, epoch: opts.since.epoch } : {};
    const { ctx, result } = await subscribeChannel(this, { channel, ...recover }, { serverSide: true, info: opts.info, data: opts.data });
    if (this.state !== 'connected') return;
    this.send({
      push: {
        channel,
        subscribe: { recoverable: result.recoverable, positioned: result.positioned, epoch: result.epoch, offset: result.offset, data: result.data },
      },
    });
    // Centrifugo's subscribe push has no room for recovered publications (its server drops them): they follow
    // as publication pushes, each moving the client on from the push's offset, before anything live.
    for (const pub of result.publications ?? []) this.send({ push: { channel, pub } });
    activateSubscription(this, ctx);
  }

  /** Ends a subscription from the server side with a final unsubscribe push (2000). */
  serverUnsubscribe(channel: string): void {
    const ctx = this.channels.get(channel);
    if (ctx) removeSubscription(this, ctx, UnsubscribeCodes.server);
  }

  /** API refresh: extend, end (expired) or re-arm the connection's expiry. */
  serverRefresh(opts: { expired?: boolean; expireAt?: number; info?: Buffer }): void {
    if (this.state !== 'connected') return;
    if (opts.expired) {
      this.close(Disconnects.expired);
      return;
    }
    if (opts.info) this.connInfo = opts.info;
    setExpiry(this, opts.expireAt && opts.expireAt > 0 ? opts.expireAt : undefined);
    const ttl = connectionTtl(this);
    this.send({ push: { refresh: ttl === undefined ? { expires: false } : { expires: true, ttl } } });
  }

  // ---- command dispatch -----------------------------------------------------

  private async dispatch(cmd: Command): Promise<void> {
    const method = METHODS.find((m) => cmd[m] != null);
    const id = cmd.id ?? 0;
    const kind = method ?? 'pong';
    this.tally.received[kind] = (this.tally.received[kind] ?? 0) + 1;
    const started = performance.now();
    try {
      if (this.state === 'connecting') {
        if (method !== 'connect' || id === 0) throw new DisconnectError(Disconnects.badRequest);
        await this.handleConnect(id, cmd.connect!);
        return;
      }
      if (method === undefined) {
        if (id !== 0) throw new DisconnectError(Disconnects.badRequest);
        this.handlePong();
        return;
      }
      if (method === 'send') {
        // Fire-and-forget messages have no handler yet; accepting them keeps SDK `send()` harmless.
        return;
      }
      if (id === 0 || method === 'connect' || method === 'ping') throw new DisconnectError(Disconnects.badRequest);
      if (method === 'subscribe') {
        // The reply must be queued before the subscription goes live, so buffered publications follow it.
        const { ctx, result } = await handleSubscribe(this, cmd.subscribe!);
        if (this.state === 'closed') return;
        this.send({ id, subscribe: result });
        activateSubscription(this, ctx);
        return;
      }
      const result = await this.run(method, cmd);
      if (this.state !== 'closed') this.send({ id, [method]: result });
    } catch (err) {
      this.fail(id, method, err);
    } finally {
      if (method) this.services.metrics.command(method, (performance.now() - started) / 1000);
    }
  }

  private async run(method: Exclude<Method, 'connect' | 'ping' | 'send' | 'subscribe'>, cmd: Command): Promise<object> {
    switch (method) {
      case 'unsubscribe':
        return handleUnsubscribe(this, cmd.unsubscribe!);
      case 'publish':
        return handlePublish(this, cmd.publish!);
      case 'presence':
        return handlePresence(this, cmd.presence!);
      case 'presence_stats':
        return handlePresenceStats(this, cmd.presence_stats!);
      case 'history':
        return handleHistory(this, cmd.history!);
      case 'rpc':
        return handleRpc(this, cmd.rpc!);
      case 'refresh':
        return handleRefresh(this, cmd.refresh!.token ?? '');
      case 'sub_refresh':
        return handleSubRefresh(this, cmd.sub_refresh!);
    }
  }

  /** Turns a handler failure into the protocol answer. */
  private fail(id: number, method: Method | undefined, err: unknown): void {
    if (this.state === 'closed') return;
    if (err instanceof DisconnectError) {
      this.close(err.disconnect);
      return;
    }
    if (!(err instanceof ClientError)) this.log.error({ err, method }, 'command failed');
    if (method === 'connect') {
      this.failConnect(id, toClientError(err));
      return;
    }
    if (id === 0) {
      this.close(Disconnects.badRequest);
      return;
    }
    const error = toClientError(err).toProto();
    this.services.metrics.replyError(method ?? 'pong', error.code);
    this.send({ id, error });
  }

  // ---- connect / refresh ----------------------------------------------------

  private async handleConnect(id: number, req: ConnectRequest): Promise<void> {
    const { config } = this.services;
    const who = await connectCredentials(this, req);
    if (who instanceof ClientError) return this.failConnect(id, who);
    this.user = who.user;
    this.connInfo = who.info;
    this.expireAt = who.expireAt;
    const requested = req.subs ?? {};
    await keepServerSide(this, Object.keys(requested), who.subs);
    const personal = config.subscribe_to_user_personal_channel;
    if (personal.enabled && who.user !== '') {
      // As Centrifugo: the user's other connections, wherever they are, end before this one is up.
      if (personal.single_connection) await this.services.users.disconnectOthers(who.user, this.id, Disconnects.connectionLimit);
      const channel = this.services.rules.personalChannel(personal.personal_channel_namespace, who.user);
      if (!who.subs.has(channel)) who.subs.set(channel, {});
    }
    // The peer may have gone while the token, proxy or handler was asked: a closed client must not become a connected one.
    if (this.state === 'closed') return;

    connectionTimers.cancel(this.heartbeat);
    this.state = 'connected';
    this.services.hub.add(this);
    this.services.metrics.connected(this.transport.name, this.transport.protocol);
    const results: Record<string, SubscribeResult> = {};
    const contexts: Subscription[] = [];
    for (const [channel, extra] of who.subs) {
      const pos = requested[channel];
      try {
        const { ctx, result } = await subscribeChannel(
          this,
          { channel, recover: pos?.recover, offset: pos?.offset, epoch: pos?.epoch },
          { serverSide: true, info: extra.info, data: extra.data, override: extra.override },
        );
        results[channel] = result;
        contexts.push(ctx);
      } catch (err) {
        if (err instanceof DisconnectError) throw err;
        // More server-side channels than a connection may hold is a disconnect, not a retryable error.
        if (err === Errors.limitExceeded) throw new DisconnectError(Disconnects.channelLimit);
        return this.failConnect(id, toClientError(err));
      }
    }
    if (this.state !== 'connected') return;

    const ttl = connectionTtl(this);
    const { ping_interval, pong_timeout } = config;
    this.send({
      id,
      connect: {
        client: this.id,
        version: VERSION,
        // With a refresh proxy the server prolongs the connection: the client is not asked to.
        ...(ttl !== undefined && !this.services.proxy?.has('refresh') ? { expires: true, ttl } : {}),
        ...(who.data ? { data: who.data } : {}),
        ...(contexts.length ? { subs: results } : {}),
        ...(ping_interval > 0 && this.transport.serverPings ? { ping: ping_interval, pong: pong_timeout > 0 && !this.transport.unidirectional } : {}),
        ...(this.transport.session ? { session: this.transport.session } : {}),
        ...(this.transport.emulated ? { node: this.services.nodeId } : {}),
      },
    });
    for (const ctx of contexts) activateSubscription(this, ctx);
    setExpiry(this, this.expireAt);
    this.schedulePing(true);
    if (this.services.events) {
      this.told = true;
      this.services.events.connected(this);
    }
  }

  /**
   * Answers a refused connect, once, and ends the connection. A unidirectional
   * client gets the disconnect push its code maps to (3005 for an expired
   * token). Any other gets the error reply, its only answer: the SDK closes
   * and retries (109 after fetching a new token, or a temporary error) or
   * gives up. An emulated stream ends with the reply; a WebSocket (or SockJS)
   * is given time to close itself and then dropped without a close code, as
   * Centrifugo does, so nothing contradicts the reply.
   */
  private failConnect(id: number, err: ClientError): void {
    if (this.transport.unidirectional) return this.close(refusedConnect(err));
    this.send({ id, error: err.toProto() });
    this.writer.close();
    this.state = 'closed';
    this.teardown();
    const end = () => this.transport.close(Disconnects.connectionClosed);
    if (this.transport.emulated) end();
    else setTimeout(end, REFUSED_CLOSE_WAIT_MS).unref();
  }

  // ---- ping / pong ----------------------------------------------------------

  /** The first ping goes out at a random point of the first interval, so pings of many clients spread out. */
  private schedulePing(first: boolean): void {
    const interval = this.services.config.ping_interval * 1000;
    if (interval <= 0 || !this.transport.serverPings) return;
    if (first) connectionTimers.schedule(this.heartbeat, interval / 2 + Math.random() * (interval / 2));
    else connectionTimers.repeat(this.heartbeat, interval);
  }

  /** The heartbeat timer: a connection still not connected is stale (3502); a connected one is due a ping. */
  private static onHeartbeat(client: Client): void {
    if (client.state === 'connecting') client.close(Disconnects.stale);
    else if (client.state === 'connected') client.sendPing();
  }

  private sendPing(): void {
    this.sendShared(PINGS[this.codec.name], 'ping');
    const timeout = this.services.config.pong_timeout * 1000;
    // A unidirectional client cannot answer: its pings only keep the stream alive. An unanswered ping keeps its deadline.
    if (timeout > 0 && !this.transport.unidirectional && !this.pongDeadline?.scheduled) {
      this.pongDeadline ??= new WheelTimer<Client>(this, Client.onPongMissed);
      connectionTimers.schedule(this.pongDeadline, timeout);
    }
    this.schedulePing(false);
  }

  private static readonly onPongMissed = (client: Client): void => client.close(Disconnects.noPong);

  private handlePong(): void {
    if (this.pongDeadline) connectionTimers.cancel(this.pongDeadline);
  }

  // ---- teardown -------------------------------------------------------------

  /** Releases everything the connection holds: timers, hub entries, subscriptions, presence. */
  private teardown(): void {
    connectionTimers.cancel(this.heartbeat);
    if (this.pongDeadline) connectionTimers.cancel(this.pongDeadline);
    if (this.expiry) connectionTimers.cancel(this.expiry);
    for (const ctx of [...this.channels.values()]) removeSubscription(this, ctx, null);
    this.services.hub.remove(this);
    this.services.connections.delete(this);
  }
}
