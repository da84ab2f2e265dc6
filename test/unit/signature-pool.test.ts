/**
 * RS/ES checks during a storm run on a piscina thread (src/auth/signature-pool.ts):
 * a burst must come back with exactly the verdicts inline verification gives —
 * valid, expired, forged, wrong audience, wrong key — and a lone connect stays inline.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { JwtVerifier } from '../../src/auth/jwt-verifier';
import { SignaturePool } from '../../src/auth/signature-pool';
import { TokenError } from '../../src/auth/token-verifier';

const pair = (type: 'rsa' | 'ec') =>
  generateKeyPairSync(type as 'rsa', {
    ...(type === 'rsa' ? { modulusLength: 2048 } : { namedCurve: 'P-256' }),
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  } as never) as unknown as { publicKey: string; privateKey: string };
const rsa = pair('rsa');
const other = pair('rsa');
const ec = pair('ec');
const now = () => Math.floor(Date.now() / 1000);

const verifiers: JwtVerifier[] = [];
after(async () => {
  await Promise.all(verifiers.map((v) => v.close()));
});
function verifier(): JwtVerifier & { signatures: SignaturePool } {
  const v = new JwtVerifier({ hmacSecret: '', rsaPublicKey: rsa.publicKey, ecdsaPublicKey: ec.publicKey, audience: 'app', issuer: '' });
  assert.ok(v.signatures instanceof SignaturePool, 'the pool is the default');
  verifiers.push(v);
  return v as JwtVerifier & { signatures: SignaturePool };
}

async function verdict(v: JwtVerifier, token: string): Promise<string> {
  try {
    return `ok:${(await v.verifyConnectToken(token)).user}`;
  } catch (err) {
    assert.ok(err instanceof TokenError, String(err));
    return err.kind;
  }
}

describe('signature checks off the event loop', () => {
  it('verifies a lone token inline, without starting a thread', async () => {
    const v = verifier();
    const t = jwt.sign({ sub: 'solo', aud: 'app' }, rsa.privateKey, { algorithm: 'RS256' });
    assert.equal(await verdict(v, t), 'ok:solo');
    assert.deepEqual(v.signatures.stats, { inline: 1, offloaded: 0, poolFailures: 0 });
  });

  it('sends a burst to the pool and gives every token the verdict it deserves', async () => {
    const v = verifier();
    const cases: { token: string; want: string }[] = [];
    for (let i = 0; i < 300; i++) {
      const alg = i % 2 ? 'ES256' : 'RS256';
      const key = alg === 'ES256' ? ec.privateKey : rsa.privateKey;
      switch (i % 5) {
        case 0:
        case 1:
          cases.push({ token: jwt.sign({ sub: `u${i}`, aud: 'app' }, key, { algorithm: alg }), want: `ok:u${i}` });
          break;
        case 2:
          cases.push({ token: jwt.sign({ sub: `u${i}`, aud: 'app', exp: now() - 10 }, key, { algorithm: alg }), want: 'expired' });
          break;
        case 3: // signed by a key the server does not trust
          cases.push({ token: jwt.sign({ sub: `u${i}`, aud: 'app' }, other.privateKey, { algorithm: 'RS256' }), want: 'invalid' });
          break;
        default:
          cases.push({ token: jwt.sign({ sub: `u${i}`, aud: 'another-app' }, key, { algorithm: alg }), want: 'invalid' });
      }
    }
    const got = await Promise.all(cases.map((c) => verdict(v, c.token)));
    assert.deepEqual(got, cases.map((c) => c.want));
    assert.equal(v.signatures.stats.poolFailures, 0);
    assert.equal(v.signatures.stats.offloaded, 300, `all went through the pool: ${JSON.stringify(v.signatures.stats)}`);
  });

  it('keeps verifying after the pool is closed (drain) — inline if needed, never a failed check', async () => {
    const v = verifier();
    const tokens = Array.from({ length: 40 }, (_, i) => jwt.sign({ sub: `d${i}`, aud: 'app' }, rsa.privateKey, { algorithm: 'RS256' }));
    assert.equal((await Promise.all(tokens.map((t) => verdict(v, t)))).filter((r) => r.startsWith('ok:')).length, 40);
    assert.equal(v.signatures.stats.offloaded, 40);
    await v.close();
    assert.deepEqual(await Promise.all(tokens.map((t) => verdict(v, t))), tokens.map((_, i) => `ok:d${i}`));
    assert.equal(v.signatures.stats.inline, 40, 'no thread is started again after close');
  });
});
