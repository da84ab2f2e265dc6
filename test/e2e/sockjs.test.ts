/**
 * SockJS with the real sockjs-client (websocket, xhr-streaming, xhr-polling
 * from Node) under centrifuge-js, on the Redis engine with two servers of two
 * workers each: publications once and in order, presence, recovery; every
 * request of a session reaching the worker that holds it while sessions
 * share keep-alive connections; abandoned sessions cleaned up; refusals;
 * the inbound size limit on every transport.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Centrifuge } from 'centrifuge';
import SockJS from 'sockjs-client';
import { closeClients, collect, nextEvent, rawSocket, token } from '../helpers/clients';
import { childPids, peakRss } from '../helpers/process';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
const made: Centrifuge[] = [];
// A legal URL holding characters HTML gives a meaning to: the iframe page must carry it escaped.
const CLIENT_URL = `https://example.test/sockjs-client.min.js?v="1"&t='x'&a=<b>`;

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
    for (const name of ['iframe.html', 'iframe-1.6.1.html']) {
      const iframe = await (await fetch(`${a.httpUrl}/connection/sockjs/${name}`)).text();
      const scripts = iframe.match(/<script[^>]*>/g);
      assert.deepEqual(scripts, ['<script src="https://example.test/sockjs-client.min.js?v=&quot;1&quot;&amp;t=&#39;x&#39;&amp;a=&lt;b&gt;">', '<script>'], 'the iframe page loads sockjs.url, escaped');
      assert.ok(iframe.includes('SockJS.bootstrap_iframe()'));
    }
    const unknown = await fetch(`${a.httpUrl}/connection/sockjs/000/nosuchsession/xhr_send`, { method: 'POST', body: '["x"]' });
    assert.equal(unknown.status, 404);
    const oversized = await fetch(`${a.httpUrl}/connection/sockjs/000/nosuchsession/xhr_send`, { method: 'POST', body: JSON.stringify(['x'.repeat(70 * 1024)]) });
    assert.equal(oversized.status, 413);
    const foreign = await fetch(`${a.httpUrl}/connection/sockjs/info`, { headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
  });
});

describe('SockJS and client.allowed_origins (none here: only the server\'s own origin)', () => {
  const base = () => `${a.httpUrl}/connection/sockjs`;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base()}${path}`, { headers });

  it('the iframe page may be framed by Gyre\'s own pages only, and /info claims no other origin', async () => {
    const iframe = await get('/iframe.html');
    assert.equal(iframe.headers.get('content-security-policy'), "frame-ancestors 'self'");
    assert.equal(iframe.headers.get('x-frame-options'), 'SAMEORIGIN');
    const info = await get('/info', { origin: a.httpUrl });
    assert.deepEqual((await info.json()).origins, []);
    assert.equal(info.headers.get('access-control-allow-origin'), a.httpUrl);
  });

  it('a browser request without an Origin from another site (script tag, iframe) is judged by its Referer', async () => {
    const crossSite = { 'sec-fetch-site': 'cross-site' };
    for (const path of ['/000/jsonpsession/jsonp?c=cb', '/000/htmlsession/htmlfile?c=cb', '/iframe.html', '/info']) {
      for (const headers of [{ ...crossSite, referer: 'https://evil.example/page' }, crossSite, { 'sec-fetch-site': 'same-site', referer: 'http://localhost:1/' }]) {
        const res = await get(path, headers);
        assert.equal(res.status, 403, `${path} ${JSON.stringify(headers)}`);
        assert.equal((await res.json()).error.code, 103);
      }
    }
    // The server's own pages, a top-level navigation and clients that are no browser pass.
    assert.equal((await get('/iframe.html', { 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await get('/iframe.html', { 'sec-fetch-site': 'none' })).status, 200);
    assert.equal((await get('/info', { ...crossSite, referer: `${a.httpUrl}/some/page` })).status, 200);
    const jsonp = await get('/000/jsonpok/jsonp?c=cb');
    assert.equal(jsonp.status, 200);
    assert.equal(await jsonp.text(), '/**/cb("o");\r\n');
  });
});

describe('SockJS message size limit (websocket.message_size_limit, 64 KiB here)', () => {
  const LIMIT = 65536;
  const HUGE = 32 * 1024 * 1024;

  /**
   * POSTs a body of up to `size` bytes in chunks, without a Content-Length, and stops sending once the server
   * answers (it looks for the answer between chunks, as the server may drop a client that keeps sending).
   */
  function streamPost(url: string, contentType: string, prefix: string, size: number): Promise<{ status: number; body: string; sent: number } | { error: string }> {
    return new Promise((resolve) => {
      const req = http.request(url, { method: 'POST', headers: { 'content-type': contentType } });
      let answered = false;
      let sent = 0;
      req.on('response', (res) => {
        answered = true;
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
        res.on('error', (err) => resolve({ error: err.message }));
      });
      req.on('error', (err) => resolve({ error: err.message }));
      const chunk = Buffer.alloc(64 * 1024, 'x');
      void (async () => {
        req.write(prefix);
        while (!answered && sent < size) {
          await new Promise((r) => req.write(chunk, r));
          sent += chunk.length;
          await new Promise((r) => setImmediate(r));
        }
        req.end();
      })();
    });
  }

  it('a 32 MB message before connect, without a token, is refused on every transport without the worker buffering it', async () => {
    const workers = childPids(a.proc.pid!);
    assert.equal(workers.length, 2);
    const peakBefore = workers.map(peakRss);
    const base = `${a.httpUrl}/connection/sockjs`;
    const wsBase = base.replace('http:', 'ws:');
    const message = 'x'.repeat(HUGE);
    const sockets = [`${wsBase}/000/huge1/websocket`, `${wsBase}/000/huge2/websocket`, `${wsBase}/websocket`, `${wsBase}/websocket`].map(async (url) => {
      const s = rawSocket(url);
      await s.opened;
      s.send(url.endsWith('/sockjs/websocket') ? `{"id":1,"connect":{"data":"${message}"}}` : JSON.stringify([message]));
      return Promise.race([s.closed, sleep(15_000).then(() => ({ code: -1, reason: 'still open after 15 s' }))]);
    });
    const sends = ['xhr_send', 'jsonp_send'].map(async (send, i) => {
      const session = `${base}/000/hugesend${i}`;
      assert.equal((await (await fetch(`${session}/xhr`, { method: 'POST' })).text()).trim(), 'o');
      return send === 'xhr_send'
        ? streamPost(`${session}/xhr_send`, 'text/plain', '["', HUGE)
        : streamPost(`${session}/jsonp_send`, 'application/x-www-form-urlencoded', 'd=%5B%22', HUGE);
    });
    for (const closed of await Promise.all(sockets)) {
      // 1009 when the close frame arrives before the server drops the connection, 1006 when the reset wins.
      assert.ok(closed.code === 1009 || closed.code === 1006, `closed with ${closed.code} ${closed.reason}`);
    }
    for (const answer of await Promise.all(sends)) {
      assert.ok('status' in answer, `a send got no answer: ${JSON.stringify(answer)}`);
      assert.equal(answer.status, 413);
      assert.ok(answer.sent < HUGE / 4, `answered only after ${answer.sent} bytes`);
      assert.deepEqual(JSON.parse(answer.body), { error: { code: 107, message: `bad request: body larger than ${LIMIT} bytes (websocket.message_size_limit)` } });
    }
    const declared = await fetch(`${base}/000/hugesend0/xhr_send`, { method: 'POST', body: JSON.stringify(['x'.repeat(LIMIT)]) });
    assert.equal(declared.status, 413);
    // Gathering even one of these messages would have raised a worker's peak by tens of megabytes.
    workers.forEach((pid, i) => {
      const grown = peakRss(pid) - peakBefore[i]!;
      assert.ok(grown < 16 * 1024 * 1024, `worker ${pid} peak memory grew by ${Math.round(grown / 1024 / 1024)} MB`);
    });
  });

  for (const transport of ['websocket', 'xhr-polling']) {
    it(`a 40 KB publication still goes through on ${transport}`, async () => {
      const ch = `chat:sockjs-big-${transport}`;
      const c = sockjsClient(a, transport, `big-${transport}`);
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      await sub.ready(8000);
      const data = { s: 'y'.repeat(40_000) };
      await sub.publish(data);
      await eventually(() => pubs.length === 1, 5000, 'the publication back');
      assert.deepEqual(pubs[0].data, data);
      c.disconnect();
    });
  }
});
