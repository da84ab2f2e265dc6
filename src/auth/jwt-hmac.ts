/**
 * Decoding a JWT, and checking an HMAC-signed one, with node:crypto directly.
 *
 * jsonwebtoken spent about 75 µs of JavaScript on an HS256 connect token (it
 * and the verifier decoded each token twice, with regular expressions,
 * option cloning and base64 re-encoding around the hashing), a sixth of a
 * connect's CPU. The same decisions here cost a few µs. They are
 * jsonwebtoken's, in its order (node_modules/jsonwebtoken/verify.js and
 * node_modules/jws/lib/verify-stream.js), for the options the verifier uses
 * (algorithms, audience, issuer); test/unit/jwt-hmac.test.ts holds both to
 * the same answers. RS and ES tokens still go to jsonwebtoken (signature-task.ts).
 */
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { JwtPayload } from 'jsonwebtoken';
import type { SignatureJob, SignatureResult } from './signature-task';

/** jws's test of the compact form: three base64url parts, the last (signature) may be empty. */
const COMPACT_JWS = /^[a-zA-Z0-9\-_]+?\.[a-zA-Z0-9\-_]+?\.([a-zA-Z0-9\-_]+)?$/;

const HMAC_HASHES: Record<string, string | undefined> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export interface DecodedJwt {
  header: Record<string, unknown>;
  /** An object when the payload is JSON of one (arrays included, as jsonwebtoken has it); otherwise its text. */
  payload: unknown;
  /** The header and payload parts as they were signed. */
  signingInput: string;
  signature: string;
}

/** The parts of a compact JWT, or null when it is not one (jsonwebtoken's decode, `complete: true`). */
export function decodeJwt(token: string): DecodedJwt | null {
  if (!COMPACT_JWS.test(token)) return null;
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  // jws reads the header as latin1 text, and a header that is not truthy JSON means no token at all.
  const header = parseOrUndefined(Buffer.from(token.slice(0, first), 'base64').toString('binary'));
  if (!header) return null;
  const text = Buffer.from(token.slice(first + 1, second), 'base64').toString('utf8');
  let payload: unknown = text;
  // With typ JWT a payload that is not JSON makes jws throw (a refused token either way); without, it stays text.
  if ((header as Record<string, unknown>)['typ'] === 'JWT') {
    payload = parseOrUndefined(text);
    if (payload === undefined) return null;
  } else {
    const parsed = parseOrUndefined(text);
    if (parsed !== null && typeof parsed === 'object') payload = parsed;
  }
  return { header: header as Record<string, unknown>, payload, signingInput: token.slice(0, second), signature: token.slice(second + 1) };
}

/** Verifies an HS256/384/512 token decoded by decodeJwt with the secret, then its time, audience and issuer claims. */
export function checkHmacJwt(decoded: DecodedJwt, key: KeyObject, job: Omit<SignatureJob, 'token' | 'pem'>): SignatureResult {
  if (decoded.signature.trim() === '') return invalid('jwt signature is required');
  const alg = decoded.header['alg'];
  if (typeof alg !== 'string' || !job.algorithms.includes(alg as never)) return invalid('invalid algorithm');
  const hash = HMAC_HASHES[alg];
  if (!hash) return invalid('invalid algorithm');
  const expected = Buffer.from(createHmac(hash, key).update(decoded.signingInput).digest('base64url'));
  const given = Buffer.from(decoded.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid('invalid signature');

  // jsonwebtoken returns any other payload, which the verifier then refuses; none of them can be expired.
  if (typeof decoded.payload !== 'object' || decoded.payload === null) return invalid('payload is not an object');
  const p = decoded.payload as JwtPayload;
  const now = Math.floor(Date.now() / 1000);
  if (p.nbf !== undefined) {
    if (typeof p.nbf !== 'number') return invalid('invalid nbf value');
    if (p.nbf > now) return { error: 'expired', message: 'jwt not active' };
  }
  if (p.exp !== undefined) {
    if (typeof p.exp !== 'number') return invalid('invalid exp value');
    if (now >= p.exp) return { error: 'expired', message: 'jwt expired' };
  }
  if (job.audience) {
    const targets = Array.isArray(p.aud) ? p.aud : [p.aud];
    if (!targets.includes(job.audience)) return invalid(`jwt audience invalid. expected: ${job.audience}`);
  }
  if (job.issuer && p.iss !== job.issuer) return invalid(`jwt issuer invalid. expected: ${job.issuer}`);
  return { payload: p };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function invalid(message: string): SignatureResult {
  return { error: 'invalid', message };
}
