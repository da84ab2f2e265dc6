/**
 * Gyre as a library: a node inside a Node.js application, the face
 * `require('gyre')` gives. The server (`gyre serve`, src/worker.ts) is a
 * user of this same class: it makes a node from its configuration and
 * listens on its port; an application makes one the same way and either
 * listens too or attaches the node to its own HTTP server. Event handlers
 * are the in-process twins of the proxy endpoints (handlers.ts); the server
 * API methods are those of the HTTP API, with the same params, results and
 * error codes, run by the same executor (src/api/methods.ts).
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Config } from '../config/schema';
import { loadConfig } from '../config/load';
import { ClientError, Errors } from '../errors';
import { listenBacklog } from '../http/backlog';
import { createServer, refuseUpgrade, sendError } from '../http/router';
import { createRootLogger, type Logger } from '../log';
import { serialize } from '../protocol/codec-json';
// Types of assemble.ts appear only in @internal and private members, as inline imports: the published
// declarations then do not reach the server's modules (and their dependencies' types).
import { assemble, listen } from './assemble';
import { type ConnectEvent, type DisconnectEvent, type EventHandlers, GyreError, type Payload } from './handlers';
import type { GyreConfig, JsonValue, RouteGroup } from './types';

export type { RouteGroup };

export interface GyreOptions {
  /** Configuration: the keys of the server's JSON configuration file, any subset; wins over `configFile` and `env`. */
  config?: GyreConfig;
  /** A JSON configuration file to read first, as `gyre serve --config` does. */
  configFile?: string;
  /** Where `GYRE_*` variables are read from; none unless given (pass `process.env` to configure the node as the server is). */
  env?: NodeJS.ProcessEnv;
  /** A pino logger to log through (Gyre makes child loggers of it); by default Gyre's own, set by `log.level` and `log.format`. */
  logger?: Logger;
}

export interface AttachOptions {
  /**
   * The groups of routes the server takes; the rest of its requests stay the
   * application's. `connections` (the default, and always included): the
   * client transports under /connection/ and /emulation. `api`: the server
   * HTTP API at /api. `health`: /health. `metrics`: /metrics. `admin`: the
   * admin UI at / and /admin.
   */
  routes?: RouteGroup[];
}

/** Options of a publish, as the HTTP API's publish takes them. */
export interface PublishOptions {
  tags?: Record<string, string>;
  idempotency_key?: string;
  skip_history?: boolean;
  delta?: boolean;
}
export interface StreamPosition {
  offset: number;
  epoch: string;
}
/** Where a publication landed in history; empty for a channel without history. */
export interface PublishReply {
  offset?: number;
  epoch?: string;
}
export interface BroadcastReply {
  responses: ({ result: PublishReply } | { error: { code: number; message: string; temporary?: boolean } })[];
}
export interface ClientInfoJson {
  user: string;
  client: string;
  conn_info?: JsonValue;
  chan_info?: JsonValue;
}
export interface PresenceReply {
  presence: Record<string, ClientInfoJson>;
}
export interface PresenceStatsReply {
  num_clients: number;
  num_users: number;
}
export interface PublicationJson {
  data?: JsonValue;
  /** Binary data (a `publication_data_format: binary` namespace), base64. */
  b64data?: string;
  info?: ClientInfoJson;
  offset?: number;
  tags?: Record<string, string>;
}
export interface HistoryReply {
  publications: PublicationJson[];
  offset: number;
  epoch: string;
}
export interface HistoryOptions {
  /** 0 (the default): only the stream position; -1: everything kept. */
  limit?: number;
  since?: StreamPosition;
  reverse?: boolean;
}
export interface ChannelsReply {
  channels: Record<string, { num_clients: number }>;
}
export interface InfoReply {
  nodes: { uid: string; name: string; num_clients: number; num_users: number; num_channels: number; uptime: number; [key: string]: unknown }[];
}
/** Which of a user's connections a command concerns: all of them, or one (`client`). */
export interface TargetOptions {
  client?: string;
}
export interface DisconnectOptions extends TargetOptions {
  disconnect?: { code: number; reason: string };
  /** Client ids spared. */
  whitelist?: string[];
}
export interface SubscribeOptions extends TargetOptions {
  info?: Payload;
  data?: Payload;
  recover_since?: StreamPosition;
}
export interface RefreshOptions extends TargetOptions {
  expired?: boolean;
  expire_at?: number;
  info?: Payload;
}

/** The namespace option that turns each channel event on, as for the proxy. */
const CHANNEL_EVENT_OPTIONS: Partial<Record<keyof EventHandlers, 'proxy_subscribe' | 'proxy_publish' | 'proxy_sub_refresh'>> = {
  subscribe: 'proxy_subscribe',
  publish: 'proxy_publish',
  sub_refresh: 'proxy_sub_refresh',
};

/** The longest an application's calls keep the event loop from turning (see yieldIfLong). */
const SLICE_MS = 10;

const ROUTE_GROUPS: readonly RouteGroup[] = ['connections', 'api', 'health', 'metrics', 'admin'];

export class Gyre {
  /** The whole configuration the node runs with, defaults filled in. */
  readonly config: Readonly<Config>;
  private readonly own: Server[] = [];
  private closing: Promise<boolean> | null = null;
  /** Closed: the routes of attached servers are the application's again. */
  private closed = false;
  private connectHandler: ((e: ConnectEvent) => unknown) | null = null;
  private disconnectHandler: ((e: DisconnectEvent) => unknown) | null = null;

  private constructor(
    config: Config,
    private readonly log: Logger,
    private readonly parts: import('./assemble').Assembly,
  ) {
    this.config = config;
  }

  /** Makes a node and connects it to its engine (memory, or Redis as `engine` says); its routes are served once attached or listening. */
  static async create(options: GyreOptions = {}): Promise<Gyre> {
    const config = loadConfig({ file: options.configFile, env: options.env ?? {}, values: options.config as Record<string, unknown> | undefined });
    const log = options.logger ?? createRootLogger(config.log, { role: 'gyre' });
    return Gyre.fromConfig(config, log, {}, true);
  }

  /**
   * A node from a resolved configuration: the server's way in (src/worker.ts).
   * @internal
   */
  static async fromConfig(config: Config, log: Logger, internals: import('./assemble').Internals, embedded = false): Promise<Gyre> {
    let self: Gyre | null = null;
    // Only an embedding application can set handlers: the server's connections then keep no headers they do not forward.
    const app = embedded ? { connected: (e: ConnectEvent) => self?.tell(self.connectHandler, e), disconnected: (e: DisconnectEvent) => self?.tell(self.disconnectHandler, e) } : undefined;
    const parts = await assemble(config, log, internals, app);
    try {
      await parts.startListeners();
    } catch (err) {
      // The GRPC port taken, say: the caller gets no node to close, so release the engine's connections here.
      await parts.drain(1000, []);
      throw err;
    }
    self = new Gyre(config, log, parts);
    return self;
  }

  // ── Event handlers: each the in-process twin of a proxy endpoint (handlers.ts). Setting one again replaces it.

  /**
   * Who a connection without a token is (the connect proxy): return
   * `{user, ...}`, nothing for anonymous where allowed, or throw a GyreError
   * or GyreDisconnect. A connection with a token is decided by the token.
   */
  onConnecting(handler: EventHandlers['connect']): this {
    return this.on('connect', handler);
  }
  /** Whether a subscription may be made, in namespaces with `proxy_subscribe` (not for private `$` or user-limited channels). */
  onSubscribe(handler: EventHandlers['subscribe']): this {
    return this.on('subscribe', handler);
  }
  /** Whether a client's publish goes ahead (and with what data), in namespaces with `proxy_publish`. */
  onPublish(handler: EventHandlers['publish']): this {
    return this.on('publish', handler);
  }
  /** Answers a client's RPC; without a handler (or rpc proxy) clients get 104. */
  onRpc(handler: EventHandlers['rpc']): this {
    return this.on('rpc', handler);
  }
  /** Prolongs a connection at its expiry, the client not involved. */
  onRefresh(handler: EventHandlers['refresh']): this {
    return this.on('refresh', handler);
  }
  /** Prolongs a subscription at its expiry, in namespaces with `proxy_sub_refresh`. */
  onSubRefresh(handler: EventHandlers['sub_refresh']): this {
    return this.on('sub_refresh', handler);
  }
  /** Told when a connection is up (after onConnecting or its token, its connect reply sent); its end is then told to onDisconnect. */
  onConnect(handler: (e: ConnectEvent) => unknown): this {
    if (typeof handler !== 'function') throw new TypeError('the connect handler must be a function');
    this.connectHandler = handler;
    return this;
  }
  /** Told when a connection onConnect was told of ends, with the code and reason it ended with. */
  onDisconnect(handler: (e: DisconnectEvent) => unknown): this {
    if (typeof handler !== 'function') throw new TypeError('the disconnect handler must be a function');
    this.disconnectHandler = handler;
    return this;
  }

  private on<E extends keyof EventHandlers>(event: E, handler: EventHandlers[E]): this {
    if (typeof handler !== 'function') throw new TypeError(`the ${event} handler must be a function`);
    this.parts.handlers.set(event, handler);
    // As with the proxy, channel events are asked only in namespaces that say so: a handler no namespace turns on
    // would never run, which is worth a line rather than a silent surprise.
    const option = CHANNEL_EVENT_OPTIONS[event];
    if (option) {
      const { channel } = this.config;
      if (!channel[option] && !channel.namespaces.some((n) => n[option])) {
        this.log.warn({ event, option }, `the ${event} handler runs only for channels whose namespace sets ${option}, and none does`);
      }
    }
    return this;
  }

  /** Runs a notification handler: what it throws (or its promise rejects with) is logged, never let into the connection's life. */
  private tell<E extends ConnectEvent | DisconnectEvent>(h: ((e: E) => unknown) | null, e: E): void {
    if (!h) return;
    const failed = (err: unknown) => this.log.error({ err, client: e.client }, 'connection event handler failed');
    try {
      const r = h(e);
      if (r instanceof Promise) r.catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  // ── Serving.

  /**
   * Answers a request when one of the groups' routes claims it; false leaves
   * it to the caller (a framework's next handler).
   */
  handleRequest(req: IncomingMessage, res: ServerResponse, routes: RouteGroup[] = ['connections']): boolean {
    return !this.closed && this.routers(routes).some((r) => r.handle(req, res));
  }

  /** Takes a WebSocket upgrade when one of the groups' routes claims it; false leaves it to the caller. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, routes: RouteGroup[] = ['connections']): boolean {
    return !this.closed && this.routers(routes).some((r) => r.handleUpgrade(req, socket, head));
  }

  /**
   * Serves the node on the application's HTTP(S) server: the groups' requests
   * and upgrades are Gyre's, everything else goes to the server's other
   * listeners as before (an Express or Fastify app, a WebSocket server of the
   * application's), whether they were added before or after. A request or
   * upgrade nobody else listens for is a JSON 404. After close() every request
   * is the application's again.
   */
  attach(server: Server | HttpsServer, options: AttachOptions = {}): this {
    const routes = [...new Set<RouteGroup>(['connections', ...(options.routes ?? [])])];
    const routers = this.routers(routes); // an unknown group is refused now, not at the first request
    /** Requests and upgrades Gyre answered: the application's listeners skip them. */
    const claimed = new WeakSet<IncomingMessage>();
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      if (!this.closed && routers.some((r) => r.handle(req, res))) claimed.add(req);
      else if (server.listenerCount('request') === 1) sendError(res, 404, 104, 'not found');
    };
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!this.closed && routers.some((r) => r.handleUpgrade(req, socket, head))) claimed.add(req);
      // Alone on the event, an upgrade nobody takes would hang until the client gives up.
      else if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found', 104, 'not found');
    };
    // Every other listener of both events, there now or added later (an Express app, a ws WebSocketServer on the
    // same server, which would refuse Gyre's upgrades), is wrapped to skip what Gyre claimed. The wrapper carries
    // the original as `listener`, as once() wrappers do, so removing the original (wss.close()) removes it.
    type Listener = (req: IncomingMessage, ...rest: unknown[]) => void;
    let wrapping = false;
    const wrap = (event: 'request' | 'upgrade', l: Listener) => {
      const skipping = function (this: unknown, req: IncomingMessage, ...rest: unknown[]) {
        if (!claimed.has(req)) l.call(this, req, ...rest);
      };
      wrapping = true;
      try {
        server.removeListener(event, l);
        server.on(event, Object.assign(skipping, { listener: l }));
      } finally {
        wrapping = false;
      }
    };
    for (const event of ['request', 'upgrade'] as const) for (const l of server.rawListeners(event) as Listener[]) wrap(event, l);
    server.prependListener('request', onRequest);
    server.prependListener('upgrade', onUpgrade);
    server.on('newListener', (event: string | symbol, l: Listener) => {
      if (wrapping || (event !== 'request' && event !== 'upgrade') || l === onRequest || l === onUpgrade) return;
      // Called before the listener is added: wrapped once it is there.
      queueMicrotask(() => {
        if (server.rawListeners(event).includes(l)) wrap(event, l);
      });
    });
    return this;
  }

  /**
   * Serves every route on a server of the node's own, as `gyre serve` does
   * (port and address from the configuration unless given; port 0 picks a
   * free one). Resolves once listening, with the address.
   */
  async listen(port: number = this.config.port, host: string = this.config.address): Promise<AddressInfo> {
    const server = createServer(this.routers([...ROUTE_GROUPS]));
    await listen(server, (done) => server.listen({ port, host: host || undefined, backlog: listenBacklog() }, done));
    this.own.push(server);
    return server.address() as AddressInfo;
  }

  /** The servers listen() started. */
  get servers(): readonly Server[] {
    return this.own;
  }

  private routers(groups: RouteGroup[]) {
    return groups.map((g) => {
      if (!ROUTE_GROUPS.includes(g)) throw new TypeError(`unknown route group ${JSON.stringify(g)}: one of ${ROUTE_GROUPS.join(', ')}`);
      return this.parts.routes[g];
    });
  }

  // ── The server API, as the HTTP API has it: the same params and results (snake_case), the same errors (thrown as GyreError).

  /**
   * Runs any server API method (`publish`, `batch`, …) with its params as the
   * HTTP API takes them; resolves with the result as the HTTP API answers it.
   * A refusal rejects with a GyreError carrying the API's code.
   */
  async call<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    // Its engine released, a closed node cannot act: say so rather than fail somewhere inside.
    if (this.closing) throw new GyreError(108, 'not available: the node is closed');
    await this.yieldIfLong();
    let result;
    try {
      result = await this.parts.executor.call(method, params, { source: 'library' });
    } catch (err) {
      if (err instanceof ClientError) throw new GyreError(err.code, err.message, err.temporary);
      this.log.error({ err, method }, 'api call failed');
      const e = Errors.internal;
      throw new GyreError(e.code, e.message, e.temporary);
    }
    // Payloads are held as bytes of JSON text; the answer is what the HTTP API would send, parsed.
    return JSON.parse(serialize(result)) as T;
  }

  /** When the current slice of the event loop began, while `sliceArmed`. */
  private sliceStart = 0;
  private sliceArmed = false;

  /**
   * An application may call in a loop (`for (…) await gyre.publish(…)`) that
   * never gives the event loop a turn: with the memory engine each call
   * settles in microtasks, so no socket would be read or drained and every
   * subscriber's queue would grow until it is cut as slow (3008). Once a
   * slice has run SLICE_MS, the next call waits for the event loop to turn
   * (setImmediate, after I/O), as HTTP requests arriving one by one would.
   */
  private async yieldIfLong(): Promise<void> {
    const now = performance.now();
    if (!this.sliceArmed) {
      this.sliceArmed = true;
      this.sliceStart = now;
      setImmediate(() => {
        this.sliceArmed = false;
      });
      return;
    }
    if (now - this.sliceStart >= SLICE_MS) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Publishes `data` (a JSON value, or bytes) into a channel, on every node. */
  publish(channel: string, data: Payload, options: PublishOptions = {}): Promise<PublishReply> {
    return this.call('publish', { ...options, channel, data });
  }
  /** Publishes the same data into several channels; each channel's outcome in order. */
  broadcast(channels: string[], data: Payload, options: PublishOptions = {}): Promise<BroadcastReply> {
    return this.call('broadcast', { ...options, channels, data });
  }
  /** Subscribes a user's connections to a channel, server-side. */
  async subscribe(user: string, channel: string, options: SubscribeOptions = {}): Promise<void> {
    await this.call('subscribe', { ...options, user, channel });
  }
  async unsubscribe(user: string, channel: string, options: TargetOptions = {}): Promise<void> {
    await this.call('unsubscribe', { ...options, user, channel });
  }
  /** Disconnects a user's connections on every node (3503 "force disconnect", not reconnecting, unless `disconnect` says otherwise). */
  async disconnect(user: string, options: DisconnectOptions = {}): Promise<void> {
    await this.call('disconnect', { ...options, user });
  }
  /** Prolongs (or expires) a user's connections. */
  async refresh(user: string, options: RefreshOptions = {}): Promise<void> {
    await this.call('refresh', { ...options, user });
  }
  presence(channel: string): Promise<PresenceReply> {
    return this.call('presence', { channel });
  }
  presenceStats(channel: string): Promise<PresenceStatsReply> {
    return this.call('presence_stats', { channel });
  }
  history(channel: string, options: HistoryOptions = {}): Promise<HistoryReply> {
    return this.call('history', { ...options, channel });
  }
  async historyRemove(channel: string): Promise<void> {
    await this.call('history_remove', { channel });
  }
  /** Active channels on every node, optionally matching a glob pattern. */
  channels(pattern?: string): Promise<ChannelsReply> {
    return this.call('channels', pattern === undefined ? {} : { pattern });
  }
  /** Every node of the deployment (this one, other embedded nodes, standalone servers sharing the Redis engine). */
  info(): Promise<InfoReply> {
    return this.call('info');
  }

  /**
   * Stops: new connections are refused, clients are closed with 3001 (they
   * reconnect elsewhere), API calls under way finish, the engine is released,
   * the servers listen() started close. Servers the node was attached to stay
   * the application's. False when `deadlineMs` (shutdown_timeout by default)
   * cut work short.
   */
  close(deadlineMs: number = this.config.shutdown_timeout * 1000): Promise<boolean> {
    this.closing ??= this.parts.drain(deadlineMs, this.own).finally(() => {
      this.closed = true;
    });
    return this.closing;
  }

  /** The node's internals, for the server's own tooling. @internal */
  get internals(): import('./assemble').Assembly {
    return this.parts;
  }
}
