/**
 * TokenVerifier on jsonwebtoken (node:crypto directly for HMAC, jwt-hmac.ts). The key is chosen by the token's `alg`
 * family, and only that family is accepted for that key: an HS256 token is
 * never checked against an RSA public key (the classic algorithm-confusion
 * attack), and `alg: none` has no key at all.
 */
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../log';
import { JwksKeys, JwksUnavailable } from './jwks';
import { pemOf, SignaturePool } from './signature-pool';
import type { SignatureChecker } from './signature-task';
import type { Algorithm, JwtPayload } from 'jsonwebtoken';
import { checkHmacJwt, decodeJwt } from './jwt-hmac';
import type { ConnectClaims, OptionOverrides, SubscribeClaims, TokenVerifier } from './token-verifier';
import { isObject, readPayload } from '../protocol/json-values';
import { readOverrides, TokenError } from './token-verifier';

export interface JwtVerifierOptions {
  hmacSecret: string;
  rsaPublicKey: string;
  ecdsaPublicKey: string;
  audience: string;
  issuer: string;
  /** token.jwks_public_endpoint: RS and ES tokens are checked against the key their kid names there. */
  jwksUrl?: string;
  /** Where RS/ES signatures are checked; by default a pool that takes storms off the event loop. */
  signatures?: SignatureChecker;
  /** Where JWKS fetch failures are reported. */
  log?: Logger;
}

/** The `token.*` settings as the verifier takes them: the server and `gyre checktoken` check tokens alike. */
export function verifierOptions(
  token: { hmac_secret: string; rsa_public_key: string; ecdsa_public_key: string; audience: string; issuer: string; jwks_public_endpoint: string },
  more: Pick<JwtVerifierOptions, 'signatures' | 'log'> = {},
): JwtVerifierOptions {
  return {
    hmacSecret: token.hmac_secret,
    rsaPublicKey: token.rsa_public_key,
    ecdsaPublicKey: token.ecdsa_public_key,
    audience: token.audience,
    issuer: token.issuer,
    jwksUrl: token.jwks_public_endpoint || undefined,
    ...more,
  };
}

const FAMILY_ALGORITHMS: Record<string, Algorithm[]> = { RS: ['RS256', 'RS384', 'RS512'], ES: ['ES256', 'ES384', 'ES512'] };

interface KeyChoice {
  key: KeyObject;
  algorithms: Algorithm[];
}


export class JwtVerifier implements TokenVerifier {
  private readonly families: Record<string, KeyChoice | undefined>;
  private readonly jwks: JwksKeys | null;
  readonly signatures: SignatureChecker;

  constructor(private readonly opts: JwtVerifierOptions) {
    this.signatures = opts.signatures ?? new SignaturePool();
    this.jwks = opts.jwksUrl ? new JwksKeys(opts.jwksUrl, opts.log) : null;
    // Key objects are made once: given strings, jsonwebtoken would parse them again on every verify.
    this.families = {
      HS: opts.hmacSecret ? { key: createSecretKey(Buffer.from(opts.hmacSecret)), algorithms: ['HS256', 'HS384', 'HS512'] } : undefined,
      RS: opts.rsaPublicKey ? { key: createPublicKey(opts.rsaPublicKey), algorithms: ['RS256', 'RS384', 'RS512'] } : undefined,
      ES: opts.ecdsaPublicKey ? { key: createPublicKey(opts.ecdsaPublicKey), algorithms: ['ES256', 'ES384', 'ES512'] } : undefined,
    };
  }

  async verifyConnectToken(token: string): Promise<ConnectClaims> {
    const p = await this.verify(token);
    if (p['channel'] !== undefined) throw new TokenError('invalid', 'connection token must not carry a channel claim');
    const subs = new Map<string, { info?: Buffer; data?: Buffer; override?: OptionOverrides }>();
    if (p['subs'] !== undefined) {
      if (!isObject(p['subs'])) throw new TokenError('invalid', 'subs claim must be an object');
      for (const [channel, v] of Object.entries(p['subs'])) {
        if (!isObject(v)) throw new TokenError('invalid', 'subs entries must be objects');
        subs.set(channel, { info: payload(v, 'info'), data: payload(v, 'data'), override: readOverrides(v['override']) });
      }
    } else if (p['channels'] !== undefined) {
      const channels = p['channels'];
      if (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string')) {
        throw new TokenError('invalid', 'channels claim must be a list of strings');
      }
      for (const c of channels as string[]) subs.set(c, {});
    }
    return { user: userOf(p), expireAt: expireAtOf(p), info: payload(p, 'info'), subs };
  }

  async verifySubscribeToken(token: string): Promise<SubscribeClaims> {
    const p = await this.verify(token);
    const channel = p['channel'];
    if (typeof channel !== 'string' || channel === '') throw new TokenError('invalid', 'subscription token needs a channel claim');
    const client = p['client'];
    if (client !== undefined && typeof client !== 'string') throw new TokenError('invalid', 'client claim must be a string');
    return {
      user: userOf(p),
      channel,
      client: client || undefined,
      expireAt: expireAtOf(p),
      info: payload(p, 'info'),
      data: payload(p, 'data'),
      override: readOverrides(p['override']),
    };
  }

  private async verify(token: string): Promise<JwtPayload> {
    const decoded = decodeJwt(token);
    if (!decoded || typeof decoded.payload !== 'object') throw new TokenError('invalid', 'malformed token');
    const alg = String(decoded.header['alg'] ?? '');
    const family = alg.slice(0, 2);
    let choice = this.families[family];
    if (this.jwks && (family === 'RS' || family === 'ES')) choice = await this.jwksChoice(decoded.header['kid'], family, alg);
    if (!choice || !choice.algorithms.includes(alg as Algorithm)) {
      throw new TokenError('invalid', `no key configured for algorithm ${alg || 'none'}`);
    }
    const claims = { algorithms: choice.algorithms, audience: this.opts.audience || undefined, issuer: this.opts.issuer || undefined };
    // HMAC takes a few µs: checked here, on the token already decoded (jwt-hmac.ts). RS/ES cost 25–100 µs: the pool
    // decides where (see signature-pool.ts).
    const result =
      family === 'HS'
        ? checkHmacJwt(decoded, choice.key, claims)
        : await this.signatures.check({ token, pem: pemOf(choice.key), ...claims }, choice.key);
    if ('error' in result) throw new TokenError(result.error, result.message);
    return result.payload;
  }

  close(): Promise<void> {
    return this.signatures.close();
  }

  /** The JWKS key a token's kid names, for its algorithm family (and exactly the key's alg when the set names one). */
  private async jwksChoice(kid: unknown, family: string, alg: string): Promise<KeyChoice | undefined> {
    if (typeof kid !== 'string' || kid === '') throw new TokenError('invalid', 'token has no kid');
    let found;
    try {
      found = await this.jwks!.key(kid);
    } catch (err) {
      if (err instanceof JwksUnavailable) throw new TokenError('unavailable', err.message);
      throw err;
    }
    if (!found || found.kty !== (family === 'RS' ? 'RSA' : 'EC')) throw new TokenError('invalid', `no signing key ${kid}`);
    if (found.alg && found.alg !== alg) throw new TokenError('invalid', `key ${kid} is for ${found.alg}`);
    return { key: found.key, algorithms: FAMILY_ALGORITHMS[family]! };
  }
}

function userOf(p: JwtPayload): string {
  if (p.sub !== undefined && typeof p.sub !== 'string') throw new TokenError('invalid', 'sub claim must be a string');
  return p.sub ?? '';
}

/**
 * `expire_at` overrides `exp` for the connection's lifetime; 0 means it never
 * expires. One already past is refused like an expired `exp` (109), so the
 * SDK fetches a fresh token instead of running on a dead one.
 */
function expireAtOf(p: JwtPayload): number | undefined {
  const explicit = p['expire_at'];
  if (explicit !== undefined) {
    if (typeof explicit !== 'number' || !Number.isFinite(explicit)) throw new TokenError('invalid', 'expire_at claim must be a number');
    if (explicit <= 0) return undefined;
    if (explicit * 1000 <= Date.now()) throw new TokenError('expired', 'expire_at is in the past');
    return explicit;
  }
  return typeof p.exp === 'number' ? p.exp : undefined;
}

/** `info` / `b64info`, likewise `data` / `b64data` (see readPayload); unreadable → invalid token. */
function payload(p: Record<string, unknown>, name: 'info' | 'data'): Buffer | undefined {
  try {
    return readPayload(p, name);
  } catch (err) {
    throw new TokenError('invalid', `${name} claim: ${(err as Error).message}`);
  }
}
