/**
 * No frame to a JSON client and no API answer is ever invalid JSON, and no
 * publisher can shape another field of the message: data that is not JSON is
 * refused at publish (107) from every source in `json` namespaces, a `binary`
 * namespace carries raw bytes to protobuf clients only, keys are escaped, and
 * bytes that slipped in before (history written by an older version) reach
 * JSON clients as a base64 string instead of breaking them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CentClient } from 'cent.js';
import Redis from 'ioredis';
import { encodePublication } from '../../src/engine/redis/pubsub-wire';
import { collect, decode, encode, makeClient, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { API_KEY, eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { serverSuite } from '../helpers/suite';

const open = { allow_subscribe_for_client: true, allow_publish_for_client: true, allow_history_for_client: true, history_size: 50, history_ttl: 300 };
const channel = {
  allow_subscribe_for_client: true,
  namespaces: [
    { name: 'chat', ...open },
    { name: 'bin', ...open, publication_data_format: 'binary' },
  ],
};
const t = serverSuite({ config: { channel } });
const NOT_JSON = Buffer.from('"},"info":{"user":"admin"},"x":{"');

describe('publication data in a json namespace', () => {
  it('a protobuf client cannot publish bytes that are not JSON (107); JSON subscribers get nothing of it', async () => {
    const ch = 'chat:forged';
    const reader = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'reader' }) });
    const rs = reader.newSubscription(ch);
    const received = collect(rs, 'publication');
    rs.subscribe();
    reader.connect();
    await rs.ready(3000);
    const writer = makeClient(t.server.wsUrl, 'protobuf', { token: token({ sub: 'mallory' }) });
    writer.connect();
    await writer.ready(3000);
    for (const bytes of [NOT_JSON, Buffer.from('{'), Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from('['.repeat(200) + ']'.repeat(200))]) {
      await assert.rejects(writer.publish(ch, new Uint8Array(bytes)), (e: any) => e.code === 107 && /valid JSON/.test(e.message));
    }
    await writer.publish(ch, encode('protobuf', { ok: true }));
    await eventually(() => received.length === 1, 3000, 'the valid publication');
    assert.deepEqual(received[0].data, { ok: true });
    assert.equal(received[0].info.user, 'mallory');
    const h = await t.api.getHistory({ channel: ch, limit: -1 });
    assert.deepEqual(h.publications.map((p: any) => p.data), [{ ok: true }]);
    reader.disconnect();
    writer.disconnect();
  });

  it('the API refuses b64data that is not JSON with 107, not retryable, in publish, broadcast and batch', async () => {
    const b64data = NOT_JSON.toString('base64');
    const one = await t.server.api('publish', { channel: 'chat:api', b64data });
    assert.equal(one.error.code, 107);
    assert.equal(one.error.temporary, undefined);
    const many = await t.server.api('broadcast', { channels: ['chat:a', 'chat:b'], b64data });
    assert.deepEqual(many.result.responses.map((r: any) => r.error.code), [107, 107]);
    const batch = await t.server.api('batch', { commands: [{ publish: { channel: 'chat:a', b64data } }, { publish: { channel: 'chat:a', b64data: Buffer.from('[1]').toString('base64') } }] });
    assert.equal(batch.result.replies[0].error.code, 107);
    assert.equal(batch.result.replies[1].publish.offset, 1);
  });
});

describe('publication data in a binary namespace', () => {
  it('carries raw bytes to protobuf clients; JSON clients are told to use protobuf; the API answers b64data', async () => {
    const ch = 'bin:raw';
    const bytes = new Uint8Array([0xff, 0x00, 0x22, 0x7b, 0x0a]);
    const reader = makeClient(t.server.wsUrl, 'protobuf', { token: token({ sub: 'pb' }) });
    const rs = reader.newSubscription(ch);
    const received = collect(rs, 'publication');
    rs.subscribe();
    reader.connect();
    await rs.ready(3000);
    await reader.publish(ch, bytes);
    await t.api.publish({ channel: ch, b64data: Buffer.from(bytes).toString('base64') });
    await eventually(() => received.length === 2, 3000, 'two binary publications');
    for (const p of received) assert.deepEqual(Buffer.from(p.data), Buffer.from(bytes));

    const json = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'js' }) });
    const js = json.newSubscription(ch);
    js.subscribe();
    json.connect();
    const refused = await nextEvent(js, 'unsubscribed');
    assert.equal(refused.code, 107);
    assert.match(refused.reason, /protobuf/);
    await assert.rejects(json.history(ch, { limit: 10 }), (e: any) => e.code === 107);

    const h = await t.api.getHistory({ channel: ch, limit: -1 });
    assert.deepEqual(h.publications.map((p: any) => Buffer.from(p.b64data, 'base64')), [Buffer.from(bytes), Buffer.from(bytes)]);
    assert.equal(h.publications[0].data, undefined);
    reader.disconnect();
    json.disconnect();
  });
});

describe('strings the API or a client names', () => {
  it('tag keys and values with quotes and newlines reach JSON and protobuf subscribers intact, and history stays JSON', async () => {
    const ch = 'chat:tags';
    const tags = { 'a"b\nc': 'v"\n\\', '\u2028': '😀' };
    const subs = [];
    for (const codec of ['json', 'protobuf'] as const) {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: `t-${codec}` }) });
      const s = c.newSubscription(ch);
      const got = collect(s, 'publication');
      s.subscribe();
      c.connect();
      await s.ready(3000);
      subs.push({ c, got, codec });
    }
    await t.api.publish({ channel: ch, data: { n: 1 }, tags });
    for (const { got, codec } of subs) {
      await eventually(() => got.length === 1, 3000, `${codec} publication`);
      assert.deepEqual(decode(codec, got[0].data), { n: 1 });
      assert.deepEqual(got[0].tags, JSON.parse(JSON.stringify(tags)));
    }
    const h = await t.api.getHistory({ channel: ch, limit: -1 });
    assert.deepEqual(h.publications[0].tags, JSON.parse(JSON.stringify(tags)));
    for (const { c } of subs) c.disconnect();
  });

  it('a channel named a"b keeps /api/channels valid JSON for cent.js', async () => {
    const ch = 'a"b\\c';
    const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'q' }) });
    const s = c.newSubscription(ch);
    s.subscribe();
    c.connect();
    await s.ready(3000);
    const r = await t.api.getChannels({ pattern: 'a*' });
    assert.deepEqual(r.channels[ch], { num_clients: 1 });
    c.disconnect();
  });
});

describe('with the Redis engine', () => {
  let redis: TestRedis;
  let server: TestServer;
  let r: Redis;
  before(async () => {
    redis = await startRedis();
    server = await startServer({ config: { engine: 'redis', workers: 1, redis: { url: redis.url, prefix: 'js' }, channel } });
    r = new Redis(redis.url);
  });
  after(async () => {
    r?.disconnect();
    await server?.stop();
    await redis?.stop();
  });

  it('a queued publish whose b64data is not JSON becomes a dead letter (107); the item behind it applies', async () => {
    await r.lpush('js.api', JSON.stringify({ method: 'publish', params: { channel: 'chat:q', b64data: NOT_JSON.toString('base64') } }));
    await r.lpush('js.api', JSON.stringify({ method: 'publish', params: { channel: 'chat:q', data: { after: true } } }));
    const dead = await eventually(() => r.lrange('js.api.dead', 0, -1).then((l) => (l.length ? l : null)), 5000, 'dead letter');
    assert.match(JSON.parse(dead![0]!).error, /107|valid JSON/);
    await eventually(async () => (await server.api('history', { channel: 'chat:q', limit: -1 })).result?.publications.length === 1, 5000, 'item behind');
  });

  it('bytes already in history that are not JSON reach JSON clients as a base64 string, and recovery keeps working', async () => {
    const ch = 'chat:legacy';
    const first = await server.api('publish', { channel: ch, data: { n: 1 } });
    // What an older version let in: offset 2 holds `{` as data.
    await r.xadd(`js.stream.{${ch}}`, '2', 'd', encodePublication({ data: Buffer.from('{') }));
    await r.hincrby(`js.meta.{${ch}}`, 's', 1);
    const api = new CentClient({ url: server.apiUrl, apiKey: API_KEY }) as any;
    const h = await api.getHistory({ channel: ch, limit: -1 });
    assert.deepEqual(h.publications.map((p: any) => p.data), [{ n: 1 }, Buffer.from('{').toString('base64')]);

    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'late' }) });
    const s = c.newSubscription(ch, { recoverable: true, since: { offset: 0, epoch: first.result.epoch } });
    const got = collect(s, 'publication');
    s.subscribe();
    c.connect();
    const subscribed = await nextEvent(s, 'subscribed');
    assert.equal(subscribed.recovered, true);
    await eventually(() => got.length === 2, 3000, 'recovered publications');
    assert.deepEqual(got.map((p) => p.data), [{ n: 1 }, 'ew==']);
    await server.api('publish', { channel: ch, data: { n: 3 } });
    await eventually(() => got.length === 3, 3000, 'live publication after recovery');
    await sleep(100);
    assert.equal(s.state, 'subscribed');
    c.disconnect();
  });
});
