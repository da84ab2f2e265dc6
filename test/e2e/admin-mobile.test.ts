/**
 * The admin web UI on a phone: headless Chromium as a 390×844 mobile browser
 * (so the page's viewport meta decides its layout width), against one worker
 * on the Redis engine so every table has rows (nodes, shards, queues, a dead
 * letter). On every page nothing scrolls sideways, the header spans the
 * screen with its links and button inside it, and the nodes table stays in
 * its card (scrolling there when wider). No stale panel: a channel's presence
 * and history go once a filter no longer lists that channel, an Actions answer
 * once another method is picked. /favicon.ico and the page's icon are served,
 * and /favicon.ico is still the router's JSON 404 with the admin off.
 * A screenshot of each page goes to the test's temp folder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { closeClients, subscribedClient } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

const PASSWORD = 'correct horse battery staple';
const WIDTH = 390;
const HEIGHT = 844;

let redis: TestRedis;
let r: Redis;
let server: TestServer;
let browser: Browser;
let page: Page;
let shots: string;
/** Every answer of 400 or more the page got (an asset or icon it asked for and missed). */
const failed: string[] = [];

before(async () => {
  redis = await startRedis();
  r = new Redis(redis.url);
  server = await startServer({
    config: { engine: 'redis', workers: 1, redis: { url: redis.url }, channel: channelConfig, admin: { enabled: true, password: PASSWORD, secret: 'admin-token-signing-key' } },
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('[browser] page error:', e.message));
  page.on('response', (res) => {
    // The admin API answers 200 with {error} for refusals; a status of 400+ here is a missing file or a broken call.
    if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
  });
  shots = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-admin-mobile-'));
  console.log(`[admin-mobile] screenshots in ${shots}`);
});
after(async () => {
  closeClients();
  await browser?.close();
  r?.disconnect();
  await server?.stop();
  await redis?.stop();
});

const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
const testid = (id: string) => page.getByTestId(id);

interface Box {
  left: number;
  right: number;
}

/**
 * The page's sideways fit: the document no wider than the screen, the header
 * from edge to edge and every link and button of it inside it (not cut off
 * or pushed past the edge).
 */
async function assertFits(what: string): Promise<void> {
  const l = await page.evaluate(() => {
    const g = globalThis as any;
    const box = (el: any): { left: number; right: number } => {
      const b = el.getBoundingClientRect();
      return { left: b.left, right: b.right };
    };
    const header = g.document.querySelector('header');
    const h = box(header);
    const outside = [...header.querySelectorAll('h1, a, button')].filter((el: any) => {
      const b = box(el);
      return b.left < h.left - 0.5 || b.right > h.right + 0.5;
    });
    return { innerWidth: g.innerWidth as number, scrollWidth: g.document.documentElement.scrollWidth as number, header: h, outside: outside.map((el: any) => el.textContent as string) };
  });
  assert.equal(l.innerWidth, WIDTH, `${what}: the layout viewport is the screen's width (viewport meta)`);
  assert.ok(l.scrollWidth <= WIDTH, `${what}: the page is ${l.scrollWidth}px wide on a ${WIDTH}px screen`);
  assert.equal(l.header.left, 0, `${what}: the header starts at the left edge`);
  assert.equal(Math.round(l.header.right), WIDTH, `${what}: the header ends at the right edge`);
  assert.deepEqual(l.outside, [], `${what}: header items outside the header`);
}

/**
 * Where a table is seen: the box of its nearest scrolling ancestor inside its
 * card (the table may be wider and scroll there), or the table's own; with
 * the card's box and how far the content reaches.
 */
function tableView(table: Locator): Promise<{ view: Box; card: Box; scrollWidth: number; clientWidth: number; tableWidth: number }> {
  return table.evaluate((t: any) => {
    const g = globalThis as any;
    const box = (el: any): { left: number; right: number } => {
      const b = el.getBoundingClientRect();
      return { left: b.left, right: b.right };
    };
    const card = t.closest('section.card');
    let view = t;
    for (let el = t.parentElement; el && el !== card; el = el.parentElement) {
      const ox = g.getComputedStyle(el).overflowX;
      if (ox === 'auto' || ox === 'scroll') {
        view = el;
        break;
      }
    }
    return { view: box(view), card: box(card), scrollWidth: view.scrollWidth, clientWidth: view.clientWidth, tableWidth: t.getBoundingClientRect().width };
  });
}

describe('admin UI on a phone-sized screen', () => {
  it('logs in; the nodes page fits, and its tables stay inside their cards', async () => {
    await page.goto(`${server.httpUrl}/`);
    const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
    assert.match(viewport ?? '', /width=device-width/);
    await testid('login-password').fill(PASSWORD);
    await testid('login-submit').click();
    await testid('nodes').waitFor();
    await page.locator('[data-testid=redis-shards] tbody tr').first().waitFor();
    await assertFits('nodes');
    for (const id of ['nodes', 'redis-shards']) {
      const t = await tableView(testid(id));
      assert.ok(t.card.right <= WIDTH, `${id}: the card ends at ${t.card.right}, past the screen`);
      assert.ok(t.view.left >= t.card.left && t.view.right <= t.card.right, `${id}: seen at ${JSON.stringify(t.view)}, outside its card ${JSON.stringify(t.card)}`);
      // What does not fit is reachable by scrolling inside the card, not cut off.
      assert.ok(t.scrollWidth >= Math.floor(t.tableWidth), `${id}: ${t.tableWidth}px of table, ${t.scrollWidth}px reachable`);
    }
    // The node's name, the first column, is on screen without scrolling.
    const name = await page.locator('[data-testid=nodes] tbody tr td:first-child').first().boundingBox();
    assert.ok(name && name.x >= 0 && name.x + name.width <= WIDTH, 'node name on screen');
    await shot('nodes');
  });

  it('the channels page: a channel’s presence and history go when a filter stops listing it', async () => {
    await subscribedClient(server.wsUrl, 'phone-user', 'chat:mobile-a');
    await subscribedClient(server.wsUrl, 'tablet-user', 'chat:mobile-b');
    await server.api('publish', { channel: 'chat:mobile-a', data: { note: 'from a', long: 'x'.repeat(200) } });
    await testid('nav-channels').click();
    const rows = page.locator('[data-testid=channels] tbody tr');
    const filter = async (pattern: string) => {
      await testid('channels-pattern').fill(pattern);
      await testid('channels-submit').click();
    };
    await filter('chat:mobile-*');
    await eventually(async () => (await rows.count()) === 2, 10_000, 'both channels listed');
    await rows.filter({ hasText: 'chat:mobile-a' }).click();
    const presenceA = page.getByText('"user": "phone-user"');
    const historyA = page.getByText('"note": "from a"');
    await presenceA.waitFor();
    await historyA.waitFor();
    await assertFits('channels, a channel open');
    await shot('channels');

    // Another filter that still lists the open channel keeps it; one that does not clears it.
    await filter('chat:mobile-?');
    await eventually(async () => (await rows.count()) === 2, 10_000, 'both channels listed again');
    assert.equal(await presenceA.count(), 1, 'still listed, still open');
    await filter('chat:mobile-b');
    await eventually(async () => (await rows.allTextContents()).join() === 'chat:mobile-b1', 10_000, 'only chat:mobile-b listed');
    assert.equal(await presenceA.count(), 0, 'presence of a channel no longer listed');
    assert.equal(await historyA.count(), 0, 'history of a channel no longer listed');

    await rows.first().click();
    const presenceB = page.getByText('"user": "tablet-user"');
    await presenceB.waitFor();
    await filter('chat:no-such-*');
    await page.getByText('No active channel matches.').waitFor();
    assert.equal(await presenceB.count(), 0, 'presence stays after a filter that matches nothing');
    assert.equal(await page.getByRole('heading', { name: 'chat:mobile-b' }).count(), 0, 'the channel card stays after a filter that matches nothing');
    await assertFits('channels, nothing matching');
  });

  it('the actions page fits, and an answer goes when another method is picked', async () => {
    await testid('nav-actions').click();
    await testid('action-method').selectOption('info');
    await testid('info-submit').click();
    await testid('action-status').getByText('ok').waitFor();
    await assertFits('actions, an answer shown');
    await shot('actions');
    await testid('action-method').selectOption('presence');
    await testid('presence-channel').waitFor();
    assert.equal(await testid('action-json').count(), 0, "info's answer under the presence form");
    await assertFits('actions');
  });

  it('the live trace fits, with a long publication in it', async () => {
    await testid('nav-trace').click();
    await testid('trace-channel').fill('chat:mobile-a');
    await testid('trace-start').click();
    await testid('trace-status').getByText('Tracing chat:mobile-a').waitFor();
    await server.api('publish', { channel: 'chat:mobile-a', data: { long: 'y'.repeat(400) } });
    await page.locator('[data-testid=trace-event][data-kind=publication]').waitFor();
    await assertFits('trace');
    await shot('trace');
    await testid('trace-stop').click();
  });

  it('the ingestion page fits, with a queue and a dead letter', async () => {
    await r.lpush('gyre.api', `not json ${'z'.repeat(300)}`);
    await eventually(async () => (await r.llen('gyre.api.dead')) === 1, 10_000, 'dead letter');
    await testid('nav-ingestion').click();
    await page.locator('[data-testid=queues] tbody tr', { hasText: 'gyre.api' }).first().waitFor();
    await testid('dead-refresh').click();
    await testid('dead-row').waitFor();
    await assertFits('ingestion');
    for (const id of ['queues', 'dead-letters']) {
      const t = await tableView(testid(id));
      assert.ok(t.view.left >= t.card.left && t.view.right <= t.card.right, `${id}: seen at ${JSON.stringify(t.view)}, outside its card ${JSON.stringify(t.card)}`);
    }
    await shot('ingestion');
  });

  it('the login page fits', async () => {
    await page.getByTestId('logout').click();
    await testid('login-password').waitFor();
    const scrollWidth = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    assert.ok(scrollWidth <= WIDTH, `login: ${scrollWidth}px wide`);
  });

  it('no asset the page asked for was missing', () => {
    assert.deepEqual(failed, []);
  });
});

describe('the icon', () => {
  it('/favicon.ico and the page’s icon link answer 200 with an image', async () => {
    const ico = await fetch(`${server.httpUrl}/favicon.ico`);
    assert.equal(ico.status, 200);
    assert.match(ico.headers.get('content-type') ?? '', /^image\//);
    const body = Buffer.from(await ico.arrayBuffer());
    assert.ok(body.length > 0);
    const head = await fetch(`${server.httpUrl}/favicon.ico`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    // The page names its icon itself (from this server, no CDN), and that is the same picture.
    const html = await (await fetch(`${server.httpUrl}/`)).text();
    const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1];
    assert.ok(href?.startsWith('/admin/static/'), `icon link: ${href}`);
    const linked = await fetch(`${server.httpUrl}${href}`);
    assert.equal(linked.status, 200);
    assert.match(linked.headers.get('content-type') ?? '', /^image\//);
    assert.deepEqual(Buffer.from(await linked.arrayBuffer()), body);
  });

  it('with the admin off, /favicon.ico is a JSON 404 like / and every path nothing serves', async () => {
    const off = await startServer({ config: { workers: 1 } });
    try {
      for (const p of ['/favicon.ico', '/', '/admin/static/admin.css']) {
        const res = await fetch(`${off.httpUrl}${p}`);
        assert.equal(res.status, 404, p);
        assert.equal(((await res.json()) as any).error.code, 104, p);
      }
    } finally {
      await off.stop();
    }
  });
});
