/** The HTTP server API through cent.js and raw fetch: methods, results, auth and error answers (transport error mode included). */
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { collect, decode, makeClient, nextEvent, token } from '../helpers/clients';
import { API_KEY, eventually } from '../helpers/server';
import { serverSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

const t = serverSuite({ config: { channel: channelConfig } });

async function post(path: string, body: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) {
  const res = await fetch(`${t.server.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  const length = res.headers.get('content-length');
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined; // empty (401) or newline-delimited (legacy /api)
  }
  return { status: res.status, text, json, length: length === null ? null : Number(length), chunked: res.headers.get('transfer-encoding') === 'chunked' };
}

describe('server API methods (cent.js)', () => {
  it('publish, broadcast, history, history_remove', async () => {
    const r = await t.api.publish({ channel: 'chat:api', data: { a: 1 }, tags: { k: 'v' } });
    assert.equal(r.offset, 1);
    assert.equal(typeof r.epoch, 'string');
    assert.deepEqual(await t.api.publish({ channel: 'news', data: 'no history here' }), {});
    const b = await t.api.broadcast({ channels: ['chat:api', 'chat:api2', 'nowhere:x'], data: { b: 2 } });
    assert.equal(b.responses[0].result.offset, 2);
    assert.equal(b.responses[1].result.offset, 1);
    assert.equal(b.responses[2].error.code, 102);
    const h = await t.api.getHistory({ channel: 'chat:api', limit: 10 });
    assert.deepEqual(h.publications.map((p: any) => p.data), [{ a: 1 }, { b: 2 }]);
    assert.deepEqual(h.publications[0].tags, { k: 'v' });
    assert.equal(h.offset, 2);
    await t.api.removeHistory({ channel: 'chat:api' });
    const after = await t.api.getHistory({ channel: 'chat:api', limit: 10 });
    assert.equal(after.publications.length, 0);
    assert.equal(after.offset, 2, 'position survives removal');
    assert.equal(after.epoch, h.epoch);
  });

  it('idempotency_key makes a repeated publish a no-op returning the first result', async () => {
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'idem' }) });
    const sub = c.newSubscription('chat:idem');
    const pubs = collect(sub, 'publication');
    sub.subscribe();
    c.connect();
    await sub.ready(3000);
    const first = await t.api.publish({ channel: 'chat:idem', data: { x: 1 }, idempotency_key: 'order-17' });
    const second = await t.api.publish({ channel: 'chat:idem', data: { x: 1 }, idempotency_key: 'order-17' });
    assert.deepEqual(second, first);
    await t.api.publish({ channel: 'chat:idem', data: { x: 2 } });
    await eventually(() => pubs.length === 2, 3000, 'two publications');
    assert.deepEqual(pubs.map((p) => p.data), [{ x: 1 }, { x: 2 }]);
  });

  it('presence, presence_stats, channels, info', async () => {
    const c = makeClient(t.server.wsUrl, 'protobuf', { token: token({ sub: 'pres', info: { n: 'P' } }) });
    const sub = c.newSubscription('chat:pres');
    sub.subscribe();
    c.connect();
    await sub.ready(3000);
    const p = await t.api.getPresence({ channel: 'chat:pres' });
    const entries = Object.values(p.presence) as any[];
    assert.equal(entries.length, 1);
    assert.equal(entries[0].user, 'pres');
    assert.deepEqual(entries[0].conn_info, { n: 'P' });
    assert.deepEqual(await t.api.getPresenceStats({ channel: 'chat:pres' }), { num_clients: 1, num_users: 1 });
    const ch = await t.api.getChannels({ pattern: 'chat:pr*' });
    assert.deepEqual(ch.channels, { 'chat:pres': { num_clients: 1 } });
    const info = await t.api.getInfo();
    assert.equal(info.nodes.length, 1);
    assert.ok(info.nodes[0].num_clients >= 1);
    assert.ok(info.nodes[0].version);
  });

  it('pipeline() uses the legacy newline-delimited /api endpoint', async () => {
    const out = await t.api.pipeline([
      { method: 'publish' as any, params: { channel: 'chat:pipe', data: { p: 1 } } },
      { method: 'history' as any, params: { channel: 'chat:pipe', limit: 5 } },
    ]);
    assert.equal(out.length, 2);
    assert.equal((out[0] as any).offset, 1);
    assert.deepEqual((out[1] as any).publications.map((p: any) => p.data), [{ p: 1 }]);
    const raw = await post('/api', '{"id":7,"method":"PUBLISH","params":{"channel":"chat:pipe","data":1}}\n{"method":9,"params":{}}\n{"method":"nope"}');
    const lines = raw.text.split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].id, 7);
    assert.equal(lines[0].result.offset, 2);
    assert.ok(lines[1].result.nodes, 'numeric method 9 is info');
    assert.equal(lines[2].error.code, 104);
  });

  it('batch runs commands in order and answers each', async () => {
    const r = await post('/api/batch', JSON.stringify({ commands: [{ publish: { channel: 'chat:batch', data: 1 } }, { history: { channel: 'chat:batch', limit: 1 } }, { publish: { channel: '' } }] }));
    assert.equal(r.status, 200);
    assert.equal(r.json.result.replies[0].publish.offset, 1);
    assert.equal(r.json.result.replies[1].history.publications.length, 1);
    assert.equal(r.json.result.replies[2].error.code, 107);
  });

  it('answers that fit in one piece go out whole, with a Content-Length rather than chunked', async () => {
    for (const [path, body] of [
      ['/api/publish', JSON.stringify({ channel: 'chat:length', data: { text: 'héllo' } })],
      ['/api/batch', JSON.stringify({ commands: [{ publish: { channel: 'chat:length', data: 2 } }, { info: {} }] })],
      ['/api/nope', '{}'],
    ] as const) {
      const r = await post(path, body);
      assert.equal(r.chunked, false, path);
      assert.equal(r.length, Buffer.byteLength(r.text), path);
    }
  });
});

describe('server API acting on connections', () => {
  it('disconnect closes a user with 3503 and the client does not reconnect', async () => {
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'victim' }) });
    c.connect();
    await c.ready(3000);
    const d = nextEvent(c, 'disconnected', 3000);
    await t.api.disconnect({ user: 'victim' });
    assert.equal((await d).code, 3503);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(c.state, 'disconnected');
  });

  it('disconnect with a reconnect code and a whitelist', async () => {
    const a = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'multi' }) });
    const b = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'multi' }) });
    a.connect();
    b.connect();
    const ca = await nextEvent(a, 'connected');
    await b.ready(3000);
    const reconnecting = nextEvent(b, 'connecting', 3000);
    const r = await t.server.api('disconnect', { user: 'multi', whitelist: [ca.client], disconnect: { code: 4000, reason: 'go away' } });
    assert.deepEqual(r, { result: {} });
    const ev = await reconnecting;
    assert.equal(ev.code, 4000);
    assert.equal(ev.reason, 'go away');
    await nextEvent(b, 'connected', 3000);
    assert.equal(a.state, 'connected', 'whitelisted connection untouched');
  });

  it('subscribe and unsubscribe a user server-side', async () => {
    const c = makeClient(t.server.wsUrl, 'protobuf', { token: token({ sub: 'srvsub' }) });
    c.connect();
    await c.ready(3000);
    const subscribed = nextEvent(c, 'subscribed', 3000, (ctx) => ctx.channel === 'chat:assigned');
    await t.api.subscribe({ user: 'srvsub', channel: 'chat:assigned', data: { why: 'assigned' } } as any);
    const s = await subscribed;
    assert.equal(s.recoverable, true);
    assert.deepEqual(decode('protobuf', s.data), { why: 'assigned' });
    const pub = nextEvent(c, 'publication', 3000);
    await t.api.publish({ channel: 'chat:assigned', data: { hi: 1 } });
    assert.deepEqual(decode('protobuf', (await pub).data), { hi: 1 });
    const unsubscribed = nextEvent(c, 'unsubscribed', 3000);
    await t.api.unsubscribe({ user: 'srvsub', channel: 'chat:assigned' });
    assert.equal((await unsubscribed).channel, 'chat:assigned');
  });

  it('unsubscribe of a client-side subscription ends it with 2000', async () => {
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'kicked' }) });
    const sub = c.newSubscription('chat:kick');
    sub.subscribe();
    c.connect();
    await sub.ready(3000);
    const u = nextEvent(sub, 'unsubscribed', 3000);
    await t.api.unsubscribe({ user: 'kicked', channel: 'chat:kick' });
    assert.equal((await u).code, 2000);
  });

  it('refresh with expired closes the connection with 3005', async () => {
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'old' }) });
    c.connect();
    await c.ready(3000);
    const reconnecting = nextEvent(c, 'connecting', 3000);
    await t.api.refresh({ user: 'old', expired: true } as any);
    assert.equal((await reconnecting).code, 3005);
  });
});

describe('server API errors', () => {
  it('401 for a missing or wrong key; Authorization: apikey works', async () => {
    assert.equal((await post('/api/info', '{}', {})).status, 401);
    assert.equal((await post('/api/info', '{}', { 'x-api-key': 'wrong' })).status, 401);
    assert.equal((await post('/api', '{"method":"info"}', {})).status, 401);
    const ok = await post('/api/info', '{}', { authorization: 'apikey ' + API_KEY });
    assert.equal(ok.status, 200);
    assert.ok(ok.json.result.nodes);
  });

  it('400 for a body that is not a JSON object, with an error body', async () => {
    for (const body of ['{not json', '[1,2]', '42', '"text"', 'null']) {
      const r = await post('/api/publish', body);
      assert.equal(r.status, 400, body);
      assert.equal(r.json.error.code, 107, body);
    }
  });

  it('404 for an unknown method, 405 for other verbs', async () => {
    const r = await post('/api/nope', '{}');
    assert.equal(r.status, 404);
    assert.equal(r.json.error.code, 104);
    const g = await fetch(`${t.server.apiUrl}/info`, { headers: { 'x-api-key': API_KEY } });
    assert.equal(g.status, 405);
  });

  it('documented error codes in the body for bad params', async () => {
    assert.equal((await t.server.api('publish', { data: 1 })).error.code, 107);
    assert.equal((await t.server.api('publish', { channel: 'x' })).error.code, 107);
    assert.equal((await t.server.api('publish', { channel: 'nowhere:x', data: 1 })).error.code, 102);
    assert.equal((await t.server.api('publish', { channel: 'bad channel', data: 1 })).error.code, 107);
    assert.equal((await t.server.api('history', { channel: 'news' })).error.code, 108);
    assert.equal((await t.server.api('presence', { channel: 'news' })).error.code, 108);
    assert.equal((await t.server.api('history', { channel: 'chat:api', since: { offset: 1, epoch: 'zzz' } })).error.code, 112);
    assert.equal((await t.server.api('disconnect', { user: 'x', disconnect: { code: 1000 } })).error.code, 107);
    assert.equal((await t.server.api('subscribe', { channel: 'chat:x' })).error.code, 107);
    assert.equal((await t.server.api('publish', { channel: 'news', data: 1, tags: { a: 1 } })).error.code, 107);
  });

  it('/health answers 200 {} while serving', async () => {
    const r = await fetch(`${t.server.httpUrl}/health`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), {});
  });
});

/**
 * Centrifugo's transport error mode: `X-Centrifugo-Error-Mode: transport` turns a failed call into the HTTP status
 * its code maps to, with the bare error `{code, message}` as the body; batch and broadcast keep per-command errors.
 */
/** A publish to an unknown channel with the error-mode header sent once per value given (fetch would join them). */
function postLines(values: string[]): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.server.httpUrl}/api/publish`, { method: 'POST', agent: false, headers: { 'x-api-key': API_KEY, 'x-centrifugo-error-mode': values } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end('{"channel":"nowhere:x","data":1}');
  });
}

describe('server API transport error mode', () => {
  const TRANSPORT = { 'x-api-key': API_KEY, 'x-centrifugo-error-mode': 'transport' };
  const inTransportMode = (path: string, body: unknown) => post(path, typeof body === 'string' ? body : JSON.stringify(body), TRANSPORT);
  /** The body of a transport-mode failure: the error alone, parsed, never wrapped in `error`. */
  function bareError(r: Awaited<ReturnType<typeof post>>, status: number, code: number, what: string): { code: number; message: string } {
    assert.equal(r.status, status, `${what}: ${r.text}`);
    assert.equal(r.json?.code, code, `${what}: ${r.text}`);
    assert.equal(typeof r.json.message, 'string', what);
    assert.equal(r.json.error, undefined, `${what}: not wrapped`);
    assert.equal(r.length, Buffer.byteLength(r.text), `${what}: one piece with a Content-Length`);
    return r.json;
  }

  it("maps each error code to Centrifugo's status, the body being the error alone", async () => {
    const unknown = bareError(await inTransportMode('/api/publish', { channel: 'nowhere:x', data: 1 }), 404, 102, '102 unknown channel');
    assert.match(unknown.message, /^unknown channel/);
    bareError(await inTransportMode('/api/publish', { channel: 'chat:x' }), 400, 107, '107 no data');
    bareError(await inTransportMode('/api/nope', {}), 404, 104, '104 unknown method');
    bareError(await inTransportMode('/api/history', { channel: 'news' }), 400, 108, '108 history off');
    bareError(await inTransportMode('/api/history', { channel: 'chat:api', since: { offset: 1, epoch: 'zzz' } }), 416, 112, '112 unrecoverable position');
    // Refusals that already had a status keep it and take the same body shape.
    bareError(await inTransportMode('/api/publish', '{not json'), 400, 107, 'body not JSON');
    bareError(await post('/api/info', '{}', { 'x-centrifugo-error-mode': 'transport' }), 401, 101, 'no key');
    // The header's name is case-insensitive, as every HTTP header's.
    bareError(await post('/api/publish', '{"channel":"nowhere:y","data":1}', { 'X-API-Key': API_KEY, 'X-Centrifugo-Error-Mode': 'transport' }), 404, 102, 'capitalised header');
  });

  it('leaves a success as it is: 200 with the result', async () => {
    const r = await inTransportMode('/api/publish', { channel: 'chat:transport-ok', data: { ok: 1 } });
    assert.equal(r.status, 200);
    assert.equal(r.json.result.offset, 1);
    assert.equal(r.json.error, undefined);
    assert.ok((await inTransportMode('/api/info', {})).json.result.nodes);
  });

  it('batch and broadcast keep their per-command errors; only a request refused whole gets a status', async () => {
    const batch = await inTransportMode('/api/batch', { commands: [{ publish: { channel: 'nowhere:x', data: 1 } }, { publish: { channel: 'chat:transport-batch', data: 1 } }, { nope: {} }] });
    assert.equal(batch.status, 200);
    assert.deepEqual(batch.json.result.replies.map((r: any) => r.error?.code ?? 0), [102, 0, 104]);
    assert.equal(batch.json.result.replies[1].publish.offset, 1);
    bareError(await inTransportMode('/api/batch', { commands: 'not a list' }), 400, 107, 'batch refused whole');
    assert.equal((await post('/api/batch', '{"commands":"not a list"}')).json.error.code, 107, 'without the header: 200 with error, as before');

    const broadcast = await inTransportMode('/api/broadcast', { channels: ['chat:transport-bc', 'nowhere:x'], data: 1 });
    assert.equal(broadcast.status, 200);
    assert.equal(broadcast.json.result.responses[0].result.offset, 1);
    assert.equal(broadcast.json.result.responses[1].error.code, 102);
    bareError(await inTransportMode('/api/broadcast', { channels: [], data: 1 }), 400, 107, 'broadcast without channels');
  });

  it('any other value, and the legacy /api endpoint, keep errors in the body with 200', async () => {
    for (const value of ['Transport', 'any', 'transport,transport', '']) {
      const r = await post('/api/publish', '{"channel":"nowhere:x","data":1}', { 'x-api-key': API_KEY, 'x-centrifugo-error-mode': value });
      assert.equal(r.status, 200, JSON.stringify(value));
      assert.equal(r.json.error.code, 102, JSON.stringify(value));
    }
    // Header given twice: the first line decides, as Go's Header.Get reads it.
    assert.equal((await postLines(['transport', 'any'])).status, 404);
    assert.equal((await postLines(['any', 'transport'])).status, 200);
    const legacy = await inTransportMode('/api', '{"method":"publish","params":{"channel":"nowhere:x","data":1}}\n{"method":"nope"}');
    assert.equal(legacy.status, 200);
    assert.deepEqual(legacy.text.split('\n').map((l) => JSON.parse(l).error.code), [102, 104]);
    // Its refusals keep the wrapped body.
    assert.equal((await inTransportMode('/api', '{not json')).json.error.code, 107);
  });
});
