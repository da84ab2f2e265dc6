/**
 * Several workers and machines on one Redis: two server processes with two
 * workers each, real centrifuge-js clients (JSON and protobuf) spread over
 * both, publications through both servers' APIs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeClients, collect, type CodecName, decode, makeClient, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
before(async () => {
  redis = await startRedis();
  const config = { engine: 'redis', workers: 2, redis: { url: redis.url, prefix: 'cluster' }, channel: channelConfig };
  [a, b] = await Promise.all([startServer({ config }), startServer({ config })]);
});
after(async () => {
  closeClients();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('redis engine across servers', () => {
  it('every client receives every publication exactly once and in order', async () => {
    const ch = 'chat:fanout';
    const clients = Array.from({ length: 8 }, (_, i) => {
      const codec: CodecName = i % 2 ? 'protobuf' : 'json';
      const c = makeClient((i < 4 ? a : b).wsUrl, codec, { token: token({ sub: `fan${i}` }) });
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      return { c, sub, pubs, codec };
    });
    await Promise.all(clients.map(({ sub }) => sub.ready(5000)));
    const total = 200;
    for (let i = 1; i <= total; i++) {
      const r = await (i % 2 ? a : b).api('publish', { channel: ch, data: { seq: i } });
      assert.equal(r.result.offset, i);
    }
    await eventually(() => clients.every(({ pubs }) => pubs.length >= total), 10_000, 'all deliveries');
    await new Promise((r) => setTimeout(r, 200));
    for (const { pubs, codec } of clients) {
      assert.equal(pubs.length, total, 'no duplicates');
      assert.deepEqual(pubs.map((p) => Number(p.offset)), Array.from({ length: total }, (_, i) => i + 1));
      assert.deepEqual(pubs.map((p) => (decode(codec, p.data) as { seq: number }).seq), Array.from({ length: total }, (_, i) => i + 1));
    }
  });

  it('presence and join/leave span servers', async () => {
    const ch = 'chat:meet';
    const onA = makeClient(a.wsUrl, 'json', { token: token({ sub: 'ann' }) });
    const subA = onA.newSubscription(ch, { joinLeave: true });
    subA.subscribe();
    onA.connect();
    await subA.ready(5000);
    const joined = nextEvent(subA, 'join', 5000, (ctx) => ctx.info.user === 'bob');
    const onB = makeClient(b.wsUrl, 'protobuf', { token: token({ sub: 'bob' }) });
    const subB = onB.newSubscription(ch);
    subB.subscribe();
    onB.connect();
    await subB.ready(5000);
    await joined;
    const presence = await a.api('presence', { channel: ch });
    assert.deepEqual(Object.values(presence.result.presence).map((i: any) => i.user).sort(), ['ann', 'bob']);
    assert.deepEqual((await b.api('presence_stats', { channel: ch })).result, { num_clients: 2, num_users: 2 });
    const left = nextEvent(subA, 'leave', 5000, (ctx) => ctx.info.user === 'bob');
    onB.disconnect();
    await left;
    await eventually(async () => (await a.api('presence_stats', { channel: ch })).result.num_clients === 1, 5000, 'presence shrinks');
  });

  it('the API of one server disconnects, unsubscribes and subscribes a user connected to the other', async () => {
    const c = makeClient(b.wsUrl, 'json', { token: token({ sub: 'remote' }) });
    const sub = c.newSubscription('chat:remote');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);
    const subscribed = nextEvent(c, 'subscribed', 5000, (ctx) => ctx.channel === 'chat:assigned-remotely');
    await a.api('subscribe', { user: 'remote', channel: 'chat:assigned-remotely' });
    await subscribed;
    const unsubscribed = nextEvent(sub, 'unsubscribed', 5000);
    await a.api('unsubscribe', { user: 'remote', channel: 'chat:remote' });
    assert.equal((await unsubscribed).code, 2000);
    const d = nextEvent(c, 'disconnected', 5000);
    assert.deepEqual(await a.api('disconnect', { user: 'remote' }), { result: {} });
    assert.equal((await d).code, 3503);
  });

  it('a client recovers on the other server exactly what it missed', async () => {
    const ch = 'chat:move';
    const first = makeClient(a.wsUrl, 'protobuf', { token: token({ sub: 'mover' }) });
    const s1 = first.newSubscription(ch);
    const got1 = collect(s1, 'publication');
    s1.subscribe();
    first.connect();
    const sub1 = await nextEvent(s1, 'subscribed', 5000);
    for (let i = 1; i <= 2; i++) await a.api('publish', { channel: ch, data: { i } });
    await eventually(() => got1.length === 2, 5000, 'first deliveries');
    first.disconnect();
    for (let i = 3; i <= 7; i++) await b.api('publish', { channel: ch, data: { i } });
    const second = makeClient(b.wsUrl, 'json', { token: token({ sub: 'mover' }) });
    const s2 = second.newSubscription(ch, { since: { offset: Number(got1[1].offset), epoch: sub1.streamPosition.epoch } });
    const got2 = collect(s2, 'publication');
    s2.subscribe();
    second.connect();
    const sub2 = await nextEvent(s2, 'subscribed', 5000);
    assert.equal(sub2.recovered, true);
    await eventually(() => got2.length === 5, 5000, 'recovered publications');
    assert.deepEqual(got2.map((p) => p.data.i), [3, 4, 5, 6, 7]);
  });

  it('a sequential batch applies its commands in order (publishes pipelined, other methods waiting for them)', async () => {
    const ch = 'chat:batch-order';
    const commands = [
      ...Array.from({ length: 50 }, (_, i) => ({ publish: { channel: ch, data: { i: i + 1 } } })),
      { history: { channel: ch, limit: -1 } },
      ...Array.from({ length: 50 }, (_, i) => ({ publish: { channel: ch, data: { i: i + 51 } } })),
    ];
    const r = await a.api('batch', { commands });
    const replies = r.result.replies as any[];
    assert.deepEqual(replies.slice(0, 50).map((x) => x.publish.offset), Array.from({ length: 50 }, (_, i) => i + 1));
    assert.deepEqual(replies[50].history.publications.map((p: any) => p.data.i), Array.from({ length: 50 }, (_, i) => i + 1));
    assert.deepEqual(replies.slice(51).map((x) => x.publish.offset), Array.from({ length: 50 }, (_, i) => i + 51));
  });

  it('info lists every worker of both servers; channels counts subscribers everywhere', async () => {
    await eventually(async () => (await a.api('info')).result.nodes.length === 4, 8000, 'four nodes announced');
    const c1 = makeClient(a.wsUrl, 'json', { token: token({ sub: 'i1' }) });
    const c2 = makeClient(b.wsUrl, 'json', { token: token({ sub: 'i2' }) });
    for (const c of [c1, c2]) {
      const s = c.newSubscription('chat:counted');
      s.subscribe();
      c.connect();
      await s.ready(5000);
    }
    const r = await b.api('channels', { pattern: 'chat:counted' });
    assert.deepEqual(r.result.channels, { 'chat:counted': { num_clients: 2 } });
  });
});
