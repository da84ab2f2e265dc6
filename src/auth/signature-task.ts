/**
 * One signature check, and the piscina task that runs a batch of them on a
 * pool thread. Both sides (the event loop's inline path and the pool thread)
 * run this same function, so a token verifies identically wherever it lands.
 * Results are plain data because they cross a thread boundary by structured
 * clone: the payload on success, the jsonwebtoken error class name otherwise.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt, { type Algorithm, type JwtPayload } from 'jsonwebtoken';

export interface SignatureJob {
  token: string;
  /** SPKI PEM of the public key (KeyObjects are not passed: the thread caches its own by PEM). */
  pem: string;
  algorithms: Algorithm[];
  audience?: string;
  issuer?: string;
}

export type SignatureResult = { payload: JwtPayload } | { error: 'expired' | 'invalid'; message: string };

/** Where asymmetric checks run: SignaturePool by default; bench/scenarios/token-storm.ts plugs in the alternatives it compares. */
export interface SignatureChecker {
  check(job: SignatureJob, key: KeyObject): Promise<SignatureResult>;
  close(): Promise<void>;
}

export function checkSignature(job: SignatureJob, key: KeyObject | string = job.pem): SignatureResult {
  try {
    const payload = jwt.verify(job.token, key, { algorithms: job.algorithms, audience: job.audience, issuer: job.issuer });
    if (typeof payload !== 'object' || payload === null) return { error: 'invalid', message: 'payload is not an object' };
    return { payload };
  } catch (err) {
    const expired = err instanceof jwt.TokenExpiredError || err instanceof jwt.NotBeforeError;
    return { error: expired ? 'expired' : 'invalid', message: (err as Error).message };
  }
}

/** Parsed keys of this thread, by PEM; a process has a handful of keys (static ones and the JWKS set's). */
const keys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 64;

/** The piscina entry point: a batch in, one result per job out, in order. */
export default function checkBatch(jobs: SignatureJob[]): SignatureResult[] {
  return jobs.map((job) => {
    let key = keys.get(job.pem);
    if (!key) {
      if (keys.size >= MAX_CACHED_KEYS) keys.clear();
      keys.set(job.pem, (key = createPublicKey(job.pem)));
    }
    return checkSignature(job, key);
  });
}
