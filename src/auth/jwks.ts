/**
 * Keys from a JWKS endpoint (`token.jwks_public_endpoint`: Keycloak, Auth0…),
 * by `kid`. Only signing keys (`"use": "sig"`) of type RSA or EC are kept, as
 * Centrifugo does. The whole set is fetched at once and replaces the cache; a
 * token naming an unknown kid triggers a refetch at most once per
 * REFETCH_MS, and concurrent misses share one request, so forged kids cannot
 * make Gyre hammer the identity provider. The set is also refreshed hourly,
 * so rotated keys come and go.
 *
 * A kid the last set did not name, met within REFETCH_MS of that fetch, may
 * be a key the provider added since (a rotation): the answer is
 * JwksUnavailable, and the client's retry after the interval fetches the set
 * again, which has it or not (then: invalid token). Likewise when the
 * endpoint cannot be reached and the kid is not cached: a temporary failure
 * the client retries, not an invalid token, which would make SDKs give up
 * for good (Centrifugo's behaviour, deliberately not followed).
 *
 * The set is bounded (MAX_KEYS, MAX_SET_BYTES, read as it arrives): a larger
 * one is a failed fetch, and the keys held keep serving.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../log';
import { isObject } from '../protocol/json-values';

/** Least time between two fetches caused by unknown kids. */
const REFETCH_MS = 10_000;
/** How often the set is refreshed while in use. */
const REFRESH_MS = 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 2000;
/** Most keys a set may hold: providers publish a handful (the current key, the next, the last). */
const MAX_KEYS = 100;
/** Largest set read: MAX_KEYS RSA-4096 keys with certificate chains (x5c) fit several times over. */
const MAX_SET_BYTES = 1024 * 1024;

export class JwksUnavailable extends Error {}

export interface JwksKey {
  key: KeyObject;
  /** The key's `alg`, when the set names one: the token must use exactly it. */
  alg?: string;
  kty: 'RSA' | 'EC';
}

export class JwksKeys {
  private keys = new Map<string, JwksKey>();
  /** Every kid of the last set fetched, usable or not: one it named but left out is refused at once. */
  private named = new Set<string>();
  private fetchedAt = 0;
  /** Whether the last fetch failed: until the next one, an unknown kid is a temporary failure, not an invalid token. */
  private failed = false;
  private inFlight: Promise<void> | null = null;
  /** Fetches made (for tests and logs). */
  fetches = 0;

  constructor(
    private readonly url: string,
    private readonly log?: Logger,
  ) {}

  /** The key a kid names, or null when a fetch just made has none; JwksUnavailable when that cannot be known now. */
  async key(kid: string): Promise<JwksKey | null> {
    const now = Date.now();
    const cached = this.keys.get(kid);
    if (cached && now - this.fetchedAt < REFRESH_MS) return cached;
    if (cached || this.fetchedAt === 0 || now - this.fetchedAt >= REFETCH_MS) {
      try {
        await this.refetch();
      } catch (err) {
        // A cached key keeps working while the provider is unreachable.
        if (cached) return cached;
        throw err;
      }
      return this.keys.get(kid) ?? null;
    }
    if (this.named.has(kid)) return null;
    if (this.failed) throw new JwksUnavailable(`JWKS ${this.url} is unreachable`);
    throw new JwksUnavailable(`kid not in the JWKS fetched less than ${REFETCH_MS / 1000} s ago; fetched again after that`);
  }

  private refetch(): Promise<void> {
    this.inFlight ??= this.fetchSet().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchSet(): Promise<void> {
    this.fetches++;
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      ({ keys: this.keys, named: this.named } = parseSet(await readCapped(res, MAX_SET_BYTES)));
      if (this.failed) this.log?.info({ url: this.url, keys: this.keys.size }, 'JWKS fetched again');
      this.failed = false;
    } catch (err) {
      // The keys held stay; retried only after the interval, whatever went wrong. One warning per run of failures.
      const fields = { url: this.url, err: (err as Error).message };
      if (this.failed) this.log?.debug(fields, 'JWKS fetch failed');
      else this.log?.warn(fields, 'JWKS fetch failed; the keys held are kept');
      this.failed = true;
      throw new JwksUnavailable(`JWKS ${this.url}: ${(err as Error).message}`);
    } finally {
      this.fetchedAt = Date.now();
    }
  }
}

/** The body as text, refused once it passes `max` bytes, without reading the rest. */
async function readCapped(res: Response, max: number): Promise<string> {
  if (Number(res.headers.get('content-length')) > max) throw new Error(`key set larger than ${max} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > max) throw new Error(`key set larger than ${max} bytes`);
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The signing keys of a set and every kid it names; throws for a set that is not one or holds more than MAX_KEYS keys. */
function parseSet(text: string): { keys: Map<string, JwksKey>; named: Set<string> } {
  const body: unknown = JSON.parse(text);
  if (!isObject(body) || !Array.isArray(body['keys'])) throw new Error('no keys array');
  if (body['keys'].length > MAX_KEYS) throw new Error(`${body['keys'].length} keys, more than ${MAX_KEYS}`);
  const keys = new Map<string, JwksKey>();
  const named = new Set<string>();
  for (const jwk of body['keys']) {
    if (isObject(jwk) && typeof jwk['kid'] === 'string') named.add(jwk['kid']);
    if (!isObject(jwk) || jwk['use'] !== 'sig' || typeof jwk['kid'] !== 'string') continue;
    const kty = jwk['kty'];
    if (kty !== 'RSA' && kty !== 'EC') continue;
    try {
      const key = createPublicKey({ key: jwk as never, format: 'jwk' });
      keys.set(jwk['kid'], { key, kty, alg: typeof jwk['alg'] === 'string' ? jwk['alg'] : undefined });
    } catch {
      // A key that does not parse is left out; the others serve.
    }
  }
  return { keys, named };
}
