/**
 * client.allowed_origins against a browser page on another origin, in
 * headless Chromium, over every SockJS transport — the iframe ones too, whose
 * page lives in Gyre's own origin and takes its orders by postMessage, and
 * jsonp-polling, whose script tags carry no Origin. The attacker's page
 * answers sockjs-client's /info itself (Gyre refuses its origin there), so
 * sockjs-client goes on to try the transport. The same page served from the
 * allowed origin connects through the connect proxy on each transport. Gyre
 * runs two workers, so SockJS requests are routed between them too.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserServerConfig, launchChromium, type PageServer, servePage } from '../helpers/browser';
import { startRedis, type TestRedis } from '../helpers/redis';
import { freePort, startServer, type TestServer } from '../helpers/server';

const PAGE = `<!doctype html><html><head><script src="/sockjs.min.js"></script></head>
<body><script>
  // The info sockjs-client needs before it tries a transport, from this page's own server.
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    return open.call(this, method, /\\/connection\\/sockjs\\/info(\\?|$)/.test(url) ? '/fake-info' : url, ...rest);
  };
  // Opens a SockJS session by one transport and sends a connect without a token: the connect proxy decides.
  window.attempt = (url, transport) => new Promise((resolve) => {
    let opened = false;
    const s = new SockJS(url, null, { transports: [transport], timeout: 3000 });
    s.onopen = () => { opened = true; s.send(JSON.stringify({ id: 1, connect: {} })); };
    s.onmessage = (e) => { resolve({ opened, reply: e.data }); s.close(); };
    s.onclose = (e) => resolve({ opened, code: e.code, reason: e.reason });
    setTimeout(() => { resolve({ opened, stuck: true }); s.close(); }, 15000);
  });
</script></body></html>`;
const FAKE_INFO: [string, string] = ['application/json', JSON.stringify({ websocket: true, origins: ['*:*'], cookie_needed: false, entropy: 1 })];

const TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling', 'eventsource', 'iframe-eventsource', 'iframe-htmlfile', 'iframe-xhr-polling', 'jsonp-polling'];

let redis: TestRedis;
let server: TestServer;
let backend: http.Server;
let allowed: PageServer;
let foreign: PageServer;
let browser: Browser;
const pages: Record<'allowed' | 'foreign', Page> = {} as never;
const connects: http.IncomingHttpHeaders[] = [];

before(async () => {
  [allowed, foreign] = await Promise.all([servePage(PAGE, { '/fake-info': FAKE_INFO }), servePage(PAGE, { '/fake-info': FAKE_INFO })]);
  const backendPort = await freePort();
  backend = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/connect') connects.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: { user: 'victim' } }));
    });
  });
  await new Promise<void>((resolve) => backend.listen(backendPort, '127.0.0.1', resolve));
  redis = await startRedis();
  server = await startServer({ config: browserServerConfig(redis.url, allowed.origin, { proxy: { connect_endpoint: `http://127.0.0.1:${backendPort}/connect` } }) });
  browser = await launchChromium();
  for (const [name, at] of [['allowed', allowed], ['foreign', foreign]] as const) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.log(`[browser ${name}] page error:`, e.message));
    await page.goto(`${at.origin}/index.html`);
    pages[name] = page;
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await redis?.stop();
  backend?.close();
  allowed?.server.close();
  foreign?.server.close();
});

function attempt(page: Page, transport: string): Promise<{ opened: boolean; reply?: string; code?: number; reason?: string; stuck?: boolean }> {
  return page.evaluate(([url, t]) => (window as any).attempt(url, t), [`${server.httpUrl}/connection/sockjs`, transport] as const);
}

describe('SockJS in Chromium: a page on an origin client.allowed_origins does not list', () => {
  for (const t of TRANSPORTS) {
    it(`${t}: opens no session and never reaches the connect proxy; the allowed origin's page connects`, async () => {
      const before = connects.length;
      const refused = await attempt(pages.foreign, t);
      assert.equal(refused.opened, false, `a session opened from ${foreign.origin}: ${JSON.stringify(refused)}`);
      assert.equal(refused.stuck, undefined, 'sockjs-client gave up');
      const ok = await attempt(pages.allowed, t);
      assert.equal(ok.opened, true, JSON.stringify(ok));
      assert.equal(JSON.parse(ok.reply!).connect.client.length > 0, true, ok.reply);
      // Exactly one connect reached the backend: the allowed page's.
      assert.equal(connects.length, before + 1);
    });
  }
});
