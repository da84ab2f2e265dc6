/**
 * Redis engine: the periodic position check of idle subscriptions, and bad
 * input — oversized publications, malformed channels, Redis error replies —
 * answered with documented errors while the server keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { encodePublication } from '../../src/engine/redis/pubsub-wire';
import { defineScripts } from '../../src/engine/redis/scripts';
import { closeClients, collect, makeClient, nextEvent, rawSocket, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let redis: TestRedis;
let server: TestServer;
let admin: Redis;
const keys = new RedisKeys('checks');
before(async () => {
  redis = await startRedis();
  server = await startServer({
    config: { engine: 'redis', workers: 1, redis: { url: redis.url, prefix: 'checks' }, channel: channelConfig, client: { position_check_interval: 2 }, api: { max_body_size: 100_000 } },
  });
  admin = new Redis(redis.url);
  defineScripts(admin);
});
after(async () => {
  closeClients();
  admin?.disconnect();
  await server?.stop();
  await redis?.stop();
});

describe('position check', () => {
  it('an idle subscriber whose last publication was lost on pub/sub recovers it within the check interval', async () => {
    const ch = 'chat:lost-last';
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'idle' }) });
    const sub = c.newSubscription(ch);
    const pubs = collect(sub, 'publication');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);
    await server.api('publish', { channel: ch, data: { n: 1 } });
    await eventually(() => pubs.length === 1, 3000, 'first publication');
    // Into the stream, but published on a pub/sub channel nobody listens to: a lost message.
    const meta = await admin.hgetall(keys.meta(ch));
    await admin.gyrePublish(keys.stream(ch), keys.meta(ch), keys.result(ch, ''), encodePublication({ data: Buffer.from('{"n":2}') }), 100, 300, 'nowhere', 2592000, meta['e']!, 0);
    const resubscribing = nextEvent(sub, 'subscribing', 8000);
    assert.equal((await resubscribing).code, 2500);
    await eventually(() => pubs.length === 2, 5000, 'the lost publication recovered');
    assert.deepEqual(pubs.map((p) => p.data), [{ n: 1 }, { n: 2 }]);
  });
});

describe('bad input with the redis engine', () => {
  it('oversized publications: 1009 from a client, 413 from the API', async () => {
    const s = rawSocket(server.wsUrl);
    await s.opened;
    s.send(JSON.stringify({ id: 1, connect: { token: token({ sub: 'big' }) } }));
    s.send(JSON.stringify({ id: 2, publish: { channel: 'chat:x', data: 'x'.repeat(70_000) } }));
    assert.equal((await s.closed).code, 1009);
    // Twice api.max_body_size: the server reads (and drops) a body this size to its end, so the client sends it
    // whole and must be able to read the answer — a connection reset here is a failure, not a 413.
    const r = await fetch(`${server.apiUrl}/publish`, {
      method: 'POST',
      headers: { 'x-api-key': 'test-api-key' },
      body: JSON.stringify({ channel: 'chat:x', data: 'x'.repeat(200_000) }),
    });
    assert.equal(r.status, 413);
    assert.equal((await r.json()).error.code, 107, "Gyre's JSON error, not a bare status");
  });

  it('malformed channels answer 107 / 102', async () => {
    assert.equal((await server.api('publish', { channel: 'chat:' + 'x'.repeat(300), data: 1 })).error.code, 107);
    assert.equal((await server.api('publish', { channel: 'chat:with space', data: 1 })).error.code, 107);
    assert.equal((await server.api('publish', { channel: 'unknown:ns', data: 1 })).error.code, 102);
    assert.equal((await server.api('history', { channel: 'chat:ünï' })).error.code, 107);
  });

  it('a Redis error reply becomes error 100 for that channel only', async () => {
    const ch = 'chat:wrongtype';
    await admin.set(keys.meta(ch), 'not a hash');
    const r = await server.api('publish', { channel: ch, data: { x: 1 } });
    assert.equal(r.error.code, 100);
    const c = makeClient(server.wsUrl, 'json', { token: token({ sub: 'wt' }) });
    const sub = c.newSubscription(ch, { minResubscribeDelay: 100, maxResubscribeDelay: 1000 });
    const unsubscribed = collect(sub, 'unsubscribed');
    const failed = nextEvent(sub, 'error', 5000, (e) => e.type === 'subscribe');
    sub.subscribe();
    c.connect();
    const { error } = await failed;
    assert.equal(error.code, 100, 'the subscribe is refused with 100 while the key is broken');
    assert.equal(error.temporary, true, '100 is temporary: the SDK keeps trying');
    assert.equal(sub.state, 'subscribing');
    const ok = await server.api('publish', { channel: 'chat:fine', data: { y: 1 } });
    assert.equal(ok.result.offset, 1, 'other channels unaffected');
    await admin.del(keys.meta(ch));
    await sub.ready(15_000);
    assert.equal(sub.state, 'subscribed', 'the subscription retried (temporary error) and succeeded once the key was fixed');
    assert.deepEqual(unsubscribed, [], 'never given up on');
  });
});
