/**
 * The server of the token-storm scenario (token-storm.ts): one Gyre worker (memory engine) whose
 * asymmetric token checks run where the bench says — inline, async
 * crypto.verify, or the default pool — plus an event-loop delay histogram
 * the bench resets before the storm and reads after it (over IPC).
 *
 *   forked with env GYRE_* (the server's config) and STORM_MODE=inline|async|pool
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SignaturePool } from '../../src/auth/signature-pool';
import { AsyncCryptoChecker } from './async-verify';
import { loadConfig } from '../../src/config/load';
import { createRootLogger } from '../../src/log';
import { startWorker } from '../../src/worker';

async function main(): Promise<void> {
  const mode = process.env['STORM_MODE'] ?? 'pool';
  const signatures = mode === 'inline' ? new SignaturePool({ threads: 0 }) : mode === 'async' ? new AsyncCryptoChecker() : new SignaturePool();
  const config = loadConfig({ env: process.env });
  const log = createRootLogger(config.log);
  await startWorker(config, log, { signatures });
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  process.on('message', (m: { type: string }) => {
    if (m.type === 'reset') lag.reset();
    if (m.type === 'report') {
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const where = signatures instanceof SignaturePool ? signatures.stats : null;
      process.send!({ type: 'lag', p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max), offloaded: where?.offloaded ?? 0 });
    }
  });
  process.send!({ type: 'ready' });
}

void main();
