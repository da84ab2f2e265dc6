/**
 * The HMAC token check of jwt-hmac.ts against jsonwebtoken's, which it
 * replaces for HS tokens: every token of the matrix must get the same answer
 * (accepted with the same payload, expired, or invalid) from both.
 */
import assert from 'node:assert/strict';
import { createHmac, createSecretKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import jwt, { type Algorithm } from 'jsonwebtoken';
import { checkHmacJwt, decodeJwt } from '../../src/auth/jwt-hmac';
import { checkSignature, type SignatureResult } from '../../src/auth/signature-task';

const SECRET = 'hmac-secret-for-tests';
const KEY = createSecretKey(Buffer.from(SECRET));
const HS: Algorithm[] = ['HS256', 'HS384', 'HS512'];
const now = () => Math.floor(Date.now() / 1000);
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** A token from raw header and payload text, signed with HMAC (or with the given signature). */
function raw(header: string, payload: string, opts: { hash?: string; secret?: string; signature?: string } = {}): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = opts.signature ?? createHmac(opts.hash ?? 'sha256', opts.secret ?? SECRET).update(input).digest('base64url');
  return `${input}.${signature}`;
}
const HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
/** A token as jsonwebtoken signs it, but with any claim values (jsonwebtoken's sign refuses an exp that is not a number). */
const signed = (payload: object, alg: Algorithm = 'HS256', secret = SECRET) =>
  raw(JSON.stringify({ alg, typ: 'JWT' }), JSON.stringify(payload), { hash: HASHES[alg]!, secret });

type Claims = { audience?: string; issuer?: string };
type Answer = { kind: 'ok'; payload: unknown } | { kind: 'expired' | 'invalid' };

function answer(r: SignatureResult): Answer {
  return 'error' in r ? { kind: r.error } : { kind: 'ok', payload: r.payload };
}

/** What the verifier answered before: jsonwebtoken's decode, the object test, then jsonwebtoken's verify. */
function before(token: string, claims: Claims): Answer {
  let decoded;
  try {
    decoded = jwt.decode(token, { complete: true });
  } catch {
    return { kind: 'invalid' };
  }
  if (!decoded || typeof decoded.payload !== 'object') return { kind: 'invalid' };
  return answer(checkSignature({ token, pem: '', algorithms: HS, ...claims }, KEY));
}

function after(token: string, claims: Claims): Answer {
  const decoded = decodeJwt(token);
  if (!decoded || typeof decoded.payload !== 'object') return { kind: 'invalid' };
  return answer(checkHmacJwt(decoded, KEY, { algorithms: HS, ...claims }));
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

const tokens: [string, string][] = [
  ['HS256', signed({ sub: '1' })],
  ['HS256 by jsonwebtoken', jwt.sign({ sub: '1', exp: now() + 60 }, SECRET)],
  ['HS512 by jsonwebtoken', jwt.sign({ sub: '1', info: { x: 'ü' } }, SECRET, { algorithm: 'HS512' })],
  ['HS384', signed({ sub: '1' }, 'HS384')],
  ['HS512', signed({ sub: '1', info: { a: [1, 2] } }, 'HS512')],
  ['wrong secret', signed({ sub: '1' }, 'HS256', 'other')],
  ['RS256', jwt.sign({ sub: '1' }, rsa.privateKey, { algorithm: 'RS256' })],
  ['header says HS512, signed HS256', raw('{"alg":"HS512","typ":"JWT"}', '{"sub":"1"}')],
  ['alg none, no signature', `${b64('{"alg":"none","typ":"JWT"}')}.${b64('{"sub":"1"}')}.`],
  ['alg none with an HMAC signature', raw('{"alg":"none"}', '{"sub":"1"}')],
  ['no alg', raw('{"typ":"JWT"}', '{"sub":"1"}')],
  ['alg as a number', raw('{"alg":256}', '{"sub":"1"}')],
  ['empty signature', `${b64('{"alg":"HS256"}')}.${b64('{"sub":"1"}')}.`],
  ['signature of another token', `${b64('{"alg":"HS256"}')}.${b64('{"sub":"2"}')}.${signed({ sub: '1' }).split('.')[2]}`],
  ['truncated signature', signed({ sub: '1' }).slice(0, -2)],
  ['signature with its last character changed', signed({ sub: '1' }).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
  ['expired', signed({ sub: '1', exp: now() - 10 })],
  ['expires this second', signed({ sub: '1', exp: now() })],
  ['valid for a while', signed({ sub: '1', exp: now() + 100 })],
  ['exp as a string', signed({ sub: '1', exp: String(now() + 100) })],
  ['not active yet', signed({ sub: '1', nbf: now() + 100 })],
  ['active', signed({ sub: '1', nbf: now() - 1 })],
  ['nbf as a string', signed({ sub: '1', nbf: 'soon' })],
  ['expired and not active', signed({ sub: '1', nbf: now() + 100, exp: now() - 1 })],
  ['expired, bad signature', signed({ sub: '1', exp: now() - 10 }, 'HS256', 'other')],
  ['aud matching', signed({ sub: '1', aud: 'gyre', iss: 'backend' })],
  ['aud in a list', signed({ sub: '1', aud: ['x', 'gyre'], iss: 'backend' })],
  ['aud other', signed({ sub: '1', aud: 'other', iss: 'backend' })],
  ['no aud', signed({ sub: '1', iss: 'backend' })],
  ['iss other', signed({ sub: '1', aud: 'gyre', iss: 'evil' })],
  ['expired with the wrong aud', signed({ sub: '1', aud: 'other', exp: now() - 5 })],
  ['typ JWT, payload not JSON', raw('{"alg":"HS256","typ":"JWT"}', 'not json')],
  ['payload not JSON', raw('{"alg":"HS256"}', 'not json')],
  ['typ JWT, payload null', raw('{"alg":"HS256","typ":"JWT"}', 'null')],
  ['payload null', raw('{"alg":"HS256"}', 'null')],
  ['typ JWT, payload a number', raw('{"alg":"HS256","typ":"JWT"}', '5')],
  ['payload a string', raw('{"alg":"HS256"}', '"text"')],
  ['payload an array', raw('{"alg":"HS256"}', '[1,2]')],
  ['typ JWT, payload an array with exp', raw('{"alg":"HS256","typ":"JWT"}', '[{"exp":1}]')],
  ['header not JSON', raw('alg', '{"sub":"1"}')],
  ['header null', raw('null', '{"sub":"1"}')],
  ['header 0', raw('0', '{"sub":"1"}')],
  ['header a string', raw('"HS256"', '{"sub":"1"}')],
  ['header with latin1 text', raw('{"alg":"HS256","x":"é"}', '{"sub":"1"}')],
  ['payload with UTF-8 text', raw('{"alg":"HS256"}', '{"sub":"Zoë ✓"}')],
  ['two parts', `${b64('{"alg":"HS256"}')}.${b64('{"sub":"1"}')}`],
  ['four parts', `${signed({ sub: '1' })}.x`],
  ['characters outside base64url', signed({ sub: '1' }).replace('.', '+.')],
  ['padding', `${signed({ sub: '1' })}=`],
  ['garbage', 'garbage'],
  ['empty', ''],
  ['dots only', '..'],
];

describe('HMAC token check', () => {
  for (const claims of [{}, { audience: 'gyre', issuer: 'backend' }] as Claims[]) {
    const label = claims.audience ? 'with audience and issuer' : 'without audience and issuer';
    it(`answers every token as jsonwebtoken does, ${label}`, () => {
      for (const [what, token] of tokens) assert.deepEqual(after(token, claims), before(token, claims), what);
    });
  }

  it('accepts what jsonwebtoken signs and reports expiry separately', () => {
    assert.deepEqual(after(signed({ sub: '42', exp: now() + 60 }), {}), { kind: 'ok', payload: { sub: '42', exp: now() + 60 } });
    assert.equal(after(signed({ sub: '42', exp: now() - 60 }), {}).kind, 'expired');
    assert.equal(after(signed({ sub: '42' }, 'HS256', 'other'), {}).kind, 'invalid');
  });

  it('decodes as jsonwebtoken does', () => {
    for (const [what, token] of tokens) {
      let expected;
      try {
        expected = jwt.decode(token, { complete: true });
      } catch {
        expected = null;
      }
      const got = decodeJwt(token);
      if (!expected) assert.equal(got, null, what);
      else assert.deepEqual({ header: got?.header, payload: got?.payload, signature: got?.signature }, expected, what);
    }
  });
});
