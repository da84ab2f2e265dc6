/**
 * Composition root of a worker process: configuration → engine → token
 * verifier → node → transports → HTTP server. Nothing else constructs
 * components, so the wiring is all here.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type Server } from 'node:http';
import { AdminHttp } from './admin/admin-http';
import { GrpcApi } from './api/grpc/server';
import { HttpApi } from './api/http-api';
import { ApiExecutor } from './api/methods';
import { JwtVerifier, verifierOptions } from './auth/jwt-verifier';
import type { SignatureChecker } from './auth/signature-task';
import { Client } from './client/client';
import type { ClientServices } from './client/services';
import { Disconnects } from './disconnect';
import type { Config } from './config/schema';
import { createEngine } from './engine/create-engine';
import { listenBacklog } from './http/backlog';
import { healthEndpoint } from './http/health';
import { originMatcher } from './http/origin';
import { InFlight } from './http/in-flight';
import { HttpRouter } from './http/router';
import { TrustedProxies } from './http/trusted-proxies';
import { IngestManager } from './ingest/ingest';
import { answerCollections, metricsDisabled, metricsEndpoint } from './metrics/cluster';
import { type Metrics, noMetrics, PromMetrics } from './metrics/metrics';
import type { Logger } from './log';
import { NodeControl } from './node/control';
import { Node } from './node/node';
import { ProxyClient } from './proxy/proxy';
import { PositionCheck } from './node/position-check';
import { PresenceRefresh } from './node/presence-refresh';
import { PEER_ENV, peerSocket, type PrimaryMessage, type WorkerMessage, workerIndex } from './primary/messages';
import { EmulationSessions, emulationEndpoint } from './transport/emulation';
import { httpStreamEndpoint, sseEndpoint } from './transport/http-stream';
import { SOCKJS_PREFIX, sockjsEndpoint } from './transport/sockjs';
import { forward, sessionOwner } from './transport/sockjs-routing';
import type { Transport } from './transport/transport';
import { makeUniWebSocket, uniHttpStreamEndpoint, uniSseEndpoint } from './transport/uni';
import { websocketEndpoint } from './transport/websocket';

/** How long closing WebSockets get to complete their close handshake during a drain. */
const CLOSE_HANDSHAKE_MS = 1000;

export interface RunningWorker {
  node: Node;
  server: Server;
  /**
   * Stops accepting, closes clients with 3001, finishes API requests, releases the engine.
   * Resolves false when the deadline passed first and cut in-flight work short.
   */
  drain(deadlineMs: number): Promise<boolean>;
}

/** Parts a caller may substitute; only bench/scenarios/token-storm.ts does, to compare where token signatures are checked. */
export interface WorkerParts {
  signatures?: SignatureChecker;
}

export async function startWorker(config: Config, log: Logger, parts: WorkerParts = {}): Promise<RunningWorker> {
  const engine = createEngine(config, log.child({ component: 'engine' }));
  const verifier = new JwtVerifier(verifierOptions(config.token, { signatures: parts.signatures, log: log.child({ component: 'jwks' }) }));
  const node = new Node(config, engine.broker, engine.presence, engine.failures);
  const sessions = new EmulationSessions();
  const control = new NodeControl(config.name, node.hub, node.rules, engine.controller, sessions, log.child({ component: 'control' }), engine.failures);
  const prom = config.metrics.enabled ? new PromMetrics(node.hub, String(workerIndex())) : null;
  if (prom) answerCollections(prom);
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
  const proxy = Object.values(endpoints).some(Boolean)
    ? new ProxyClient({
        endpoints,
        timeoutMs: p.timeout * 1000,
        concurrency: p.concurrency,
        staticHeaders: p.static_headers,
        forwardHeaders: p.http_headers.map((h) => h.toLowerCase()),
        maxPayload: config.websocket.message_size_limit,
        maxChannels: config.client.channel_limit,
      }, metrics, log.child({ component: 'proxy' }))
    : undefined;
  if (proxy) prom?.watchProxy(() => proxy.active);
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
    proxy,
    users: { disconnectOthers: (user, keep, d) => control.disconnectUser({ user }, d, [keep]) },
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
  const streams = { originAllowed, unavailable, sessions, onConnection: (transport: Transport, req: IncomingMessage) => void new Client(services, transport, req.headers) };
  const router = new HttpRouter()
    .route('/connection/http_stream', httpStreamEndpoint(streams))
    .route('/connection/sse', sseEndpoint(streams))
    .route('/emulation', emulationEndpoint({ originAllowed, sessions, localNode: control.uid, forward: (n, s, f) => control.forwardEmulation(n, s, f) }))
    .routePrefix('/api', (req, res, path) => void api.handle(req, res, path))
    .route('/health', healthEndpoint({ unavailable, shards: engine.shards }))
    .upgrade(
      '/connection/websocket',
      websocketEndpoint({
        maxPayload: config.websocket.message_size_limit,
        originAllowed,
        unavailable,
        onConnection: (transport, req) => void new Client(services, transport, req.headers),
        onRefused: (req, why) => httpLog.info({ origin: req.headers.origin }, why),
      }),
    );
  const sockjs = sockjsEndpoint({
    clientUrl: config.sockjs.url,
    messageSizeLimit: config.websocket.message_size_limit,
    allowedOrigins: config.client.allowed_origins,
    originAllowed,
    unavailable,
    onConnection: (transport, headers) => void new Client(services, transport, headers),
  });
  const peers = peerWorkers();
  const peerAgent = new http.Agent({ keepAlive: true });
  router
    .routePrefix(SOCKJS_PREFIX, (req, res) => {
      // With several workers, a request of a session another worker holds goes there (sockjs-routing.ts).
      const owner = peers ? sessionOwner(req.url ?? '', peers.count) : null;
      if (peers && owner !== null && owner !== peers.index) forward(peerSocket(peers.dir, owner), peerAgent, req, res);
      else sockjs.request(req, res);
    })
    .upgrade(SOCKJS_PREFIX, (req, socket, head) => sockjs.upgrade(req, socket, head), { prefix: true });
  // The private socket other workers pass this worker's SockJS requests through: served here, never passed on.
  const peerServer = peers ? http.createServer((req, res) => sockjs.request(req, res)) : null;
  // Unidirectional transports answer only when enabled (else 404, as any unknown path).
  router.route('/metrics', prom ? metricsEndpoint(prom) : metricsDisabled);
  if (config.admin.enabled) {
    const admin = new AdminHttp({
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
    router.route('/', admin.page).route('/favicon.ico', admin.favicon).routePrefix('/admin', admin.handle);
  }
  if (config.uni_http_stream.enabled) router.route('/connection/uni_http_stream', uniHttpStreamEndpoint(streams));
  if (config.uni_sse.enabled) router.route('/connection/uni_sse', uniSseEndpoint(streams));
  if (config.uni_websocket.enabled) {
    router.upgrade(
      '/connection/uni_websocket',
      websocketEndpoint({
        maxPayload: config.websocket.message_size_limit,
        originAllowed,
        unavailable,
        make: makeUniWebSocket,
        onConnection: (transport, req) => void new Client(services, transport, req.headers),
        onRefused: (req, why) => httpLog.info({ origin: req.headers.origin }, why),
      }),
    );
  }
  const server = router.createServer();
  // Before the HTTP server: /health answering means the worker serves everything it is configured to.
  await grpcApi?.start();
  await listen(server, (done) => server.listen({ port: config.port, host: config.address, backlog: listenBacklog() }, done));
  if (peerServer && peers) {
    const path = peerSocket(peers.dir, peers.index);
    fs.rmSync(path, { force: true }); // left by the worker this one replaces
    await listen(peerServer, (done) => peerServer.listen(path, done));
  }

  function drain(deadlineMs: number): Promise<boolean> {
    draining ??= drainOnce(deadlineMs);
    return draining;
  }
  async function drainOnce(deadlineMs: number): Promise<boolean> {
    let late = false;
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        late = true;
        resolve();
      }, deadlineMs).unref(),
    );
    server.close();
    peerServer?.close();
    // New GRPC calls are refused from here; those under way are counted in `requests`, like HTTP API requests.
    const grpcClosed = grpcApi?.close();
    // Stop taking queue items first: what is in flight finishes, what is not stays in Redis for the next holder.
    await Promise.race([ingest?.stop(), deadline]);
    // Clients reconnect (3001), to another worker or to this server once it is back.
    for (const c of [...node.connections]) c.close(Disconnects.shutdown);
    await Promise.race([requests.idle(), deadline]);
    await Promise.race([waitFor(() => node.connections.size === 0, CLOSE_HANDSHAKE_MS), deadline]);
    server.closeAllConnections();
    if (grpcApi) {
      await Promise.race([grpcClosed, deadline]);
      grpcApi.forceClose();
    }
    positions.stop();
    presenceRefresh.stop();
    // A failure while closing is expected under an outage (Redis down): a warning with the message, no stack.
    await control.close().catch((err: Error) => log.warn({ err: err.message }, 'control close failed'));
    await node.close().catch((err: Error) => log.warn({ err: err.message }, 'engine close failed'));
    await verifier.close().catch((err: Error) => log.warn({ err: err.message }, 'signature pool close failed'));
    return !late;
  }
  return { node, server, drain };
}

function listen(server: Server, start: (done: () => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    start(() => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** This worker's place among its siblings, from the environment the primary forked it with; null when it is alone. */
function peerWorkers(): { index: number; count: number; dir: string } | null {
  const index = Number(process.env[PEER_ENV.index]);
  const count = Number(process.env[PEER_ENV.count]);
  const dir = process.env[PEER_ENV.dir];
  if (!dir || !Number.isInteger(index) || !Number.isInteger(count) || count < 2) return null;
  return { index, count, dir };
}

function waitFor(cond: () => boolean, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => (cond() || Date.now() - started > maxMs ? resolve() : setTimeout(tick, 20));
    tick();
  });
}

/** Entry of a cluster worker: start, report to the primary, drain on request or signal. */
export async function runWorkerProcess(config: Config, log: Logger): Promise<void> {
  const tell = (m: WorkerMessage) => process.send?.(m);
  let worker: RunningWorker | undefined;
  let stopping = false;
  const stop = async () => {
    // A request that arrives while the worker is still starting is kept: it drains as soon as the start ends
    // (without this, a worker asked to stop mid-start ignored it until the primary killed it).
    stopping = true;
    if (!worker) return;
    // Exit 1 when shutdown_timeout cut work off, so the primary (and whoever runs it) can tell the shutdown was not clean.
    if (await worker.drain(config.shutdown_timeout * 1000)) {
      log.info('worker drained');
      process.exit(0);
    }
    log.warn({ shutdownTimeout: config.shutdown_timeout }, 'shutdown_timeout passed; in-flight work was cut off');
    process.exit(1);
  };
  process.on('message', (m: PrimaryMessage) => {
    if (m?.type === 'shutdown') void stop();
  });
  // A terminal's Ctrl-C reaches every process of the group; drain here too rather than die mid-write.
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  try {
    worker = await startWorker(config, log);
  } catch (err) {
    log.fatal({ err }, 'worker failed to start');
    tell({ type: 'fatal', message: (err as Error).message });
    process.exit(1);
  }
  log.info({ port: config.port, address: config.address, engine: config.engine, ...(config.grpc_api.enabled ? { grpcPort: config.grpc_api.port } : {}) }, 'worker serving');
  tell({ type: 'ready' });
  if (stopping) void stop();
}
