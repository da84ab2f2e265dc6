/**
 * The server of bench/token-storm.ts: one Gyre worker (memory engine) whose
 * asymmetric token checks run where the bench says — inline, async
 * crypto.verify, or the default pool — plus an event-loop delay histogram
 * the bench resets before the storm and reads after it (over IPC).
 *
 *   forked with env GYRE_* (the server's config) and STORM_MODE=inline|async|pool
 */
import { constants, type KeyObject, verify as cryptoVerify } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import { SignaturePool } from '../src/auth/signature-pool';
import type { SignatureChecker, SignatureJob, SignatureResult } from '../src/auth/signature-task';
import { loadConfig } from '../src/config/load';
import { createRootLogger } from '../src/log';
import { startWorker } from '../src/worker';

/** (b): the signature on libuv's thread pool through crypto.verify's callback, then the claims this bench uses (exp, aud). */
class AsyncCryptoChecker implements SignatureChecker {
  check(job: SignatureJob, key: KeyObject): Promise<SignatureResult> {
    const [h = '', p = '', s = ''] = job.token.split('.');
    const alg = String((jwt.decode(job.token, { complete: true })?.header.alg) ?? '');
    const keyInput = alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' as const } : { key, padding: constants.RSA_PKCS1_PADDING };
    return new Promise((resolve) =>
      cryptoVerify(`sha${alg.slice(2)}`, Buffer.from(`${h}.${p}`), keyInput, Buffer.from(s, 'base64url'), (err, ok) => {
        if (err || !ok) return resolve({ error: 'invalid', message: 'invalid signature' });
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as jwt.JwtPayload;
        if (typeof payload.exp === 'number' && payload.exp * 1000 <= Date.now()) return resolve({ error: 'expired', message: 'jwt expired' });
        if (job.audience && payload.aud !== job.audience) return resolve({ error: 'invalid', message: 'jwt audience invalid' });
        resolve({ payload });
      }),
    );
  }
  async close(): Promise<void> {}
}

async function main(): Promise<void> {
  const mode = process.env['STORM_MODE'] ?? 'pool';
  const signatures = mode === 'inline' ? new SignaturePool({ threads: 0 }) : mode === 'async' ? new AsyncCryptoChecker() : new SignaturePool();
  const config = loadConfig({ env: process.env });
  const log = createRootLogger(config.log.level);
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
