/**
 * Verifying a storm of asymmetric tokens without stalling the event loop: 20,000 RS256 and ES256 tokens arrive at
 * once (as the connects of a reconnect storm land in one turn of the loop) and are verified by
 *   (a) inline: jsonwebtoken's synchronous verify, one per connect;
 *   (b) async: crypto.verify with a callback (libuv's thread pool), one per connect;
 *   (c) pool: a piscina pool of worker threads, batches of --batch tokens per task.
 * Measured while a 5 ms ticker runs (what other clients of the worker feel): the time until every token is verified,
 * and the ticker's lateness p50/p99/max.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import Piscina from 'piscina';
import { checkSignature, type SignatureJob, type SignatureResult } from '../../src/auth/signature-task';
import { AsyncCryptoChecker } from './async-verify';
import { int, type Options } from '../harness/cli';
import { fmt1, fmtRatio, printTable, type Column } from '../harness/report';
import { type Outcome, outcome, type Row } from '../harness/runs';
import { common, type Scenario } from '../harness/scenario';
import { percentile, sorted } from '../harness/stats';

const subOf = (r: SignatureResult): string | null => ('payload' in r ? String(r.payload.sub) : null);

type Mode = 'inline' | 'async' | 'pool';

interface Result extends Outcome {
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
  const lag = sorted(lags);
  return { ...outcome(), totalMs, lagP50: percentile(lag, 50), lagP99: percentile(lag, 99), lagMax: percentile(lag, 100) };
}

const ALGS = ['RS256', 'ES256'] as const;
const MODES: Mode[] = ['inline', 'async', 'pool'];

const options = {
  ...common({ runs: 3, retries: 0, waitQuiet: 0 }),
  tokens: int(20_000, 'tokens queued at once', { quick: 500 }),
  batch: int(64, 'tokens per pool task'),
  threads: int(1, 'pool threads'),
};
type O = Options<typeof options>;

interface Variant {
  alg: (typeof ALGS)[number];
  mode: Mode;
}

interface Ctx {
  pool: Piscina;
  keys: Map<Variant['alg'], { pem: string; tokens: string[] }>;
}

export const scenario: Scenario<typeof options, Variant, Result, Ctx> = {
  name: 'token-verify',
  title: 'verifying 20,000 queued RS256/ES256 tokens inline, async or on a thread pool, and the event loop meanwhile',
  about: `
Every token is its own event (setImmediate), queued together, as a storm's frames arrive in one turn of the loop;
a 5 ms ticker measures how late the loop runs meanwhile. Ratio: the time until all are verified against inline's.`,
  options,
  header: (o: O) => `${o.tokens} tokens; pool: ${o.threads} thread(s), batches of ${o.batch}`,
  async setup(o) {
    const pool = new Piscina({ filename: path.join(__dirname, '../../src/auth/signature-task.js'), minThreads: o.threads, maxThreads: o.threads });
    const keys: Ctx['keys'] = new Map();
    for (const alg of ALGS) {
      const pair = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      keys.set(alg, { pem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), tokens: Array.from({ length: o.tokens }, (_, i) => jwt.sign({ sub: `u${i}` }, pair.privateKey, { algorithm: alg })) });
    }
    return { pool, keys };
  },
  variants: () => ALGS.flatMap((alg) => MODES.map((mode) => ({ alg, mode }))),
  key: (v) => `${v.alg} ${v.mode}`,
  async run(v, _run, o, c) {
    const k = c.keys.get(v.alg)!;
    return storm(v.mode, v.alg, k.tokens, k.pem, c.pool, o.batch);
  },
  summary: (r) => `all verified in ${fmt1(r.totalMs)} ms, ticker lateness p99 ${fmt1(r.lagP99)} ms`,
  async after(_o, c) {
    await c.pool.destroy();
  },
  report(res, o) {
    const inline = (x: Row<Variant, Result>) => res.median(`${x.variant.alg} inline`)?.totalMs ?? NaN;
    const cols: Column<Row<Variant, Result>>[] = [
      ['algorithm', (x) => x.variant.alg],
      ['mode', (x) => x.variant.mode],
      ['all verified in ms', (x) => fmt1(x.r.totalMs)],
      ['ticker lateness p50 ms', (x) => fmt1(x.r.lagP50)],
      ['p99 ms', (x) => fmt1(x.r.lagP99)],
      ['max ms', (x) => fmt1(x.r.lagMax)],
      ['ratio to inline (all verified)', (x) => fmtRatio(x.r.totalMs, inline(x))],
    ];
    printTable(`median of ${o.runs} run(s):`, cols, res.medians);
  },
};
