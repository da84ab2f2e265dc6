/**
 * JWKS: tokens checked against keys fetched from a local JWKS endpoint by
 * kid (RS256 and ES256), a foreign key refused (3500), unknown kids not
 * refetched more than once per interval, and an unreachable endpoint a
 * temporary error (the client keeps retrying) until it is back.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { closeClients, makeClient, nextEvent, rawSocket } from '../helpers/clients';
import { eventually, freePort, startServer, type TestServer } from '../helpers/server';

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

before(async () => {
  const port = await freePort();
  idp = http.createServer((_req, res) => {
    fetches++;
    if (!up) {
      res.writeHead(503);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((r) => idp.listen(port, '127.0.0.1', r));
  server = await startServer({ config: { token: { jwks_public_endpoint: `http://127.0.0.1:${port}/jwks` } } });
});
after(async () => {
  closeClients();
  await server?.stop();
  idp?.close();
});

const sign = (key: KeyObject, alg: jwt.Algorithm, kid: string, sub = 'u') => jwt.sign({ sub }, key, { algorithm: alg, keyid: kid, expiresIn: 600 });

/** The first reply (or close code) of a raw connect with this token. */
async function connectWith(tokenText: string): Promise<{ reply?: any; close?: number }> {
  const s = rawSocket(server.wsUrl);
  await s.opened;
  s.send(JSON.stringify({ id: 1, connect: { token: tokenText } }));
  const result = await Promise.race([eventually(() => s.messages.length > 0, 5000, 'reply').then(() => ({ reply: JSON.parse(s.messages[0]!.toString()) })), s.closed.then((c) => ({ close: c.code }))]);
  s.ws.close();
  return result;
}

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

  it('unknown kids refetch the set at most once per interval', async () => {
    const before = fetches;
    for (let i = 0; i < 20; i++) assert.equal((await connectWith(sign(foreign.privateKey, 'RS256', `forged-${i}`))).close, 3500);
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
