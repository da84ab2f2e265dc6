/**
 * The Express example of Gyre as a library (examples/express-sessions), end to
 * end: cookie sessions authenticate real centrifuge-js clients over WebSocket
 * (from Node, the cookie set on the upgrade, and from Chromium, which holds
 * the app's real HttpOnly cookie), the example's handlers decide subscriptions,
 * publications and RPCs, and the app's own routes work next to Gyre's.
 *
 * The example runs in this process (start(0)): it is the library's use that is
 * under test, the port is known without parsing output, and a failing
 * handler's stack lands in this test's output. One test also runs it as the
 * program a user starts, to check that `require('gyre')` resolves from the
 * compiled file and that it stops on SIGTERM.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { start } from '../../examples/express-sessions/app';
import { BUNDLES, launchChromium } from '../helpers/browser';
import { closeClients, collect, makeClient, nextEvent, rawSocket } from '../helpers/clients';
import { spawnHealthy } from '../helpers/process';
import { freePort, sleep, within } from '../helpers/server';

let app: { port: number; close(): Promise<void> };
let origin: string;
let wsUrl: string;
let browser: Browser;

before(async () => {
  [app, browser] = await Promise.all([start(0, '127.0.0.1'), launchChromium()]);
  origin = `http://127.0.0.1:${app.port}`;
  wsUrl = `ws://127.0.0.1:${app.port}/connection/websocket`;
});
after(async () => {
  closeClients();
  await browser?.close();
  await app?.close();
});

interface Login {
  user: string;
  name: string;
  /** `sid=…`, as a browser sends it back. */
  cookie: string;
  /** The Set-Cookie header the app answered. */
  setCookie: string;
}

async function login(name: string): Promise<Login> {
  const res = await fetch(`${origin}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  assert.equal(res.status, 200, await res.clone().text());
  const setCookie = res.headers.getSetCookie()[0] ?? '';
  const body = (await res.json()) as { user: string; name: string };
  return { ...body, setCookie, cookie: setCookie.split(';')[0]! };
}

function post(url: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${origin}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

/** A WebSocket class that sends these headers on the upgrade, as a browser sends its cookies. */
function withHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

/** A centrifuge-js client (JSON) whose upgrade carries `cookie`, not yet connected. */
function clientWith(cookie?: string) {
  return makeClient(wsUrl, 'json', cookie ? { websocket: withHeaders({ cookie }) } : {});
}

/** A client of `who`, connected, with `channel` subscribed. */
async function subscribed(who: Login, channel: string) {
  const client = clientWith(who.cookie);
  const sub = client.newSubscription(channel);
  const pubs = collect(sub, 'publication');
  const done = nextEvent(sub, 'subscribed');
  sub.subscribe();
  client.connect();
  await done;
  return { client, sub, pubs };
}

// Independent scenarios (each its own users and rooms), run side by side to keep the file short.
describe('the Express sessions example', { concurrency: true }, () => {
  it("serves the app's own routes next to Gyre's", async () => {
    const home = await fetch(`${origin}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /<title>Gyre \+ Express sessions<\/title>/);
    assert.equal(home.headers.get('x-powered-by'), 'Express');

    const me = await fetch(`${origin}/me`);
    assert.equal(me.status, 401);
    assert.deepEqual(await me.json(), { error: 'log in first' });
    const garbage = await fetch(`${origin}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' });
    assert.equal(garbage.status, 400);
    assert.equal(typeof ((await garbage.json()) as { error: unknown }).error, 'string');
    assert.equal((await post('/login', { name: 'no spaces allowed' })).status, 400);
    const anonymous = await post('/rooms/lobby/messages', { text: 'hi' });
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { error: 'log in first' });

    const eve = await login('eve');
    assert.match(eve.setCookie, /^sid=[\w-]{32}; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.deepEqual(await (await fetch(`${origin}/me`, { headers: { cookie: eve.cookie } })).json(), { user: eve.user, name: 'eve' });

    // Gyre's emulation endpoint is Gyre's (a protocol error), not Express's 404 page.
    const emulation = await fetch(`${origin}/emulation`, { method: 'POST', body: '{}' });
    assert.equal(emulation.status, 400);
    assert.equal(emulation.headers.get('x-powered-by'), null);
    assert.equal(emulation.headers.get('content-type'), 'application/json');
  });

  it("connects as the session's user, gets the route's publications and stamps its own", async () => {
    const ann = await login('ann');
    const { client, sub, pubs } = await subscribed(ann, 'chat:lobby');
    assert.deepEqual((await client.rpc('whoami', {})).data, { user: ann.user, name: 'ann' });

    const res = await post('/rooms/lobby/messages', { text: 'hello' }, ann.cookie);
    assert.equal(res.status, 200);
    const reply = (await res.json()) as { offset: number; epoch: string };
    assert.equal(typeof reply.epoch, 'string');
    assert.ok(reply.offset >= 1, `history keeps it: ${JSON.stringify(reply)}`);
    const fromRoute = await waitFor(pubs, 1, 'the route publication');
    assert.deepEqual(fromRoute.data, { text: 'hello', from: { user: ann.user, name: 'ann' } });
    assert.equal(fromRoute.offset, reply.offset);

    // A client's own publish goes through onPublish, which overwrites whatever name it claims.
    await sub.publish({ text: 'hi all', from: { user: 'x', name: 'mallory' } });
    const own = await waitFor(pubs, 2, "ann's publication");
    assert.deepEqual(own.data, { text: 'hi all', from: { user: ann.user, name: 'ann' } });
    assert.equal(own.info.user, ann.user);
    assert.deepEqual(own.info.connInfo, { name: 'ann' });
    await assert.rejects(sub.publish({ nope: 1 }), (e: any) => e.code === 107);

    const history = await sub.history({ limit: 10 });
    assert.deepEqual(
      history.publications.map((p: any) => p.data.text),
      ['hello', 'hi all'],
    );
    const presence = await sub.presence();
    assert.ok(Object.values(presence.clients).some((c: any) => c.user === ann.user && c.connInfo?.name === 'ann'), JSON.stringify(presence));
  });

  it('refuses a connection without a session with 101, and the SDK does not retry', async () => {
    const refusals = [undefined, 'sid=forged', 'other=1; sid='].map(async (cookie) => {
      const c = clientWith(cookie);
      const connecting = collect(c, 'connecting');
      const connected = collect(c, 'connected');
      const gone = nextEvent(c, 'disconnected');
      c.connect();
      assert.deepEqual(await gone, { code: 101, reason: 'unauthorized' }, `cookie ${cookie}`);
      // Twice the longest reconnect delay (300 ms): a client that retried would be connecting again.
      await sleep(600);
      assert.equal(c.state, 'disconnected', `cookie ${cookie}`);
      assert.equal(connecting.length, 1, `only the first connect, cookie ${cookie}`);
      assert.equal(connected.length, 0, `cookie ${cookie}`);
    });
    await Promise.all(refusals);
  });

  it('refuses the upgrade from a page of another origin, even with a valid cookie', async () => {
    const fay = await login('fay');
    const evil = rawSocket(wsUrl, undefined, { cookie: fay.cookie, origin: 'http://evil.example' });
    await assert.rejects(evil.opened, /HTTP 403/);
    const own = rawSocket(wsUrl, undefined, { cookie: fay.cookie, origin });
    await own.opened;
    own.ws.close();
  });

  it('lets only admin into chat:admins (103 for others), by subscription and by the route', async () => {
    const [bob, admin] = await Promise.all([login('bob'), login('admin')]);
    const bobs = clientWith(bob.cookie);
    const denied = bobs.newSubscription('chat:admins');
    const unsubscribed = nextEvent(denied, 'unsubscribed');
    denied.subscribe();
    bobs.connect();
    assert.equal((await unsubscribed).code, 103);
    assert.equal(denied.state, 'unsubscribed');
    const notChat = bobs.newSubscription('news');
    notChat.subscribe();
    assert.equal((await nextEvent(notChat, 'unsubscribed')).code, 103, 'outside the chat namespace nothing is open');
    assert.equal((await post('/rooms/admins/messages', { text: 'let me in' }, bob.cookie)).status, 403);

    const { pubs } = await subscribed(admin, 'chat:admins');
    assert.equal((await post('/rooms/admins/messages', { text: 'admins only' }, admin.cookie)).status, 200);
    assert.deepEqual((await waitFor(pubs, 1, 'the admins publication')).data, { text: 'admins only', from: { user: admin.user, name: 'admin' } });
  });

  it('answers an unknown RPC method with 104', async () => {
    const carol = await login('carol');
    const c = clientWith(carol.cookie);
    c.connect();
    await c.ready(5000);
    await assert.rejects(c.rpc('transfer_money', { to: 'carol' }), (e: any) => e.code === 104 && e.message === 'method not found');
    assert.deepEqual((await c.rpc('whoami', null)).data, { user: carol.user, name: 'carol' });
  });

  it("a logout ends that session's connections (4501, no retry), not the user's other sessions", async () => {
    const [tab, phone] = await Promise.all([login('dan'), login('dan')]);
    assert.equal(tab.user, phone.user);
    const a = clientWith(tab.cookie);
    const b = clientWith(phone.cookie);
    a.connect();
    b.connect();
    await Promise.all([a.ready(5000), b.ready(5000)]);
    const connecting = collect(a, 'connecting');
    const gone = nextEvent(a, 'disconnected');
    const out = await post('/logout', {}, tab.cookie);
    assert.equal(out.status, 200);
    assert.match(out.headers.getSetCookie()[0] ?? '', /^sid=; Path=\/; Expires=Thu, 01 Jan 1970/);
    assert.deepEqual(await gone, { code: 4501, reason: 'logged out' });
    await sleep(600);
    assert.equal(a.state, 'disconnected');
    assert.equal(connecting.length, 0);
    assert.equal(b.state, 'connected');
    assert.deepEqual((await b.rpc('whoami', {})).data, { user: phone.user, name: 'dan' });
    assert.equal((await fetch(`${origin}/me`, { headers: { cookie: tab.cookie } })).status, 401);
  });

  it('in Chromium: logs in with fetch, connects with the HttpOnly cookie and receives a publication made through the route', async () => {
    const context: BrowserContext = await browser.newContext();
    try {
      const page: Page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/`);
      assert.equal(await page.title(), 'Gyre + Express sessions');
      await page.addScriptTag({ path: BUNDLES['/centrifuge.js']! });

      const loggedIn = await inPage(
        page.evaluate(async () => {
          const res = await fetch('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'dora' }) });
          return { status: res.status, body: await res.json(), scriptSees: document.cookie };
        }),
        'the login',
      );
      assert.equal(loggedIn.status, 200);
      assert.equal(loggedIn.scriptSees, '', 'the cookie is HttpOnly');
      const [sid] = (await context.cookies(origin)).filter((c) => c.name === 'sid');
      assert.ok(sid, 'the browser holds the session cookie');
      assert.equal(sid.httpOnly, true);
      assert.equal(sid.sameSite, 'Lax');

      const got = await inPage(
        page.evaluate(async (url) => {
          const C = (window as any).Centrifuge.Centrifuge ?? (window as any).Centrifuge;
          const client = new C(url, { timeout: 5000 });
          const sub = client.newSubscription('chat:browser');
          const publication = new Promise((resolve) => sub.on('publication', (ctx: any) => resolve(ctx.data)));
          const ready = new Promise((resolve, reject) => {
            sub.on('subscribed', resolve);
            sub.on('unsubscribed', (ctx: any) => reject(new Error(`unsubscribed ${ctx.code}`)));
            client.on('disconnected', (ctx: any) => reject(new Error(`disconnected ${ctx.code} ${ctx.reason}`)));
          });
          sub.subscribe();
          client.connect();
          await ready;
          const whoami = (await client.rpc('whoami', {})).data;
          const res = await fetch('/rooms/browser/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'from the page' }) });
          const data = await publication;
          client.disconnect();
          return { whoami, status: res.status, data };
        }, `ws://${new URL(origin).host}/connection/websocket`),
        'a publication in the page',
      );
      assert.deepEqual(got, {
        whoami: { user: loggedIn.body.user, name: 'dora' },
        status: 200,
        data: { text: 'from the page', from: { user: loggedIn.body.user, name: 'dora' } },
      });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('runs as a program on PORT and stops on SIGTERM', async () => {
    const port = await freePort();
    const program = path.resolve(__dirname, '../../examples/express-sessions/app.js');
    const p = await spawnHealthy(process.execPath, [program], `http://127.0.0.1:${port}/`, { label: 'the example', env: { PORT: String(port) } });
    try {
      assert.match(p.output(), new RegExp(`listening on http://localhost:${port}`));
      const res = await fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"prog"}' });
      assert.deepEqual(await res.json(), { user: '1', name: 'prog' });
    } finally {
      assert.equal(await p.stop('SIGTERM', 10_000), 0);
    }
  });
});

/** The `n`th publication collected (1-based), once it is there. */
async function waitFor(pubs: any[], n: number, what: string): Promise<any> {
  const deadline = Date.now() + 5000;
  while (pubs.length < n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (got ${JSON.stringify(pubs.map((p) => p.data))})`);
    await sleep(10);
  }
  return pubs[n - 1];
}

/** page.evaluate has no timeout: a promise the page never settles fails here instead. */
function inPage<T>(evaluation: Promise<T>, what: string): Promise<T> {
  return within(evaluation, 15_000, `the page: ${what}`);
}
