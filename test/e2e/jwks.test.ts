/**
 * JWKS: tokens checked against keys fetched from a local JWKS endpoint by
 * kid (RS256 and ES256), a foreign key refused (3500), unknown kids not
 * refetched more than once per interval (a temporary error within it, so a
 * key rotated in since the last fetch is accepted on the client's retry),
 * a key set past its bounds refused like an unreachable endpoint (the keys
 * held keep working), and an unreachable endpoint a temporary error (the
 * client keeps retrying) until it is back.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { closeClients, collect, makeClient, nextEvent, rawSocket } from '../helpers/clients';
import { eventually, freePort, sleep, startServer, type TestServer } from '../helpers/server';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const late = generateKeyPairSync('rsa', { modulusLength: 2048 });
const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });

const jwk = (key: KeyObject, kid: string, extra: object = {}) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', ...extra });
let keys: object[] = [jwk(rsa.publicKey, 'rsa-1', { alg: 'RS256' }), jwk(ec.publicKey, 'ec-1'), { ...jwk(foreign.publicKey, 'no-use'), use: undefined }];
let up = true;
let fetches = 0;
let idp: http.Server;
let server: TestServer;

/** An identity provider's JWKS endpoint answering what `answer` gives at each fetch: a body, or a status. */
async function startIdp(answer: () => string | number): Promise<{ idp: http.Server; url: string }> {
  const port = await freePort();
  const idp = http.createServer((_req, res) => {
    const a = answer();
    if (typeof a === 'number') {
      res.writeHead(a);
      res.end();
      return;
    }
    // Written in pieces without a length, as a streaming server would: the size is only known by reading.
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < a.length; i += 64 * 1024) res.write(a.slice(i, i + 64 * 1024));
    res.end();
  });
  await new Promise<void>((r) => idp.listen(port, '127.0.0.1', r));
  return { idp, url: `http://127.0.0.1:${port}/jwks` };
}

before(async () => {
  const started = await startIdp(() => {
    fetches++;
    return up ? JSON.stringify({ keys }) : 503;
  });
  idp = started.idp;
  server = await startServer({ config: { token: { jwks_public_endpoint: started.url } } });
});
after(async () => {
  closeClients();
  await server?.stop();
  idp?.close();
});

const sign = (key: KeyObject, alg: jwt.Algorithm, kid: string, sub = 'u') => jwt.sign({ sub }, key, { algorithm: alg, keyid: kid, expiresIn: 600 });

/** The first reply (or close code) of a raw connect with this token. */
async function connectWith(tokenText: string, to: TestServer = server): Promise<{ reply?: any; close?: number }> {
  const s = rawSocket(to.wsUrl);
  await s.opened;
  s.send(JSON.stringify({ id: 1, connect: { token: tokenText } }));
  const result = await Promise.race([eventually(() => s.messages.length > 0, 5000, 'reply').then(() => ({ reply: JSON.parse(s.messages[0]!.toString()) })), s.closed.then((c) => ({ close: c.code }))]);
  s.ws.close();
  return result;
}

/** Whether a connect answer is the temporary refusal (100) a client retries. */
const temporary = (r: { reply?: any }) => r.reply?.error?.code === 100 && r.reply?.error?.temporary === true;

describe('JWKS', () => {
  it('accepts RS256 and ES256 tokens signed with keys of the set', async () => {
    for (const [key, alg, kid] of [
      [rsa.privateKey, 'RS256', 'rsa-1'],
      [ec.privateKey, 'ES256', 'ec-1'],
    ] as const) {
      const r = await connectWith(sign(key, alg, kid));
      assert.ok(r.reply?.connect, `${alg}: ${JSON.stringify(r)}`);
    }
  });

  it('refuses a token signed by another key under a known kid, a key without "use":"sig", and an algorithm the key is not for (3500)', async () => {
    assert.equal((await connectWith(sign(foreign.privateKey, 'RS256', 'rsa-1'))).close, 3500);
    assert.equal((await connectWith(sign(foreign.privateKey, 'RS256', 'no-use'))).close, 3500);
    assert.equal((await connectWith(sign(rsa.privateKey, 'RS512', 'rsa-1'))).close, 3500);
  });

  it('unknown kids refetch the set at most once per interval: refused (3500) after a fetch, a temporary error within the interval', async () => {
    const before = fetches;
    for (let i = 0; i < 20; i++) {
      const r = await connectWith(sign(foreign.privateKey, 'RS256', `forged-${i}`));
      assert.ok(r.close === 3500 || temporary(r), JSON.stringify(r));
    }
    assert.ok(fetches - before <= 1, `${fetches - before} fetches for 20 forged kids`);
  });

  it('an unreachable endpoint is a temporary error for an unknown kid; the client connects once the key is served', async () => {
    up = false;
    keys = [...keys, jwk(late.publicKey, 'rsa-2', { alg: 'RS256' })];
    // Past the refetch interval the next unknown kid asks the endpoint again.
    await new Promise((r) => setTimeout(r, 10_500));
    const r = await connectWith(sign(late.privateKey, 'RS256', 'rsa-2'));
    assert.equal(r.reply?.error?.code, 100, JSON.stringify(r));
    assert.equal(r.reply?.error?.temporary, true);
    // A key already cached keeps working while the endpoint is down.
    assert.ok((await connectWith(sign(rsa.privateKey, 'RS256', 'rsa-1'))).reply?.connect);
    const c = makeClient(server.wsUrl, 'json', { token: sign(late.privateKey, 'RS256', 'rsa-2'), maxReconnectDelay: 1000 });
    const error = nextEvent(c, 'error', 5000, (e) => e.type === 'connect');
    c.connect();
    assert.equal((await error).error.code, 100);
    up = true;
    await nextEvent(c, 'connected', 20_000);
    c.disconnect();
  });
});

describe('JWKS rotation and bounds', () => {
  const next = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const third = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let body = JSON.stringify({ keys: [jwk(rsa.publicKey, 'k1')] });
  let served = 0;
  let rotating: { idp: http.Server; url: string };
  let gyre: TestServer;

  before(async () => {
    rotating = await startIdp(() => {
      served++;
      return body;
    });
    gyre = await startServer({ config: { token: { jwks_public_endpoint: rotating.url } } });
  });
  after(async () => {
    closeClients();
    await gyre?.stop();
    rotating?.idp.close();
  });

  it('a key added right after a fetch: a temporary refusal at first, then the SDK\'s retry connects once the interval is over', { timeout: 60_000 }, async () => {
    assert.ok((await connectWith(sign(rsa.privateKey, 'RS256', 'k1'), gyre)).reply?.connect, 'k1 fetched and accepted');
    const fetchedBy = Date.now();
    const fetchesBefore = served;
    body = JSON.stringify({ keys: [jwk(rsa.publicKey, 'k1'), jwk(next.publicKey, 'k2')] });
    const c = makeClient(gyre.wsUrl, 'json', { token: sign(next.privateKey, 'RS256', 'k2'), minReconnectDelay: 200, maxReconnectDelay: 1000 });
    const errors = collect(c, 'error');
    const connected = nextEvent(c, 'connected', 25_000);
    c.connect();
    await connected;
    assert.ok(errors.length >= 1, 'refused at first');
    for (const e of errors) assert.deepEqual([e.type, e.error.code, e.error.temporary], ['connect', 100, true]);
    assert.equal(served - fetchesBefore, 1, 'one fetch, once the interval was over');
    assert.ok(Date.now() - fetchedBy >= 9_500, 'not before the interval');
    c.disconnect();
  });

  it('a set with too many keys, or too many bytes, is a failed fetch: the keys held keep working, a new kid in it gets a temporary error', { timeout: 60_000 }, async () => {
    const k3 = jwk(third.publicKey, 'k3');
    const held = [jwk(rsa.publicKey, 'k1'), jwk(next.publicKey, 'k2')];
    const oversized = {
      keys: JSON.stringify({ keys: [...held, k3, ...Array.from({ length: 98 }, (_, i) => jwk(foreign.publicKey, `filler-${i}`))] }),
      bytes: JSON.stringify({ keys: [...held, { ...k3, padding: 'p'.repeat(1024 * 1024) }] }),
    };
    for (const [what, text] of Object.entries(oversized)) {
      body = text;
      const before = served;
      // Until the interval is over and the set is fetched, then after: always the temporary refusal.
      await eventually(
        async () => {
          const r = await connectWith(sign(third.privateKey, 'RS256', 'k3'), gyre);
          assert.ok(temporary(r), `${what}: ${JSON.stringify(r)}`);
          if (served === before) await sleep(250);
          return served > before;
        },
        20_000,
        `a fetch of the set with too many ${what}`,
      );
      const r = await connectWith(sign(third.privateKey, 'RS256', 'k3'), gyre);
      assert.ok(temporary(r), `${what}, after the fetch: ${JSON.stringify(r)}`);
      assert.ok((await connectWith(sign(rsa.privateKey, 'RS256', 'k1'), gyre)).reply?.connect, `${what}: k1 still works`);
      assert.ok((await connectWith(sign(next.privateKey, 'RS256', 'k2'), gyre)).reply?.connect, `${what}: k2 still works`);
    }
    assert.match(gyre.output(), /JWKS fetch failed; the keys held are kept/);
  });
});
