/**
 * redis.wait_replicas (src/engine/redis/replica-ack.ts) on a real master and
 * replica: a publish resolves once the replica has it, is refused with a
 * temporary 100 while the replica cannot confirm (frozen with SIGSTOP), and a
 * retry under the same idempotency key is acknowledged only once the first
 * publish reached the replica.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { encodePublication } from '../../src/engine/redis/pubsub-wire';
import { NotReplicatedError, type PublishArgs, type PublishKeys, ReplicaAckPublisher } from '../../src/engine/redis/replica-ack';
import { parseRedisUrl } from '../../src/engine/redis/topology';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually } from '../helpers/server';

let master: TestRedis;
let replica: TestRedis;
let m: Redis;
let r: Redis;
let publisher: ReplicaAckPublisher;
const reported: string[] = [];
const keys = new RedisKeys('ra');

function call(ch: string, text: string, idem = ''): [PublishKeys, PublishArgs] {
  return [
    [keys.stream(ch), keys.meta(ch), keys.result(ch, idem)],
    [encodePublication({ data: Buffer.from(text) }), 100, 60, keys.pubsub(ch), 3600, 'ep', idem ? 300 : 0, 0],
  ];
}

describe('publishes acknowledged by replicas (redis.wait_replicas)', () => {
  before(async () => {
    [master, replica] = await Promise.all([startRedis(), startRedis()]);
    m = new Redis(master.url);
    r = new Redis(replica.url);
    await m.config('SET', 'repl-diskless-sync-delay', '0');
    await r.replicaof('127.0.0.1', master.port);
    // Streaming to the replica, as the master sees it: the replica reports its link up before the master has even
    // sent the snapshot, and after a diskless sync the master streams writes only from its first acknowledgement
    // (up to a second later). A write that a generous WAIT confirms says it all.
    await eventually(async () => (await m.set('attached', '1'), await m.wait(1, 1000)) === 1, 10_000, 'the replica to attach');
    publisher = new ReplicaAckPublisher(parseRedisUrl(master.url), { replicas: 1, timeoutMs: 1000 }, { failed: (op) => void reported.push(op) });
    await eventually(() => publisher.ready(), 10_000, 'the publish connection');
  });
  after(async () => {
    publisher?.close();
    m?.disconnect();
    r?.disconnect();
    replica?.resume();
    await Promise.all([master?.stop(), replica?.stop()]);
  });

  it('resolves concurrent publishes in order, each already on the replica when it resolves', async () => {
    const seenOnReplica: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const [offset] = await publisher.publish(...call('a', `m${i}`));
        assert.equal(offset, i + 1);
        seenOnReplica.push(await r.xlen(keys.stream('a')));
        return offset;
      }),
    );
    for (const [i, len] of seenOnReplica.entries()) assert.ok(len >= i + 1, `the replica held ${len} entries when publish ${i + 1} resolved`);
    assert.equal(await r.xlen(keys.stream('a')), 50);
  });

  it('refuses with a temporary 100 while the replica cannot confirm; a retry with the same key succeeds once it can', async () => {
    replica.pause();
    try {
      await assert.rejects(publisher.publish(...call('b', 'kept', 'k1')), (err: unknown) => {
        assert.ok(err instanceof NotReplicatedError);
        assert.deepEqual(err.toProto(), { code: 100, message: 'not acknowledged by replicas', temporary: true });
        return true;
      });
      assert.ok(reported.includes('replica wait'), 'the shortfall is reported to the outage log');
      // Published nonetheless (the master has it): the retry must not publish it again.
      assert.equal(await m.xlen(keys.stream('b')), 1);
      await assert.rejects(publisher.publish(...call('b', 'kept', 'k1')), NotReplicatedError);
    } finally {
      replica.resume();
    }
    assert.deepEqual(await publisher.publish(...call('b', 'kept', 'k1')), [1, 'ep', 1]);
    assert.equal(await r.xlen(keys.stream('b')), 1);
  });

  it('survives a flushed script cache (NOSCRIPT): the script is sent again in full, still before its WAIT', async () => {
    await publisher.publish(...call('c', 'one'));
    await m.script('FLUSH');
    const [offset] = await publisher.publish(...call('c', 'two'));
    assert.equal(offset, 2);
    assert.equal(await r.xlen(keys.stream('c')), 2);
  });
});
