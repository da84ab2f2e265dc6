/**
 * Headless Chromium (Debian's, driven by playwright-core) on a page served
 * from another origin that client.allowed_origins allows: centrifuge-js's
 * browser bundle over every SockJS transport (sockjs-client's browser
 * bundle, the iframe ones loading sockjs.url), over HTTP-streaming and SSE,
 * and a plain EventSource on uni_sse. Each connects, subscribes, and receives
 * a publication made through the API. The server runs the Redis engine with
 * two workers, so SockJS's requests are routed between them too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserServerConfig, launchChromium, type PageServer, servePage } from '../helpers/browser';
import { token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, type TestServer, within } from '../helpers/server';
import { channelConfig } from './fixtures';

const PAGE = `<!doctype html><html><head><script src="/sockjs.min.js"></script><script src="/centrifuge.js"></script></head>
<body><script>
  // One client at a time: start() resolves once subscribed, next() with the next publication and the transport.
  let pubs = [];
  let waiting = null;
  window.start = (endpoints, opts, channel) => new Promise((resolve, reject) => {
    pubs = [];
    const C = window.Centrifuge.Centrifuge || window.Centrifuge;
    const c = new C(endpoints, opts);
    const sub = c.newSubscription(channel);
    sub.on('publication', (ctx) => { pubs.push(ctx.data); if (waiting) waiting(); });
    sub.on('subscribed', () => resolve(true));
    sub.on('error', (e) => reject(new Error(JSON.stringify(e))));
    c.on('connected', (ctx) => { window.transport = ctx.transport; });
    window.client = c;
    sub.subscribe();
    c.connect();
    setTimeout(() => reject(new Error('not subscribed in 15 s')), 15000);
  });
  window.next = () => new Promise((resolve, reject) => {
    const timer = setTimeout(() => { waiting = null; window.client.disconnect(); reject(new Error('no publication in 10 s')); }, 10000);
    const done = () => { clearTimeout(timer); waiting = null; resolve({ data: pubs[0], transport: window.transport }); window.client.disconnect(); };
    if (pubs.length) done(); else waiting = done;
  });
  window.uniSse = (url) => new Promise((resolve, reject) => {
    const got = [];
    const es = new EventSource(url);
    const timer = setTimeout(() => { es.close(); reject(new Error('no publication in 15 s')); }, 15000);
    es.onmessage = (e) => { got.push(JSON.parse(e.data)); const pub = got.find((m) => m.pub); if (pub) { clearTimeout(timer); es.close(); resolve({ connect: !!got[0].connect, data: pub.pub.data }); } };
    es.onerror = () => { clearTimeout(timer); es.close(); reject(new Error('EventSource error')); };
    window.uniStarted = () => got.length > 0;
  });
</script></body></html>`;

let redis: TestRedis;
let server: TestServer;
let pages: PageServer;
let pageOrigin: string;
let browser: Browser;
let page: Page;

before(async () => {
  pages = await servePage(PAGE);
  pageOrigin = pages.origin;
  redis = await startRedis();
  server = await startServer({ config: browserServerConfig(redis.url, pageOrigin, { channel: channelConfig, uni_sse: { enabled: true } }) });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log('[browser] page error:', e.message));
  await page.goto(`${pageOrigin}/index.html`);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await redis?.stop();
  pages?.server.close();
});

/**
 * page.evaluate has no timeout: a promise the page never settles (or a page that stops answering) fails here,
 * a little after the page's own timers (15 s to subscribe, 10–15 s for a publication) would have.
 */
function inPage<T>(evaluation: Promise<T>, what: string): Promise<T> {
  return within(evaluation, 20_000, `the page: ${what}`);
}

/** Connects in the page, publishes through the API once subscribed, and returns what the page received. */
async function roundTrip(endpoints: object[], opts: object, channel: string): Promise<{ data: unknown; transport: string }> {
  await inPage(page.evaluate(([e, o, ch]) => (window as any).start(e, o, ch), [endpoints, opts, channel] as const), `subscribed to ${channel}`);
  const received = inPage(page.evaluate(() => (window as any).next()), `a publication on ${channel}`);
  await server.api('publish', { channel, data: { hello: channel } });
  return received;
}

const SOCKJS_TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling', 'eventsource', 'iframe-eventsource', 'iframe-htmlfile', 'jsonp-polling'];

describe('in Chromium, from another origin', () => {
  for (const t of SOCKJS_TRANSPORTS) {
    it(`SockJS ${t}`, async () => {
      const ch = `chat:browser-sockjs-${t}`;
      const r = await roundTrip([{ transport: 'sockjs', endpoint: `${server.httpUrl}/connection/sockjs` }], { sockjsOptions: { transports: [t] }, token: token({ sub: 'b' }) }, ch);
      assert.deepEqual(r.data, { hello: ch });
      assert.equal(r.transport, `sockjs-${t}`);
    });
  }

  for (const t of ['http_stream', 'sse']) {
    it(t, async () => {
      const ch = `chat:browser-${t}`;
      const r = await roundTrip([{ transport: t, endpoint: `${server.httpUrl}/connection/${t}` }], { emulationEndpoint: `${server.httpUrl}/emulation`, token: token({ sub: 'b' }) }, ch);
      assert.deepEqual(r.data, { hello: ch });
      assert.equal(r.transport, t);
    });
  }

  it('a plain EventSource on uni_sse', async () => {
    const ch = 'chat:browser-uni';
    const url = new URL(`${server.httpUrl}/connection/uni_sse`);
    url.searchParams.set('cf_connect', JSON.stringify({ token: token({ sub: 'b', channels: [ch] }) }));
    const received = inPage(page.evaluate((u) => (window as any).uniSse(u), url.toString()), `a publication on ${ch}`);
    await eventually(() => inPage(page.evaluate(() => (window as any).uniStarted?.()), 'whether uni_sse started'), 10_000, 'the uni_sse connect push');
    await server.api('publish', { channel: ch, data: { hello: ch } });
    assert.deepEqual(await received, { connect: true, data: { hello: ch } });
  });
});
