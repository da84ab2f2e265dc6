/** The token matrix: every supported algorithm, claims, and every way a token must be refused. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { JwtVerifier } from '../../src/auth/jwt-verifier';
import { TokenError } from '../../src/auth/token-verifier';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const ecKeys = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }),
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }),
  ES512: generateKeyPairSync('ec', { namedCurve: 'P-521', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }),
};
const SECRET = 'hmac-secret-for-tests';
const base = { hmacSecret: '', rsaPublicKey: '', ecdsaPublicKey: '', audience: '', issuer: '' };
const now = () => Math.floor(Date.now() / 1000);

async function kind(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof TokenError, String(err));
    return err.kind;
  }
}

/** A token with the given header and payload and no signature at all. */
function unsigned(payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

describe('JWT verification', async () => {
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    it(`accepts ${alg} with the HMAC secret`, async () => {
      const v = new JwtVerifier({ ...base, hmacSecret: SECRET });
      assert.equal((await v.verifyConnectToken(jwt.sign({ sub: '42' }, SECRET, { algorithm: alg }))).user, '42');
    });
  }
  for (const alg of ['RS256', 'RS384', 'RS512'] as const) {
    it(`accepts ${alg} with the RSA public key`, async () => {
      const v = new JwtVerifier({ ...base, rsaPublicKey: rsa.publicKey });
      assert.equal((await v.verifyConnectToken(jwt.sign({ sub: 'r' }, rsa.privateKey, { algorithm: alg }))).user, 'r');
    });
  }
  for (const alg of ['ES256', 'ES384', 'ES512'] as const) {
    it(`accepts ${alg} with the ECDSA public key`, async () => {
      const v = new JwtVerifier({ ...base, ecdsaPublicKey: ecKeys[alg].publicKey });
      assert.equal((await v.verifyConnectToken(jwt.sign({ sub: 'e' }, ecKeys[alg].privateKey, { algorithm: alg }))).user, 'e');
    });
  }

  it('reads sub, exp, expire_at, info, b64info, channels and subs', async () => {
    const v = new JwtVerifier({ ...base, hmacSecret: SECRET });
    const exp = now() + 100;
    const c = await v.verifyConnectToken(jwt.sign({ sub: 'u', exp, iat: now(), info: { name: 'Ann' }, channels: ['a', 'b'] }, SECRET));
    assert.equal(c.expireAt, exp);
    assert.equal(c.info!.toString(), '{"name":"Ann"}');
    assert.deepEqual([...c.subs.keys()], ['a', 'b']);
    const b = await v.verifyConnectToken(jwt.sign({ sub: 'u', b64info: Buffer.from([1, 2]).toString('base64'), expire_at: 0, exp }, SECRET));
    assert.deepEqual([...b.info!], [1, 2]);
    assert.equal(b.expireAt, undefined, 'expire_at 0 means the connection never expires');
    const s = await v.verifyConnectToken(jwt.sign({ sub: 'u', subs: { x: { data: { d: 1 }, override: { presence: { value: true } } } } }, SECRET));
    assert.equal(s.subs.get('x')!.data!.toString(), '{"d":1}');
    assert.deepEqual(s.subs.get('x')!.override, { presence: true });
    const anon = await v.verifyConnectToken(jwt.sign({}, SECRET));
    assert.equal(anon.user, '');
  });

  it('reports expiry separately from invalidity', async () => {
    const v = new JwtVerifier({ ...base, hmacSecret: SECRET });
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1', exp: now() - 10 }, SECRET))), 'expired');
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1', nbf: now() + 100 }, SECRET))), 'expired');
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1', exp: now() - 10 }, 'other secret'))), 'invalid', 'a bad signature is invalid even when expired');
  });

  it('refuses unsigned tokens, wrong keys and algorithm confusion', async () => {
    const hmac = new JwtVerifier({ ...base, hmacSecret: SECRET });
    const pub = new JwtVerifier({ ...base, rsaPublicKey: rsa.publicKey, ecdsaPublicKey: ecKeys.ES256.publicKey });
    assert.equal(await kind(() => hmac.verifyConnectToken(unsigned({ sub: '1' }))), 'invalid');
    assert.equal(await kind(() => pub.verifyConnectToken(unsigned({ sub: '1' }))), 'invalid');
    assert.equal(await kind(() => hmac.verifyConnectToken(jwt.sign({ sub: '1' }, 'wrong'))), 'invalid');
    // HS256 "signed" with the RSA public key as the secret: must not verify against the public key.
    assert.equal(await kind(() => pub.verifyConnectToken(jwt.sign({ sub: '1' }, rsa.publicKey, { algorithm: 'HS256' }))), 'invalid');
    assert.equal(await kind(() => hmac.verifyConnectToken(jwt.sign({ sub: '1' }, rsa.privateKey, { algorithm: 'RS256' }))), 'invalid');
    assert.equal(await kind(() => pub.verifyConnectToken(jwt.sign({ sub: '1' }, ecKeys.ES384.privateKey, { algorithm: 'ES384' }))), 'invalid');
    assert.equal(await kind(() => hmac.verifyConnectToken('garbage')), 'invalid');
    assert.equal(await kind(() => hmac.verifyConnectToken(jwt.sign({ sub: '1', channel: 'x' }, SECRET))), 'invalid', 'connection token with a channel claim');
    assert.equal(await kind(() => hmac.verifyConnectToken(jwt.sign({ sub: 5 } as object, SECRET))), 'invalid');
  });

  it('checks audience and issuer when configured', async () => {
    const v = new JwtVerifier({ ...base, hmacSecret: SECRET, audience: 'gyre', issuer: 'backend' });
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1', aud: 'gyre', iss: 'backend' }, SECRET))), 'ok');
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1', aud: 'other', iss: 'backend' }, SECRET))), 'invalid');
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1', aud: 'gyre', iss: 'evil' }, SECRET))), 'invalid');
    assert.equal(await kind(() => v.verifyConnectToken(jwt.sign({ sub: '1' }, SECRET))), 'invalid');
  });

  it('verifies subscription tokens', async () => {
    const v = new JwtVerifier({ ...base, hmacSecret: SECRET });
    const c = await v.verifySubscribeToken(jwt.sign({ sub: '1', channel: '$secret', client: 'c1', info: { role: 'admin' }, data: { hello: 1 } }, SECRET));
    assert.equal(c.channel, '$secret');
    assert.equal(c.client, 'c1');
    assert.equal(c.info!.toString(), '{"role":"admin"}');
    assert.equal(c.data!.toString(), '{"hello":1}');
    assert.equal(await kind(() => v.verifySubscribeToken(jwt.sign({ sub: '1' }, SECRET))), 'invalid', 'channel claim required');
    assert.equal(await kind(() => v.verifySubscribeToken(jwt.sign({ sub: '1', channel: 'x', exp: now() - 1 }, SECRET))), 'expired');
  });
});
