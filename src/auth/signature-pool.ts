/**
 * Asymmetric token checks (RS*, ES*) off the event loop during reconnect
 * storms. An RS256 verify costs ~25 µs and an ES256 one ~50 µs of CPU; 20,000
 * reconnecting clients would hold a worker's event loop for 0.5–1 s, during
 * which no publication reaches anyone (bench/scenarios/token-verify.ts).
 *
 * Checks requested in the same turn of the event loop are collected and
 * flushed on setImmediate. A small flush (the steady state: a few connects at a
 * time) is verified inline, because one round trip to a thread costs the event
 * loop about as much as an RS256 verify itself. A larger one goes to a piscina
 * thread in batches, which costs the event loop a few µs per token instead of
 * the whole verify. If the pool fails (thread crash, queue full) the batch is
 * verified inline: a token check never fails for a reason of ours.
 */
import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import Piscina from 'piscina';
import { checkSignature, type SignatureChecker, type SignatureJob, type SignatureResult } from './signature-task';

export interface SignaturePoolOptions {
  /** Flushes smaller than this are verified inline. */
  inlineBelow?: number;
  /** Tokens per pool task. */
  batchSize?: number;
  /** Pool threads; 0 verifies everything inline. */
  threads?: number;
}

interface Pending {
  job: SignatureJob;
  key: KeyObject;
  resolve: (r: SignatureResult) => void;
}

export class SignaturePool implements SignatureChecker {
  private pending: Pending[] = [];
  private flushScheduled = false;
  private pool: Piscina | null = null;
  private closed = false;
  private readonly inlineBelow: number;
  private readonly batchSize: number;
  private readonly threads: number;
  /** Counters for tests and metrics: where tokens were verified. */
  readonly stats = { inline: 0, offloaded: 0, poolFailures: 0 };

  constructor(opts: SignaturePoolOptions = {}) {
    this.inlineBelow = opts.inlineBelow ?? 8;
    this.batchSize = opts.batchSize ?? 64;
    this.threads = opts.threads ?? 1;
  }

  check(job: SignatureJob, key: KeyObject): Promise<SignatureResult> {
    return new Promise((resolve) => {
      this.pending.push({ job, key, resolve });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Ends the threads; checks asked for afterwards (a draining worker) are verified inline. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length < this.inlineBelow || this.threads === 0 || this.closed) {
      this.verifyInline(batch);
      return;
    }
    for (let i = 0; i < batch.length; i += this.batchSize) void this.offload(batch.slice(i, i + this.batchSize));
  }

  private verifyInline(batch: Pending[]): void {
    this.stats.inline += batch.length;
    for (const p of batch) p.resolve(checkSignature(p.job, p.key));
  }

  private async offload(batch: Pending[]): Promise<void> {
    let results: SignatureResult[];
    try {
      results = (await this.threadPool().run(batch.map((p) => p.job))) as SignatureResult[];
      if (!Array.isArray(results) || results.length !== batch.length) throw new Error('pool answered a different batch');
    } catch {
      this.stats.poolFailures++;
      this.verifyInline(batch);
      return;
    }
    this.stats.offloaded += batch.length;
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i]!);
  }

  /** Started on the first storm, so an idle worker never holds a thread; idle threads exit after a minute. */
  private threadPool(): Piscina {
    if (!this.pool) {
      this.pool = new Piscina({
        filename: path.join(__dirname, 'signature-task.js'),
        minThreads: 0,
        maxThreads: this.threads,
        idleTimeout: 60_000,
        // Bounded: past this the pool refuses and the batch is verified inline (never dropped).
        maxQueue: 1024,
      });
    }
    return this.pool;
  }
}

/** PEM of a key, computed once per KeyObject (threads get keys as PEM). */
const pems = new WeakMap<KeyObject, string>();
export function pemOf(key: KeyObject): string {
  let pem = pems.get(key);
  if (pem === undefined) pems.set(key, (pem = key.export({ type: 'spki', format: 'pem' }) as string));
  return pem;
}
