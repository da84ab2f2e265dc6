/**
 * What a backend answers reaches the client as Centrifugo passes it: an
 * error's code, message and temporary flag unchanged whatever the code (103
 * ends a subscription, temporary makes the SDK retry), a disconnect's code
 * and reason (fit into a close frame) for every event, and codes the
 * protocol cannot carry as a backend failure (100). What an answer may
 * carry is bounded: past a bound it is a backend failure too (100
 * temporary), logged once however often clients retry. Real centrifuge-js
 * clients against a real HTTP backend.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestBackend } from '../helpers/backend';
import { type AnyCentrifuge, CODECS, closeClients, collect, encode, makeClient, nextEvent } from '../helpers/clients';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';

const backend = new TestBackend();
const { handlers } = backend;
let server: TestServer;

before(async () => {
  await backend.listen();
  server = await startServer({
    config: {
      metrics: { enabled: true },
      proxy: { ...backend.endpoints(), timeout: 2 },
      uni_http_stream: { enabled: true },
      channel: { namespaces: [{ name: 'px', proxy_subscribe: true, proxy_publish: true, proxy_sub_refresh: true }] },
    },
  });
});
after(async () => {
  closeClients();
  await server?.stop();
  backend.close();
});

/** The connect proxy lets everyone in as `user`, unless the client's connect data asks for a case the test set up. */
function connectAs(user: string, cases: Record<string, unknown> = {}): void {
  handlers['connect'] = (body) => cases[body.data?.case] ?? { result: { user } };
}

/** How a connection ended: `disconnected` (the SDK gives up) or `connecting` (it reconnects), with the code and reason it read. */
function ending(c: AnyCentrifuge, ms = 5000): Promise<{ event: string; code: number; reason: string }> {
  const end = (event: string) => nextEvent(c, event, ms, (e) => e.code !== 0).then((e) => ({ event, code: e.code, reason: e.reason }));
  return Promise.race([end('disconnected'), end('connecting')]);
}

const subscribeCalls = (channel: string) => backend.eventsOf('subscribe').filter((c) => c.body.channel === channel).length;

describe("the backend's errors reach the client unchanged", () => {
  for (const codec of CODECS) {
    it(`${codec}: subscribe refused with 103 ends the subscription without a retry; 103 temporary is retried`, async () => {
      connectAs('ann');
      const final = `px:final-${codec}`;
      const retried = `px:retried-${codec}`;
      handlers['subscribe'] = (body) => {
        if (body.channel === final) return { error: { code: 103, message: 'permission denied' } };
        return subscribeCalls(retried) < 4 ? { error: { code: 103, message: 'not yet', temporary: true } } : { result: {} };
      };
      const c = makeClient(server.wsUrl, codec);
      const fast = { minResubscribeDelay: 20, maxResubscribeDelay: 50 };
      const refused = c.newSubscription(final, fast);
      const later = c.newSubscription(retried, fast);
      const unsubscribed = nextEvent(refused, 'unsubscribed');
      const laterError = nextEvent(later, 'error');
      const subscribed = nextEvent(later, 'subscribed', 10_000);
      refused.subscribe();
      later.subscribe();
      c.connect();
      const u = await unsubscribed;
      assert.equal(u.code, 103);
      assert.equal(u.reason, 'permission denied');
      const e = await laterError;
      assert.deepEqual([e.error.code, e.error.message, e.error.temporary], [103, 'not yet', true]);
      // The temporary refusal was retried three times with the same backoff a retry of the other would have had.
      await subscribed;
      assert.equal(subscribeCalls(retried), 4);
      assert.equal(subscribeCalls(final), 1, 'a permanent refusal is not retried');
      assert.equal(refused.state, 'unsubscribed');
      c.disconnect();
    });

    it(`${codec}: publish refused with 103 or an application code rejects with that code and message`, async () => {
      connectAs('bob');
      handlers['subscribe'] = () => ({ result: {} });
      const answers: Record<string, unknown> = {
        denied: { error: { code: 103, message: 'permission denied' } },
        legal: { error: { code: 451, message: 'unavailable for legal reasons' } },
        busy: { error: { code: 429, message: 'slow down', temporary: true } },
        high: { error: { code: 70_000, message: 'beyond the documented range' } },
      };
      handlers['publish'] = (body) => answers[body.data.kind] ?? { result: {} };
      const c = makeClient(server.wsUrl, codec);
      const sub = c.newSubscription(`px:pub-${codec}`);
      sub.subscribe();
      c.connect();
      await sub.ready(5000);
      for (const [kind, answer] of Object.entries(answers)) {
        const want = (answer as { error: { code: number; message: string; temporary?: boolean } }).error;
        await assert.rejects(sub.publish(encode(codec, { kind })), (e: any) => {
          assert.deepEqual([e.code, e.message, !!e.temporary], [want.code, want.message, !!want.temporary], kind);
          return true;
        });
      }
      await sub.publish(encode(codec, { kind: 'fine' }));
      c.disconnect();
    });
  }

  it('RPC errors pass whatever the code; codes above 1999 are counted as "other" in /metrics', async () => {
    connectAs('carl');
    handlers['rpc'] = (body) => ({ error: { code: body.method === 'low' ? 0 : 4_000_000_000 + Number(body.method), message: `m${body.method}` } });
    const c = makeClient(server.wsUrl, 'json');
    c.connect();
    await c.ready(5000);
    for (const method of ['low', '1', '2', '3']) {
      const code = method === 'low' ? 0 : 4_000_000_000 + Number(method);
      await assert.rejects(c.rpc(method, {}), (e: any) => e.code === code && e.message === `m${method}`);
    }
    c.disconnect();
    const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
    const rpcErrors = text.split('\n').filter((l) => l.startsWith('gyre_client_reply_errors_total{') && l.includes('method="rpc"'));
    assert.ok(rpcErrors.some((l) => l.includes('code="other"') && l.endsWith(' 3')), rpcErrors.join('\n'));
    assert.ok(!rpcErrors.some((l) => l.includes('code="4000000001"')), 'no label per backend code');
  });

  it('an error code the protocol cannot carry, or a disconnect code a close frame cannot, is a backend failure (100)', async () => {
    connectAs('dana');
    const answers: Record<string, unknown> = {
      negative: { error: { code: -1, message: 'x' } },
      fraction: { error: { code: 103.5, message: 'x' } },
      huge: { error: { code: 2 ** 32, message: 'x' } },
      text: { error: { code: '103', message: 'x' } },
      close: { disconnect: { code: 5000, reason: 'x' } },
      protocol: { disconnect: { code: 1001, reason: 'x' } },
    };
    handlers['rpc'] = (body) => answers[body.method];
    const c = makeClient(server.wsUrl, 'json');
    c.connect();
    await c.ready(5000);
    for (const method of Object.keys(answers)) {
      await assert.rejects(c.rpc(method, {}), (e: any) => e.code === 100 && e.temporary === true, method);
    }
    assert.equal(c.state, 'connected');
    c.disconnect();
  });
});

describe("the backend's disconnects reach the client with their code", () => {
  it('connect answered with a 3xxx or 4xxx disconnect: the SDK reads the code and reason as given, and reconnects only when the code says so', async () => {
    const cases: Record<string, { disconnect: { code: number; reason?: string } }> = {
      terminal3: { disconnect: { code: 3507, reason: 'go away' } },
      reconnect4: { disconnect: { code: 4001, reason: 'come back later' } },
      terminal4: { disconnect: { code: 4501, reason: 'banned' } },
      // An empty reason would make the SDK reconnect whatever the code; a JSON one would be read as its legacy advice.
      noReason: { disconnect: { code: 4502 } },
      jsonReason: { disconnect: { code: 4503, reason: '{"reason":"x","reconnect":true}' } },
      numberReason: { disconnect: { code: 4504, reason: '404' } },
      // 100 two-byte characters: too long for a close frame, cut at a character within its 123 bytes.
      longReason: { disconnect: { code: 4505, reason: 'é'.repeat(100) } },
    };
    connectAs('eve', cases);
    const want: Record<string, [string, number, string]> = {
      terminal3: ['disconnected', 3507, 'go away'],
      terminal4: ['disconnected', 4501, 'banned'],
      noReason: ['disconnected', 4502, 'disconnect'],
      jsonReason: ['disconnected', 4503, 'disconnect'],
      numberReason: ['disconnected', 4504, 'disconnect'],
      longReason: ['disconnected', 4505, 'é'.repeat(61)],
    };
    for (const [name, [event, code, reason]] of Object.entries(want)) {
      const c = makeClient(server.wsUrl, 'json', { data: { case: name } });
      const end = ending(c);
      c.connect();
      assert.deepEqual(await end, { event, code, reason }, name);
      c.disconnect();
    }
    // A client still connecting emits nothing new for a code that reconnects: it comes back to the backend.
    const c = makeClient(server.wsUrl, 'json', { data: { case: 'reconnect4' } });
    c.connect();
    await eventually(() => backend.eventsOf('connect').filter((call) => call.body.data?.case === 'reconnect4').length >= 3, 5000, 'reconnects after 4001');
    assert.equal(c.state, 'connecting');
    c.disconnect();
    // The server is still serving.
    const ok = makeClient(server.wsUrl, 'json');
    ok.connect();
    await ok.ready(5000);
    ok.disconnect();
  });

  it('subscribe, publish and RPC answered with a disconnect close the connection with that code', async () => {
    connectAs('fay');
    handlers['subscribe'] = (body) => (body.channel === 'px:bye' ? { disconnect: { code: 3999, reason: 'subscribe says bye' } } : { result: {} });
    handlers['publish'] = () => ({ disconnect: { code: 4100, reason: 'publish says bye' } });
    handlers['rpc'] = () => ({ disconnect: { code: 3600, reason: 'rpc says bye' } });
    const actions: [string, (c: AnyCentrifuge) => unknown, string, number][] = [
      ['subscribe', (c) => c.newSubscription('px:bye').subscribe(), 'disconnected', 3999],
      ['publish', (c) => c.publish('px:open', {}).catch(() => {}), 'connecting', 4100],
      ['rpc', (c) => c.rpc('x', {}).catch(() => {}), 'disconnected', 3600],
    ];
    for (const [what, act, event, code] of actions) {
      const c = makeClient(server.wsUrl, 'json');
      c.connect();
      await c.ready(5000);
      const end = ending(c);
      act(c);
      assert.deepEqual(await end, { event, code, reason: `${what} says bye` }, what);
      c.disconnect();
    }
  });
});

/** Log lines of the server saying a proxy call failed, with this text in them. */
const failureLines = (text: string) => server.output().split('\n').filter((l) => l.includes('proxy call failed') && l.includes(text));

/** Connects a JSON client with connect data `{case}` and collects its connect errors until `n` came (the SDK retrying each). */
async function connectErrors(name: string, n: number): Promise<any[]> {
  const c = makeClient(server.wsUrl, 'json', { data: { case: name } });
  const errors: any[] = [];
  c.on('error', (e) => e.type === 'connect' && errors.push(e.error));
  c.connect();
  await eventually(() => errors.length >= n, 10_000, `${n} connect errors for ${name}`);
  c.disconnect();
  return errors;
}

describe('bounds on what a backend answers', () => {
  it('a 500 KB user id or a 400 KB error message is a backend failure: 100 temporary, the SDK retries, one log line per event', async () => {
    connectAs('unused', {
      longUser: { result: { user: 'u'.repeat(500_000) } },
      longMessage: { error: { code: 403, message: 'm'.repeat(400_000) } },
    });
    handlers['subscribe'] = () => ({ error: { code: 403, message: 'm'.repeat(400_000) } });
    for (const name of ['longUser', 'longMessage']) {
      for (const e of await connectErrors(name, 3)) assert.deepEqual([e.code, e.temporary], [100, true], name);
    }
    assert.equal(failureLines('user longer than 1024 bytes').length, 1, 'one line for the connect failures');
    // Both are oversized connect answers: the line stands for them all (logged once per event and kind a minute).
    assert.equal(failureLines('"event":"connect"').length, 1);

    connectAs('gil');
    const c = makeClient(server.wsUrl, 'json');
    const sub = c.newSubscription('px:long-refusal', { minResubscribeDelay: 20, maxResubscribeDelay: 50 });
    const errors = collect(sub, 'error');
    sub.subscribe();
    c.connect();
    await eventually(() => errors.length >= 3, 10_000, 'three subscribe errors');
    for (const e of errors) assert.deepEqual([e.error.code, e.error.temporary], [100, true]);
    assert.equal(failureLines('error message longer than 1024 bytes').length, 1, 'one line for the subscribe failures');
    c.disconnect();
  });

  it('over uni_http_stream an oversized connect answer ends the stream as a backend that is down does', async () => {
    connectAs('unused', { longUser: { result: { user: 'u'.repeat(500_000) } }, down: 'down' });
    const first = async (name: string) => {
      const ac = new AbortController();
      const res = await fetch(`${server.httpUrl}/connection/uni_http_stream`, { method: 'POST', body: JSON.stringify({ data: { case: name } }), signal: ac.signal });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('\n')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      ac.abort();
      return text.split('\n')[0];
    };
    const down = await first('down');
    assert.match(down!, /"disconnect"/);
    assert.equal(await first('longUser'), down);
  });

  it('info past a client\'s own message size and more channels than client.channel_limit are backend failures; within them all is kept', async () => {
    const info = (bytes: number) => ({ blob: 'i'.repeat(bytes) });
    const channels = (n: number) => Array.from({ length: n }, (_, i) => `px:many-${i}`);
    connectAs('unused', {
      bigInfo: { result: { user: 'hal', info: info(70_000) } },
      bigSubInfo: { result: { user: 'hal', subs: { 'px:one': { info: info(70_000) } } } },
      manyChannels: { result: { user: 'hal', channels: channels(129) } },
      manySubs: { result: { user: 'hal', subs: Object.fromEntries(channels(129).map((ch) => [ch, {}])) } },
      bothLists: { result: { user: 'hal', channels: channels(100), subs: Object.fromEntries(channels(129).slice(65).map((ch) => [ch, {}])) } },
      fits: { result: { user: 'h'.repeat(1024), info: info(60_000), channels: channels(128) } },
    });
    handlers['subscribe'] = () => ({ result: {} });
    for (const name of ['bigInfo', 'bigSubInfo', 'manyChannels', 'manySubs', 'bothLists']) {
      const [e] = await connectErrors(name, 1);
      assert.deepEqual([e.code, e.temporary], [100, true], name);
    }
    const c = makeClient(server.wsUrl, 'json', { data: { case: 'fits' } });
    const subscribed = collect(c, 'subscribed');
    c.connect();
    await c.ready(5000);
    await eventually(() => subscribed.length === 128, 5000, '128 server-side subscriptions');
    c.disconnect();

    // A subscribe result's channel info has the same bound.
    connectAs('ida');
    handlers['subscribe'] = (body) => ({ result: { info: info(body.channel === 'px:big-info' ? 70_000 : 60_000) } });
    const d = makeClient(server.wsUrl, 'json');
    const big = d.newSubscription('px:big-info');
    const err = nextEvent(big, 'error');
    big.subscribe();
    const fine = d.newSubscription('px:fine-info');
    fine.subscribe();
    d.connect();
    assert.deepEqual([(await err).error.code, (await err).error.temporary], [100, true]);
    await fine.ready(5000);
    d.disconnect();
  });

  it('an expire_at a month away is waited for, not asked again at once (refresh and sub_refresh)', async () => {
    const now = () => Math.floor(Date.now() / 1000);
    const month = () => now() + 30 * 86400;
    connectAs('unused', { monthly: { result: { user: 'jo', expire_at: now() + 1 } } });
    handlers['refresh'] = () => ({ result: { expire_at: month() } });
    handlers['subscribe'] = () => ({ result: { expire_at: now() + 1 } });
    handlers['sub_refresh'] = () => ({ result: { expire_at: month() } });
    handlers['rpc'] = async () => {
      await sleep(500);
      return { result: {} };
    };
    const refreshes = () => backend.eventsOf('refresh').filter((call) => call.body.user === 'jo').length;
    const subRefreshes = () => backend.eventsOf('sub_refresh').filter((call) => call.body.user === 'jo').length;
    const c = makeClient(server.wsUrl, 'json', { data: { case: 'monthly' } });
    const sub = c.newSubscription('px:monthly');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);
    await eventually(() => refreshes() >= 1 && subRefreshes() >= 1, 5000, 'the first refresh and sub_refresh');
    // The backend takes 500 ms over this RPC: a timer firing again at once would have asked it hundreds of times meanwhile.
    await c.rpc('slow', {});
    assert.deepEqual([refreshes(), subRefreshes()], [1, 1]);
    assert.equal(c.state, 'connected');
    assert.equal(sub.state, 'subscribed');
    c.disconnect();
  });
});
