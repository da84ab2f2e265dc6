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
import { closeClients, collect, type CodecName, decode, encode, type HttpTransportName, lines, makeHttpClient, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';
import { Centrifuge } from 'centrifuge';
import { EventSource } from 'eventsource';
import WebSocket from 'ws';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const ALLOWED = 'https://app.example.com';

before(async () => {
  redis = await startRedis();
  const config = {
    engine: 'redis',
    workers: 2,
    redis: { url: redis.url },
    channel: channelConfig,
    client: { allowed_origins: [ALLOWED] },
    uni_websocket: { enabled: true },
    uni_sse: { enabled: true },
    uni_http_stream: { enabled: true },
  };
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

  it('1000 streams abandoned without closing are cleaned up: their connections, subscriptions and presence are gone', async () => {
    const ch = 'chat:abandoned';
    const aborts: AbortController[] = [];
    // Held until the end: undici cancels the body of a response nobody references once it is garbage-collected.
    const responses: Response[] = [];
    const open = async (i: number) => {
      const ac = new AbortController();
      aborts.push(ac);
      const res = await fetch(`${(i % 2 ? a : b).httpUrl}/connection/http_stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, connect: { token: token({ sub: `gone-${i}`, channels: [ch] }) } }),
        signal: ac.signal,
      });
      assert.equal(res.status, 200);
      responses.push(res);
    };
    for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, k) => open(i + k)));
    const present = async () => (await a.api('presence_stats', { channel: ch })).result.num_clients ?? 0;
    await eventually(async () => (await present()) === 1000, 15_000, '1000 present').catch(async (e) => { throw new Error(`${e.message}: ${await present()} present`); });
    for (const ac of aborts) ac.abort();
    await eventually(async () => (await present()) === 0, 15_000, 'presence released');
    assert.equal(responses.length, 1000);
    assert.deepEqual((await a.api('channels', { pattern: ch })).result.channels, {});
  });
});

describe('unidirectional transports', () => {
  it('uni_http_stream (as curl uses it): a connect push, then the channel\'s publications as bare pushes, in order', async () => {
    const ch = 'chat:uni-http';
    const ac = new AbortController();
    const res = await fetch(`${a.httpUrl}/connection/uni_http_stream`, { method: 'POST', body: JSON.stringify({ token: token({ sub: 'u1', channels: [ch] }) }), signal: ac.signal });
    assert.equal(res.status, 200);
    const it = lines(res);
    const connect = JSON.parse((await it.next()).value!);
    assert.ok(connect.connect.client, JSON.stringify(connect));
    assert.deepEqual(Object.keys(connect.connect.subs), [ch]);
    assert.notEqual(connect.connect.pong, true, 'a unidirectional client is not asked to answer pings');
    for (let n = 1; n <= 3; n++) await b.api('publish', { channel: ch, data: { n } });
    const got = [];
    while (got.length < 3) {
      const line = (await it.next()).value!;
      if (line === 'null') continue; // a ping
      got.push(JSON.parse(line));
    }
    assert.deepEqual(got.map((p) => [p.channel, p.pub.data.n, p.pub.offset]), [[ch, 1, 1], [ch, 2, 2], [ch, 3, 3]]);
    ac.abort();
  });

  it('uni_http_stream recovers through the subs of the connect request', async () => {
    const ch = 'chat:uni-recover';
    const first = await a.api('publish', { channel: ch, data: { n: 1 } });
    for (let n = 2; n <= 4; n++) await a.api('publish', { channel: ch, data: { n } });
    const ac = new AbortController();
    const body = { token: token({ sub: 'u2', channels: [ch] }), subs: { [ch]: { recover: true, offset: 1, epoch: first.result.epoch } } };
    const res = await fetch(`${b.httpUrl}/connection/uni_http_stream`, { method: 'POST', body: JSON.stringify(body), signal: ac.signal });
    const connect = JSON.parse((await lines(res).next()).value!);
    const sub = connect.connect.subs[ch];
    assert.equal(sub.recovered, true);
    assert.deepEqual(sub.publications.map((p: any) => p.data.n), [2, 3, 4]);
    ac.abort();
  });

  it('uni_sse with a plain EventSource (cf_connect in the URL), and uni_websocket with a plain WebSocket', async () => {
    const ch = 'chat:uni-plain';
    const url = new URL(`${a.httpUrl}/connection/uni_sse`);
    url.searchParams.set('cf_connect', JSON.stringify({ token: token({ sub: 'u3', channels: [ch] }) }));
    const es = new EventSource(url);
    const sse: any[] = [];
    es.onmessage = (e) => sse.push(JSON.parse(e.data));
    const ws = new WebSocket(`${b.wsUrl.replace('/connection/websocket', '/connection/uni_websocket')}`);
    const wsGot: any[] = [];
    ws.on('open', () => ws.send(JSON.stringify({ token: token({ sub: 'u4', channels: [ch] }) })));
    ws.on('message', (d: Buffer) => wsGot.push(JSON.parse(d.toString())));
    await eventually(() => sse.length >= 1 && wsGot.length >= 1, 5000, 'connect pushes');
    assert.ok(sse[0].connect && wsGot[0].connect);
    await a.api('publish', { channel: ch, data: { n: 1 } });
    const pubs = (xs: any[]) => xs.filter((x) => x.pub).map((x) => x.pub.data.n);
    await eventually(() => pubs(sse).length === 1 && pubs(wsGot).length === 1, 5000, 'the publication on both');
    es.close();
    ws.close();
  });

  it('an expired token is a disconnect push the client may come back from (3005); a connect request that is not JSON is 400', async () => {
    const expired = await fetch(`${a.httpUrl}/connection/uni_http_stream`, { method: 'POST', body: JSON.stringify({ token: token({ sub: 'u5', exp: Math.floor(Date.now() / 1000) - 10 }) }) });
    const push = JSON.parse((await lines(expired).next()).value!);
    assert.equal(push.disconnect.code, 3005);
    assert.equal(push.disconnect.reconnect, true);
    assert.equal((await fetch(`${a.httpUrl}/connection/uni_http_stream`, { method: 'POST', body: 'not json' })).status, 400);
    assert.equal((await fetch(`${a.httpUrl}/connection/uni_sse?cf_connect=%5B%5D`)).status, 400);
  });
});
