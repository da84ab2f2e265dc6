/**
 * proxy.http_headers on SockJS: the headers of the request that opened a
 * session (the WebSocket upgrade, or the first xhr, xhr_streaming,
 * eventsource, htmlfile or jsonp request) reach the connect proxy and every
 * later proxy call of that session (a subscribe here), on every transport —
 * not those of the sends that carry its commands. Two workers, each HTTP
 * transport with sessions owned by each, so opening requests are also
 * routed from the worker that got them to the one that holds the session.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sessionOwner } from '../../src/transport/sockjs-routing';
import { rawSocket, type RawSocket } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, freePort, startServer, type TestServer } from '../helpers/server';

let redis: TestRedis;
let server: TestServer;
let backend: http.Server;
const calls: { event: string; channel?: string; headers: http.IncomingHttpHeaders }[] = [];
const open: (http.ClientRequest | RawSocket)[] = [];

before(async () => {
  const port = await freePort();
  backend = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const event = (req.url ?? '/').slice(1);
      calls.push({ event, channel: JSON.parse(text).channel, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: event === 'connect' ? { user: String(req.headers.cookie) } : {} }));
    });
  });
  await new Promise<void>((resolve) => backend.listen(port, '127.0.0.1', resolve));
  redis = await startRedis();
  server = await startServer({
    config: {
      engine: 'redis',
      workers: 2,
      redis: { url: redis.url },
      proxy: { connect_endpoint: `http://127.0.0.1:${port}/connect`, subscribe_endpoint: `http://127.0.0.1:${port}/subscribe`, http_headers: ['Cookie', 'X-Custom'] },
      channel: { namespaces: [{ name: 'px', proxy_subscribe: true }] },
    },
  });
  // /health answers once one worker listens: wait until both hold sessions (their private sockets listen too).
  for (const owner of [0, 1]) {
    const probe = `${server.httpUrl}/connection/sockjs/000/${sessionFor(owner, 'probe-')}/xhr`;
    await eventually(async () => (await fetch(probe, { method: 'POST' })).ok, 10_000, `worker ${owner} holding sessions`);
  }
});
after(async () => {
  for (const o of open) 'ws' in o ? o.ws.terminate() : o.destroy();
  await server?.stop();
  await redis?.stop();
  backend?.close();
});

/** What the opening request carries: the session's own cookie and header, and one not allow-listed. */
const opener = (name: string) => ({ cookie: `session=${name}`, 'x-custom': name, 'x-other': 'not forwarded' });
/** What every send carries instead: the proxy must not see these. */
const SENDER = { cookie: 'session=sender', 'x-custom': 'sender' };
/** A connect without a token (the proxy decides) and a subscription the proxy is asked about, in one SockJS message. */
const commands = (name: string) => `{"id":1,"connect":{}}\n{"id":2,"subscribe":{"channel":"px:${name}"}}`;

/** A session name the worker `owner` of two holds. */
function sessionFor(owner: number, tag: string): string {
  for (let i = 0; ; i++) if (sessionOwner(`/connection/sockjs/000/${tag}${i}/xhr`, 2) === owner) return `${tag}${i}`;
}

/** Sends a request on its own connection with the session's opening headers; resolves once sockjs has answered (the session exists). */
function openRequest(url: string, method: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      if (res.statusCode === 200) {
        res.resume();
        resolve();
      } else res.on('data', (d) => reject(new Error(`${method} ${url}: ${res.statusCode} ${d}`)));
    });
    req.on('error', reject);
    open.push(req);
    req.end();
  });
}

async function assertForwarded(name: string): Promise<void> {
  // Only its Cookie tells one session's connect from another's.
  const connect = (await eventually(() => calls.find((c) => c.event === 'connect' && c.headers.cookie === `session=${name}`), 5000, `a connect carrying ${name}'s Cookie`))!;
  const subscribe = (await eventually(() => calls.find((c) => c.event === 'subscribe' && c.channel === `px:${name}`), 5000, `subscribe of ${name}`))!;
  for (const call of [connect, subscribe]) {
    assert.equal(call.headers.cookie, `session=${name}`, `${call.event} of ${name}`);
    assert.equal(call.headers['x-custom'], name);
    assert.equal(call.headers['x-other'], undefined, 'only allow-listed headers are forwarded');
  }
}

const HTTP_TRANSPORTS: Record<string, { path: string; method: string; send: 'xhr_send' | 'jsonp_send' }> = {
  'xhr-polling': { path: 'xhr', method: 'POST', send: 'xhr_send' },
  'xhr-streaming': { path: 'xhr_streaming', method: 'POST', send: 'xhr_send' },
  eventsource: { path: 'eventsource', method: 'GET', send: 'xhr_send' },
  htmlfile: { path: 'htmlfile?c=cb', method: 'GET', send: 'xhr_send' },
  'jsonp-polling': { path: 'jsonp?c=cb', method: 'GET', send: 'jsonp_send' },
};

describe('SockJS sessions forward proxy.http_headers of the request that opened them', () => {
  for (const [transport, t] of Object.entries(HTTP_TRANSPORTS)) {
    it(`${transport}: the connect and a later subscribe carry the opening request's Cookie and X-Custom, on either worker`, async () => {
      // Each opening request comes on a new connection, which either worker may accept: with two sessions held
      // by each worker, whichever accepts, some opening requests are routed to the other worker.
      for (const [i, owner] of [0, 0, 1, 1].entries()) {
        const name = sessionFor(owner, `${transport}-${i}-`);
        const base = `${server.httpUrl}/connection/sockjs/000/${name}`;
        await openRequest(`${base}/${t.path}`, t.method, opener(name));
        const message = JSON.stringify([commands(name)]);
        const sent =
          t.send === 'xhr_send'
            ? await fetch(`${base}/xhr_send`, { method: 'POST', headers: SENDER, body: message })
            : await fetch(`${base}/jsonp_send`, { method: 'POST', headers: { ...SENDER, 'content-type': 'application/x-www-form-urlencoded' }, body: `d=${encodeURIComponent(message)}` });
        assert.ok(sent.ok, `${t.send} answered ${sent.status}`);
        await assertForwarded(name);
      }
    });
  }

  it('websocket: from the upgrade request', async () => {
    const name = 'ws-session';
    const s = rawSocket(`${server.wsUrl.replace('/connection/websocket', '')}/connection/sockjs/000/${name}/websocket`, undefined, opener(name));
    open.push(s);
    await s.opened;
    s.send(JSON.stringify([commands(name)]));
    await assertForwarded(name);
  });

  it('raw websocket: from the upgrade request', async () => {
    const name = 'raw-session';
    const s = rawSocket(`${server.wsUrl.replace('/connection/websocket', '')}/connection/sockjs/websocket`, undefined, opener(name));
    open.push(s);
    await s.opened;
    s.send(commands(name));
    await assertForwarded(name);
  });
});
