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

/**
 * How workers get their connections.
 *
 * - 'handoff' is Node's round-robin: the primary accepts every connection
 *   and passes it to a worker over IPC. That costs three IPC messages and a
 *   descriptor per connection; measured here, 320 µs of CPU per connection
 *   with 2 workers, more than everything Gyre does for a connect and
 *   subscribe (bench/RESULTS.md).
 * - 'accept' (SCHED_NONE): every worker accepts from the shared listening
 *   socket itself. The libuv of Node 20 (1.46) accepts one connection per
 *   wake-up instead of draining the queue (libuv pull request 3696, "don't
 *   accept() connections in a loop"), so the idle workers share a burst
 *   between them and a busy one takes fewer: 10,000 connections at once split
 *   47/53 % over 2 workers on 2 cores. With more workers than cores the split
 *   follows the scheduler (14–37 % over 4 workers on 2 cores), so round-robin
 *   stays there.
 *
 * One worker always accepts itself: there is nothing to balance. Node's own
 * NODE_CLUSTER_SCHED_POLICY (rr | none), when set, decides instead.
 */
export function connectionSharing(workers: number, cores: number, env: NodeJS.ProcessEnv): 'accept' | 'handoff' {
  const forced = env['NODE_CLUSTER_SCHED_POLICY'];
  if (forced === 'rr') return 'handoff';
  if (forced === 'none') return 'accept';
  return workers <= Math.max(1, cores) ? 'accept' : 'handoff';
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

  const sharing = connectionSharing(count, os.availableParallelism(), process.env);
  cluster.schedulingPolicy = sharing === 'accept' ? cluster.SCHED_NONE : cluster.SCHED_RR;
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
    // `worker` is the index the worker logged and was labelled with in /metrics (not cluster's id, which grows with each replacement).
    log.error({ worker: index, workerPid: w.process.pid, code, signal, restartInMs: delay }, 'worker died; restarting');
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
