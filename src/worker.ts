/**
 * Composition root of a worker process: configuration → engine → token
 * verifier → node → transports → HTTP server. Nothing else constructs
 * components, so the wiring is all here.
 */
import type { Server } from 'node:http';
import { HttpApi } from './api/http-api';
import { ApiExecutor } from './api/methods';
import { JwtVerifier } from './auth/jwt-verifier';
import { Client } from './client/client';
import type { Config } from './config/schema';
import { createEngine } from './engine/create-engine';
import { createHttpServer } from './http-server';
import { IngestManager } from './ingest/ingest';
import type { Logger } from './log';
import { Node } from './node';
import type { PrimaryMessage, WorkerMessage } from './primary/messages';
import { createWebSocketServer } from './transport/websocket';

/** How long closing WebSockets get to complete their close handshake during a drain. */
const CLOSE_HANDSHAKE_MS = 1000;

export interface RunningWorker {
  node: Node;
  server: Server;
  /** Stops accepting, closes clients with 3001, finishes API requests, releases the engine. */
  drain(deadlineMs: number): Promise<void>;
}

export async function startWorker(config: Config, log: Logger): Promise<RunningWorker> {
  const engine = createEngine(config, log.child({ component: 'engine' }));
  const verifier = new JwtVerifier({
    hmacSecret: config.token.hmac_secret,
    rsaPublicKey: config.token.rsa_public_key,
    ecdsaPublicKey: config.token.ecdsa_public_key,
    audience: config.token.audience,
    issuer: config.token.issuer,
  });
  const node = new Node(config, engine, verifier, log.child({ component: 'node' }));
  await node.start();
  const executor = new ApiExecutor(node);
  const api = new HttpApi(executor, config.api, log.child({ component: 'api' }));
  // engine.redis is the ingest connection: there only with the Redis engine and api.redis_ingest.
  const ingest = engine.redis ? new IngestManager(config, engine.redis, executor, node.uid, log.child({ component: 'ingest' })) : null;
  if (ingest) {
    node.infoExtra = () => (ingest.stats().length ? { ingest: ingest.stats() } : {});
    ingest.start();
  }
  let draining = false;
  const wss = createWebSocketServer({
    maxPayload: config.websocket.message_size_limit,
    onConnection(transport, ws) {
      const client = new Client(node, transport);
      ws.on('message', (data: Buffer) => client.handleFrame(data));
      ws.on('close', () => client.handleTransportClosed());
      ws.on('error', (err) => client.log.debug({ err: err.message }, 'websocket error'));
    },
  });
  const server = createHttpServer({
    config,
    api,
    wss,
    log: log.child({ component: 'http' }),
    unhealthyReason: () => (draining ? 'shutting down' : node.healthy() ? null : 'engine unavailable'),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.address, () => {
      server.off('error', reject);
      resolve();
    });
  });

  async function drain(deadlineMs: number): Promise<void> {
    if (draining) return;
    draining = true;
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref());
    server.close();
    // Stop taking queue items first: what is in flight finishes, what is not stays in Redis for the next holder.
    await Promise.race([ingest?.stop(), deadline]);
    node.closeAllConnections();
    await Promise.race([api.idle(), deadline]);
    await Promise.race([waitFor(() => node.numConnections() === 0, CLOSE_HANDSHAKE_MS), deadline]);
    server.closeAllConnections();
    await node.close().catch((err) => log.warn({ err }, 'engine close failed'));
  }
  return { node, server, drain };
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
  let worker: RunningWorker;
  try {
    worker = await startWorker(config, log);
  } catch (err) {
    log.fatal({ err }, 'worker failed to start');
    tell({ type: 'fatal', message: (err as Error).message });
    process.exit(1);
  }
  log.info({ port: config.port, address: config.address, engine: config.engine }, 'worker serving');
  tell({ type: 'ready' });
  const stop = async () => {
    await worker.drain(config.shutdown_timeout * 1000);
    log.info('worker drained');
    process.exit(0);
  };
  process.on('message', (m: PrimaryMessage) => {
    if (m?.type === 'shutdown') void stop();
  });
  // A terminal's Ctrl-C reaches every process of the group; drain here too rather than die mid-write.
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
}
