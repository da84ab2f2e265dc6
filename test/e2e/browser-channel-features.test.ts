/**
 * Tags filters and fossil deltas in Chromium: centrifuge-js's browser bundles
 * (JSON and protobuf) over WebSocket, on the Redis engine with two workers,
 * decode deltas with the browser's own TextEncoder and receive only the
 * publications their filter passes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BUNDLES, browserServerConfig, launchChromium, type PageServer, servePage } from '../helpers/browser';
import { token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startServer, type TestServer, within } from '../helpers/server';

BUNDLES['/centrifuge.protobuf.js'] = BUNDLES['/centrifuge.js']!.replace(/centrifuge\.js$/, 'centrifuge.protobuf.js');

const PAGE = (bundle: string) => `<!doctype html><html><head><script src="${bundle}"></script></head>
<body><script>
  // A filtered and a delta subscription on one connection; run() resolves once both are subscribed,
  // results() once the expected publications arrived.
  const got = { filtered: [], delta: [] };
  let sub;
  window.run = (url, tok, filteredChannel, deltaChannel) => new Promise((resolve, reject) => {
    const C = window.Centrifuge.Centrifuge || window.Centrifuge;
    const c = new C(url, { token: tok });
    const filtered = c.newSubscription(filteredChannel, { tagsFilter: { key: 'kind', cmp: 'eq', val: 'keep' } });
    sub = c.newSubscription(deltaChannel, { delta: 'fossil' });
    const decode = (d) => (d instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(d)) : d);
    filtered.on('publication', (ctx) => got.filtered.push(decode(ctx.data)));
    sub.on('publication', (ctx) => got.delta.push(decode(ctx.data)));
    let ready = 0;
    for (const s of [filtered, sub]) {
      s.on('subscribed', () => { if (++ready === 2) resolve(true); });
      s.on('error', (e) => reject(new Error(JSON.stringify(e))));
      s.subscribe();
    }
    c.connect();
    setTimeout(() => reject(new Error('not subscribed in 15 s')), 15000);
  });
  window.results = (filtered, delta) => new Promise((resolve, reject) => {
    const check = () => got.filtered.length >= filtered && got.delta.length >= delta;
    const timer = setTimeout(() => reject(new Error('publications missing: ' + JSON.stringify([got.filtered.length, got.delta.length]))), 10000);
    const poll = () => (check() ? (clearTimeout(timer), resolve({ ...got, stats: sub.deltaStats() })) : setTimeout(poll, 20));
    poll();
  });
</script></body></html>`;

const scoreboard = (v: number) => ({ v, teams: Array.from({ length: 40 }, (_, i) => ({ team: `t${i}`, score: i === v ? 1000 + v : i })) });

let redis: TestRedis;
let server: TestServer;
let browser: Browser;
const pages: PageServer[] = [];

before(async () => {
  redis = await startRedis();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await redis?.stop();
  for (const p of pages) p.server.close();
});

describe('channel features in Chromium (Redis engine, 2 workers)', () => {
  for (const bundle of ['/centrifuge.js', '/centrifuge.protobuf.js']) {
    it(`${bundle}: a tags filter and fossil deltas over WebSocket`, async () => {
      const pageServer = await servePage(PAGE(bundle));
      pages.push(pageServer);
      // Each page has its own origin, which the server must allow: a server per page.
      await server?.stop();
      server = await startServer({
        config: browserServerConfig(redis.url, pageServer.origin, {
          channel: {
            namespaces: [
              { name: 'tf', history_size: 50, history_ttl: 300, force_recovery: true, allow_subscribe_for_client: true, allow_tags_filter: true },
              { name: 'delta', history_size: 50, history_ttl: 300, force_recovery: true, allow_subscribe_for_client: true, allowed_delta_types: ['fossil'] },
            ],
          },
        }),
      });
      const page: Page = await browser.newPage();
      page.on('pageerror', (e) => console.log('[browser] page error:', e.message));
      await page.goto(`${pageServer.origin}/index.html`);
      const name = bundle.includes('protobuf') ? 'pb' : 'json';
      const [fch, dch] = [`tf:browser-${name}`, `delta:browser-${name}`];
      // The protobuf bundle asks for the centrifuge-protobuf subprotocol itself.
      const ws = server.wsUrl;
      await within(page.evaluate(([u, t, a, b]) => (window as any).run(u, t, a, b), [ws, token({ sub: `browser-${name}` }), fch, dch] as const), 20_000, 'subscribed');
      for (const [i, kind] of ['keep', 'drop', 'keep'].entries()) await server.api('publish', { channel: fch, data: { i }, tags: { kind } });
      for (let v = 1; v <= 6; v++) await server.api('publish', { channel: dch, data: scoreboard(v) });
      const r = await within(page.evaluate(() => (window as any).results(2, 6)), 20_000, 'publications');
      assert.deepEqual(r.filtered, [{ i: 0 }, { i: 2 }]);
      assert.deepEqual(r.delta, [1, 2, 3, 4, 5, 6].map(scoreboard));
      assert.equal(r.stats.numDeltaPayloads, 5, 'every publication after the first as a delta');
      await page.close();
    });
  }
});
