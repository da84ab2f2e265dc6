/**
 * The admin web UI in headless Chromium (Debian's, driven by playwright-core)
 * against two workers on the Redis engine: login (a wrong password refused),
 * the nodes page listing both workers, a publish from the Actions page
 * reaching a centrifuge client, the live trace showing an API publication
 * (as text, never markup) and a join, a channel's presence, a dead letter
 * requeued from the Ingestion page and applied. The admin API itself:
 * 401 without a valid token, dead letters dropped or refused, failed logins
 * throttled. A screenshot of each page goes to the test's temp folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { type Browser, chromium, type Page } from 'playwright-core';
import { respellings } from '../helpers/admin-tokens';
import { closeClients, makeClient, nextEvent, subscribedClient, token } from '../helpers/clients';
import { gyreEnv } from '../helpers/process';
import { startRedis, type TestRedis } from '../helpers/redis';
import { CLI, eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

const PASSWORD = 'correct horse battery staple';
const ADMIN_SECRET = 'admin-token-signing-key';

let redis: TestRedis;
let r: Redis;
let server: TestServer;
let browser: Browser;
let page: Page;
let shots: string;
let adminToken: string;

before(async () => {
  redis = await startRedis();
  r = new Redis(redis.url);
  server = await startServer({
    config: { engine: 'redis', workers: 2, redis: { url: redis.url }, channel: channelConfig, admin: { enabled: true, password: PASSWORD, secret: ADMIN_SECRET } },
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('[browser] page error:', e.message));
  shots = fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-admin-ui-'));
  console.log(`[admin] screenshots in ${shots}`);
  const login = await adminFetch('/admin/auth', { password: PASSWORD }, null);
  assert.equal(login.status, 200);
  adminToken = login.body.token;
});
after(async () => {
  closeClients();
  await browser?.close();
  r?.disconnect();
  await server?.stop();
  await redis?.stop();
});

async function adminFetch(urlPath: string, body: unknown, auth: string | null = `token ${adminToken}`): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.httpUrl}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(await res.text()) };
}

const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
const testid = (id: string) => page.getByTestId(id);

/** A token in the admin token format, signed with `secret`, expiring at `expiresAt` (ms). */
function forged(secret: string, expiresAt: number): string {
  const payload = expiresAt.toString(36);
  return `${payload}.${createHmac('sha256', secret).update(`gyre-admin:${payload}`).digest('base64url')}`;
}

describe('admin API without a valid token', () => {
  it('answers 401 with a JSON error for a missing, foreign, expired or malformed token, on every method and the trace', async () => {
    const cases: [string, string | null][] = [
      ['no header', null],
      ['another scheme', `apikey ${adminToken}`],
      ['signed with another secret', `token ${forged('another-secret', Date.now() + 3600_000)}`],
      ['expired', `token ${forged(ADMIN_SECRET, Date.now() - 1000)}`],
      ['tampered expiry', `token ${(Date.now() + 10 * 86400_000).toString(36)}.${adminToken.split('.')[1]}`],
      ['garbage', 'token .'],
    ];
    for (const [what, auth] of cases) {
      for (const method of ['info', 'publish', 'dead_letters', 'trace']) {
        const res = await adminFetch(`/admin/api/${method}`, { channel: 'chat:x', data: {} }, auth);
        assert.equal(res.status, 401, `${what} ${method}`);
        assert.equal(res.body.error.code, 101, `${what} ${method}`);
      }
    }
    // The same token works, and the admin API is not the server API: its key does not open it.
    assert.ok((await adminFetch('/admin/api/info', {})).body.result.nodes.length >= 1);
    assert.equal((await adminFetch('/admin/api/info', {}, 'apikey test-api-key')).status, 401);
  });

  it('answers 401 for a valid token spelled another way (standard base64, = padding, other trailing bits); the original works', async () => {
    // The issued token, and a valid one whose signature has a '-' or '_' (so standard base64 differs even unpadded).
    let expiresAt = Date.now() + 3600_000;
    let valid = forged(ADMIN_SECRET, expiresAt);
    while (!/[-_]/.test(valid.split('.')[1]!)) valid = forged(ADMIN_SECRET, ++expiresAt);
    assert.equal(respellings(valid).length, 4);
    for (const original of [adminToken, valid]) {
      for (const [what, other] of respellings(original)) {
        const res = await adminFetch('/admin/api/info', {}, `token ${other}`);
        assert.equal(res.status, 401, what);
        assert.equal(res.body.error.code, 101, what);
      }
      assert.equal((await adminFetch('/admin/api/info', {}, `token ${original}`)).status, 200);
    }
  });

  it('serves the UI with a CSP that allows only its own scripts, from files in the package', async () => {
    const res = await fetch(`${server.httpUrl}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await res.text();
    assert.match(html, /\/admin\/static\/main\.js/);
    assert.doesNotMatch(html, /https?:\/\//, 'no asset from a CDN');
    assert.equal((await fetch(`${server.httpUrl}/admin/static/../../package.json`)).status, 404);
    assert.equal((await fetch(`${server.httpUrl}/admin/static/pages/nodes.js`)).status, 200);
  });

  it('refuses to start with admin.enabled but no password or secret', () => {
    for (const env of [{ GYRE_ADMIN_SECRET: 's' }, { GYRE_ADMIN_PASSWORD: 'p' }]) {
      const res = spawnSync(process.execPath, [CLI, 'serve', '--port', '0'], { encoding: 'utf8', timeout: 10_000, env: gyreEnv({ GYRE_TOKEN_HMAC_SECRET: 'x', GYRE_ADMIN_ENABLED: 'true', ...env }) });
      assert.equal(res.status, 1, res.stderr);
      assert.match(res.stderr, /admin\.enabled needs admin\.password and admin\.secret/);
    }
  });
});

describe('admin UI in Chromium', () => {
  it('refuses a wrong password, then logs in', async () => {
    await page.goto(`${server.httpUrl}/`);
    await testid('login-password').fill('wrong password');
    await testid('login-submit').click();
    await testid('login-error').getByText('wrong password').waitFor();
    assert.equal(await testid('nodes').count(), 0);
    await shot('login-refused');
    await testid('login-password').fill(PASSWORD);
    await testid('login-submit').click();
    await testid('nodes').waitFor();
  });

  it('the nodes page lists both workers and refreshes by itself', async () => {
    // Workers learn of each other through the engine within a second or so of starting.
    const nodes = (await eventually(async () => {
      const n = (await server.api('info')).result.nodes as { name: string }[];
      return n.length === 2 ? n : undefined;
    }, 10_000, 'both workers in info'))!;
    const rows = page.locator('[data-testid=nodes] tbody tr');
    await eventually(async () => (await rows.count()) === 2, 10_000, 'two node rows');
    const shown = await rows.locator('td:first-child').allTextContents();
    assert.deepEqual(shown.sort(), nodes.map((n) => n.name).sort());
    // A client connecting shows up without a reload (the page polls info).
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'watcher' }) });
    c.connect();
    await nextEvent(c, 'connected');
    await eventually(async () => (await rows.locator('td:nth-child(4)').allTextContents()).map(Number).reduce((a, b) => a + b, 0) >= 1, 10_000, 'client counted');
    await shot('nodes');
    c.disconnect();
  });

  it('the nodes page shows each node’s view of the Redis shards', async () => {
    const rows = page.locator('[data-testid=redis-shards] tbody tr');
    await eventually(async () => (await rows.count()) === 2, 10_000, 'one shard row per node');
    const cells = await Promise.all((await rows.all()).map((r) => r.locator('td').allTextContents()));
    const nodes = ((await server.api('info')).result.nodes as { name: string }[]).map((n) => n.name).sort();
    assert.deepEqual(cells.map((c) => c[0]).sort(), nodes, 'a row per node');
    for (const c of cells) assert.deepEqual(c.slice(1), ['0', 'standalone', redis.url, `127.0.0.1:${redis.port}`, 'reachable']);
  });

  it('a publish from the Actions page reaches a subscribed centrifuge client', async () => {
    const ch = 'chat:admin-ui';
    const { sub } = await subscribedClient(server.wsUrl, 'reader', ch);
    const got = nextEvent(sub, 'publication');
    await testid('nav-actions').click();
    await testid('publish-channel').fill(ch);
    await testid('publish-data').fill('{"from": "the admin UI"}');
    await testid('publish-submit').click();
    assert.deepEqual((await got).data, { from: 'the admin UI' });
    await testid('action-status').getByText('ok').waitFor();
    await shot('actions');
    // The Channels page lists the channel; opening it shows its presence (the reader) and history.
    await testid('nav-channels').click();
    await testid('channels-pattern').fill('chat:admin-*');
    await testid('channels-submit').click();
    await page.locator('[data-testid=channels] tbody tr', { hasText: ch }).click();
    await page.getByText('"user": "reader"').waitFor();
    await page.getByText('"from": "the admin UI"').waitFor();
    await shot('channels');
  });

  it('the live trace shows an API publication as text, and a join', async () => {
    const ch = 'chat:admin-trace';
    await testid('nav-trace').click();
    await testid('trace-channel').fill(ch);
    await testid('trace-start').click();
    await testid('trace-status').getByText(`Tracing ${ch}`).waitFor();
    const hostile = '<img src=x onerror="window.__xss=1">';
    assert.deepEqual(await server.api('publish', { channel: ch, data: { html: hostile } }), { result: { offset: 1, epoch: (await server.api('history', { channel: ch, limit: 0 })).result.epoch } });
    const pub = page.locator('[data-testid=trace-event][data-kind=publication]');
    await pub.waitFor();
    assert.match(await pub.innerText(), /onerror/);
    assert.equal(await page.locator('[data-testid=trace-events] img').count(), 0, 'published markup is shown as text');
    assert.equal(await page.evaluate(() => (window as any).__xss), undefined);
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'joiner' }) });
    c.newSubscription(ch).subscribe();
    c.connect();
    await page.locator('[data-testid=trace-event][data-kind=join]', { hasText: 'joiner' }).waitFor();
    await shot('trace');
    await testid('trace-stop').click();
    // A channel the configuration does not know is refused, and the page says why.
    await testid('trace-channel').fill('nope:x');
    await testid('trace-start').click();
    await testid('trace-error').getByText('102: unknown channel').waitFor();
  });

  it('a dead letter requeued from the Ingestion page is applied once its cause is fixed', async () => {
    const ch = 'chat:admin-dead';
    // The channel's history key holds a string: Redis answers WRONGTYPE, the item becomes a dead letter.
    await r.set(`gyre.stream.{${ch}}`, 'not a stream');
    await r.hset(`gyre.meta.{${ch}}`, 'e', 'ep', 's', 5);
    await r.lpush('gyre.api', JSON.stringify({ method: 'publish', params: { channel: ch, data: { requeued: true } } }));
    await eventually(async () => (await r.llen('gyre.api.dead')) === 1, 10_000, 'dead letter');
    await testid('nav-ingestion').click();
    await page.locator('[data-testid=queues] tbody tr', { hasText: 'gyre.api' }).first().waitFor();
    await testid('dead-refresh').click();
    const row = page.locator('[data-testid=dead-row]');
    await row.getByText('WRONGTYPE').waitFor();
    await shot('ingestion');
    await r.del(`gyre.stream.{${ch}}`, `gyre.meta.{${ch}}`);
    await row.getByTestId('dead-requeue').click();
    await testid('dead-note').getByText('Requeued.').waitFor();
    const pubs = await eventually(async () => {
      const h = await server.api('history', { channel: ch, limit: -1 });
      return h.result?.publications?.length ? h.result.publications : undefined;
    }, 10_000, 'requeued item applied');
    assert.deepEqual(pubs.map((p: any) => p.data), [{ requeued: true }]);
    assert.equal(await r.llen('gyre.api.dead'), 0);
    await testid('dead-empty').waitFor();
  });
  it('pages through dead letters, and steps back when the last item of a page is dropped', async () => {
    await r.lpush('gyre.api', ...Array.from({ length: 21 }, (_, i) => `not json ${i}`));
    await eventually(async () => (await r.llen('gyre.api.dead')) === 21, 10_000, '21 dead letters');
    await testid('dead-refresh').click();
    await page.getByText('1–20 of 21, newest first').waitFor();
    await page.getByRole('button', { name: 'Older' }).click();
    await page.getByText('21–21 of 21, newest first').waitFor();
    // The oldest item, alone on the second page.
    await page.locator('[data-testid=dead-row]', { hasText: 'not json 0' }).getByTestId('dead-drop').click();
    await testid('dead-note').getByText('Dropped.').waitFor();
    await page.getByText('1–20 of 20, newest first').waitFor();
    assert.equal(await page.locator('[data-testid=dead-row]').count(), 20);
    assert.equal(await r.llen('gyre.api.dead'), 20);
    await r.del('gyre.api.dead');
  });
});

describe('admin API on dead letters', () => {
  it('drops one, goes back to a stream, and refuses a record it cannot requeue', async () => {
    await r.xadd('gyre.api.stream', '*', 'method', 'publish', 'payload', '{"channel":"unknown:ns","data":1}');
    await r.lpush('gyre.api', 'not json');
    await eventually(async () => (await r.llen('gyre.api.dead')) === 2, 10_000, 'two dead letters');
    const page1 = (await adminFetch('/admin/api/dead_letters', { limit: 1 })).body.result;
    assert.equal(page1.total, 2);
    assert.equal(page1.items.length, 1);
    const all = (await adminFetch('/admin/api/dead_letters', {})).body.result.items as { record: string; dead_letter: any }[];
    const fromStream = all.find((d) => d.dead_letter.source === 'gyre.api.stream')!;
    const notJson = all.find((d) => d.dead_letter.source === 'gyre.api')!;
    assert.equal(notJson.dead_letter.item, 'not json');

    // Requeued to the stream it came from: refused again (unknown channel), so it is back as a new dead letter.
    // (The stream's length proves nothing: the consumer may take the entry before it is looked at.)
    assert.deepEqual((await adminFetch('/admin/api/dead_letter_requeue', { record: fromStream.record })).body, { result: { requeued: true } });
    // The same record again: already gone, nothing pushed twice.
    assert.deepEqual((await adminFetch('/admin/api/dead_letter_requeue', { record: fromStream.record })).body, { result: { requeued: false } });
    const again = (await eventually(async () => {
      const found = (await r.lrange('gyre.api.dead', 0, -1)).filter((d) => JSON.parse(d).source === 'gyre.api.stream');
      return found.length ? found : undefined;
    }, 10_000, 'refused again'))!;
    assert.equal(again.length, 1, 'requeued once');
    assert.notEqual(again[0], fromStream.record, 'a new dead letter, written when the requeued entry was refused again');
    assert.deepEqual(JSON.parse(again[0]!).item, fromStream.dead_letter.item);

    assert.deepEqual((await adminFetch('/admin/api/dead_letter_drop', { record: notJson.record })).body, { result: { dropped: true } });
    assert.deepEqual((await adminFetch('/admin/api/dead_letter_drop', { record: notJson.record })).body, { result: { dropped: false } });
    assert.equal(await r.llen('gyre.api.dead'), 1);

    // A record naming a source this server does not consume is refused (107), and nothing is pushed anywhere.
    const foreign = JSON.stringify({ item: { method: 'publish', params: {} }, error: 'x', source: 'elsewhere', at: new Date().toISOString() });
    await r.lpush('gyre.api.dead', foreign);
    const refused = (await adminFetch('/admin/api/dead_letter_requeue', { record: foreign })).body;
    assert.equal(refused.error.code, 107);
    assert.match(refused.error.message, /elsewhere is not a queue or stream this server consumes/);
    assert.equal(await r.exists('elsewhere'), 0);
    assert.equal((await adminFetch('/admin/api/dead_letters', { offset: -1 })).body.error.code, 107);
    assert.equal((await adminFetch('/admin/api/nope', {})).body.error.code, 104);
  });
});

describe('admin trace on one worker, memory engine', () => {
  let solo: TestServer;
  let soloToken: string;
  before(async () => {
    solo = await startServer({ config: { workers: 1, channel: channelConfig, admin: { enabled: true, password: PASSWORD, secret: ADMIN_SECRET } } });
    soloToken = (await (await fetch(`${solo.httpUrl}/admin/auth`, { method: 'POST', body: JSON.stringify({ password: PASSWORD }) })).json() as any).token;
  });
  after(() => solo?.stop());

  /** Opens a trace; `lines` fills as they arrive; `close` ends it. */
  async function openTrace(channel: string): Promise<{ lines: any[]; close: () => void }> {
    const ctl = new AbortController();
    const res = await fetch(`${solo.httpUrl}/admin/api/trace`, { method: 'POST', headers: { authorization: `token ${soloToken}` }, body: JSON.stringify({ channel }), signal: ctl.signal });
    const lines: any[] = [];
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        buf += value;
        let nl: number;
        while ((nl = buf.indexOf('\n')) !== -1) {
          lines.push(JSON.parse(buf.slice(0, nl)));
          buf = buf.slice(nl + 1);
        }
      }
    })();
    await eventually(() => lines.length > 0, 5000, 'first trace line');
    return { lines, close: () => ctl.abort() };
  }

  it('keeps following a channel its last subscriber left, and the subscriber keeps receiving after the trace closes', async () => {
    const ch = 'chat:solo-trace';
    const trace = await openTrace(ch);
    assert.deepEqual(trace.lines[0], { type: 'tracing', channel: ch });
    const { client: c, sub } = await subscribedClient(solo.wsUrl, 'u1', ch);
    const left = nextEvent(sub, 'unsubscribed');
    sub.unsubscribe();
    await left;
    await solo.api('publish', { channel: ch, data: { n: 1 } });
    await eventually(() => trace.lines.some((l) => l.type === 'publication' && l.publication.data.n === 1), 5000, 'traced after the subscriber left');
    const back = nextEvent(sub, 'subscribed');
    sub.subscribe();
    await back;
    trace.close();
    await sleep(200);
    const got = nextEvent(sub, 'publication');
    await solo.api('publish', { channel: ch, data: { n: 2 } });
    assert.deepEqual((await got).data, { n: 2 });
    c.disconnect();
  });

  it('allows at most 32 traces per worker (106), and a closed one frees its place', async () => {
    const open = [];
    for (let i = 0; i < 32; i++) open.push(await openTrace(`chat:many-${i}`));
    const refused = await adminCall(solo, soloToken, 'trace', { channel: 'chat:one-more' });
    assert.equal(refused.error.code, 106);
    open.pop()!.close();
    await eventually(async () => (await openTrace('chat:one-more').then((t) => (open.push(t), t.lines[0].type))) === 'tracing', 5000, 'place freed');
    for (const t of open) t.close();
    // Unknown channels are refused before anything is followed; Redis ingestion off means no dead letters (108).
    assert.equal((await adminCall(solo, soloToken, 'trace', { channel: 'nope:x' })).error.code, 102);
    assert.equal((await adminCall(solo, soloToken, 'dead_letters', {})).error.code, 108);
  });
});

async function adminCall(s: TestServer, tok: string, method: string, params: unknown): Promise<any> {
  const res = await fetch(`${s.httpUrl}/admin/api/${method}`, { method: 'POST', headers: { authorization: `token ${tok}` }, body: JSON.stringify(params) });
  return res.json();
}

describe('admin login throttling', () => {
  it('after 5 failed logins an address is answered 429 with Retry-After by every worker and every server on the same Redis, even with the right password', async () => {
    // Fresh connections: they land on either worker, and the buckets live in Redis
    // (cleared first: the Chromium test spent one attempt of this address).
    const earlier = await r.keys('gyre.admin.login.*');
    assert.ok(earlier.length <= 1, earlier.join());
    if (earlier.length) await r.del(...earlier);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await freshPost(server, '/admin/auth', { password: `guess ${i}` })).status);
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(7).fill(429)]);
    for (let i = 0; i < 4; i++) {
      const res = await freshPost(server, '/admin/auth', { password: PASSWORD });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers['retry-after']) >= 1);
      assert.equal(res.body.error.code, 111);
    }
    const other = await startServer({ config: { engine: 'redis', workers: 1, redis: { url: redis.url }, channel: channelConfig, admin: { enabled: true, password: PASSWORD, secret: ADMIN_SECRET } } });
    try {
      assert.equal((await freshPost(other, '/admin/auth', { password: PASSWORD })).status, 429, 'another server on the same Redis');
    } finally {
      await other.stop();
    }
  });

  it('a burst of concurrent guesses gets 5 tries, not one each', async () => {
    const earlier = await r.keys('gyre.admin.login.*');
    if (earlier.length) await r.del(...earlier);
    const statuses = (await Promise.all(Array.from({ length: 30 }, (_, i) => freshPost(server, '/admin/auth', { password: `burst ${i}` })))).map((x) => x.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join());
    assert.equal(statuses.filter((s) => s === 429).length, 25, statuses.join());
  });

  it('while Redis is down each worker still counts login attempts itself', async () => {
    const down = await startRedis();
    const lone = await startServer({ config: { engine: 'redis', workers: 1, redis: { url: down.url }, channel: channelConfig, admin: { enabled: true, password: PASSWORD, secret: ADMIN_SECRET } } });
    try {
      await down.stop();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await freshPost(lone, '/admin/auth', { password: `guess ${i}` })).status);
      assert.deepEqual(statuses, [...Array(5).fill(401), 429, 429]);
    } finally {
      await lone.stop();
    }
  });
});

/** A POST on a connection of its own (so the primary may hand it to either worker). */
function freshPost(target: TestServer, urlPath: string, body: unknown): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${target.httpUrl}${urlPath}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
