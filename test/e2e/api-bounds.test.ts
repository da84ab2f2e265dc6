/**
 * The server API under abuse: glob patterns answer at once, history returns
 * what a backend asks for, over-long requests are refused with 400 naming
 * api.max_batch_size, a long batch does not stall bystanders, bad input is a
 * permanent 107 (never a temporary 100, never an error log), auth failures
 * carry a JSON body, and idempotency keys are bounded by count.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { CentClient } from 'cent.js';
import { makeClient, nextEvent, token } from '../helpers/clients';
import { API_KEY } from '../helpers/server';
import { serverSuite } from '../helpers/suite';

const t = serverSuite({
  config: {
    channel: {
      allow_subscribe_for_client: true,
      namespaces: [{ name: 'big', history_size: 2000, history_ttl: 300, allow_subscribe_for_client: true, allow_history_for_client: true }],
    },
    memory: { max_idempotency_keys: 100 },
  },
});

async function post(path: string, body: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) {
  const res = await fetch(`${t.server.httpUrl}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    /* the legacy endpoint answers one JSON object per line */
  }
  return { status: res.status, text, json };
}

/** 1000 publications in `big:h`, in one batch. */
async function fill(ch: string, n: number): Promise<void> {
  const r = await t.server.api('batch', { commands: Array.from({ length: n }, (_, i) => ({ publish: { channel: ch, data: { i } } })) });
  assert.equal(r.result.replies.length, n);
  assert.equal(r.result.replies[n - 1].publish.offset, n);
}

describe('channels API patterns', () => {
  it('answers backtracking-prone patterns against a 255-character channel at once, and bounds the pattern', { timeout: 10_000 }, async () => {
    const ch = 'a'.repeat(255);
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'long' }) });
    const s = c.newSubscription(ch);
    s.subscribe();
    c.connect();
    await s.ready(3000);
    for (const pattern of ['*****x', '******x', `${'*a'.repeat(127)}x`]) {
      assert.deepEqual((await t.server.api('channels', { pattern })).result, { channels: {} });
    }
    assert.deepEqual((await t.server.api('channels', { pattern: 'a*a' })).result.channels[ch], { num_clients: 1 });
    const tooLong = await t.server.api('channels', { pattern: '*'.repeat(256) });
    assert.equal(tooLong.error.code, 107);
    assert.equal((await fetch(`${t.server.httpUrl}/health`)).status, 200);
    c.disconnect();
  });
});

describe('history through the server API', () => {
  it('returns what it asks for (-1 = all), while a client command stays capped at history_max_publication_limit', async () => {
    const ch = 'big:h';
    await fill(ch, 1000);
    for (const [limit, n] of [[-1, 1000], [500, 500], [1000, 1000], [5000, 1000]] as const) {
      assert.equal((await t.server.api('history', { channel: ch, limit })).result.publications.length, n, `limit ${limit}`);
    }
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'reader' }) });
    c.connect();
    assert.equal((await c.history(ch, { limit: -1 })).publications.length, 300);
    c.disconnect();
  });
});

describe('request size bounds', () => {
  const tooLarge = (r: { status: number; json: any }) => {
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json.error.code, 107);
    assert.match(r.json.error.message, /at most 1000 .*api\.max_batch_size/);
  };

  it('refuses a batch, an /api pipeline or a broadcast over api.max_batch_size with 400 naming the limit', async () => {
    const publish = { publish: { channel: 'big:x', data: 1 } };
    tooLarge(await post('/api/batch', JSON.stringify({ commands: Array(1001).fill(publish) })));
    tooLarge(await post('/api', Array(1001).fill(JSON.stringify({ method: 'publish', params: { channel: 'big:x', data: 1 } })).join('\n')));
    const channels = Array.from({ length: 1001 }, (_, i) => `big:c${i}`);
    tooLarge(await post('/api/broadcast', JSON.stringify({ channels, data: 1 })));
    // Broadcast channels count toward a batch's size.
    const half = { broadcast: { channels: channels.slice(0, 600), data: 1 } };
    tooLarge(await post('/api/batch', JSON.stringify({ commands: [half, half] })));
    // A body that is not JSON is a 400 for batch too, not an error inside a 200.
    const garbage = await post('/api/batch', '{"commands": [');
    assert.equal(garbage.status, 400);
    assert.equal(garbage.json.error.code, 107);
    // Nothing of a refused request ran.
    assert.equal((await t.server.api('history', { channel: 'big:c0', limit: 0 })).result.offset, 0);
    // Within the limit all of it runs; inside a batch an over-long broadcast is that command's 107.
    const ok = await post('/api/batch', JSON.stringify({ commands: [half, { broadcast: { channels: channels.slice(0, 300), data: 2 } }] }));
    assert.equal(ok.status, 200);
    assert.equal(ok.json.result.replies[0].broadcast.responses.length, 600);
    const legacy = await post('/api', Array(1000).fill(JSON.stringify({ method: 'publish', params: { channel: 'big:legacy', data: 1 } })).join('\n'));
    assert.equal(legacy.status, 200);
    assert.equal(legacy.text.split('\n').length, 1000);
    assert.equal(JSON.parse(legacy.text.split('\n')[999]!).result.offset, 1000);
  });

  it('a long batch streams its replies and lets other requests through while it runs', async () => {
    const ch = 'big:long';
    await fill(ch, 1000);
    // 999 history reads, then a publish to a marker channel: a request served mid-batch sees the marker unpublished.
    const commands = [...Array(999).fill({ history: { channel: ch, limit: -1 } }), { publish: { channel: 'big:marker', data: 1 } }];
    const res = await fetch(`${t.server.httpUrl}/api/batch`, { method: 'POST', headers: { 'x-api-key': API_KEY }, body: JSON.stringify({ commands }) });
    // The answer has started (its head goes out with the first 16 KB of replies) while the batch is still running, and
    // it cannot finish before this test reads it: ~30 MB of replies are far more than the sockets' buffers hold (a few
    // MB on loopback), so the streamed answer waits for the reader instead of racing the bystander below to the end.
    const mid = await t.server.api('history', { channel: 'big:marker', limit: 0 });
    assert.equal(mid.result.offset, 0, 'a bystander request was answered before the batch finished');
    assert.equal((await fetch(`${t.server.httpUrl}/health`)).status, 200);
    const r = JSON.parse(await res.text());
    assert.equal(r.result.replies.length, 1000);
    assert.equal(r.result.replies[998].history.publications.length, 1000);
    assert.equal(r.result.replies[999].publish.offset, 1);
  });
});

describe('bad input is permanent', () => {
  it('data nested 5,000 levels deep is 107, not a temporary 100', async () => {
    const r = await post('/api/publish', `{"channel":"big:deep","data":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    assert.equal(r.json.error.code, 107, r.text);
    assert.equal(r.json.error.temporary, undefined);
    assert.match(r.json.error.message, /nested too deeply/);
  });


  it('a since.offset beyond any stream, from the API or a protobuf client, is 107 and logs no error', async () => {
    const ch = 'big:since';
    await t.server.api('publish', { channel: ch, data: 1 });
    for (const since of [{ offset: 1e20 }, { offset: 2 ** 60 }, { offset: -1 }, { offset: 1.5 }]) {
      const r = await t.server.api('history', { channel: ch, limit: 10, since });
      assert.equal(r.error.code, 107, JSON.stringify(since));
      assert.equal(r.error.temporary, undefined);
    }
    const c = makeClient(t.server.wsUrl, 'protobuf', { token: token({ sub: 'pb' }) });
    c.connect();
    await c.ready(3000);
    await assert.rejects(c.history(ch, { limit: 10, since: { offset: 2 ** 60, epoch: '' } }), (e: any) => e.code === 107);
    const s = c.newSubscription(ch, { recoverable: true, since: { offset: 2 ** 60, epoch: 'x' } });
    s.subscribe();
    assert.equal((await nextEvent(s, 'unsubscribed')).code, 107);
    c.disconnect();
    assert.doesNotMatch(t.server.output(), /"level":"(error|fatal)"/);
  });
});

describe('API authentication answers', () => {
  it('401 and 405 carry a JSON error body, so cent.js reports the cause', async () => {
    const noKey = await post('/api/publish', '{}', {});
    assert.equal(noKey.status, 401);
    assert.equal(noKey.json.error.code, 101);
    const wrong = new CentClient({ url: t.server.apiUrl, apiKey: 'wrong' });
    // cent.js parses the body and throws its own exception for an error answer, not a JSON syntax error.
    await assert.rejects(wrong.publish({ channel: 'big:x', data: {} } as any), (e: any) => e.constructor.name === 'CentException');
    const get = await fetch(`${t.server.httpUrl}/api/info`, { headers: { 'x-api-key': API_KEY } });
    assert.equal(get.status, 405);
    assert.equal((await get.json()).error.code, 104);
  });

  it('a WebSocket upgrade from an origin not allowed is 403 with a JSON body saying why', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: t.server.port,
        path: '/connection/websocket',
        headers: { connection: 'Upgrade', upgrade: 'websocket', origin: 'https://evil.example', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      req.on('response', resolve);
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.statusCode, 403);
    let body = '';
    for await (const chunk of res) body += chunk;
    assert.match(JSON.parse(body).error.message, /origin/);
    const missing = await fetch(`${t.server.httpUrl}/nowhere`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 104);
  });
});

describe('idempotency keys', () => {
  it('are remembered up to memory.max_idempotency_keys, oldest forgotten first', async () => {
    const ch = 'big:idem';
    const publish = (key: string) => t.server.api('publish', { channel: ch, data: 1, idempotency_key: key }).then((r: any) => r.result.offset);
    assert.equal(await publish('first'), 1);
    assert.equal(await publish('first'), 1, 'a repeat is not applied again');
    const commands = Array.from({ length: 150 }, (_, i) => ({ publish: { channel: ch, data: 1, idempotency_key: `k${i}` } }));
    await t.server.api('batch', { commands });
    assert.equal(await publish('k149'), 151, 'a recent key is still remembered');
    assert.equal(await publish('first'), 152, 'the oldest key was forgotten past the bound');
  });
});
