/**
 * The primary process: forks the workers, replaces one that dies (with
 * backoff, so a crash loop does not spin), and drains them on SIGTERM/SIGINT.
 * It owns no connections and no channels.
 */
import cluster, { type Worker } from 'node:cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/schema';
import type { Logger } from '../log';
import { MetricsCollector } from '../metrics/cluster';
import { PEER_ENV, type PrimaryMessage, type WorkerMessage } from './messages';

const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 15_000;
/** A worker that lived this long resets the backoff: its death was not a crash loop. */
const STABLE_AFTER_MS = 30_000;
/** How long past shutdown_timeout a worker gets to exit by itself before it is killed. */
const KILL_GRACE_MS = 2000;

/** How many workers to run, and why when it differs from what was asked. */
export function workerCount(config: Config): { count: number; note?: string; asked: boolean } {
  const asked = config.workers === 0 ? os.availableParallelism() : config.workers;
  if (config.engine === 'memory' && asked > 1) {
    const note = `the memory engine keeps channels in one process, so 1 worker runs instead of ${asked}; use engine "redis" for more`;
    return { count: 1, note, asked: config.workers > 1 };
  }
  return { count: asked, asked: false };
}

export function runPrimary(config: Config, log: Logger): void {
  const { count, note, asked } = workerCount(config);
  // A warning only when more workers were asked for explicitly; with the default (0) it is just how the memory engine runs.
  if (note) log[asked ? 'warn' : 'info'](note);
  let everReady = false;
  let shuttingDown = false;
  /** A worker that exited other than cleanly during the shutdown (cut off by shutdown_timeout, killed): the primary then exits 1. */
  let uncleanStop = false;
  let failures = 0;
  const startedAt = new Map<number, number>();
  /** Worker id → its index (0…count-1), which a replacement inherits: SockJS sessions are routed to workers by index. */
  const indexOf = new Map<number, number>();
  const peerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-peers-'));
  process.on('exit', () => fs.rmSync(peerDir, { recursive: true, force: true }));

  // Node's default (round-robin) has the primary accept every connection and pass it to a worker over IPC: two
  // messages and a descriptor per connection, a tenth of a worker's CPU in a reconnect storm. With one worker there
  // is nothing to balance, so it accepts from the shared socket itself. With several, round-robin stays: a worker
  // accepting for itself takes every pending connection at once, and long-lived connections would pile up on one.
  if (count === 1) cluster.schedulingPolicy = cluster.SCHED_NONE;
  const metrics = new MetricsCollector(() => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w));
  const fork = (index: number) => {
    const w = cluster.fork({ [PEER_ENV.index]: String(index), [PEER_ENV.count]: String(count), [PEER_ENV.dir]: peerDir });
    indexOf.set(w.id, index);
    startedAt.set(w.id, Date.now());
    w.on('message', (m: WorkerMessage) => {
      if (metrics.handle(w, m)) return;
      if (m?.type === 'ready') everReady = true;
      if (m?.type === 'fatal' && !everReady) {
        // A start that fails before any worker served is a configuration or environment problem: restarting would not help.
        log.fatal({ cause: m.message }, 'start failed');
        shuttingDown = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGKILL');
        process.exit(1);
      }
    });
  };

  cluster.on('exit', (w: Worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(w.id) ?? Date.now());
    startedAt.delete(w.id);
    const index = indexOf.get(w.id) ?? 0;
    indexOf.delete(w.id);
    if (shuttingDown) {
      if (code !== 0) uncleanStop = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info({ clean: !uncleanStop }, 'all workers stopped');
        process.exit(uncleanStop ? 1 : 0);
      }
      return;
    }
    failures = lived > STABLE_AFTER_MS ? 1 : failures + 1;
    const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** (failures - 1));
    log.error({ worker: w.id, code, signal, restartInMs: delay }, 'worker died; restarting');
    setTimeout(() => {
      if (!shuttingDown) fork(index);
    }, delay);
  });

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(0);
    for (const w of workers) {
      const msg: PrimaryMessage = { type: 'shutdown' };
      if (w.isConnected()) w.send(msg);
    }
    // Each worker cuts its own drain off at shutdown_timeout; one still running 2 s later is stuck (a blocked event loop, a frozen process).
    setTimeout(() => {
      log.warn('shutdown deadline passed; killing workers');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdown_timeout * 1000 + KILL_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  log.info({ workers: count, engine: config.engine, port: config.port }, 'starting');
  for (let i = 0; i < count; i++) fork(i);
}
