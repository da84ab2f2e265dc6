/** The ingestion scripts directly: lease, take, publish-with-ack (and its retry safety), ack and dead letters. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { encodePublication } from '../../src/engine/redis/payload';
import { defineScripts } from '../../src/engine/redis/scripts';
import { startRedis, type TestRedis } from '../helpers/redis';

let redis: TestRedis;
let r: Redis;
let n = 0;
before(async () => {
  redis = await startRedis();
  r = new Redis(redis.url);
  defineScripts(r);
});
after(async () => {
  r.disconnect();
  await redis.stop();
});

function names() {
  const q = `iq${++n}.api`;
  return { q, processing: `${q}.processing`, seq: `${q}.seq`, lease: `${q}.lease`, dead: `${q}.dead`, keys: new RedisKeys(`iq${n}`) };
}

async function publishWithAck(k: ReturnType<typeof names>, owner: string, entry: string, ch = 'c') {
  return r.gyreIngestPublish(k.keys.stream(ch), k.keys.meta(ch), k.keys.result(ch, ''), k.lease, k.processing, encodePublication({ data: Buffer.from('1') }), 10, 60, k.keys.pubsub(ch), 0, 'ep', 0, owner, 'list', entry, '');
}

describe('ingest scripts', () => {
  it('a lease is held by one owner at a time, renewable by it, free once it expires', async () => {
    const k = names();
    assert.equal(await r.gyreIngestLease(k.lease, 'a', 200), 1);
    assert.equal(await r.gyreIngestLease(k.lease, 'b', 200), 0);
    assert.equal(await r.gyreIngestLease(k.lease, 'a', 200), 1);
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(await r.gyreIngestLease(k.lease, 'b', 200), 1);
    assert.equal(await r.gyreIngestLease(k.lease, 'a', 0), 0, 'only the holder can release');
    assert.equal(await r.get(k.lease), 'b');
    assert.equal(await r.gyreIngestLease(k.lease, 'b', 0), 0);
    assert.equal(await r.get(k.lease), null, 'released: the next consumer need not wait for expiry');
  });

  it('take moves the oldest items into the processing list, tagged with sequence numbers, only for the lease holder', async () => {
    const k = names();
    await r.lpush(k.q, 'one', 'two', 'three');
    await r.gyreIngestLease(k.lease, 'a', 5000);
    assert.deepEqual(await r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'a', 2), ['1|one', '2|two']);
    assert.deepEqual(await r.lrange(k.processing, 0, -1), ['2|two', '1|one']);
    await assert.rejects(r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'b', 2), /LEASE_LOST/);
    assert.deepEqual(await r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'a', 5), ['3|three']);
    assert.deepEqual(await r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'a', 5), []);
  });

  it('publish-with-ack publishes and acknowledges atomically; a retry of an acknowledged item changes nothing', async () => {
    const k = names();
    await r.lpush(k.q, 'x', 'y');
    await r.gyreIngestLease(k.lease, 'a', 5000);
    const [e1, e2] = await r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'a', 2);
    assert.deepEqual(await publishWithAck(k, 'a', e1!), [1, 'ep', 0]);
    assert.deepEqual(await r.lrange(k.processing, 0, -1), [e2]);
    assert.deepEqual(await publishWithAck(k, 'a', e1!), [0, '', 1], 'the retry is suppressed');
    assert.equal(await r.xlen(k.keys.stream('c')), 1, 'published once');
    await assert.rejects(publishWithAck(k, 'b', e2!), /LEASE_LOST/, 'a deposed consumer changes nothing');
    assert.equal(await r.xlen(k.keys.stream('c')), 1);
    assert.deepEqual(await r.lrange(k.processing, 0, -1), [e2]);
    assert.deepEqual(await publishWithAck(k, 'a', e2!), [2, 'ep', 0]);
    assert.equal(await r.llen(k.processing), 0);
    assert.equal(await r.keys(`iq${n}.result.*`).then((x) => x.length), 0, 'no per-item result keys');
  });

  it('ack and dead-letter remove the item in one step, out of order too', async () => {
    const k = names();
    await r.lpush(k.q, 'a', 'b', 'c');
    await r.gyreIngestLease(k.lease, 'o', 5000);
    const [ea, eb, ec] = await r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'o', 3);
    assert.equal(await r.gyreIngestAck(k.lease, k.processing, k.dead, 'o', 'list', eb!, '', '{"item":"b","error":"bad"}'), 1);
    assert.deepEqual(await r.lrange(k.dead, 0, -1), ['{"item":"b","error":"bad"}']);
    assert.deepEqual(await r.lrange(k.processing, 0, -1), [ec, ea]);
    assert.equal(await r.gyreIngestAck(k.lease, k.processing, k.dead, 'o', 'list', ea!, '', ''), 1);
    assert.equal(await r.gyreIngestAck(k.lease, k.processing, k.dead, 'o', 'list', ea!, '', ''), 0, 'nothing left to acknowledge');
    await assert.rejects(r.gyreIngestAck(k.lease, k.processing, k.dead, 'x', 'list', ec!, '', ''), /LEASE_LOST/);
  });

  it('stream items: pending until acknowledged, then acknowledged and deleted; a retry changes nothing', async () => {
    const k = names();
    const stream = `${k.q}.stream`;
    await r.xgroup('CREATE', stream, 'gyre', '0', 'MKSTREAM');
    const id = (await r.xadd(stream, '*', 'method', 'publish', 'payload', '{}'))!;
    await r.xreadgroup('GROUP', 'gyre', 'me', 'COUNT', 1, 'STREAMS', stream, '>');
    await r.gyreIngestLease(k.lease, 'me', 5000);
    const args = [k.keys.stream('s'), k.keys.meta('s'), k.keys.result('s', ''), k.lease, stream, encodePublication({ data: Buffer.from('1') }), 10, 60, k.keys.pubsub('s'), 0, 'ep', 0, 'me', 'stream', id, 'gyre'] as const;
    assert.deepEqual(await r.gyreIngestPublish(...args), [1, 'ep', 0]);
    assert.equal(await r.xlen(stream), 0, 'the entry left the stream');
    assert.deepEqual(await r.gyreIngestPublish(...args), [0, '', 1]);
    assert.equal(await r.xlen(k.keys.stream('s')), 1);
  });

  it('a run of publishes in one call: in order, each acknowledged, already-acknowledged items skipped, all or nothing for the lease', async () => {
    const k = names();
    await r.lpush(k.q, 'p1', 'p2', 'p3');
    await r.gyreIngestLease(k.lease, 'a', 5000);
    const entries = await r.gyreIngestTake(k.q, k.processing, k.seq, k.lease, 'a', 3);
    await publishWithAck(k, 'a', entries[1]!, 'c2'); // the middle one was applied by an earlier try
    const run = (owner: string) => {
      const keys = [k.lease, k.processing];
      const args: (string | Buffer | number)[] = [owner, 'list', ''];
      entries.forEach((e, i) => {
        const ch = `c${i + 1}`;
        keys.push(k.keys.stream(ch), k.keys.meta(ch), k.keys.result(ch, ''));
        args.push(encodePublication({ data: Buffer.from(String(i)) }), 10, 60, k.keys.pubsub(ch), 0, `ep${i}`, 0, e);
      });
      return r.gyreIngestPublishBatch(keys.length, ...keys, ...args);
    };
    await assert.rejects(run('b'), /LEASE_LOST/);
    assert.equal(await r.llen(k.processing), 2, 'a deposed consumer changed nothing');
    assert.deepEqual(await run('a'), [[1, 'ep0', 0], [0, '', 1], [1, 'ep2', 0]]);
    assert.equal(await r.llen(k.processing), 0);
    assert.equal(await r.xlen(k.keys.stream('c2')), 1, 'the already applied item was not published again');
  });
});
