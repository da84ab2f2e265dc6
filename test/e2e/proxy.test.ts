/**
 * The proxy to the application backend, against a real HTTP backend started
 * by the test: connect by cookie (forwarded and static headers), the
 * backend's errors and disconnects, a backend down or slow (temporary 100,
 * connections kept), refresh and sub_refresh prolonging or ending, subscribe
 * and publish decided and changed by the backend, RPC, and the bound on calls
 * in flight. Real centrifuge-js clients, JSON and protobuf.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { TestBackend } from '../helpers/backend';
import { CODECS, closeClients, collect, decode, encode, makeClient, nextEvent, rawSocket, token } from '../helpers/clients';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';

const backend = new TestBackend();
const { handlers } = backend;
let server: TestServer;
const now = () => Math.floor(Date.now() / 1000);

before(async () => {
  await backend.listen();
  server = await startServer({
    config: {
      proxy: {
        ...backend.endpoints(),
        timeout: 0.5,
        http_headers: ['cookie', 'x-tenant'],
        static_headers: { 'x-shared-secret': 's3cret' },
        concurrency: 64,
      },
      channel: {
        allow_subscribe_for_client: true,
        namespaces: [{ name: 'px', proxy_subscribe: true, proxy_publish: true, proxy_sub_refresh: true, presence: true }],
      },
    },
  });
});
after(async () => {
  closeClients();
  await server?.stop();
  backend.close();
});

/** A WebSocket class that sends these headers on the upgrade (what a browser does with its cookies). */
function withHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

const eventsOf = (event: string) => backend.eventsOf(event);

/** Every event of these kinds from now on, named, in the order they came. */
function collectAll(em: { on(name: string, fn: (ctx: any) => void): unknown }, names: string[]): { event: string; code?: number }[] {
  const out: { event: string; code?: number }[] = [];
  for (const event of names) em.on(event, (ctx) => out.push({ event, code: ctx?.code }));
  return out;
}

for (const codec of CODECS) {
  describe(`proxy (${codec})`, () => {
    it('connects by cookie: the backend sees the forwarded and static headers, its data and channels reach the client', async () => {
      handlers['connect'] = (body, headers) =>
        headers.cookie === 'session=ann'
          ? { result: { user: 'ann', info: { name: 'Ann' }, data: { hello: 'ann' }, channels: [`px:feed-ann-${codec}`] } }
          : { disconnect: { code: 4501, reason: 'who are you' } };
      handlers['subscribe'] = () => ({ result: {} });
      const before = eventsOf('connect').length;
      const c = makeClient(server.wsUrl, codec, { websocket: withHeaders({ cookie: 'session=ann', 'x-tenant': 't1', 'x-other': 'no' }) });
      const subscribed = nextEvent(c, 'subscribed');
      c.connect();
      const connected = await nextEvent(c, 'connected');
      assert.deepEqual(decode(codec, connected.data), { hello: 'ann' });
      assert.equal((await subscribed).channel, `px:feed-ann-${codec}`);
      const call = eventsOf('connect')[before]!;
      assert.equal(call.headers['cookie'], 'session=ann');
      assert.equal(call.headers['x-tenant'], 't1');
      assert.equal(call.headers['x-other'], undefined, 'only allow-listed headers are forwarded');
      assert.equal(call.headers['x-shared-secret'], 's3cret');
      assert.equal(call.body.protocol, codec);
      assert.equal(call.body.transport, 'websocket');
      c.disconnect();

      const stranger = makeClient(server.wsUrl, codec);
      const gone = nextEvent(stranger, 'disconnected');
      stranger.connect();
      assert.equal((await gone).code, 4501);
    });

    it('a token is used instead of the connect proxy', async () => {
      const before = eventsOf('connect').length;
      const c = makeClient(server.wsUrl, codec, { token: token({ sub: 'jwt-user' }) });
      c.connect();
      await c.ready(3000);
      assert.equal(eventsOf('connect').length, before);
      c.disconnect();
    });

    it('subscribe: allowed with data by the backend, refused with its code; publish changed and refused; RPC answered', async () => {
      const ch = `px:room-${codec}`;
      handlers['connect'] = () => ({ result: { user: 'bob' } });
      handlers['subscribe'] = (body) => (body.channel === ch ? { result: { data: { welcome: body.user } } } : { error: { code: 403, message: 'not yours' } });
      handlers['publish'] = (body) => (body.data.text === 'bad' ? { error: { code: 422, message: 'rejected' } } : { result: { data: { text: body.data.text.toUpperCase() } } });
      handlers['rpc'] = (body) => (body.method === 'echo' ? { result: { data: { echo: body.data } } } : { error: { code: 1000, message: 'no such method' } });
      const c = makeClient(server.wsUrl, codec);
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      const subscribed = nextEvent(sub, 'subscribed');
      sub.subscribe();
      c.connect();
      assert.deepEqual(decode(codec, (await subscribed).data), { welcome: 'bob' });
      const denied = c.newSubscription(`px:other-${codec}`);
      denied.subscribe();
      assert.equal((await nextEvent(denied, 'unsubscribed')).code, 403);

      await sub.publish(encode(codec, { text: 'hi' }));
      await eventually(() => pubs.length === 1, 3000, 'the changed publication');
      assert.deepEqual(decode(codec, pubs[0].data), { text: 'HI' });
      await assert.rejects(sub.publish(encode(codec, { text: 'bad' })), (e: any) => e.code === 422);

      const r = await c.rpc('echo', encode(codec, { n: 1 }));
      assert.deepEqual(decode(codec, r.data), { echo: { n: 1 } });
      await assert.rejects(c.rpc('nope', encode(codec, {})), (e: any) => e.code === 1000);
      c.disconnect();
    });
  });
}

describe('proxy failures', () => {
  it('a backend that is down, slow or answers garbage gives a temporary error; the client retries and connects once it is back', async () => {
    for (const failure of ['down', 'slow', 'garbage'] as const) {
      let healthy = false;
      handlers['connect'] = async () => {
        if (healthy) return { result: { user: `back-${failure}` } };
        if (failure === 'slow') {
          await sleep(800);
          return { result: { user: 'too late' } };
        }
        return failure;
      };
      const c = makeClient(server.wsUrl, 'json');
      const error = nextEvent(c, 'error', 5000, (e) => e.type === 'connect');
      c.connect();
      const e = await error;
      assert.equal(e.error.code, 100);
      assert.equal(e.error.temporary, true);
      healthy = true;
      await nextEvent(c, 'connected', 5000);
      c.disconnect();
    }
  });

  it('an existing connection survives a backend outage: subscribe and RPC get 100 temporary, nothing is dropped', async () => {
    handlers['connect'] = () => ({ result: { user: 'steady' } });
    handlers['subscribe'] = () => 'down';
    handlers['rpc'] = () => 'down';
    const c = makeClient(server.wsUrl, 'json');
    c.connect();
    await c.ready(3000);
    await assert.rejects(c.rpc('x', {}), (e: any) => e.code === 100);
    const sub = c.newSubscription('px:outage');
    const err = nextEvent(sub, 'error', 5000);
    sub.subscribe();
    assert.equal((await err).error.code, 100);
    handlers['subscribe'] = () => ({ result: {} });
    await sub.ready(5000);
    assert.equal(c.state, 'connected');
    c.disconnect();
  });
});

describe('refresh and sub_refresh proxies', () => {
  it('the backend prolongs a connection at expiry, or ends it with 3005; a failed refresh extends by 60 s', async () => {
    // Expiring 1–2 s from now: the refresh proxy is asked at that instant, and without the extension a failed refresh
    // would end the connection there (3005, after which the SDK reconnects and looks connected again).
    const expireAt = now() + 2;
    handlers['connect'] = (_b, headers) => ({ result: { user: String(headers['x-tenant']), expire_at: expireAt } });
    handlers['refresh'] = (body) => (body.user === 'keep' ? { result: { expire_at: now() + 3600 } } : body.user === 'flaky' ? 'down' : { result: { expired: true } });
    handlers['rpc'] = () => ({ result: { data: { alive: true } } });
    const refreshesOf = (user: string) => eventsOf('refresh').filter((c) => c.body.user === user);
    const keep = makeClient(server.wsUrl, 'json', { websocket: withHeaders({ 'x-tenant': 'keep' }) });
    const end = makeClient(server.wsUrl, 'json', { websocket: withHeaders({ 'x-tenant': 'end' }) });
    const flaky = makeClient(server.wsUrl, 'json', { websocket: withHeaders({ 'x-tenant': 'flaky' }) });
    for (const c of [keep, end, flaky]) c.connect();
    await Promise.all([keep, end, flaky].map((c) => c.ready(3000)));
    const lost = new Map([keep, flaky].map((c) => [c, collectAll(c, ['connecting', 'disconnected'])]));
    const ended = nextEvent(end, 'connecting', 5000);
    assert.equal((await ended).code, 3005);
    end.disconnect();
    await eventually(() => refreshesOf('flaky').length === 1 && refreshesOf('keep').length === 1, 5000, 'the backend asked at expiry');
    // Well past the point a failed refresh would have ended it (or, with a short extension, asked the backend again).
    await sleep(3000);
    assert.ok(Date.now() >= expireAt * 1000 + 3000);
    for (const c of [keep, flaky]) {
      assert.deepEqual(lost.get(c), [], 'the connection was never lost');
      assert.deepEqual(decode('json', (await c.rpc('ping', {})).data), { alive: true }, 'and the server still serves it');
    }
    assert.equal(refreshesOf('flaky').length, 1, 'a failed refresh gives time: the backend is not asked again at once');
    assert.equal(refreshesOf('keep').length, 1);
    for (const c of [keep, flaky]) c.disconnect();
  });

  it('a failed refresh and a failed sub_refresh are asked again 60 s later, and the connection and subscription live on meanwhile', { timeout: 120_000 }, async () => {
    // The one slow test of the file: the 60 s are Centrifugo's fixed retry (BACKEND_RETRY_S), and only waiting them
    // out shows the backend is asked again rather than never (or at once).
    const expireAt = now() + 2;
    let refreshUp = false;
    let subRefreshUp = false;
    handlers['connect'] = () => ({ result: { user: 'retry', expire_at: expireAt } });
    handlers['subscribe'] = () => ({ result: { expire_at: expireAt } });
    handlers['refresh'] = () => (refreshUp ? { result: { expire_at: now() + 3600 } } : 'down');
    handlers['sub_refresh'] = (body) => (body.channel !== 'px:retry' ? { result: { expired: true } } : subRefreshUp ? { result: { expire_at: now() + 3600 } } : 'down');
    handlers['rpc'] = () => ({ result: { data: { alive: true } } });
    const refreshes = () => eventsOf('refresh').filter((e) => e.body.user === 'retry');
    const subRefreshes = () => eventsOf('sub_refresh').filter((e) => e.body.channel === 'px:retry');
    const c = makeClient(server.wsUrl, 'json');
    const sub = c.newSubscription('px:retry');
    const pubs = collect(sub, 'publication');
    sub.subscribe();
    c.connect();
    await sub.ready(3000);
    const lost = collectAll(c, ['connecting', 'disconnected']);
    const subLost = collectAll(sub, ['subscribing', 'unsubscribed']);
    await eventually(() => refreshes().length === 1 && subRefreshes().length === 1, 5000, 'both asked at expiry, and failing');
    refreshUp = true;
    subRefreshUp = true;
    await eventually(() => refreshes().length === 2 && subRefreshes().length === 2, 70_000, 'both asked again');
    for (const [name, calls] of [['refresh', refreshes()], ['sub_refresh', subRefreshes()]] as const) {
      const gap = calls[1]!.at - calls[0]!.at;
      assert.ok(gap >= 59_000 && gap <= 65_000, `${name} asked again ${gap} ms after it failed, expected 60 s`);
    }
    assert.deepEqual(lost, [], 'the connection was never lost');
    assert.deepEqual(subLost, [], 'the subscription was never interrupted');
    await server.api('publish', { channel: 'px:retry', data: { n: 1 } });
    await eventually(() => pubs.length === 1, 3000, 'a publication after the second refresh');
    assert.deepEqual(decode('json', (await c.rpc('ping', {})).data), { alive: true });
    c.disconnect();
  });

  it('the backend prolongs a subscription at expiry, or ends it (2501)', async () => {
    const expireAt = now() + 2;
    handlers['connect'] = () => ({ result: { user: 'subber' } });
    handlers['subscribe'] = () => ({ result: { expire_at: expireAt } });
    handlers['sub_refresh'] = (body) => (body.channel === 'px:kept' ? { result: { expire_at: now() + 3600 } } : { result: { expired: true } });
    const before = eventsOf('sub_refresh').length;
    const c = makeClient(server.wsUrl, 'json');
    const kept = c.newSubscription('px:kept');
    const dropped = c.newSubscription('px:dropped');
    const pubs = collect(kept, 'publication');
    kept.subscribe();
    dropped.subscribe();
    c.connect();
    await Promise.all([kept.ready(3000), dropped.ready(3000)]);
    const keptLost = collectAll(kept, ['subscribing', 'unsubscribed', 'error']);
    const ended = await nextEvent(dropped, 'subscribing', 5000);
    assert.equal(ended.code, 2501);
    dropped.unsubscribe();
    // Read well after the original expiry, not at the moment the other one ended.
    await sleep(Math.max(0, expireAt * 1000 + 1500 - Date.now()));
    assert.equal(kept.state, 'subscribed');
    assert.deepEqual(keptLost, [], 'the prolonged subscription was never interrupted');
    assert.deepEqual(
      eventsOf('sub_refresh').slice(before).map((e) => e.body.channel).filter((ch) => ch === 'px:kept'),
      ['px:kept'],
      'asked once, at expiry, and prolonged',
    );
    await server.api('publish', { channel: 'px:kept', data: { after: 'expiry' } });
    await eventually(() => pubs.length === 1, 3000, 'a publication after the original expiry');
    assert.deepEqual(pubs[0].data, { after: 'expiry' });
    c.disconnect();
  });
});

describe('proxy concurrency', () => {
  // Its own server with a timeout far above the backend's 200 ms: what is tested is the bound on calls in flight,
  // and with the file's 0.5 s a loaded machine (this process serves the backend and 1000 sockets) timed calls out.
  let storm: TestServer;
  before(async () => {
    storm = await startServer({ config: { proxy: { ...backend.endpoints(), timeout: 10, concurrency: 64 } } });
  });
  after(async () => {
    await storm?.stop();
  });

  it('1000 simultaneous connects with a backend answering in 200 ms: at most proxy.concurrency calls in flight, all connected', { timeout: 60_000 }, async () => {
    handlers['connect'] = async () => {
      await sleep(200);
      return { result: { user: 'storm' } };
    };
    backend.maxInFlight = 0;
    const sockets = Array.from({ length: 1000 }, () => rawSocket(storm.wsUrl));
    await Promise.all(sockets.map((s) => s.opened));
    for (const s of sockets) s.send(JSON.stringify({ id: 1, connect: {} }));
    await eventually(() => sockets.every((s) => s.messages.length > 0), 30_000, 'every connect answered');
    assert.ok(sockets.every((s) => JSON.parse(s.messages[0]!.toString()).connect), 'every connect succeeded');
    assert.ok(backend.maxInFlight <= 64, `at most 64 in flight (saw ${backend.maxInFlight})`);
    assert.ok(backend.maxInFlight >= 32, `the bound is used (saw ${backend.maxInFlight})`);
    for (const s of sockets) s.ws.close();
  });
});
