/**
 * Verifying a storm of asymmetric tokens without stalling the event loop:
 * 20,000 RS256 and ES256 tokens arrive at once (as the connects of a
 * reconnect storm land in one turn of the loop) and are verified by
 *   (a) inline: jsonwebtoken's synchronous verify, one per connect;
 *   (b) async: crypto.verify with a callback (libuv's thread pool), one per connect;
 *   (c) pool: a piscina pool of worker threads, batches of --batch tokens per task.
 * Measured while a 5 ms ticker runs (what other clients of the worker feel):
 * the time until every token is verified, and the ticker's lateness p50/p99/max.
 *
 *   node dist/bench/token-verify.js [--tokens 20000] [--batch 64] [--threads 1] [--runs 3]
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import Piscina from 'piscina';
import { checkSignature, type SignatureJob, type SignatureResult } from '../src/auth/signature-task';
import { AsyncCryptoChecker } from './async-verify';
import { intOption, median, parseFlags, percentile } from './lib';

const subOf = (r: SignatureResult): string | null => ('payload' in r ? String(r.payload.sub) : null);

type Mode = 'inline' | 'async' | 'pool';

interface Result {
  totalMs: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
}

async function storm(mode: Mode, alg: 'RS256' | 'ES256', tokens: string[], pem: string, pool: Piscina, batch: number): Promise<Result> {
  const key = createPublicKey(pem);
  const job = (token: string): SignatureJob => ({ token, pem, algorithms: [alg] });
  const asyncChecker = new AsyncCryptoChecker();
  const lags: number[] = [];
  let expected = performance.now() + 5;
  const ticker = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - expected));
    expected = now + 5;
  }, 5);
  await new Promise((r) => setTimeout(r, 50));
  lags.length = 0;
  const t0 = performance.now();
  let verified = 0;
  // Every connect is its own event: queued together, as a storm's frames arrive in one turn of the loop.
  await new Promise<void>((resolve) => {
    const done = (sub: string | null) => {
      if (sub !== null) verified++;
      if (++settled === tokens.length) resolve();
    };
    let settled = 0;
    if (mode === 'pool') {
      for (let i = 0; i < tokens.length; i += batch) {
        setImmediate(() => {
          void pool.run(tokens.slice(i, i + batch).map(job)).then((rs: SignatureResult[]) => rs.forEach((r) => done(subOf(r))));
        });
      }
      return;
    }
    for (const t of tokens) {
      setImmediate(() => {
        if (mode === 'inline') done(subOf(checkSignature(job(t), key)));
        else void asyncChecker.check(job(t), key).then((r) => done(subOf(r)));
      });
    }
  });
  const totalMs = performance.now() - t0;
  // The tick that was due while the loop was blocked fires now: let it be counted.
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(ticker);
  if (verified !== tokens.length) throw new Error(`${mode} ${alg}: ${verified}/${tokens.length} verified`);
  const sorted = Float64Array.from(lags).sort();
  return { totalMs, lagP50: percentile(sorted, 50), lagP99: percentile(sorted, 99), lagMax: sorted[sorted.length - 1] ?? 0 };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const n = intOption(flags, 'tokens', 'BENCH_TOKENS', 20_000);
  const batch = intOption(flags, 'batch', 'BENCH_BATCH', 64);
  const threads = intOption(flags, 'threads', 'BENCH_THREADS', 1);
  const runs = intOption(flags, 'runs', 'BENCH_RUNS', 3);
  const pool = new Piscina({ filename: path.join(__dirname, '../src/auth/signature-task.js'), minThreads: threads, maxThreads: threads });
  console.log(`node ${process.version}; ${n} tokens; pool: ${threads} thread(s), batches of ${batch}; median of ${runs} runs`);
  console.log('| algorithm | mode | all verified in ms | ticker lateness p50 ms | p99 ms | max ms |');
  console.log('|---|---|---|---|---|---|');
  for (const alg of ['RS256', 'ES256'] as const) {
    const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const tokens = Array.from({ length: n }, (_, i) => jwt.sign({ sub: `u${i}` }, pair.privateKey, { algorithm: alg }));
    for (const mode of ['inline', 'async', 'pool'] as const) {
      const rs: Result[] = [];
      for (let r = 0; r < runs; r++) rs.push(await storm(mode, alg, tokens, pem, pool, batch));
      const m = (f: (x: Result) => number) => median(rs.map(f)).toFixed(1);
      console.log(`| ${alg} | ${mode} | ${m((x) => x.totalMs)} | ${m((x) => x.lagP50)} | ${m((x) => x.lagP99)} | ${m((x) => x.lagMax)} |`);
    }
  }
  await pool.destroy();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
