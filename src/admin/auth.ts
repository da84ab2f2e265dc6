/**
 * Admin login: the password is exchanged for a signed, expiring token that
 * the UI sends as `Authorization: token <t>` (never a cookie, so a page on
 * another origin cannot make the browser act as the admin). Tokens are
 * stateless, as Centrifugo's: `<expiry ms, base36>.<HMAC-SHA256 of it,
 * base64url without padding>` (that exact encoding only, so a token has one
 * spelling); nothing revokes one before it expires except changing
 * admin.secret.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** An HMAC-SHA256 (32 bytes) in unpadded base64url. */
const SIGNATURE_CHARS = 43;
/** How long a login lasts. */
export const ADMIN_TOKEN_TTL_MS = 24 * 3600 * 1000;
/** Failed logins an address may make at once, and how often it earns one more. */
export const THROTTLE_BURST = 5;
export const THROTTLE_REFILL_MS = 12_000;
/** Addresses remembered at most; past it the one idle longest is forgotten. */
const THROTTLE_MAX_ADDRESSES = 10_000;

export class AdminAuth {
  private readonly passwordDigest: Buffer;

  constructor(
    password: string,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.passwordDigest = digest(password);
  }

  /** Constant-time, whatever the lengths: both sides are hashed to 32 bytes first. */
  passwordMatches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.passwordDigest);
  }

  issue(): { token: string; expires_at: number } {
    const expiresAt = this.now() + ADMIN_TOKEN_TTL_MS;
    const payload = expiresAt.toString(36);
    return { token: `${payload}.${this.sign(payload)}`, expires_at: Math.floor(expiresAt / 1000) };
  }

  /** True for a token this secret signed that has not expired. */
  verify(token: string): boolean {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot > 16) return false;
    const payload = token.slice(0, dot);
    const signature = token.slice(dot + 1);
    if (signature.length !== SIGNATURE_CHARS) return false;
    // Node decodes standard base64, `=` padding and stray bits as well; only the one encoding sign() writes is the token.
    const given = Buffer.from(signature, 'base64url');
    if (given.toString('base64url') !== signature) return false;
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (!timingSafeEqual(given, expected)) return false;
    const expiresAt = parseInt(payload, 36);
    return Number.isSafeInteger(expiresAt) && expiresAt > this.now();
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`gyre-admin:${payload}`).digest('base64url');
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * Login attempts per client address, as token buckets: THROTTLE_BURST
 * attempts, then one per THROTTLE_REFILL_MS; a success clears the address.
 * An attempt is spent before the password is compared, in one step with the
 * check, so concurrent requests cannot all pass the check before any failure
 * is counted.
 * The Redis engine keeps the buckets in Redis, shared by every worker and
 * server (src/engine/redis/login-limiter.ts); otherwise LoginThrottle keeps
 * them in the worker (the memory engine runs one worker).
 */
export interface LoginLimiter {
  /** Spends one of `address`'s attempts and answers 0, or answers the milliseconds until it has one (spending nothing). */
  attempt(address: string): number | Promise<number>;
  /** The password was right: the address's attempts are all back. */
  succeeded(address: string): void | Promise<void>;
}

/** The buckets in this process. */
export class LoginThrottle implements LoginLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  attempt(address: string): number {
    const b = this.refilled(address);
    if (b.tokens < 1) return Math.ceil((1 - b.tokens) * THROTTLE_REFILL_MS);
    b.tokens -= 1;
    // Re-inserted so the Map's order is least recently tried first.
    this.buckets.delete(address);
    this.buckets.set(address, b);
    if (this.buckets.size > THROTTLE_MAX_ADDRESSES) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }

  succeeded(address: string): void {
    this.buckets.delete(address);
  }

  size(): number {
    return this.buckets.size;
  }

  private refilled(address: string): { tokens: number; at: number } {
    const now = this.now();
    const b = this.buckets.get(address);
    if (!b) return { tokens: THROTTLE_BURST, at: now };
    b.tokens = Math.min(THROTTLE_BURST, b.tokens + (now - b.at) / THROTTLE_REFILL_MS);
    b.at = now;
    return b;
  }
}
