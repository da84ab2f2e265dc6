/**
 * Composition root of a Gyre node: configuration → engine → token verifier
 * → node → backend (proxy and in-process handlers) → transports → routes.
 * Nothing else constructs components, so the wiring is all here. Both faces
 * of Gyre come through it: the server's workers (src/worker.ts) and an
 * application embedding Gyre (src/library/gyre.ts); what differs between
 * them is only where the routes are served.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type Server } from 'node:http';
import { AdminHttp } from '../admin/admin-http';
import { GrpcApi } from '../api/grpc/server';
import { HttpApi } from '../api/http-api';
import { ApiExecutor } from '../api/methods';
import { JwtVerifier, verifierOptions } from '../auth/jwt-verifier';
import type { SignatureChecker } from '../auth/signature-task';
import { Client } from '../client/client';
import type { ClientServices } from '../client/services';
import type { Config } from '../config/schema';
import { Disconnects } from '../disconnect';
import { createEngine } from '../engine/create-engine';
import { healthEndpoint } from '../http/health';
import { InFlight } from '../http/in-flight';
import { originMatcher } from '../http/origin';
import { HttpRouter } from '../http/router';
import { TrustedProxies } from '../http/trusted-proxies';
import { IngestManager } from '../ingest/ingest';
import type { Logger } from '../log';
import { answerCollections, metricsDisabled, metricsEndpoint } from '../metrics/cluster';
import { type Metrics, noMetrics, PromMetrics } from '../metrics/metrics';
import { NodeControl } from '../node/control';
import { Node } from '../node/node';
import { PositionCheck } from '../node/position-check';
import { PresenceRefresh } from '../node/presence-refresh';
import { peerSocket, workerIndex } from '../primary/messages';
import { answerLimits, ProxyClient } from '../proxy/proxy';
import { EmulationSessions, emulationEndpoint } from '../transport/emulation';
import { httpStreamEndpoint, sseEndpoint } from '../transport/http-stream';
import { SOCKJS_PREFIX, sockjsEndpoint } from '../transport/sockjs';
import { forward, sessionOwner } from '../transport/sockjs-routing';
import type { Transport } from '../transport/transport';
import { makeUniWebSocket, uniHttpStreamEndpoint, uniSseEndpoint } from '../transport/uni';
import { websocketEndpoint } from '../transport/websocket';
import { type ConnectEvent, type DisconnectEvent, InProcessBackend } from './handlers';
import type { RouteGroup } from './types';

/** How long closing WebSockets get to complete their close handshake during a drain. */
const CLOSE_HANDSHAKE_MS = 1000;


/** Parts the server's worker passes and an embedding application does not. */
export interface Internals {
  /** Where token signatures are checked; only bench/scenarios/token-storm.ts substitutes it. */
  signatures?: SignatureChecker;
  /** This worker's place among its siblings (src/worker.ts), so SockJS requests reach the worker holding their session. */
  peers?: { index: number; count: number; dir: string } | null;
  /** A server worker: /metrics is the whole server's, merged by the primary when there is one. */
  serverWorker?: boolean;
}

/** An assembled node, before any of its routes is served. */
export interface Assembly {
  node: Node;
  control: NodeControl;
  executor: ApiExecutor;
  handlers: InProcessBackend;
  /** Routes by group; `connections` also takes WebSocket upgrades. */
  routes: Record<RouteGroup, HttpRouter>;
  /** Starts what listens on a port of its own (the GRPC API) and this worker's private peer socket. */
  startListeners(): Promise<void>;
  /** Closes clients with 3001, finishes API requests, releases the engine; false when the deadline cut work short. */
  drain(deadlineMs: number, servers: Server[]): Promise<boolean>;
  /** 'shutting down' while draining, 'engine unavailable' during an outage, else null. */
  unavailable(): string | null;
}

/** What an embedding application is told of, beyond its handlers (absent for the server). */
export interface AppHooks {
  connected(e: ConnectEvent): void;
  disconnected(e: DisconnectEvent): void;
}

export async function assemble(config: Config, log: Logger, internals: Internals = {}, app?: AppHooks): Promise<Assembly> {
  const engine = createEngine(config, log.child({ component: 'engine' }));
  const verifier = new JwtVerifier(verifierOptions(config.token, { signatures: internals.signatures, log: log.child({ component: 'jwks' }) }));
  const node = new Node(config, engine.broker, engine.presence, engine.failures);
  const sessions = new EmulationSessions();
  const control = new NodeControl(config.name, node.hub, node.rules, engine.controller, sessions, log.child({ component: 'control' }), engine.failures);
  const prom = config.metrics.enabled ? new PromMetrics(node.hub, String(workerIndex())) : null;
  if (prom && internals.serverWorker) answerCollections(prom);
  if (engine.shards) prom?.watchShards(engine.shards);
  const metrics: Metrics = prom ?? noMetrics;
  node.metrics = metrics;
  control.metrics = metrics;
  const positions = new PositionCheck(node.connections, node.hub, node, config.client.position_check_interval);
  const presenceRefresh = new PresenceRefresh(node.connections, node, config.client.presence_update_interval);
  node.onPositionedPublication = (channel) => positions.published(channel);
  engine.setResubscribedHandler((shard) => {
    metrics.pubsubReconnected(shard);
    // Messages may have been lost while pub/sub was down: check every positioned subscription now, not in 40 s,
    // and let no subscriber share a stream read sent before.
    node.resubscribed();
    void positions.resubscribed();
  });
  await node.start();
  await control.start();
  positions.start();
  presenceRefresh.start();

  const { proxy: p } = config;
  const endpoints = { connect: p.connect_endpoint, refresh: p.refresh_endpoint, subscribe: p.subscribe_endpoint, publish: p.publish_endpoint, sub_refresh: p.sub_refresh_endpoint, rpc: p.rpc_endpoint };
  const limits = { maxPayload: config.websocket.message_size_limit, maxChannels: config.client.channel_limit };
  const httpProxy = Object.values(endpoints).some(Boolean)
    ? new ProxyClient(
        { endpoints, timeoutMs: p.timeout * 1000, concurrency: p.concurrency, staticHeaders: p.static_headers, forwardHeaders: p.http_headers.map((h) => h.toLowerCase()), ...limits },
        metrics,
        log.child({ component: 'proxy' }),
      )
    : undefined;
  // An embedding application's handlers sit in front of the HTTP proxy (events without one pass to it); a server's
  // connections ask the proxy itself.
  const handlers = new InProcessBackend({ timeoutMs: p.timeout * 1000, limits: answerLimits(limits), http: httpProxy, metrics, log: log.child({ component: 'handlers' }) });
  const backend = app ? handlers : httpProxy;
  if (backend) prom?.watchProxy(() => backend.active);
  const services: ClientServices = {
    config: config.client,
    metrics,
    rules: node.rules,
    verifier,
    channels: node,
    hub: node.hub,
    connections: node.connections,
    log: log.child({ component: 'client' }),
    nodeId: control.uid,
    // A server without endpoints has no backend, so its connections keep no headers; an embedding application may set handlers any time.
    proxy: backend,
    users: { disconnectOthers: (user, keep, d) => control.disconnectUser({ user }, d, [keep]) },
    events: app
      ? {
          connected: (c) => app.connected({ client: c.id, user: c.user, transport: c.transport.name, protocol: c.transport.protocol, headers: c.forwardedHeaders }),
          disconnected: (c, d) => app.disconnected({ client: c.id, user: c.user, transport: c.transport.name, code: d.code, reason: d.reason }),
        }
      : undefined,
  };
  const executor = new ApiExecutor(node, control, config.api.max_batch_size, metrics);
  const requests = new InFlight();
  const api = new HttpApi(executor, config.api, log.child({ component: 'api' }), requests);
  const grpcApi = config.grpc_api.enabled
    ? new GrpcApi({
        api: executor,
        config: config.grpc_api,
        insecure: config.api.insecure,
        maxMessageSize: config.api.max_body_size,
        defaultAddress: config.address,
        requests,
        log: log.child({ component: 'grpc_api' }),
      })
    : null;
  // engine.ingest is there only with the Redis engine and api.redis_ingest.
  const ingest = engine.ingest ? new IngestManager(config, engine.ingest, executor, control.uid, log.child({ component: 'ingest' }), engine.failures, metrics) : null;
  if (ingest) {
    prom?.watchIngest(() => ingest.stats());
    ingest.start();
  }
  control.infoExtra = () => ({
    ...(engine.shards ? { redis_shards: engine.shards() } : {}),
    ...(ingest?.stats().length ? { ingest: ingest.stats() } : {}),
  });
  /** The drain under way: a second request (the primary's message and a signal to the whole process group) waits for the same one. */
  let draining: Promise<boolean> | null = null;
  const unavailable = () => (draining ? 'shutting down' : node.healthy() ? null : 'engine unavailable');
  const httpLog = log.child({ component: 'http' });
  const originAllowed = originMatcher(config.client.allowed_origins);
  const connect = (transport: Transport, headers: IncomingMessage['headers'] | undefined) => void new Client(services, transport, headers);
  const streams = { originAllowed, unavailable, sessions, onConnection: (transport: Transport, req: IncomingMessage) => connect(transport, req.headers) };
  const connections = new HttpRouter()
    .route('/connection/http_stream', httpStreamEndpoint(streams))
    .route('/connection/sse', sseEndpoint(streams))
    .route('/emulation', emulationEndpoint({ originAllowed, sessions, localNode: control.uid, forward: (n, s, f) => control.forwardEmulation(n, s, f) }))
    .upgrade(
      '/connection/websocket',
      websocketEndpoint({
        maxPayload: config.websocket.message_size_limit,
        originAllowed,
        unavailable,
        onConnection: (transport, req) => connect(transport, req.headers),
        onRefused: (req, why) => httpLog.info({ origin: req.headers.origin }, why),
      }),
    );
  const sockjs = sockjsEndpoint({
    clientUrl: config.sockjs.url,
    messageSizeLimit: config.websocket.message_size_limit,
    allowedOrigins: config.client.allowed_origins,
    originAllowed,
    unavailable,
    onConnection: connect,
  });
  const peers = internals.peers ?? null;
  const peerAgent = new http.Agent({ keepAlive: true });
  connections
    .routePrefix(SOCKJS_PREFIX, (req, res) => {
      // With several workers, a request of a session another worker holds goes there (sockjs-routing.ts).
      const owner = peers ? sessionOwner(req.url ?? '', peers.count) : null;
      if (peers && owner !== null && owner !== peers.index) forward(peerSocket(peers.dir, owner), peerAgent, req, res);
      else sockjs.request(req, res);
    })
    .upgrade(SOCKJS_PREFIX, (req, socket, head) => sockjs.upgrade(req, socket, head), { prefix: true });
  // Unidirectional transports answer only when enabled (else 404, as any unknown path).
  if (config.uni_http_stream.enabled) connections.route('/connection/uni_http_stream', uniHttpStreamEndpoint(streams));
  if (config.uni_sse.enabled) connections.route('/connection/uni_sse', uniSseEndpoint(streams));
  if (config.uni_websocket.enabled) {
    connections.upgrade(
      '/connection/uni_websocket',
      websocketEndpoint({
        maxPayload: config.websocket.message_size_limit,
        originAllowed,
        unavailable,
        make: makeUniWebSocket,
        onConnection: (transport, req) => connect(transport, req.headers),
        onRefused: (req, why) => httpLog.info({ origin: req.headers.origin }, why),
      }),
    );
  }
  // The private socket other workers pass this worker's SockJS requests through: served here, never passed on.
  const peerServer = peers ? http.createServer((req, res) => sockjs.request(req, res)) : null;
  const admin = new HttpRouter();
  if (config.admin.enabled) {
    const ui = new AdminHttp({
      password: config.admin.password,
      secret: config.admin.secret,
      maxBodySize: config.api.max_body_size,
      api: executor,
      node,
      deadLetters: ingest?.deadLetters ?? null,
      log: log.child({ component: 'admin' }),
      requests,
      limiter: engine.loginLimiter,
      failures: engine.failures,
      proxies: new TrustedProxies(config.admin.trusted_proxies),
      proxyHeader: config.admin.proxy_header,
    });
    admin.route('/', ui.page).route('/favicon.ico', ui.favicon).routePrefix('/admin', ui.handle);
  }
  const routes: Record<RouteGroup, HttpRouter> = {
    connections,
    api: new HttpRouter().routePrefix('/api', (req, res, path) => void api.handle(req, res, path)),
    health: new HttpRouter().route('/health', healthEndpoint({ unavailable, shards: engine.shards })),
    metrics: new HttpRouter().route('/metrics', prom ? metricsEndpoint(prom, !!internals.serverWorker) : metricsDisabled),
    admin,
  };

  async function startListeners(): Promise<void> {
    await grpcApi?.start();
    if (peerServer && peers) {
      const path = peerSocket(peers.dir, peers.index);
      fs.rmSync(path, { force: true }); // left by the worker this one replaces
      await listen(peerServer, (done) => peerServer.listen(path, done));
    }
  }

  function drain(deadlineMs: number, servers: Server[]): Promise<boolean> {
    draining ??= drainOnce(deadlineMs, servers);
    return draining;
  }
  async function drainOnce(deadlineMs: number, servers: Server[]): Promise<boolean> {
    let late = false;
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        late = true;
        resolve();
      }, deadlineMs).unref(),
    );
    for (const s of servers) s.close();
    peerServer?.close();
    // New GRPC calls are refused from here; those under way are counted in `requests`, like HTTP API requests.
    const grpcClosed = grpcApi?.close();
    // Stop taking queue items first: what is in flight finishes, what is not stays in Redis for the next holder.
    await Promise.race([ingest?.stop(), deadline]);
    // Clients reconnect (3001), to another worker or to this server once it is back.
    for (const c of [...node.connections]) c.close(Disconnects.shutdown);
    await Promise.race([requests.idle(), deadline]);
    await Promise.race([waitFor(() => node.connections.size === 0, CLOSE_HANDSHAKE_MS), deadline]);
    for (const s of servers) s.closeAllConnections();
    // The closed clients' presence removals and leaves are still on their way to the engine.
    await Promise.race([node.settled(), deadline]);
    if (grpcApi) {
      await Promise.race([grpcClosed, deadline]);
      grpcApi.forceClose();
    }
    positions.stop();
    presenceRefresh.stop();
    peerAgent.destroy();
    // A failure while closing is expected under an outage (Redis down): a warning with the message, no stack.
    await control.close().catch((err: Error) => log.warn({ err: err.message }, 'control close failed'));
    await node.close().catch((err: Error) => log.warn({ err: err.message }, 'engine close failed'));
    await verifier.close().catch((err: Error) => log.warn({ err: err.message }, 'signature pool close failed'));
    return !late;
  }

  return { node, control, executor, handlers, routes, startListeners, drain, unavailable };
}

export function listen(server: Server, start: (done: () => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    start(() => {
      server.off('error', reject);
      resolve();
    });
  });
}

function waitFor(cond: () => boolean, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => (cond() || Date.now() - started > maxMs ? resolve() : setTimeout(tick, 20));
    tick();
  });
}
