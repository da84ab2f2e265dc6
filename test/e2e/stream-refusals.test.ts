/**
 * A refused connect gets exactly one answer and the connection ends at once:
 * on the streams (uni_http_stream, uni_sse, http_stream, sse) the raw
 * response carries one message and ends well within a second; uni_websocket
 * gets one disconnect push and the same close code; a plain WebSocket gets
 * the error reply and is later dropped without a close code that would
 * contradict it. The real SDK, handed an expired token first, fetches a new
 * one and connects over http_stream, sse and websocket.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeClients, makeClient, makeHttpClient, nextEvent, rawSocket, token } from '../helpers/clients';
import { freePort, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let server: TestServer;

before(async () => {
  // The connect proxy points at a closed port: a connect without a token is refused with 100 (temporary).
  const deadPort = await freePort();
  server = await startServer({
    config: {
      channel: channelConfig,
      proxy: { connect_endpoint: `http://127.0.0.1:${deadPort}/connect` },
      uni_websocket: { enabled: true },
      uni_sse: { enabled: true },
      uni_http_stream: { enabled: true },
    },
  });
});
after(async () => {
  closeClients();
  await server?.stop();
});

const expired = () => token({ sub: 'late', exp: Math.floor(Date.now() / 1000) - 60 });
/** A valid token whose server-side channel is in a namespace that does not exist: 102, a permanent refusal. */
const unknownChannel = () => token({ sub: 'lost', channels: ['nowhere:x'] });

/** How long a refused stream may take to end: far under the 5 s it used to stay open. */
const ENDS_WITHIN_MS = 1500;

/** Reads a response to its end or until `ms` passed; says which, and how long it took from `started`. */
async function readBounded(res: Response, started: number, ms: number): Promise<{ text: string; ended: boolean; elapsed: number }> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = '';
  const deadline = started + ms;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()))));
    const r = await Promise.race([reader.read(), timeout]);
    clearTimeout(timer);
    if (r === 'timeout') {
      await reader.cancel().catch(() => {});
      return { text, ended: false, elapsed: Date.now() - started };
    }
    if (r.done) return { text, ended: true, elapsed: Date.now() - started };
    text += dec.decode(r.value, { stream: true });
  }
}

/** The messages of a stream: JSON lines, or the `data:` lines of SSE events. */
function messages(text: string, sse: boolean): unknown[] {
  const lines = text.split('\n').map((l) => l.trim());
  if (sse) return lines.filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice('data: '.length)));
  return lines.filter((l) => l !== '').map((l) => JSON.parse(l));
}

type Stream = 'uni_http_stream' | 'uni_sse' | 'http_stream' | 'sse';

/** Opens a stream with a connect request as each transport takes it (uni: the bare request; bidirectional: a connect command). */
function open(stream: Stream, connect: Record<string, unknown>): Promise<Response> {
  const uni = stream.startsWith('uni_');
  const body = JSON.stringify(uni ? connect : { id: 1, connect });
  const url = new URL(`${server.httpUrl}/connection/${stream}`);
  if (stream.endsWith('sse')) {
    url.searchParams.set('cf_connect', body);
    return fetch(url);
  }
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

const CASES: { what: string; connect: () => Record<string, unknown>; uni: { code: number; reconnect: boolean }; error: { code: number; temporary?: boolean } }[] = [
  { what: 'an expired token', connect: () => ({ token: expired() }), uni: { code: 3005, reconnect: true }, error: { code: 109 } },
  { what: 'an unknown channel in the token', connect: () => ({ token: unknownChannel() }), uni: { code: 3501, reconnect: false }, error: { code: 102 } },
  { what: 'a connect proxy that cannot be reached', connect: () => ({}), uni: { code: 3004, reconnect: true }, error: { code: 100, temporary: true } },
];

describe('a refused connect on a stream: one answer, and the stream ends at once', () => {
  for (const stream of ['uni_http_stream', 'uni_sse', 'http_stream', 'sse'] as Stream[]) {
    for (const c of CASES) {
      it(`${stream}, ${c.what}`, async () => {
        const started = Date.now();
        const res = await open(stream, c.connect());
        assert.equal(res.status, 200);
        const got = await readBounded(res, started, 3000);
        assert.ok(got.ended, `the stream is still open after ${got.elapsed} ms: ${JSON.stringify(got.text)}`);
        assert.ok(got.elapsed < ENDS_WITHIN_MS, `ended after ${got.elapsed} ms`);
        const msgs = messages(got.text, stream.endsWith('sse')) as any[];
        assert.equal(msgs.length, 1, `exactly one answer: ${JSON.stringify(msgs)}`);
        if (stream.startsWith('uni_')) {
          assert.equal(msgs[0].disconnect.code, c.uni.code, JSON.stringify(msgs[0]));
          assert.equal(msgs[0].disconnect.reconnect, c.uni.reconnect);
          assert.equal(typeof msgs[0].disconnect.reason, 'string');
        } else {
          assert.equal(msgs[0].id, 1);
          assert.equal(msgs[0].error.code, c.error.code, JSON.stringify(msgs[0]));
          assert.equal(msgs[0].error.temporary, c.error.temporary);
        }
      });
    }
  }
});

describe('a refused connect on a WebSocket: one answer', () => {
  it('uni_websocket: one disconnect push (3005) and a close with the same code, at once', async () => {
    const started = Date.now();
    const s = rawSocket(server.wsUrl.replace('/connection/websocket', '/connection/uni_websocket'));
    await s.opened;
    s.send(JSON.stringify({ token: expired() }));
    const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    assert.ok(closed, 'closed');
    assert.ok(Date.now() - started < ENDS_WITHIN_MS, `closed after ${Date.now() - started} ms`);
    assert.equal(s.messages.length, 1, s.messages.map(String).join(' | '));
    const push = JSON.parse(s.messages[0]!.toString());
    assert.deepEqual(push.disconnect, { code: 3005, reason: 'connection expired', reconnect: true });
    assert.equal(closed.code, 3005);
  });

  it('websocket: the error reply (109) is the only answer; a client that does not close is dropped without a close code', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send(JSON.stringify({ id: 1, connect: { token: expired() } }));
    const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 9000))]);
    assert.ok(closed, 'dropped');
    assert.equal(s.messages.length, 1, s.messages.map(String).join(' | '));
    assert.deepEqual(JSON.parse(s.messages[0]!.toString()), { id: 1, error: { code: 109, message: 'token expired' } });
    // 1006: no close frame, so no code (such as 3501, "do not reconnect") contradicts the reply.
    assert.equal(closed.code, 1006);
  });
});

describe('the SDK refreshes an expired token and connects', () => {
  for (const transport of ['http_stream', 'sse', 'websocket'] as const) {
    it(transport, async () => {
      const handed: string[] = [];
      const getToken = async () => {
        const t = handed.length === 0 ? expired() : token({ sub: 'fresh' });
        handed.push(t);
        return t;
      };
      const c = transport === 'websocket' ? makeClient(server.wsUrl, 'json', { getToken }) : makeHttpClient(server.httpUrl, transport, 'json', server.httpUrl, { getToken });
      const refused = nextEvent(c, 'error', 5000, (ctx) => ctx.type === 'connect' && ctx.error.code === 109);
      const connected = nextEvent(c, 'connected', 5000);
      c.connect();
      await refused;
      const ctx = await connected;
      assert.equal(ctx.transport, transport);
      assert.equal(handed.length, 2, 'a second token was fetched after the 109');
      c.disconnect();
    });
  }
});

describe('only a refusal ends a connection without a word', () => {
  // The silent end is Disconnects.connectionClosed itself, not its code: a backend or the API may disconnect with 3000.
  it('the API disconnecting with code 3000 closes a WebSocket with 3000 and ends a stream with that disconnect push', async () => {
    const ws = makeClient(server.wsUrl, 'json', { token: token({ sub: 'api-3000' }) });
    const http = makeHttpClient(server.httpUrl, 'http_stream', 'json', server.httpUrl, { token: token({ sub: 'api-3000' }) });
    const reconnects = [ws, http].map((c) => nextEvent(c, 'connecting', 5000, (ctx) => ctx.code === 3000));
    for (const c of [ws, http]) c.connect();
    await Promise.all([ws.ready(5000), http.ready(5000)]);
    const r = await server.api('disconnect', { user: 'api-3000', disconnect: { code: 3000, reason: 'moved' } });
    assert.deepEqual(r, { result: {} });
    // 3000 is a reconnecting code: each SDK reports it as the reason it is connecting again.
    for (const ctx of await Promise.all(reconnects)) assert.deepEqual([ctx.code, ctx.reason], [3000, 'moved']);
    for (const c of [ws, http]) c.disconnect();
  });
});
