/**
 * `gyre checktoken TOKEN`: is this token accepted, and if not, why. The
 * token goes through the server's own verifier, built from the configured
 * keys the way a node builds it (src/library/assemble.ts), so the answer is the server's:
 * the same key choice by algorithm, JWKS lookup by kid, audience, issuer and
 * expiry rules, and the same checks of the claims a connection or
 * subscription reads. The claims are printed as JSON on stdout (for jq); a
 * refusal is one line on stderr saying what to fix, exit 1.
 */
import fs from 'node:fs';
import { JwtVerifier, verifierOptions } from '../auth/jwt-verifier';
import { decodeJwt } from '../auth/jwt-hmac';
import { SignaturePool } from '../auth/signature-pool';
import { TokenError } from '../auth/token-verifier';
import type { Config } from '../config/schema';
import { CliError, UsageError } from './common';

export async function checktoken(config: Config, raw: string | undefined): Promise<void> {
  if (raw === undefined) throw new UsageError('checktoken needs a TOKEN (or - to read it from stdin)');
  // `-`: the token from stdin, so it stays out of the shell history and the process list.
  const token = (raw === '-' ? fs.readFileSync(0, 'utf8') : raw).trim();
  const decoded = decodeJwt(token);
  const claims = decoded && typeof decoded.payload === 'object' && decoded.payload !== null ? (decoded.payload as Record<string, unknown>) : undefined;
  // The server knows which kind it expects from where the token arrives; here the channel claim tells (a
  // connection token carrying one is refused by the server anyway).
  const kind = claims && 'channel' in claims ? 'subscription' : 'connection';
  // One token: checked inline, no worker thread to start and stop.
  const verifier = new JwtVerifier(verifierOptions(config.token, { signatures: new SignaturePool({ threads: 0 }) }));
  let summary: string;
  try {
    if (kind === 'subscription') {
      const sub = await verifier.verifySubscribeToken(token);
      summary = `valid subscription token: user ${JSON.stringify(sub.user)}, channel ${JSON.stringify(sub.channel)}, ${expiry(sub.expireAt)}`;
    } else {
      const conn = await verifier.verifyConnectToken(token);
      summary = `valid connection token: user ${JSON.stringify(conn.user)}, ${expiry(conn.expireAt)}`;
    }
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    throw new CliError(`${kind} token refused: ${reason(err, decoded?.header ?? {}, claims ?? {}, config)}`);
  } finally {
    await verifier.close();
  }
  process.stdout.write(`${JSON.stringify(claims, null, 2)}\n`);
  process.stderr.write(`${summary}\n`);
}

function expiry(expireAt: number | undefined): string {
  if (expireAt === undefined) return 'never expires';
  return `expires ${new Date(expireAt * 1000).toISOString()} (in ${Math.round(expireAt - Date.now() / 1000)} s)`;
}

/** What is wrong, in the operator's terms: which claim against which setting, or which key is missing. */
function reason(err: TokenError, header: Record<string, unknown>, claims: Record<string, unknown>, config: Config): string {
  const m = err.message;
  const alg = typeof header['alg'] === 'string' ? header['alg'] : 'none';
  const at = (v: unknown) => (typeof v === 'number' ? new Date(v * 1000).toISOString() : String(v));
  const secondsFrom = (v: unknown) => Math.abs(Math.round(Number(v) - Date.now() / 1000));
  if (m === 'jwt expired') return `expired at ${at(claims['exp'])} (${secondsFrom(claims['exp'])} s ago)`;
  if (m === 'expire_at is in the past') return `expired: expire_at ${at(claims['expire_at'])} is ${secondsFrom(claims['expire_at'])} s ago`;
  if (m === 'jwt not active') return `not valid yet: nbf ${at(claims['nbf'])} is ${secondsFrom(claims['nbf'])} s from now`;
  if (m === 'invalid signature') return `bad signature: not signed with ${keyName(alg, header['kid'], config)}`;
  if (m.startsWith('jwt audience invalid')) return `wrong audience: the token has ${claimText(claims, 'aud')}, token.audience is ${JSON.stringify(config.token.audience)}`;
  if (m.startsWith('jwt issuer invalid')) return `wrong issuer: the token has ${claimText(claims, 'iss')}, token.issuer is ${JSON.stringify(config.token.issuer)}`;
  if (m === 'malformed token') return 'malformed: not a JWT (three base64url parts, the first two JSON)';
  if (m.startsWith('no key configured')) return `no key for algorithm ${alg}: ${keyHint(alg)}`;
  if (err.kind === 'unavailable') return `could not be checked now (the server would answer a temporary error): ${m}`;
  return m;
}

function claimText(claims: Record<string, unknown>, name: string): string {
  return name in claims ? `${name} ${JSON.stringify(claims[name])}` : `no ${name} claim`;
}

function keyName(alg: string, kid: unknown, config: Config): string {
  if (alg.startsWith('HS')) return 'token.hmac_secret';
  if (config.token.jwks_public_endpoint) return `the key ${JSON.stringify(kid)} of token.jwks_public_endpoint`;
  return alg.startsWith('RS') ? 'the key of token.rsa_public_key' : 'the key of token.ecdsa_public_key';
}

function keyHint(alg: string): string {
  if (alg.startsWith('HS')) return 'set token.hmac_secret';
  if (alg.startsWith('RS')) return 'set token.rsa_public_key or token.jwks_public_endpoint';
  if (alg.startsWith('ES')) return 'set token.ecdsa_public_key or token.jwks_public_endpoint';
  return 'only HS, RS and ES algorithms are accepted';
}
