/**
 * Publishes of one turn sharing a script call (src/engine/redis/publish-batch.ts,
 * lua/broker_publish_many.lua), against a private redis-server: one EVALSHA
 * for a turn's publications, each answered as if it had been sent alone.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { decodeMessage, decodePublication, encodePublication } from '../../src/engine/redis/pubsub-wire';
import { MAX_PER_CALL, PublishBatcher, type PublishScriptArgs } from '../../src/engine/redis/publish-batch';
import type { PublishKeys } from '../../src/engine/redis/replica-ack';
import { defineScripts } from '../../src/engine/redis/scripts';
import { type TestRedis, startRedis } from '../helpers/redis';

let redis: TestRedis;
let client: Redis;
let admin: Redis;
let sub: Redis;
let n = 0;
const fresh = () => new RedisKeys(`b${++n}`);

/** gyrePublish's keys and arguments (ARGV 1–7) for one publication with history of 100. */
function call(keys: RedisKeys, ch: string, data: Buffer, o: { idem?: string; history?: number } = {}): [PublishKeys, PublishScriptArgs] {
  return [
    [keys.stream(ch), keys.meta(ch), keys.result(ch, o.idem ?? '')],
    [encodePublication({ data }), o.history ?? 100, 60, keys.pubsub(ch), 3600, `epoch-${ch}`, o.idem ? 300 : 0],
  ];
}

/** Script calls Redis ran since the last CONFIG RESETSTAT (EVALSHA, and EVAL the first time a script is sent). */
async function scriptCalls(): Promise<number> {
  const stats = await admin.info('commandstats');
  let calls = 0;
  for (const m of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) calls += Number(m[1]);
  return calls;
}

/** The stream's entries: [offset, Publication data as text]. */
async function stream(keys: RedisKeys, ch: string): Promise<[number, string][]> {
  const entries = await client.xrangeBuffer(keys.stream(ch), '-', '+');
  return entries.map(([id, fields]) => {
    const offset = parseInt(id.toString(), 10);
    return [offset, decodePublication(fields[1]!, offset).data.toString('latin1')];
  });
}

describe('publishes of one turn share one script call', () => {
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    admin = new Redis(redis.url);
    sub = new Redis(redis.url);
    defineScripts(client);
  });
  after(async () => {
    await client?.quit();
    await admin?.quit();
    await sub?.quit();
    await redis?.stop();
  });
  beforeEach(async () => {
    // Warm both scripts up, so that the counts below are of EVALSHA alone.
    const b = new PublishBatcher(client, false, 0, 'publish');
    const k = fresh();
    await Promise.all([b.publish(...call(k, 'w', Buffer.from('w'))), b.publish(...call(k, 'w', Buffer.from('w')))]);
    await b.publish(...call(k, 'w', Buffer.from('w')));
    await admin.config('RESETSTAT');
  });

  it('sends the publications of a turn as one call, each with its own offset, in order per channel', async () => {
    const b = new PublishBatcher(client, false, 0, 'publish');
    const keys = fresh();
    const channels = ['a', 'b', 'c'];
    const messages: string[] = [];
    sub.on('messageBuffer', (ch: Buffer, msg: Buffer) => {
      const m = decodeMessage(msg);
      if (m.kind === 'pub') messages.push(`${ch.toString()} ${m.position?.offset} ${m.pub.data.toString()}`);
    });
    await sub.subscribe(...channels.map((c) => keys.pubsub(c)));
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => b.publish(...call(keys, channels[i % 3]!, Buffer.from(`m${i}`)))));
    assert.equal(await scriptCalls(), 1);
    replies.forEach(([offset, epoch, suppressed], i) => {
      assert.equal(offset, Math.floor(i / 3) + 1);
      assert.equal(epoch, `epoch-${channels[i % 3]}`);
      assert.equal(suppressed, 0);
    });
    for (const [k, ch] of channels.entries()) {
      assert.deepEqual(await stream(keys, ch), Array.from({ length: 10 }, (_, j) => [j + 1, `m${j * 3 + k}`]));
    }
    await sub.ping();
    assert.deepEqual(messages, Array.from({ length: 30 }, (_, i) => `${keys.pubsub(channels[i % 3]!)} ${Math.floor(i / 3) + 1} m${i}`));
    await sub.unsubscribe();
    sub.removeAllListeners('messageBuffer');
  });

  it('keeps payload bytes that are not UTF-8, and a publication without history gets no offset', async () => {
    const b = new PublishBatcher(client, false, 0, 'publish');
    const keys = fresh();
    const bytes = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x80, 0x22, 0x5c]);
    const [one, none] = await Promise.all([b.publish(...call(keys, 'bin', bytes)), b.publish(...call(keys, 'nohist', Buffer.from('x'), { history: 0 }))]);
    assert.deepEqual(one, [1, 'epoch-bin', 0]);
    assert.deepEqual(none, [0, '', 0]);
    assert.deepEqual(await stream(keys, 'bin'), [[1, bytes.toString('latin1')]]);
    assert.equal(await client.exists(keys.stream('nohist')), 0);
  });

  it('answers a repeated idempotency key within one call with the first publish, publishing once', async () => {
    const b = new PublishBatcher(client, false, 0, 'publish');
    const keys = fresh();
    const replies = await Promise.all([
      b.publish(...call(keys, 'i', Buffer.from('first'), { idem: 'k1' })),
      b.publish(...call(keys, 'i', Buffer.from('other'))),
      b.publish(...call(keys, 'i', Buffer.from('again'), { idem: 'k1' })),
    ]);
    assert.deepEqual(replies, [
      [1, 'epoch-i', 0],
      [2, 'epoch-i', 0],
      [1, 'epoch-i', 1],
    ]);
    assert.deepEqual(await stream(keys, 'i'), [
      [1, 'first'],
      [2, 'other'],
    ]);
  });

  it('fails only the publication Redis refuses; the others of its call are published', async () => {
    const b = new PublishBatcher(client, false, 0, 'publish');
    const keys = fresh();
    await client.set(keys.meta('broken'), 'not a hash');
    const results = await Promise.allSettled([
      b.publish(...call(keys, 'ok1', Buffer.from('1'))),
      b.publish(...call(keys, 'broken', Buffer.from('2'))),
      b.publish(...call(keys, 'ok2', Buffer.from('3'))),
    ]);
    assert.equal(await scriptCalls(), 1);
    assert.deepEqual(results[0], { status: 'fulfilled', value: [1, 'epoch-ok1', 0] });
    assert.equal(results[1]!.status, 'rejected');
    const err = (results[1] as PromiseRejectedResult).reason as Error;
    assert.equal(err.name, 'ReplyError');
    assert.match(err.message, /WRONGTYPE/);
    assert.deepEqual(results[2], { status: 'fulfilled', value: [1, 'epoch-ok2', 0] });
    assert.deepEqual(await stream(keys, 'ok2'), [[1, '3']]);
  });

  it(`sends a call once it holds ${MAX_PER_CALL} publications, keeping a channel's order across calls`, async () => {
    const b = new PublishBatcher(client, false, 0, 'publish');
    const keys = fresh();
    const total = MAX_PER_CALL * 2 + 5;
    const replies = await Promise.all(Array.from({ length: total }, (_, i) => b.publish(...call(keys, 'long', Buffer.from(`m${i}`), { history: 1000 }))));
    assert.equal(await scriptCalls(), 3);
    assert.deepEqual(
      replies.map((r) => r[0]),
      Array.from({ length: total }, (_, i) => i + 1),
    );
    const entries = await stream(keys, 'long');
    assert.deepEqual(
      entries.map((e) => e[1]),
      Array.from({ length: total }, (_, i) => `m${i}`),
    );
  });

  it('sends a lone publish as the single-publication script, and publishes of later turns in later calls', async () => {
    const b = new PublishBatcher(client, false, 0, 'publish');
    const keys = fresh();
    assert.deepEqual(await b.publish(...call(keys, 's', Buffer.from('1'))), [1, 'epoch-s', 0]);
    assert.deepEqual(await b.publish(...call(keys, 's', Buffer.from('2'))), [2, 'epoch-s', 0]);
    assert.equal(await scriptCalls(), 2);
  });

  it('reads the replication ID once per call when asked to check it, and fails every publication of a call Redis never ran', async () => {
    const b = new PublishBatcher(client, false, 1, 'publish');
    const keys = fresh();
    const replies = await Promise.all(Array.from({ length: 5 }, (_, i) => b.publish(...call(keys, 'r', Buffer.from(`m${i}`)))));
    assert.deepEqual(
      replies.map((r) => r[0]),
      [1, 2, 3, 4, 5],
    );
    const info = await admin.info('commandstats');
    assert.equal(Number(/^cmdstat_info:calls=(\d+)/m.exec(info)?.[1]), 1);
    const replid = /master_replid:(\w+)/.exec(await admin.info('replication'))![1];
    assert.equal(await client.hget(keys.meta('r'), 'r'), replid);

    const lost = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false });
    lost.on('error', () => {});
    defineScripts(lost);
    const dead = new PublishBatcher(lost, false, 0, 'publish');
    const failed = await Promise.allSettled([dead.publish(...call(keys, 'x', Buffer.from('1'))), dead.publish(...call(keys, 'y', Buffer.from('2')))]);
    assert.deepEqual(
      failed.map((f) => f.status),
      ['rejected', 'rejected'],
    );
    lost.disconnect();
  });
});
