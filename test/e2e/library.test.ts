/**
 * Gyre as a library (src/library), end to end with the real centrifuge-js
 * SDK (JSON and protobuf builds): nodes made in this process with
 * Gyre.create, served by listen() or attached to a plain node:http server.
 *
 * - Event handlers are the in-process twins of the proxy endpoints: results
 *   applied, GyreError / GyreDisconnect reaching the SDK with their code and
 *   temporary flag, a throwing or never settling handler and an answer past
 *   the proxy's bounds giving 100 (temporary), the proxy request's fields and
 *   every header of the opening request on each event (WebSocket,
 *   HTTP-streaming, SSE), tokens deciding without the handler.
 * - onDisconnect: once per connected client, with the code; a throwing one
 *   breaks nothing.
 * - attach(): the application's routes stay its own, Gyre's route groups are
 *   Gyre's, upgrades nobody takes are refused; close() gives it all back.
 * - The server API from application code, as the HTTP API answers it.
 * - Configuration: ConfigError naming the key, no GYRE_* unless `env`.
 *
 * Each group has nodes of its own, and tests run concurrently where they
 * share one, so the file takes a few seconds (the longest wait is a
 * connection and a subscription expiring 1–2 s after they were made).
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import pino from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { ConfigError, Gyre, GyreDisconnect, GyreError, type GyreConfig } from '../../src/library';
import { CODECS, closeClients, collect, decode, encode, makeClient, makeHttpClient, nextEvent, rawSocket, token } from '../helpers/clients';
import { postApi } from '../helpers/api-post';
import { deepMerge, eventually, SECRET, sleep, within } from '../helpers/server';

const API_KEY = 'library-api-key';
const now = () => Math.floor(Date.now() / 1000);

// ── Nodes of this file, each closed after it.

interface TestNode {
  gyre: Gyre;
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** Lines the node logged at warn and above (parsed), kept in memory. */
  logs: { msg: string; [k: string]: unknown }[];
}

const nodes: Gyre[] = [];
const servers: { server: http.Server; sockets: Set<Socket> }[] = [];

/** A node on the memory engine with the test secret and API key, logging (warn and up) into `logs`; listening unless told not to. */
async function startNode(config: Record<string, unknown>, { listen = true } = {}): Promise<TestNode> {
  const logs: TestNode['logs'] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const gyre = await Gyre.create({ config: deepMerge({ token: { hmac_secret: SECRET }, api: { key: API_KEY }, log: { level: 'error' } }, config) as GyreConfig, logger });
  nodes.push(gyre);
  const port = listen ? (await gyre.listen(0, '127.0.0.1')).port : 0;
  return { gyre, port, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/connection/websocket`, logs };
}

/** An application's own HTTP server (its sockets tracked, so after() can end upgrades nobody took). */
async function appServer(handler?: http.RequestListener): Promise<{ server: http.Server; port: number; httpUrl: string }> {
  const server = handler ? http.createServer(handler) : http.createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push({ server, sockets });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, port, httpUrl: `http://127.0.0.1:${port}` };
}

after(async () => {
  closeClients();
  await Promise.all(nodes.map((g) => g.close(2000)));
  for (const { server, sockets } of servers) {
    for (const s of sockets) s.destroy();
    server.close();
  }
});

// ── Small helpers.

/** A WebSocket class sending these headers on the upgrade, as a browser sends its cookies. */
function withHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

/** fetch adding a Cookie: `open` on the requests that open a stream, `emulation` on those carrying commands (their URLs kept in `urls`). */
function cookieFetch(open: string, emulation: string, urls: string[]) {
  return (url: string | URL, init: RequestInit = {}) => {
    urls.push(String(url));
    return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: String(url).includes('/emulation') ? emulation : open } });
  };
}

/** An EventSource whose request carries a Cookie (centrifuge-js makes it with `new options.eventsource(url, {})`). */
function cookieEventSource(cookie: string) {
  return class extends EventSource {
    constructor(url: string | URL) {
      super(url, { fetch: (u, init) => fetch(u, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }) });
    }
  };
}

/** The error `p` rejects with (an SDK reply error, a GyreError), for its code, message and temporary flag. */
async function failure(p: Promise<unknown>): Promise<{ code: number; message: string; temporary?: boolean }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; message: string; temporary?: boolean };
  }
  throw new Error('expected a rejection');
}

/** The first connect error of a client connecting with `data`, then the client stops retrying. */
async function connectError(url: string, data: unknown, opts: Record<string, unknown> = {}): Promise<{ code: number; temporary?: boolean; elapsed: number }> {
  const c = makeClient(url, 'json', { data, ...opts });
  const error = nextEvent(c, 'error', 5000, (e) => e.type === 'connect');
  const started = Date.now();
  c.connect();
  const e = await error;
  const elapsed = Date.now() - started;
  c.disconnect();
  return { code: e.error.code, temporary: e.error.temporary, elapsed };
}

/** How a client's connection ends (within 5 s): the first `disconnected` (terminal) or `connecting` (reconnecting) with a code. */
function ending(c: ReturnType<typeof makeClient>): Promise<{ event: string; code: number; reason: string }> {
  const end = new Promise<{ event: string; code: number; reason: string }>((resolve) => {
    c.on('disconnected', (ctx) => resolve({ event: 'disconnected', code: ctx.code, reason: ctx.reason }));
    // Code 0 is the SDK's own "connect called".
    c.on('connecting', (ctx) => ctx.code !== 0 && resolve({ event: 'connecting', code: ctx.code, reason: ctx.reason }));
  });
  return within(end, 5000, 'the end of a connection');
}

/** Connects the client; resolves with its client id. */
async function connected(c: ReturnType<typeof makeClient>): Promise<string> {
  const ctx = nextEvent(c, 'connected');
  c.connect();
  return (await ctx).client;
}

describe('the library', { concurrency: true }, () => {
  // ── 1. Event handlers, the proxy's twins.
  describe('event handlers as twins of the proxy endpoints', { concurrency: true }, () => {
    let a: TestNode;
    const seen = { connect: [] as any[], subscribe: [] as any[], publish: [] as any[], rpc: [] as any[], refresh: [] as any[], sub_refresh: [] as any[] };
    const ended: any[] = [];
    const never = () => new Promise<never>(() => {});

    before(async () => {
      a = await startNode({
        proxy: { timeout: 0.3 },
        channel: { namespaces: [{ name: 'px', proxy_subscribe: true, proxy_publish: true, proxy_sub_refresh: true }] },
      });
      // Each handler acts by what the client sent (connect data, channel name, published text, RPC method), so tests share the node.
    // Events are typed by the public API, but where a payload field is read (`any`).
      a.gyre
        .onConnecting((e: any) => {
          seen.connect.push(e);
          const d = e.data ?? {};
          switch (d.case ?? 'user') {
            case 'user':
              return { user: d.user ?? 'ann', info: { role: 'tester' }, data: { hello: d.user ?? 'ann' } };
            case 'refused':
              throw new GyreError(1403, 'not you');
            case 'busy':
              throw new GyreError(1503, 'busy now', true);
            case 'bye':
              throw new GyreDisconnect(4501, 'bye');
            case 'boom':
              throw new Error('boom');
            case 'hang':
              return never();
            case 'longUser':
              return { user: 'u'.repeat(1025) };
            case 'maxUser':
              return { user: 'm'.repeat(1024) };
            case 'pastExpiry':
              return { user: 'p', expire_at: -5 };
            case 'notObject':
              return 'a string' as any;
            case 'nothing':
              return undefined;
            case 'expiring':
              return { user: d.user, expire_at: now() + 2 };
          }
          throw new Error(`unknown case ${d.case}`);
        })
        .onSubscribe((e) => {
          seen.subscribe.push(e);
          const name = e.channel.slice('px:'.length);
          if (name.startsWith('denied')) throw new GyreError(103, 'permission denied');
          if (name.startsWith('later')) throw new GyreError(1002, 'later', true);
          if (name.startsWith('bye')) throw new GyreDisconnect(4501, 'bye');
          if (name.startsWith('boom')) throw new Error('boom');
          if (name.startsWith('hang')) return never();
          if (name.startsWith('exp')) return { expire_at: now() + 2 };
          return { data: { welcome: e.user, got: e.data ?? null }, info: { chan: name } };
        })
        .onPublish((e: any) => {
          seen.publish.push(e);
          if (e.data?.text === 'bad') throw new GyreError(1003, 'rejected');
          if (e.data?.text === 'boom') throw new Error('boom');
          return { data: { text: String(e.data?.text).toUpperCase() } };
        })
        .onRpc((e) => {
          seen.rpc.push(e);
          switch (e.method) {
            case 'echo':
              return { data: { echo: e.data ?? null } };
            case 'bytes':
              return { data: Buffer.from(e.rawData!).reverse() };
            case 'custom':
              throw new GyreError(1001, 'custom refusal');
            case 'later':
              throw new GyreError(1001, 'try later', true);
            case 'bye':
              throw new GyreDisconnect(4501, 'bye');
            case 'boom':
              throw new Error('boom');
            case 'hang':
              return never();
            case 'notObject':
              return 42 as any;
            case 'badDisconnect':
              throw new GyreDisconnect(1000, 'not a code a proxy may answer');
            case 'longMessage':
              throw new GyreError(1001, 'm'.repeat(1025));
            case 'whoami':
              return { data: { user: e.user } };
          }
          throw new Error(`unknown method ${e.method}`);
        })
        .onRefresh((e) => {
          seen.refresh.push(e);
          if (e.user === 'exp-keep') return { expire_at: now() + 3600 };
          if (e.user === 'exp-boom') throw new Error('refresh boom');
          return { expired: true };
        })
        .onSubRefresh((e) => {
          seen.sub_refresh.push(e);
          return e.channel === 'px:exp-keep' ? { expire_at: now() + 3600 } : { expired: true };
        })
        .onDisconnect((e) => void ended.push(e));
    });

    for (const codec of CODECS) {
      it(`${codec}: results are applied, and every event carries the proxy request's fields and every header of the upgrade`, async () => {
        const user = `ann-${codec}`;
        const data = { case: 'user', user };
        const c = makeClient(a.wsUrl, codec, { websocket: withHeaders({ cookie: `sid=${codec}`, 'x-app': 'yes' }), data: encode(codec, data), name: 'lib-test', version: '9.9.9' });
        const ch = `px:room-${codec}`;
        const sub = c.newSubscription(ch, { data: encode(codec, { want: 'in' }) });
        const pubs = collect(sub, 'publication');
        const subscribed = nextEvent(sub, 'subscribed');
        sub.subscribe();
        const conn = nextEvent(c, 'connected');
        c.connect();
        const { client, data: connectData } = await conn;
        assert.deepEqual(decode(codec, connectData), { hello: user }, 'connect result data reaches the client');
        assert.deepEqual(decode(codec, (await subscribed).data), { welcome: user, got: { want: 'in' } }, 'subscribe result data');
        await sub.publish(encode(codec, { text: 'hi' }));
        await eventually(() => pubs.length === 1, 3000, 'the publication');
        assert.deepEqual(decode(codec, pubs[0].data), { text: 'HI' }, 'the publish result replaced the data');
        assert.equal(pubs[0].info.user, user, 'the connect result user');
        assert.deepEqual(decode(codec, pubs[0].info.connInfo), { role: 'tester' }, 'the connect result info');
        assert.deepEqual(decode(codec, pubs[0].info.chanInfo), { chan: `room-${codec}` }, 'the subscribe result info');
        const r = await c.rpc('echo', encode(codec, { n: 1 }));
        assert.deepEqual(decode(codec, r.data), { echo: { n: 1 } }, 'rpc result data is the reply');

        const base = { client, transport: 'websocket', protocol: codec, encoding: 'json' };
        const ce = seen.connect.find((e) => e.client === client);
        assert.ok(ce, 'the connect event has the client id the client got');
        assert.deepEqual({ client: ce.client, transport: ce.transport, protocol: ce.protocol, encoding: ce.encoding }, base);
        assert.deepEqual([ce.name, ce.version], ['lib-test', '9.9.9']);
        assert.deepEqual(ce.data, data, 'data parsed from JSON');
        assert.ok(Buffer.isBuffer(ce.rawData));
        assert.deepEqual(JSON.parse(ce.rawData.toString()), data, 'rawData: the bytes sent');
        assert.ok(!('user' in ce), 'no user at connect, as the proxy request has none');
        assert.equal(ce.headers.cookie, `sid=${codec}`);
        assert.equal(ce.headers['x-app'], 'yes', 'every header, not an allow-list');
        assert.equal(ce.headers.host, `127.0.0.1:${a.port}`);

        const se = seen.subscribe.find((e) => e.client === client && e.channel === ch);
        const pe = seen.publish.find((e) => e.client === client && e.channel === ch);
        const re = seen.rpc.find((e) => e.client === client && e.method === 'echo');
        for (const [name, e] of [['subscribe', se], ['publish', pe], ['rpc', re]] as const) {
          assert.ok(e, `a ${name} event`);
          assert.deepEqual({ client: e.client, transport: e.transport, protocol: e.protocol, encoding: e.encoding }, base, name);
          assert.equal(e.user, user, `${name}: the connection's user`);
          assert.equal(e.headers.cookie, `sid=${codec}`, `${name}: the upgrade's headers`);
          assert.ok(Buffer.isBuffer(e.rawData), `${name}: rawData`);
        }
        assert.deepEqual(se.data, { want: 'in' });
        assert.deepEqual(pe.data, { text: 'hi' });
        assert.deepEqual(re.data, { n: 1 });
        c.disconnect();
      });
    }

    it('protobuf: bytes that are not JSON reach a handler as rawData only, and bytes returned reach the client as they are', async () => {
      const c = makeClient(a.wsUrl, 'protobuf', { data: encode('protobuf', { case: 'user', user: 'bin' }) });
      const client = await connected(c);
      const r = await c.rpc('bytes', new Uint8Array([0xff, 0x00, 0x01]));
      assert.deepEqual([...r.data], [0x01, 0x00, 0xff]);
      const e = seen.rpc.find((x) => x.client === client && x.method === 'bytes');
      assert.equal(e.data, undefined);
      assert.deepEqual([...e.rawData], [0xff, 0x00, 0x01]);
      c.disconnect();
    });

    for (const transport of ['http_stream', 'sse'] as const) {
      it(`${transport}: events carry the headers of the request that opened the stream, not those of the commands sent after`, async () => {
        const user = `st-${transport}`;
        const urls: string[] = [];
        const c = makeHttpClient(a.httpUrl, transport, 'json', a.httpUrl, {
          data: { case: 'user', user },
          fetch: cookieFetch('sid=open', 'sid=emulation', urls),
          eventsource: cookieEventSource('sid=open'),
        });
        const ch = `px:stream-${transport}`;
        const sub = c.newSubscription(ch);
        sub.subscribe();
        const client = await connected(c);
        await sub.ready(5000);
        assert.deepEqual(decode('json', (await c.rpc('echo', { via: transport })).data), { echo: { via: transport } });
        const ce = seen.connect.find((e) => e.client === client);
        const se = seen.subscribe.find((e) => e.client === client && e.channel === ch);
        const re = seen.rpc.find((e) => e.client === client);
        assert.deepEqual([ce.transport, ce.protocol, ce.headers.cookie], [transport, 'json', 'sid=open']);
        assert.deepEqual(ce.data, { case: 'user', user });
        for (const e of [se, re]) assert.deepEqual([e.transport, e.user, e.headers.cookie], [transport, user, 'sid=open']);
        assert.deepEqual(re.data, { via: transport });
        assert.ok(urls.some((u) => u.endsWith('/emulation')), 'the rpc went as an emulation request, with its own Cookie');
        c.disconnect();
      });
    }

    it('GyreError reaches the SDK with its code, message and temporary flag; GyreDisconnect closes with its code', async () => {
      // connect
      const refused = makeClient(a.wsUrl, 'json', { data: { case: 'refused' } });
      const refusedEnd = ending(refused);
      refused.connect();
      assert.deepEqual(await refusedEnd, { event: 'disconnected', code: 1403, reason: 'not you' }, 'a permanent connect error ends the client');
      const busy = await connectError(a.wsUrl, { case: 'busy' });
      assert.deepEqual([busy.code, busy.temporary], [1503, true], 'a temporary connect error: the client retries');
      const bye = makeClient(a.wsUrl, 'json', { data: { case: 'bye' } });
      const byeEnd = ending(bye);
      bye.connect();
      assert.deepEqual(await byeEnd, { event: 'disconnected', code: 4501, reason: 'bye' });

      const c = makeClient(a.wsUrl, 'json', { data: { case: 'user', user: 'errs' } });
      await connected(c);
      // subscribe
      const denied = c.newSubscription('px:denied');
      const deniedEnd = nextEvent(denied, 'unsubscribed');
      denied.subscribe();
      assert.deepEqual([(await deniedEnd).code, (await deniedEnd).reason], [103, 'permission denied']);
      const later = c.newSubscription('px:later', { minResubscribeDelay: 5000 });
      const laterErr = nextEvent(later, 'error');
      later.subscribe();
      assert.deepEqual((await laterErr).error, { code: 1002, message: 'later', temporary: true });
      later.unsubscribe();
      // publish (into a channel the client is subscribed to)
      const room = c.newSubscription('px:errs-room');
      room.subscribe();
      await room.ready(3000);
      assert.deepEqual(await failure(room.publish({ text: 'bad' })), { code: 1003, message: 'rejected', temporary: false });
      // rpc
      assert.deepEqual(await failure(c.rpc('custom', {})), { code: 1001, message: 'custom refusal', temporary: false });
      assert.deepEqual(await failure(c.rpc('later', {})), { code: 1001, message: 'try later', temporary: true });
      assert.equal(c.state, 'connected', 'errors end nothing');
      const rpcBye = ending(c);
      void c.rpc('bye', {}).catch(() => {});
      assert.deepEqual(await rpcBye, { event: 'disconnected', code: 4501, reason: 'bye' }, 'GyreDisconnect from an rpc handler');

      const d = makeClient(a.wsUrl, 'json', { data: { case: 'user', user: 'errs2' } });
      await connected(d);
      const subBye = ending(d);
      d.newSubscription('px:bye').subscribe();
      assert.deepEqual(await subBye, { event: 'disconnected', code: 4501, reason: 'bye' }, 'GyreDisconnect from a subscribe handler');
    });

    it('a handler that throws an Error or never settles (proxy.timeout 0.3 s) is a failed call: 100, temporary, logged; the connection stays', async () => {
      const boom = await connectError(a.wsUrl, { case: 'boom' });
      assert.deepEqual([boom.code, boom.temporary], [100, true], 'connect handler threw');
      const hang = await connectError(a.wsUrl, { case: 'hang' });
      assert.deepEqual([hang.code, hang.temporary], [100, true], 'connect handler never settled');
      assert.ok(hang.elapsed >= 280 && hang.elapsed < 3000, `answered after ${hang.elapsed} ms, expected proxy.timeout`);

      const c = makeClient(a.wsUrl, 'json', { data: { case: 'user', user: 'fails' } });
      await connected(c);
      for (const method of ['boom', 'hang']) {
        const started = Date.now();
        const e = await failure(c.rpc(method, {}));
        assert.deepEqual([e.code, e.temporary], [100, true], `rpc ${method}`);
        if (method === 'hang') assert.ok(Date.now() - started >= 280, 'rpc answered 100 only after proxy.timeout');
      }
      for (const name of ['boom', 'hang']) {
        const sub = c.newSubscription(`px:${name}`, { minResubscribeDelay: 5000 });
        const err = nextEvent(sub, 'error');
        sub.subscribe();
        assert.deepEqual([(await err).error.code, (await err).error.temporary], [100, true], `subscribe ${name}`);
        sub.unsubscribe();
      }
      const room = c.newSubscription('px:fails-room');
      room.subscribe();
      await room.ready(3000);
      const pub = await failure(room.publish({ text: 'boom' }));
      assert.deepEqual([pub.code, pub.temporary], [100, true], 'publish handler threw');
      assert.equal(c.state, 'connected');
      assert.deepEqual(decode('json', (await c.rpc('echo', 1)).data), { echo: 1 }, 'and the connection still works');
      c.disconnect();
      // Logged once a minute per event and kind, as a proxy call's failure is: a late handler as a warning with
      // the message, a throwing one as an error with its stack (a bug in the application to chase).
      const failed = (event: string, kind: string, text: string) =>
        a.logs.some((l) => l['level'] === 40 && l['event'] === event && l['kind'] === kind && String(l['err']).includes(text));
      const threw = (event: string, text: string) =>
        a.logs.some((l) => {
          const err = l['err'] as { message?: string; stack?: string } | undefined;
          return l['level'] === 50 && l['event'] === event && l['kind'] === 'threw' && !!err?.message?.includes(text) && !!err.stack?.includes('library.test');
        });
      assert.ok(threw('connect', 'boom'), 'a throwing handler is logged with its stack');
      assert.ok(failed('rpc', 'unreachable', '300 ms'), 'a handler past proxy.timeout is logged');
    });

    it('an answer past the proxy bounds (user > 1024 bytes, expire_at < 0, not an object) is 100 temporary; the node serves others', async () => {
      for (const name of ['longUser', 'pastExpiry', 'notObject']) {
        const e = await connectError(a.wsUrl, { case: name });
        assert.deepEqual([e.code, e.temporary], [100, true], name);
      }
      const c = makeClient(a.wsUrl, 'json', { data: { case: 'maxUser' } });
      await connected(c);
      assert.deepEqual(decode('json', (await c.rpc('whoami', {})).data), { user: 'm'.repeat(1024) }, 'a user of exactly 1024 bytes is within the bound');
      for (const [method, what] of [
        ['notObject', 'an rpc answer that is no object'],
        ['badDisconnect', 'a disconnect code outside 3000..4999'],
        ['longMessage', 'an error message over 1024 bytes'],
      ]) {
        const e = await failure(c.rpc(method!, {}));
        assert.deepEqual([e.code, e.temporary], [100, true], what);
      }
      assert.equal(c.state, 'connected');
      c.disconnect();
    });

    it('a connect handler returning nothing without anonymous connections allowed: 3501', async () => {
      const c = makeClient(a.wsUrl, 'json', { data: { case: 'nothing' } });
      const end = ending(c);
      c.connect();
      assert.deepEqual(await end, { event: 'disconnected', code: 3501, reason: 'bad request' });
    });

    it('a connection with a token is decided by the token: the connect handler is not asked, a bad token is 3500', async () => {
      const c = makeClient(a.wsUrl, 'json', { token: token({ sub: 'jwt-user' }), data: { case: 'refused' } });
      const client = await connected(c);
      assert.deepEqual(decode('json', (await c.rpc('whoami', {})).data), { user: 'jwt-user' });
      assert.equal(seen.connect.filter((e) => e.client === client).length, 0, 'no connect event for it');
      c.disconnect();
      const bad = makeClient(a.wsUrl, 'json', { token: token({ sub: 'x' }, { secret: 'not the secret' }), websocket: withHeaders({ cookie: 'sid=bad-token' }) });
      const end = ending(bad);
      bad.connect();
      assert.deepEqual(await end, { event: 'disconnected', code: 3500, reason: 'invalid token' });
      assert.equal(seen.connect.filter((e) => e.headers.cookie === 'sid=bad-token').length, 0);
    });

    it('refresh: the handler prolongs a connection past its expire_at, or ends it (3005); a throwing one gives it time', async () => {
      const [keep, end, boom] = ['exp-keep', 'exp-end', 'exp-boom'].map((user) => makeClient(a.wsUrl, 'json', { data: { case: 'expiring', user } }));
      const ids = await Promise.all([keep!, end!, boom!].map(connected));
      const staying = [[keep!, 'exp-keep', collect(keep!, 'connecting')], [boom!, 'exp-boom', collect(boom!, 'connecting')]] as const;
      // No earlier than the expire_at the handler gave (now() + 2 when it ran).
      const expireAt = now() + 2;
      const ending3005 = nextEvent(end!, 'connecting', 5000);
      assert.equal((await ending3005).code, 3005);
      end!.disconnect();
      await sleep(Math.max(0, expireAt * 1000 + 1200 - Date.now()));
      for (const [c, user, lost] of staying) {
        assert.deepEqual(lost, [], `${user} was never lost`);
        assert.deepEqual(decode('json', (await c.rpc('whoami', {})).data), { user });
      }
      const keepRefresh = seen.refresh.filter((e) => e.user === 'exp-keep');
      assert.equal(keepRefresh.length, 1, 'asked once, at expiry');
      assert.deepEqual([keepRefresh[0].client, keepRefresh[0].transport, keepRefresh[0].protocol, keepRefresh[0].encoding], [ids[0], 'websocket', 'json', 'json']);
      assert.equal(typeof keepRefresh[0].headers, 'object');
      assert.equal(seen.refresh.filter((e) => e.user === 'exp-boom').length, 1, 'a failed refresh is not asked again at once');
      keep!.disconnect();
      boom!.disconnect();
    });

    it('sub_refresh: the handler prolongs a subscription past its expiry, or ends it (2501)', async () => {
      const c = makeClient(a.wsUrl, 'json', { data: { case: 'user', user: 'subber' } });
      const kept = c.newSubscription('px:exp-keep');
      const dropped = c.newSubscription('px:exp-drop');
      kept.subscribe();
      dropped.subscribe();
      const client = await connected(c);
      await Promise.all([kept.ready(3000), dropped.ready(3000)]);
      const keptLost = collect(kept, 'subscribing');
      const expireAt = now() + 2;
      assert.equal((await nextEvent(dropped, 'subscribing', 5000)).code, 2501);
      dropped.unsubscribe();
      await sleep(Math.max(0, expireAt * 1000 + 1200 - Date.now()));
      assert.equal(kept.state, 'subscribed');
      assert.deepEqual(keptLost, []);
      const e = seen.sub_refresh.filter((x) => x.client === client && x.channel === 'px:exp-keep');
      assert.equal(e.length, 1);
      assert.deepEqual([e[0].user, e[0].transport, e[0].protocol], ['subber', 'websocket', 'json']);
      await a.gyre.publish('px:exp-keep', { after: 'expiry' });
      assert.deepEqual((await nextEvent(kept, 'publication')).data, { after: 'expiry' });
      c.disconnect();
    });

    // ── 2. onDisconnect.
    it('onDisconnect is told once per connected client end, with the code: 3503 by the server API, 3000 when the client goes, 4501 by a handler', async () => {
      const [byApi, goes, byHandler] = ['dis-api', 'dis-goes', 'dis-handler'].map((user) => makeClient(a.wsUrl, 'json', { data: { case: 'user', user } }));
      const ids = await Promise.all([byApi!, goes!, byHandler!].map(connected));
      const refused = makeClient(a.wsUrl, 'json', { data: { case: 'bye' }, websocket: withHeaders({ cookie: 'sid=dis-refused' }) });
      const refusedEnd = ending(refused);
      refused.connect();
      await refusedEnd;

      const apiEnd = ending(byApi!);
      await a.gyre.disconnect('dis-api');
      assert.deepEqual(await apiEnd, { event: 'disconnected', code: 3503, reason: 'force disconnect' });
      goes!.disconnect();
      void byHandler!.rpc('bye', {}).catch(() => {});
      const of = (client: string) => ended.filter((e) => e.client === client);
      await eventually(() => ids.every((id) => of(id).length > 0), 3000, 'three disconnect events');
      await sleep(300);
      assert.deepEqual(of(ids[0]!), [{ client: ids[0], user: 'dis-api', transport: 'websocket', code: 3503, reason: 'force disconnect' }]);
      assert.deepEqual(of(ids[1]!), [{ client: ids[1], user: 'dis-goes', transport: 'websocket', code: 3000, reason: 'connection closed' }]);
      assert.deepEqual(of(ids[2]!), [{ client: ids[2], user: 'dis-handler', transport: 'websocket', code: 4501, reason: 'bye' }]);
      const refusedId = seen.connect.find((e) => e.headers.cookie === 'sid=dis-refused')?.client;
      assert.ok(refusedId);
      assert.deepEqual(of(refusedId), [], 'a connection refused at connect never was connected: no event');
    });
  });

  describe('anonymous connections and a failing disconnect handler', () => {
    let b: TestNode;
    let calls = 0;
    before(async () => {
      b = await startNode({ client: { allow_anonymous_connect_without_token: true } });
      b.gyre
        .onConnecting((e: any) => (e.data?.case === 'nothing' ? undefined : { user: e.data?.user ?? 'bee' }))
        .onRpc((e) => ({ data: { user: e.user } }))
        .onDisconnect(() => {
          // Throws once, then rejects.
          if (calls++ % 2 === 0) throw new Error('disconnect handler sync failure');
          return Promise.reject(new Error('disconnect handler async failure'));
        });
    });

    it('a connect handler returning nothing with client.allow_anonymous_connect_without_token: an anonymous connection', async () => {
      const c = makeClient(b.wsUrl, 'json', { data: { case: 'nothing' } });
      await connected(c);
      assert.deepEqual((await c.rpc('whoami', {})).data, { user: '' });
      c.disconnect();
    });

    it('a disconnect handler that throws or rejects breaks nothing: logged, the connections end, the node serves on', async () => {
      const clients = [1, 2].map(() => makeClient(b.wsUrl, 'json', { data: { user: 'thrower' } }));
      await Promise.all(clients.map(connected));
      const ends = clients.map(ending);
      await b.gyre.disconnect('thrower');
      for (const e of await Promise.all(ends)) assert.deepEqual(e, { event: 'disconnected', code: 3503, reason: 'force disconnect' });
      // Logged as errors (pino level 50), whatever the line's wording, with the error thrown.
      const logged = () => b.logs.filter((l) => l['level'] === 50).map((l) => (l['err'] as { message?: string } | undefined)?.message);
      await eventually(() => ['sync', 'async'].every((k) => logged().includes(`disconnect handler ${k} failure`)), 3000, 'both failures logged');
      const next = makeClient(b.wsUrl, 'json', { data: { user: 'after' } });
      await connected(next);
      assert.deepEqual((await next.rpc('x', {})).data, { user: 'after' });
      assert.equal((await b.gyre.info()).nodes[0]!.num_clients, 1);
      next.disconnect();
    });
  });

  // ── 3. attach().
  describe('attach() to an application server', { concurrency: true }, () => {
    const app: http.RequestListener = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`app ${req.method} ${req.url}`);
    };
    const get = async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };

    it("the app keeps its routes, /api and /health included; Gyre takes /connection/*; other upgrades are left to the app's listener", async () => {
      const n = await startNode({}, { listen: false });
      const { server, httpUrl } = await appServer(app);
      n.gyre.attach(server);
      // The app's own upgrade listener, added after attach: it answers its paths and ignores Gyre's.
      const wss = new WebSocketServer({ noServer: true });
      server.on('upgrade', (req, socket, head) => {
        if (req.url === '/app-ws') wss.handleUpgrade(req, socket, head, (ws) => ws.send('from the app'));
        else if (req.url === '/teapot') socket.end("HTTP/1.1 418 I'm a teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      });
      const wsUrl = httpUrl.replace('http', 'ws');

      for (const path of ['/hello', '/api/info', '/health', '/metrics', '/']) {
        assert.deepEqual(await get(`${httpUrl}${path}`), { status: 200, type: 'text/plain', text: `app GET ${path}` }, path);
      }
      const apiPost = await postApi({ port: (server.address() as AddressInfo).port, path: '/api/info', body: '{}', apiKey: API_KEY });
      assert.equal(apiPost.text, 'app POST /api/info');

      const c = makeClient(`${wsUrl}/connection/websocket`, 'json', { token: token({ sub: 'att' }) });
      await connected(c);
      const pub = nextEvent(c, 'publication');
      await n.gyre.subscribe('att', 'srv');
      await n.gyre.publish('srv', { via: 'attach' });
      assert.deepEqual((await pub).data, { via: 'attach' });
      c.disconnect();

      const s = new WebSocket(`${wsUrl}/app-ws`);
      const [msg] = await new Promise<[string]>((resolve, reject) => {
        s.once('message', (d) => resolve([String(d)]));
        s.once('error', reject);
      });
      assert.equal(msg, 'from the app');
      s.close();
      await assert.rejects(rawSocket(`${wsUrl}/teapot`).opened, /HTTP 418/, "an upgrade Gyre does not take is the app's to answer, not refused by Gyre");
    });

    it('routes api and health become Gyre\'s; an upgrade nobody takes is 404; after close(): clients got 3001, every route is the app\'s again', async () => {
      const n = await startNode({}, { listen: false });
      const ends: any[] = [];
      n.gyre.onDisconnect((e) => void ends.push(e));
      const { server, port, httpUrl } = await appServer(app);
      n.gyre.attach(server, { routes: ['api', 'health'] });
      const wsUrl = httpUrl.replace('http', 'ws');

      assert.deepEqual(await get(`${httpUrl}/hello`), { status: 200, type: 'text/plain', text: 'app GET /hello' });
      assert.deepEqual(await get(`${httpUrl}/metrics`), { status: 200, type: 'text/plain', text: 'app GET /metrics' }, 'a group not asked for stays the app\'s');
      const health = await get(`${httpUrl}/health`);
      assert.deepEqual([health.status, health.type, JSON.parse(health.text)], [200, 'application/json', {}]);
      const info = await postApi({ port, path: '/api/info', body: '{}', apiKey: API_KEY });
      assert.equal(info.status, 200);
      assert.equal(JSON.parse(info.text).result.nodes.length, 1);
      await assert.rejects(rawSocket(`${wsUrl}/elsewhere`).opened, /HTTP 404/);

      const clients = [1, 2].map((i) => makeClient(`${wsUrl}/connection/websocket`, i === 1 ? 'json' : 'protobuf', { token: token({ sub: `closing-${i}` }) }));
      const ids = await Promise.all(clients.map(connected));
      const gone = clients.map(ending);
      assert.equal(await n.gyre.close(), true, 'closed within the deadline');
      for (const e of await Promise.all(gone)) assert.deepEqual([e.event, e.code], ['connecting', 3001], 'shutdown: the client reconnects elsewhere');
      for (const c of clients) c.disconnect();
      assert.deepEqual(
        ids.map((id) => ends.filter((e) => e.client === id).map((e) => e.code)),
        [[3001], [3001]],
        'onDisconnect told of the shutdown',
      );
      for (const path of ['/hello', '/health', '/api/info']) {
        assert.deepEqual(await get(`${httpUrl}${path}`), { status: 200, type: 'text/plain', text: `app GET ${path}` }, `${path} after close`);
      }
      await assert.rejects(rawSocket(`${wsUrl}/connection/websocket`).opened, /HTTP 404/, 'no WebSocket after close');
      assert.equal(server.listening, true, 'the app\'s server is not closed by Gyre');
      const late = await failure(n.gyre.publish('x', {}));
      assert.ok(late instanceof GyreError);
      assert.deepEqual([late.code, late.message], [108, 'not available: the node is closed']);
    });

    it("an app's WebSocketServer on the same server, made before or after attach, keeps its path and leaves Gyre's alone; closing it removes it", async () => {
      const n = await startNode({}, { listen: false });
      const { server, httpUrl } = await appServer(app);
      const wsUrl = httpUrl.replace('http', 'ws');
      const first = (url: string) =>
        new Promise<string>((resolve, reject) => {
          const s = new WebSocket(url);
          s.once('message', (d) => {
            resolve(String(d));
            s.close();
          });
          s.once('error', reject);
        });
      const gyreServes = async (name: string) => {
        for (const codec of ['json', 'protobuf'] as const) {
          const c = makeClient(`${wsUrl}/connection/websocket`, codec, { token: token({ sub: `${name}-${codec}` }) });
          await connected(c);
          c.disconnect();
        }
      };
      // ws with `server` takes every upgrade, answering one outside its path with 400, which would cut Gyre's
      // handshakes. (Two of them cannot share a server either: ws says to use noServer for that.)
      const before = new WebSocketServer({ server, path: '/chat' });
      before.on('connection', (ws) => ws.send('chat'));
      n.gyre.attach(server);
      await gyreServes('before');
      assert.equal(await first(`${wsUrl}/chat`), 'chat');
      await new Promise<void>((r) => before.close(() => r()));
      await assert.rejects(rawSocket(`${wsUrl}/chat`).opened, /HTTP 404/, 'after wss.close() its listener is gone: Gyre alone refuses the path');

      const later = new WebSocketServer({ server, path: '/feed' });
      later.on('connection', (ws) => ws.send('feed'));
      // A request listener of the app's added after attach stays behind Gyre's routes too.
      server.on('request', () => undefined);
      await gyreServes('after');
      assert.equal(await first(`${wsUrl}/feed`), 'feed');
      assert.deepEqual(await get(`${httpUrl}/page`), { status: 200, type: 'text/plain', text: 'app GET /page' });
      await new Promise<void>((r) => later.close(() => r()));
    });

    it('onConnect is told once a connection is up (with its headers), paired with onDisconnect; a client gone while its connect is decided is neither', async () => {
      const n = await startNode({});
      const told: string[] = [];
      n.gyre.onConnecting(async (e) => {
        if (e.headers['x-slow']) await sleep(300);
        return { user: String(e.headers['x-user']) };
      });
      n.gyre.onConnect((e) => void told.push(`up ${e.client} ${e.user} ${e.transport}/${e.protocol} ${e.headers['x-user']}`));
      n.gyre.onDisconnect((e) => void told.push(`down ${e.client} ${e.code}`));

      const c = makeClient(n.wsUrl, 'protobuf', { websocket: withHeaders({ 'x-user': 'ada' }) });
      const id = await connected(c);
      assert.deepEqual(told, [`up ${id} ada websocket/protobuf ada`]);
      c.disconnect();
      await eventually(() => told.length === 2, 2000);
      assert.deepEqual(told, [`up ${id} ada websocket/protobuf ada`, `down ${id} 3000`]);

      // Gone 50 ms into a connect its handler takes 300 ms to decide: it must not become a connected client.
      const raw = new WebSocket(n.wsUrl, { headers: { 'x-user': 'gone', 'x-slow': '1' } });
      await new Promise((r) => raw.once('open', r));
      raw.send(JSON.stringify({ id: 1, connect: {} }));
      await sleep(50);
      raw.terminate();
      await sleep(400);
      const info = await n.gyre.info();
      assert.equal(info.nodes[0]!.num_clients, 0, 'the closed client is not counted');
      assert.equal(told.length, 2, `no event for it: ${told.join('; ')}`);
    });

    it('an app server without a request listener: what Gyre does not take is a JSON 404', async () => {
      const n = await startNode({}, { listen: false });
      const { server, httpUrl } = await appServer();
      n.gyre.attach(server);
      const r = await get(`${httpUrl}/nothing-here`);
      assert.deepEqual([r.status, r.type, JSON.parse(r.text).error.code], [404, 'application/json', 104]);
      // Gyre's HTTP-streaming route is served: a connect sent as the stream's body is answered on the stream.
      const ac = new AbortController();
      const s = await fetch(`${httpUrl}/connection/http_stream`, { method: 'POST', body: JSON.stringify({ id: 1, connect: { token: token({ sub: 'streamer' }) } }), signal: ac.signal });
      assert.equal(s.status, 200);
      const reader = s.body!.getReader();
      const { value } = await reader.read();
      assert.match(new TextDecoder().decode(value), /"connect":\{"client":"/);
      ac.abort();
    });
  });

  // ── 4. The server API from application code.
  describe('the server API from application code', { concurrency: true }, () => {
    let g: TestNode;
    before(async () => {
      g = await startNode({
        channel: {
          allow_subscribe_for_client: true,
          namespaces: [
            { name: 'hist', history_size: 10, history_ttl: 60, presence: true, allow_subscribe_for_client: true },
            { name: 'bin', publication_data_format: 'binary', history_size: 10, history_ttl: 60, allow_subscribe_for_client: true },
          ],
        },
      });
    });
    /** The HTTP API's result for the same call, on the same node. */
    const viaHttp = async (method: string, params: unknown) => {
      const { status, text } = await postApi({ port: g.port, path: `/api/${method}`, body: JSON.stringify(params), apiKey: API_KEY });
      assert.equal(status, 200, text);
      return JSON.parse(text).result;
    };

    it('publish reaches a subscriber; history, presence, presence_stats, channels and info answer as the HTTP API does', async () => {
      const c = makeClient(g.wsUrl, 'json', { token: token({ sub: 'pia', info: { n: 1 } }) });
      const sub = c.newSubscription('hist:room');
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      const client = await connected(c);
      await sub.ready(3000);
      const r1 = await g.gyre.publish('hist:room', { a: 1 }, { tags: { k: 'v' } });
      const r2 = await g.gyre.publish('hist:room', 'two');
      assert.equal(r1.offset, 1);
      assert.deepEqual([r2.offset, r2.epoch], [2, r1.epoch]);
      await eventually(() => pubs.length === 2, 3000, 'both publications');
      assert.deepEqual(pubs.map((p) => p.data), [{ a: 1 }, 'two']);
      assert.deepEqual(pubs[0].tags, { k: 'v' });
      assert.deepEqual(await g.gyre.publish('plain', { no: 'history' }), {}, 'no position for a channel without history');

      const history = await g.gyre.history('hist:room', { limit: -1 });
      assert.deepEqual(history.publications.map((p) => p.data), [{ a: 1 }, 'two']);
      assert.deepEqual([history.offset, history.epoch], [2, r1.epoch]);
      assert.deepEqual(history, await viaHttp('history', { channel: 'hist:room', limit: -1 }));
      assert.deepEqual(await g.gyre.history('hist:room', { limit: 1, reverse: true }), await viaHttp('history', { channel: 'hist:room', limit: 1, reverse: true }));

      const presence = await g.gyre.presence('hist:room');
      assert.deepEqual(Object.keys(presence.presence), [client]);
      assert.deepEqual([presence.presence[client]!.user, presence.presence[client]!.conn_info], ['pia', { n: 1 }]);
      assert.deepEqual(presence, await viaHttp('presence', { channel: 'hist:room' }));
      assert.deepEqual(await g.gyre.presenceStats('hist:room'), { num_clients: 1, num_users: 1 });
      assert.deepEqual(await g.gyre.presenceStats('hist:room'), await viaHttp('presence_stats', { channel: 'hist:room' }));

      const channels = await g.gyre.channels('hist:*');
      assert.deepEqual(channels, { channels: { 'hist:room': { num_clients: 1 } } });
      assert.deepEqual(channels, await viaHttp('channels', { pattern: 'hist:*' }));
      const info = await g.gyre.info();
      assert.equal(info.nodes.length, 1);
      assert.ok(info.nodes[0]!.num_clients >= 1);
      assert.equal(info.nodes[0]!.uid, (await viaHttp('info', {})).nodes[0].uid);

      const b = await g.gyre.broadcast(['hist:room', 'nope:x'], { c: 3 });
      assert.deepEqual([b.responses[0], (b.responses[1] as any).error.code], [{ result: { offset: 3, epoch: r1.epoch } }, 102]);
      await g.gyre.historyRemove('hist:room');
      assert.deepEqual((await g.gyre.history('hist:room', { limit: -1 })).publications, []);
      c.disconnect();
    });

    it('a Uint8Array payload reaches a protobuf subscriber as those bytes (binary namespace); history gives it as b64data', async () => {
      const c = makeClient(g.wsUrl, 'protobuf', { token: token({ sub: 'bytes' }) });
      const sub = c.newSubscription('bin:raw');
      const pub = nextEvent(sub, 'publication');
      sub.subscribe();
      await connected(c);
      await sub.ready(3000);
      const bytes = new Uint8Array([0x00, 0xff, 0x10, 0x80]);
      await g.gyre.publish('bin:raw', bytes);
      assert.deepEqual([...(await pub).data], [...bytes]);
      const h = await g.gyre.history('bin:raw', { limit: -1 });
      assert.equal(h.publications[0]!.b64data, Buffer.from(bytes).toString('base64'));
      c.disconnect();
    });

    it('server-side subscribe, unsubscribe and disconnect reach the SDK client', async () => {
      const c = makeClient(g.wsUrl, 'json', { token: token({ sub: 'sam' }) });
      const client = await connected(c);
      const subscribed = nextEvent(c, 'subscribed');
      await g.gyre.subscribe('sam', 'hist:server-side', { data: { hi: 'sam' } });
      const s = await subscribed;
      assert.deepEqual([s.channel, s.data], ['hist:server-side', { hi: 'sam' }]);
      const pub = nextEvent(c, 'publication');
      await g.gyre.publish('hist:server-side', { x: 1 });
      assert.deepEqual([(await pub).channel, (await pub).data], ['hist:server-side', { x: 1 }]);
      const unsubscribed = nextEvent(c, 'unsubscribed');
      await g.gyre.unsubscribe('sam', 'hist:server-side');
      assert.equal((await unsubscribed).channel, 'hist:server-side');
      assert.deepEqual(await g.gyre.channels('hist:server-side'), { channels: {} });
      const end = ending(c);
      await g.gyre.disconnect('sam', { client, disconnect: { code: 4100, reason: 'go away' } });
      assert.deepEqual(await end, { event: 'connecting', code: 4100, reason: 'go away' }, 'a custom code (4000–4499: reconnecting)');
      c.disconnect();
    });

    it('a tight loop of awaited publishes lets the event loop turn: subscribers keep up under the default queue limit', async () => {
      const n = await startNode({});
      const clients = Array.from({ length: 20 }, (_, i) => makeClient(n.wsUrl, i % 2 ? 'protobuf' : 'json', { token: token({ sub: `loop-${i}` }) }));
      await Promise.all(clients.map(connected));
      const COUNT = 8000;
      const got = clients.map(() => 0);
      const ends: number[] = [];
      clients.forEach((c, i) => {
        c.on('publication', () => void got[i]!++);
        c.on('connecting', (ctx) => void (ctx.code !== 0 && ends.push(ctx.code)));
        c.on('disconnected', (ctx) => void ends.push(ctx.code));
      });
      await Promise.all(clients.map((_, i) => n.gyre.subscribe(`loop-${i}`, 'loop')));
      // ~300 bytes a publication: 2.4 MB for each subscriber, past client.queue_max_size (1 MiB) had it queued all at once.
      const text = 'x'.repeat(280);
      for (let i = 0; i < COUNT; i++) await n.gyre.publish('loop', { i, text });
      await eventually(() => got.every((g) => g === COUNT) || ends.length > 0, 10_000);
      assert.deepEqual(ends, [], 'no subscriber was cut as slow (3008)');
      assert.deepEqual(got, clients.map(() => COUNT));
    });

    it("the node's own /metrics counts calls from application code with source=\"library\" (no primary is asked, IPC channel or not)", async () => {
      const n = await startNode({ metrics: { enabled: true } });
      await n.gyre.publish('counted', { n: 1 });
      await n.gyre.publish('counted', { n: 2 });
      await assert.rejects(n.gyre.publish('nope:x', {}), GyreError);
      const res = await fetch(`${n.httpUrl}/metrics`);
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.match(text, /gyre_api_command_duration_seconds_count\{method="publish",source="library"\} 3\b/);
      assert.match(text, /gyre_api_errors_total\{method="publish",code="102"\} 1\b/);

      // In a process forked with an IPC channel (a supervisor, pm2), there is still no primary of Gyre's to ask.
      const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gyre-ipc-')), 'node.js');
      fs.writeFileSync(
        script,
        `const { Gyre } = require(${JSON.stringify(path.resolve(__dirname, '../../src/library'))});
        (async () => {
          const g = await Gyre.create({ config: { metrics: { enabled: true }, log: { level: 'error' } } });
          const { port } = await g.listen(0, '127.0.0.1');
          await g.publish('counted', {});
          const started = Date.now();
          const res = await fetch('http://127.0.0.1:' + port + '/metrics');
          const text = await res.text();
          process.send({ status: res.status, ms: Date.now() - started, counted: text.includes('source="library"') });
          await g.close(1000);
          process.disconnect();
        })();`,
      );
      const child = fork(script, [], { stdio: 'ignore' });
      const answer = await within(new Promise<{ status: number; ms: number; counted: boolean }>((resolve) => child.once('message', resolve as never)), 10_000, 'the forked node');
      assert.equal(answer.status, 200, 'answered by the node itself, not a 503 after waiting for a primary');
      assert.ok(answer.ms < 2000, `answered in ${answer.ms} ms`);
      assert.equal(answer.counted, true);
    });

    it('bad input rejects with a GyreError carrying the HTTP API code', async () => {
      const cases: [string, () => Promise<unknown>, number][] = [
        ['unknown namespace', () => g.gyre.publish('nope:x', 1), 102],
        ['bad param', () => g.gyre.call('publish', { channel: 1, data: {} }), 107],
        ['no such method', () => g.gyre.call('no_such_method'), 104],
        ['bytes into a JSON namespace', () => g.gyre.publish('plain', new Uint8Array([0xff])), 107],
        ['no presence there', () => g.gyre.presence('plain'), 108],
        ['bad disconnect code', () => g.gyre.disconnect('x', { disconnect: { code: 1000, reason: 'r' } }), 107],
      ];
      for (const [what, call, code] of cases) {
        const err = await failure(call());
        assert.ok(err instanceof GyreError, `${what}: a GyreError`);
        assert.deepEqual([err.code, err.temporary], [code, false], what);
      }
      // The same codes as over HTTP.
      const overHttp = await postApi({ port: g.port, path: '/api/publish', body: JSON.stringify({ channel: 'nope:x', data: 1 }), apiKey: API_KEY });
      assert.equal(JSON.parse(overHttp.text).error.code, 102);
    });
  });

  // ── 5. Configuration.
  describe('configuration', () => {
    it('a mistake throws ConfigError naming the key', async () => {
      for (const [config, key] of [
        [{ no_such_key: 1 }, 'no_such_key'],
        [{ port: 'eighty' }, 'port'],
        [{ proxy: { timeout: '0.3s' } }, 'proxy.timeout'],
        [{ channel: { namespaces: [{ name: 'n', no_such_option: true }] } }, 'no_such_option'],
      ] as const) {
        await assert.rejects(Gyre.create({ config: config as unknown as GyreConfig }), (e: Error) => e instanceof ConfigError && e.message.includes(key), key);
      }
    });

    it('GYRE_* variables of process.env are not read unless env is given', async () => {
      const names = ['GYRE_PORT', 'GYRE_CLIENT_INSECURE', 'GYRE_CONFIG'] as const;
      const saved = names.map((name) => [name, process.env[name]] as const);
      process.env['GYRE_PORT'] = '9123';
      process.env['GYRE_CLIENT_INSECURE'] = 'false';
      process.env['GYRE_CONFIG'] = '/nonexistent/gyre.json'; // read, it would be a ConfigError
      try {
        const plain = await Gyre.create({ config: { client: { insecure: true }, log: { level: 'error' } } });
        // process.env as it is, but for GYRE_* variables of the environment the tests run in.
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GYRE_') || k === 'GYRE_PORT'));
        const fromEnv = await Gyre.create({ config: { log: { level: 'error' } }, env });
        const given = await Gyre.create({ config: { client: { insecure: true }, log: { level: 'error' } }, env: { GYRE_PORT: '9124', GYRE_CLIENT_INSECURE: 'false' } });
        nodes.push(plain, fromEnv, given);
        assert.deepEqual([plain.config.port, plain.config.client.insecure], [8000, true], 'process.env ignored');
        assert.equal(fromEnv.config.port, 9123, 'env given: read');
        assert.deepEqual([given.config.port, given.config.client.insecure], [9124, true], 'config wins over env');
      } finally {
        for (const [name, v] of saved) {
          if (v === undefined) delete process.env[name];
          else process.env[name] = v;
        }
      }
    });
  });
});
