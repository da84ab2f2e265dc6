/**
 * A server worker: a Gyre node (src/library/gyre.ts, the same class an
 * embedding application uses) made from the server's configuration and
 * listening on its port, as one of the primary's workers or alone.
 */
import type { Server } from 'node:http';
import type { SignatureChecker } from './auth/signature-task';
import type { Config } from './config/schema';
import { Gyre } from './library/gyre';
import type { Logger } from './log';
import type { Node } from './node/node';
import { PEER_ENV, type PrimaryMessage, type WorkerMessage } from './primary/messages';

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
  // The GRPC API (and the private SockJS peer socket) listen before the HTTP server: /health answering means the
  // worker serves everything it is configured to.
  const gyre = await Gyre.fromConfig(config, log, { signatures: parts.signatures, peers: peerWorkers(), serverWorker: true });
  await gyre.listen(config.port, config.address);
  return { node: gyre.internals.node, server: gyre.servers[0]!, drain: (deadlineMs) => gyre.close(deadlineMs) };
}

/** This worker's place among its siblings, from the environment the primary forked it with; null when it is alone. */
function peerWorkers(): { index: number; count: number; dir: string } | null {
  const index = Number(process.env[PEER_ENV.index]);
  const count = Number(process.env[PEER_ENV.count]);
  const dir = process.env[PEER_ENV.dir];
  if (!dir || !Number.isInteger(index) || !Number.isInteger(count) || count < 2) return null;
  return { index, count, dir };
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
