/**
 * SockJS with the real sockjs-client (websocket, xhr-streaming, xhr-polling
 * from Node) under centrifuge-js, on the Redis engine with two servers of two
 * workers each: publications once and in order, presence, recovery; every
 * request of a session reaching the worker that holds it while sessions
 * share keep-alive connections; abandoned sessions cleaned up; refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Centrifuge } from 'centrifuge';
import SockJS from 'sockjs-client';
import { closeClients, collect, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const made: Centrifuge[] = [];
const CLIENT_URL = 'https://example.test/sockjs-client.min.js';

before(async () => {
  redis = await startRedis();
  const config = { engine: 'redis', workers: 2, redis: { url: redis.url }, channel: channelConfig, sockjs: { url: CLIENT_URL } };
  [a, b] = await Promise.all([startServer({ config }), startServer({ config })]);
});
after(async () => {
  for (const c of made) c.disconnect();
  closeClients();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

function sockjsClient(server: TestServer, transport: string, user: string): Centrifuge {
  const c = new Centrifuge([{ transport: 'sockjs', endpoint: `${server.httpUrl}/connection/sockjs` }], {
    sockjs: SockJS,
    sockjsOptions: { transports: [transport] },
    token: token({ sub: user }),
    minReconnectDelay: 50,
    maxReconnectDelay: 300,
    timeout: 8000,
  } as any);
  made.push(c);
  return c;
}

for (const transport of ['websocket', 'xhr-streaming', 'xhr-polling']) {
  describe(`SockJS ${transport}`, () => {
    it('30 API and 10 client publications once and in order, with presence', async () => {
      const ch = `chat:sockjs-${transport}`;
      const c = sockjsClient(a, transport, `s-${transport}`);
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      assert.equal((await nextEvent(c, 'connected', 8000)).transport, `sockjs-${transport}`);
      await sub.ready(8000);
      for (let n = 1; n <= 40; n++) {
        if (n % 4 === 0) await sub.publish({ n });
        else await (n % 2 ? a : b).api('publish', { channel: ch, data: { n } });
      }
      await eventually(() => pubs.length === 40, 10_000, '40 publications');
      await sleep(200);
      assert.deepEqual(pubs.map((p) => p.data.n), Array.from({ length: 40 }, (_, i) => i + 1));
      assert.deepEqual(Object.values((await sub.presence()).clients).map((i: any) => i.user), [`s-${transport}`]);
      c.disconnect();
    });

    it('recovers what was published while it was away', async () => {
      const ch = `chat:sockjs-recover-${transport}`;
      const c = sockjsClient(b, transport, 'r');
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      await sub.ready(8000);
      await a.api('publish', { channel: ch, data: { n: 1 } });
      await eventually(() => pubs.length === 1, 5000, 'first publication');
      c.disconnect();
      for (let n = 2; n <= 5; n++) await a.api('publish', { channel: ch, data: { n } });
      const resubscribed = nextEvent(sub, 'subscribed', 8000);
      c.connect();
      assert.equal((await resubscribed).recovered, true);
      await eventually(() => pubs.length === 5, 5000, 'recovered publications');
      assert.deepEqual(pubs.map((p) => p.data.n), [1, 2, 3, 4, 5]);
      c.disconnect();
    });
  });
}

describe('SockJS on several workers', () => {
  it('ten polling sessions sharing keep-alive connections each get every publication (each request reaches its owner)', async () => {
    const ch = 'chat:sockjs-routing';
    const clients = Array.from({ length: 10 }, (_, k) => sockjsClient(a, 'xhr-polling', `p${k}`));
    const received = clients.map((c) => {
      const sub = c.newSubscription(ch);
      const got = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      return { sub, got };
    });
    await Promise.all(received.map(({ sub }) => sub.ready(10_000)));
    for (let n = 1; n <= 20; n++) await a.api('publish', { channel: ch, data: { n } });
    await eventually(() => received.every(({ got }) => got.length === 20), 10_000, 'every session got all 20');
    for (const { got } of received) assert.deepEqual(got.map((p) => p.data.n), Array.from({ length: 20 }, (_, i) => i + 1));
    for (const c of clients) c.disconnect();
  });

  it('abandoned sessions are closed after the disconnect delay, releasing their subscriptions and presence', async () => {
    const ch = 'chat:sockjs-abandoned';
    const base = `${a.httpUrl}/connection/sockjs`;
    for (let i = 0; i < 20; i++) {
      const path = `${base}/${String(i).padStart(3, '0')}/abandoned${i}`;
      const open = await fetch(`${path}/xhr`, { method: 'POST' });
      assert.equal((await open.text()).trim(), 'o');
      const connect = JSON.stringify({ id: 1, connect: { token: token({ sub: `gone${i}`, channels: [ch] }) } });
      assert.equal((await fetch(`${path}/xhr_send`, { method: 'POST', body: JSON.stringify([connect]) })).status, 204);
    }
    const present = async () => (await a.api('presence_stats', { channel: ch })).result.num_clients ?? 0;
    await eventually(async () => (await present()) === 20, 5000, '20 present');
    // Nobody polls again: sockjs ends each session after its disconnect delay (5 s).
    await eventually(async () => (await present()) === 0, 15_000, 'sessions cleaned up');
  });
});

describe('SockJS endpoints', () => {
  it('info, the iframe page loading sockjs.url, 404 for a send to an unknown session, 403 for a foreign origin', async () => {
    const info = await (await fetch(`${a.httpUrl}/connection/sockjs/info`)).json();
    assert.equal(info.websocket, true);
    const iframe = await (await fetch(`${a.httpUrl}/connection/sockjs/iframe.html`)).text();
    assert.ok(iframe.includes(CLIENT_URL), 'the iframe page loads sockjs.url');
    const unknown = await fetch(`${a.httpUrl}/connection/sockjs/000/nosuchsession/xhr_send`, { method: 'POST', body: '["x"]' });
    assert.equal(unknown.status, 404);
    const oversized = await fetch(`${a.httpUrl}/connection/sockjs/000/nosuchsession/xhr_send`, { method: 'POST', body: JSON.stringify(['x'.repeat(70 * 1024)]) });
    assert.equal(oversized.status, 413);
    const foreign = await fetch(`${a.httpUrl}/connection/sockjs/info`, { headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
  });
});
