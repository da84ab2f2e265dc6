/**
 * Keys from a JWKS endpoint (`token.jwks_public_endpoint`: Keycloak, Auth0…),
 * by `kid`. Only signing keys (`"use": "sig"`) of type RSA or EC are kept, as
 * Centrifugo does. The whole set is fetched at once and replaces the cache; a
 * token naming an unknown kid triggers a refetch at most once per
 * REFETCH_MS, and concurrent misses share one request, so forged kids cannot
 * make Gyre hammer the identity provider. The set is also refreshed hourly,
 * so rotated keys come and go.
 *
 * When the endpoint cannot be reached and the kid is not cached, the answer
 * is JwksUnavailable — a temporary failure the client retries — not an
 * invalid token, which would make SDKs give up for good (Centrifugo's
 * behaviour, deliberately not followed).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { isObject } from '../protocol/json-values';

/** Least time between two fetches caused by unknown kids. */
const REFETCH_MS = 10_000;
/** How often the set is refreshed while in use. */
const REFRESH_MS = 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 2000;

export class JwksUnavailable extends Error {}

export interface JwksKey {
  key: KeyObject;
  /** The key's `alg`, when the set names one: the token must use exactly it. */
  alg?: string;
  kty: 'RSA' | 'EC';
}

export class JwksKeys {
  private keys = new Map<string, JwksKey>();
  private fetchedAt = 0;
  /** Whether the last fetch failed: until the next one, an unknown kid is a temporary failure, not an invalid token. */
  private failed = false;
  private inFlight: Promise<void> | null = null;
  /** Fetches made (for tests and logs). */
  fetches = 0;

  constructor(private readonly url: string) {}

  /** The key a kid names, or null when the set has none; JwksUnavailable when the set cannot be had. */
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
    }
    const key = this.keys.get(kid);
    if (key) return key;
    if (this.failed) throw new JwksUnavailable(`JWKS ${this.url} is unreachable`);
    return null;
  }

  private refetch(): Promise<void> {
    this.inFlight ??= this.fetchSet().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchSet(): Promise<void> {
    this.fetches++;
    let body: unknown;
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      body = await res.json();
    } catch (err) {
      // Retry only after the interval, whatever went wrong.
      this.fetchedAt = Date.now();
      this.failed = true;
      throw new JwksUnavailable(`JWKS ${this.url}: ${(err as Error).message}`);
    }
    this.fetchedAt = Date.now();
    this.failed = !isObject(body) || !Array.isArray(body['keys']);
    if (!isObject(body) || !Array.isArray(body['keys'])) throw new JwksUnavailable(`JWKS ${this.url}: no keys array`);
    const keys = new Map<string, JwksKey>();
    for (const jwk of body['keys']) {
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
    this.keys = keys;
  }
}
