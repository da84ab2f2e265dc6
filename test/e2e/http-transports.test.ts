/**
 * HTTP-streaming (JSON and protobuf) and SSE with the /emulation endpoint,
 * driven by the real centrifuge-js (SSE through the `eventsource` package),
 * on the Redis engine with two servers of two workers each: every client's
 * stream is on one server and its commands go to the other, so each command
 * is forwarded to the worker that holds the session. Publications arrive
 * exactly once and in order, presence works, a reconnect recovers what was
 * missed, a refused WebSocket falls back to HTTP-streaming, and bad requests
 * get their documented answers with CORS headers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeClients, collect, type CodecName, decode, encode, type HttpTransportName, makeHttpClient, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const ALLOWED = 'https://app.example.com';

before(async () => {
  redis = await startRedis();
  const config = { engine: 'redis', workers: 2, redis: { url: redis.url }, channel: channelConfig, client: { allowed_origins: [ALLOWED] } };
  [a, b] = await Promise.all([startServer({ config }), startServer({ config })]);
});
after(async () => {
  closeClients();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

const VARIANTS: [HttpTransportName, CodecName][] = [
  ['http_stream', 'json'],
  ['http_stream', 'protobuf'],
  ['sse', 'json'],
];

for (const [transport, codec] of VARIANTS) {
  describe(`${transport} (${codec})`, () => {
    it('streams from one server while its commands go to the other: 30 API and 10 client publications once, in order; presence', async () => {
      const ch = `chat:http-${transport}-${codec}`;
      const c = makeHttpClient(a.httpUrl, transport, codec, b.httpUrl, { token: token({ sub: `h-${transport}-${codec}` }) });
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      const connected = await nextEvent(c, 'connected');
      assert.equal(connected.transport, transport);
      await sub.ready(5000);
      for (let n = 1; n <= 40; n++) {
        if (n % 4 === 0) await sub.publish(encode(codec, { n }));
        else await (n % 2 ? a : b).api('publish', { channel: ch, data: { n } });
      }
      await eventually(() => pubs.length === 40, 10_000, '40 publications');
      await sleep(200);
      assert.deepEqual(pubs.map((p) => (decode(codec, p.data) as { n: number }).n), Array.from({ length: 40 }, (_, i) => i + 1));
      const presence = await sub.presence();
      assert.deepEqual(Object.values(presence.clients).map((i: any) => i.user), [`h-${transport}-${codec}`]);
      c.disconnect();
    });

    it('recovers what was published while it was away', async () => {
      const ch = `chat:http-recover-${transport}-${codec}`;
      const c = makeHttpClient(b.httpUrl, transport, codec, a.httpUrl, { token: token({ sub: 'r' }) });
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      await sub.ready(5000);
      await a.api('publish', { channel: ch, data: { n: 1 } });
      await eventually(() => pubs.length === 1, 5000, 'first publication');
      c.disconnect();
      for (let n = 2; n <= 6; n++) await a.api('publish', { channel: ch, data: { n } });
      const resubscribed = nextEvent(sub, 'subscribed');
      sub.subscribe();
      c.connect();
      const ctx = await resubscribed;
      assert.equal(ctx.recovered, true);
      await eventually(() => pubs.length === 6, 5000, 'recovered publications');
      assert.deepEqual(pubs.map((p) => (decode(codec, p.data) as { n: number }).n), [1, 2, 3, 4, 5, 6]);
      c.disconnect();
    });
  });
}

describe('fallback', () => {
  it('a refused WebSocket falls back to HTTP-streaming', async () => {
    const c = new Centrifuge(
      [
        { transport: 'websocket', endpoint: `${a.wsUrl.replace('/connection/websocket', '/connection/nowhere')}` },
        { transport: 'http_stream', endpoint: `${a.httpUrl}/connection/http_stream` },
      ],
      { websocket: WebSocket, emulationEndpoint: `${a.httpUrl}/emulation`, token: token({ sub: 'fallback' }), minReconnectDelay: 50, maxReconnectDelay: 300 },
    );
    c.connect();
    const connected = await nextEvent(c, 'connected', 5000);
    assert.equal(connected.transport, 'http_stream');
    c.disconnect();
  });
});

describe('emulation endpoint answers', () => {
  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(`${a.httpUrl}/emulation`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('404 for an unknown node or session, 400 for garbage, 413 over 64 KiB, with CORS for allowed origins', async () => {
    const unknownNode = await post(JSON.stringify({ node: 'no-such-node', session: 's', data: '{}' }), { origin: ALLOWED });
    assert.equal(unknownNode.status, 404);
    assert.equal(unknownNode.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match((await unknownNode.json()).error.message, /unknown node/);
    const info = await a.api('info');
    const node = info.result.nodes[0].uid as string;
    const unknownSession = await post(JSON.stringify({ node, session: 'no-such-session', data: '{}' }));
    assert.equal(unknownSession.status, 404);
    assert.match((await unknownSession.json()).error.message, /unknown session/);
    for (const garbage of ['not json', '[]', '{"node":1}', JSON.stringify({ node, session: 's', data: { not: 'a string' } })]) {
      assert.equal((await post(garbage)).status, 400, garbage);
    }
    assert.equal((await post(new Uint8Array(65 * 1024).fill(0x20))).status, 413);
    assert.equal((await post(new Uint8Array([0xff, 0xff, 0xff]), { 'content-type': 'application/octet-stream' })).status, 400);
  });

  it('answers a preflight from an allowed origin, and refuses other origins with 403 on every HTTP transport', async () => {
    for (const path of ['/emulation', '/connection/http_stream', '/connection/sse']) {
      const pre = await fetch(`${a.httpUrl}${path}`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-headers': 'content-type' } });
      assert.equal(pre.status, 204, path);
      assert.equal(pre.headers.get('access-control-allow-origin'), ALLOWED);
      assert.equal(pre.headers.get('access-control-allow-credentials'), 'true');
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
      const evil = await fetch(`${a.httpUrl}${path}`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' });
      assert.equal(evil.status, 403, path);
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
    }
    assert.equal((await fetch(`${a.httpUrl}/connection/sse`)).status, 400, 'SSE without cf_connect');
    assert.equal((await fetch(`${a.httpUrl}/connection/http_stream`, { method: 'GET' })).status, 405);
  });

  it('streams abandoned without closing are cleaned up: their connections, subscriptions and presence are gone', async () => {
    const ch = 'chat:abandoned';
    const aborts: AbortController[] = [];
    for (let i = 0; i < 100; i++) {
      const ac = new AbortController();
      aborts.push(ac);
      const res = await fetch(`${(i % 2 ? a : b).httpUrl}/connection/http_stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, connect: { token: token({ sub: `gone-${i}`, channels: [ch] }) } }),
        signal: ac.signal,
      });
      assert.equal(res.status, 200);
    }
    const present = async () => (await a.api('presence_stats', { channel: ch })).result.num_clients ?? 0;
    await eventually(async () => (await present()) === 100, 5000, '100 present');
    for (const ac of aborts) ac.abort();
    await eventually(async () => (await present()) === 0, 10_000, 'presence released');
    assert.deepEqual((await a.api('channels', { pattern: ch })).result.channels, {});
  });
});
