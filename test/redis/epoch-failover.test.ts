/**
 * Epochs across a failover (lua/epoch_lib.lua), on a real master and replica:
 * the replica is promoted with REPLICAOF NO ONE, as Sentinel does, and gets a
 * new replication ID. With check_replid 1 every script that reads or writes a
 * channel's epoch then starts a new one, keeping the counter and the stream;
 * with 0 (a single Redis) it keeps the old one, which is how a promoted
 * replica that lacked the last publications would reuse their offsets.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pino from 'pino';
import { RedisIngestStore } from '../../src/engine/redis/ingest-store';
import { RedisKeys } from '../../src/engine/redis/keys';
import { createRedisEngine } from '../../src/engine/redis/redis-engine';
import { encodePublication } from '../../src/engine/redis/pubsub-wire';
import { defineScripts } from '../../src/engine/redis/scripts';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually } from '../helpers/server';

let master: TestRedis;
let replica: TestRedis;
let m: Redis;
let r: Redis;
let n = 0;
let keys: RedisKeys;

const info = async (c: Redis, field: string) => new RegExp(`^${field}:(.*)$`, 'm').exec(await c.info('replication'))?.[1]?.trim();

/** The replica has everything the master wrote so far. */
async function synced(): Promise<void> {
  await eventually(async () => (await info(r, 'master_link_status')) === 'up' && (await info(r, 'slave_repl_offset')) === (await info(m, 'master_repl_offset')), 10_000, 'the replica to catch up');
}

function publish(c: Redis, ch: string, text: string, epoch: string, check: 0 | 1, idem = '') {
  return c.gyrePublish(keys.stream(ch), keys.meta(ch), keys.result(ch, idem), encodePublication({ data: Buffer.from(text) }), 10, 60, keys.pubsub(ch), 3600, epoch, idem ? 300 : 0, check);
}

async function top(c: Redis, ch: string, epoch: string, check: 0 | 1): Promise<[number, string, number]> {
  const [t, e, entries] = await c.gyreHistory(keys.stream(ch), keys.meta(ch), 1, '-', 0, 0, 3600, epoch, check);
  return [t, e, entries.length];
}

describe('epochs across a failover', () => {
  before(async () => {
    [master, replica] = await Promise.all([startRedis(), startRedis()]);
    // Each test re-attaches the replica: a full sync at once, not after Redis' default 5 s for more replicas to join.
    const admin = new Redis(master.url);
    await admin.config('SET', 'repl-diskless-sync-delay', '0');
    admin.disconnect();
  });
  after(async () => {
    await Promise.all([master?.stop(), replica?.stop()]);
  });

  beforeEach(async () => {
    keys = new RedisKeys(`ef${++n}`);
    m = new Redis(master.url);
    r = new Redis(replica.url);
    defineScripts(m);
    defineScripts(r);
    await r.replicaof('127.0.0.1', master.port);
    await synced();
  });
  afterEach(async () => {
    m.disconnect();
    r.disconnect();
  });

  /** Sentinel's promotion: the replica stops following and takes a new replication ID. */
  async function promote(): Promise<void> {
    const before = await info(r, 'master_replid');
    await r.replicaof('NO', 'ONE');
    assert.notEqual(await info(r, 'master_replid'), before);
  }

  it('a publish on the promoted replica starts a new epoch, continuing the counter and keeping the stream', async () => {
    for (let i = 1; i <= 3; i++) assert.deepEqual(await publish(m, 'ch', `m${i}`, 'old', 1), [i, 'old', 0]);
    assert.equal(await m.hget(keys.meta('ch'), 'r'), await info(m, 'master_replid'));
    await synced();
    await promote();
    assert.deepEqual(await publish(r, 'ch', 'after', 'new', 1), [4, 'new', 0]);
    assert.deepEqual(await publish(r, 'ch', 'after2', 'newer', 1), [5, 'new', 0]);
    assert.equal(await r.xlen(keys.stream('ch')), 5);
    assert.equal(await r.hget(keys.meta('ch'), 'r'), await info(r, 'master_replid'));
  });

  it('so does a history read (what recovery and the position check make) before any publish', async () => {
    await publish(m, 'ch', 'm1', 'old', 1);
    await publish(m, 'ch', 'm2', 'old', 1);
    assert.deepEqual(await top(m, 'ch', 'x', 1), [2, 'old', 2]);
    await synced();
    await promote();
    assert.deepEqual(await top(r, 'ch', 'new', 1), [2, 'new', 2]);
    assert.deepEqual(await top(r, 'ch', 'other', 1), [2, 'new', 2]);
    assert.deepEqual(await publish(r, 'ch', 'm3', 'x', 1), [3, 'new', 0]);
  });

  // A queue on the channels' own Redis (ingest_run.lua), and one whose channels are elsewhere (ingest_channel.lua).
  for (const path of ['one script', 'channel by channel'] as const) {
    it(`so does a run of queued items (${path})`, async () => {
      await publish(m, 'ch', 'm1', 'old', 1);
      await synced();
      await promote();
      const placement = path === 'one script' ? null : { cluster: false, channel: () => r, checkReplid: () => true };
      const store = new RedisIngestStore(r, keys, { placement, checkReplid: true });
      const q = `${keys.prefix}.api`;
      await r.gyreIngestLease(`${q}.lease`, 'me', 5000);
      const item = { id: '1', publish: { channel: 'ch', pub: { data: Buffer.from('queued') }, opts: { historySize: 10, historyTtl: 60, historyMetaTtl: 3600 } } };
      await r.lpush(q, 'x');
      const res = await store.applyRun([item], { lease: `${q}.lease`, owner: 'me', kind: 'list', source: q, cursorKey: `${q}.acked`, group: '', deadKey: `${q}.dead`, at: '0' });
      assert.deepEqual(res, { applied: 1 });
      const meta = await r.hgetall(keys.meta('ch'));
      assert.notEqual(meta['e'], 'old');
      assert.equal(meta['s'], '2');
    });
  }

  it('without the check (a single Redis) the promoted replica keeps the epoch: the old hazard', async () => {
    await publish(m, 'ch', 'm1', 'old', 0);
    await synced();
    await promote();
    assert.deepEqual(await publish(r, 'ch', 'm2', 'new', 0), [2, 'old', 0]);
  });

  it('a meta hash written without the check gets the replication ID and keeps its epoch', async () => {
    await publish(m, 'ch', 'm1', 'old', 0);
    assert.equal(await m.hget(keys.meta('ch'), 'r'), null);
    assert.deepEqual(await publish(m, 'ch', 'm2', 'new', 1), [2, 'old', 0]);
    assert.equal(await m.hget(keys.meta('ch'), 'r'), await info(m, 'master_replid'));
    assert.deepEqual(await top(m, 'ch', 'new', 1), [2, 'old', 2]);
  });

  it('a suppressed publish (same idempotency key) is still a write, so a WAIT after it covers the first one', async () => {
    await publish(m, 'ch', 'm1', 'ep', 1, 'k');
    await synced();
    const before = Number(await info(m, 'master_repl_offset'));
    assert.deepEqual(await publish(m, 'ch', 'm1', 'ep', 1, 'k'), [1, 'ep', 1]);
    assert.ok(Number(await info(m, 'master_repl_offset')) > before, 'the suppressed call reached the replication stream');
  });
});

describe('a single Redis restarted with its data', () => {
  it('keeps every epoch: its replication ID changes at every restart, so it is not checked there', async () => {
    const redis = await startRedis({ persistent: true });
    const engine = createRedisEngine(redis.url, 'restart', pino({ level: 'silent' }));
    try {
      await eventually(() => engine.broker.healthy(), 10_000, 'the engine connected');
      const opts = { historySize: 10, historyTtl: 60, historyMetaTtl: 3600 };
      const first = await engine.broker.publish('ch', { data: Buffer.from('before') }, opts);
      const admin = new Redis(redis.url);
      const replidBefore = await info(admin, 'master_replid');
      admin.disconnect();
      await redis.restart();
      const again = new Redis(redis.url);
      assert.notEqual(await info(again, 'master_replid'), replidBefore, 'a restart gives a new replication ID');
      again.disconnect();
      const second = await eventually(() => engine.broker.publish('ch', { data: Buffer.from('after') }, opts).catch(() => undefined), 20_000, 'a publish after the restart');
      assert.deepEqual(second!.position, { offset: 2, epoch: first.position!.epoch });
    } finally {
      await engine.broker.close();
      await redis.stop();
    }
  });
});
