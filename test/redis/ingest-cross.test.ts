/**
 * Ingestion where the queue and the channels are not on one single Redis
 * (src/engine/redis/ingest-cross.ts): the scripts it uses on a real
 * redis-server — a channel's watermark skipping what was applied, dead
 * letters recorded once, acknowledgement in the queue's slot — then the
 * store itself over two servers (the queue on one, channels on both) through
 * the crash window between applying and acknowledging, and on a real Redis
 * Cluster, where the one-script path fails with CROSSSLOT.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis, { Cluster } from 'ioredis';
import { besideKey, INGESTED_TTL } from '../../src/engine/redis/ingest-cross';
import { RedisIngestStore } from '../../src/engine/redis/ingest-store';
import { consistentIndex } from '../../src/engine/redis/jump-hash';
import { RedisKeys } from '../../src/engine/redis/keys';
import { packMsgpack } from '../../src/engine/redis/msgpack';
import { decodePublication, encodePublication } from '../../src/engine/redis/pubsub-wire';
import { defineScripts } from '../../src/engine/redis/scripts';
import { LeaseLostError, type QueueCursor, type QueuedItem, StaleCursorError } from '../../src/ingest/store';
import { startRedis, type TestRedis } from '../helpers/redis';
import { keySlot, startCluster, type TestCluster } from '../helpers/redis-topology';

const opts = { historySize: 100, historyTtl: 60, historyMetaTtl: 0 };
const pub = (channel: string, data: string, more: { idempotencyKey?: string; historySize?: number } = {}, id = ''): QueuedItem => ({
  id,
  publish: { channel, pub: { data: Buffer.from(data) }, opts: { ...opts, ...more } },
});

async function history(r: Redis | Cluster, keys: RedisKeys, channel: string): Promise<string[]> {
  const entries = (await r.xrangeBuffer(keys.stream(channel), '-', '+')) as unknown as [Buffer, Buffer[]][];
  return entries.map(([id, fields]) => `${parseInt(id.toString(), 10)}:${decodePublication(fields[1]!, 0).data.toString()}`);
}

/** What a consumer sends for a list queue `q` of `prefix`, as src/ingest does. */
function listCursor(prefix: string, owner: string, at: string, cluster = false): QueueCursor {
  const q = `${prefix}.api`;
  return { lease: besideKey(q, '.lease', cluster), owner, kind: 'list', source: q, cursorKey: besideKey(q, '.acked', cluster), group: 'gyre', deadKey: `${prefix}.api.dead`, at };
}

describe('ingest scripts for channels apart from their queue', () => {
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

  /** ingest_channel.lua for channel `ch` with items [position, data, options]. */
  function channelCall(
    keys: RedisKeys,
    ch: string,
    source: string,
    kind: 'list' | 'stream',
    items: [string, string, { history?: boolean; idem?: string }?][],
    publishCommand?: 'publish' | 'spublish',
  ) {
    const packed = items.map(([pos, data, o = {}]) => [pos, encodePublication({ data: Buffer.from(data) }), o.history === false ? 0 : 1, o.idem ? keys.result(ch, o.idem) : '', o.idem ? '300' : '0']);
    const run = packMsgpack([keys.pubsub(ch), '100', '60', '0', 'epoch1', packed]);
    return r.gyreIngestChannel(keys.ingested(ch), keys.stream(ch), keys.meta(ch), source, kind, INGESTED_TTL, run, publishCommand);
  }

  it('a channel applies a source\'s items once each, in order: items at or below its watermark are skipped, per source', async () => {
    const keys = new RedisKeys(`ic${++n}`);
    const sub = new Redis(redis.url);
    const seen: string[] = [];
    await sub.subscribe(keys.pubsub('c'));
    sub.on('message', () => seen.push('m'));
    assert.deepEqual(await channelCall(keys, 'c', 'q', 'list', [['1', 'a'], ['2', 'b'], ['3', 'c']]), [3, '']);
    // The same items again, as the consumer taking over from one killed before acknowledging sends them, and two more.
    assert.deepEqual(await channelCall(keys, 'c', 'q', 'list', [['2', 'b'], ['3', 'c'], ['4', 'd'], ['10', 'e']]), [4, '']);
    assert.deepEqual(await history(r, keys, 'c'), ['1:a', '2:b', '3:c', '4:d', '5:e']);
    assert.equal(await r.hget(keys.ingested('c'), 'q'), '10');
    const ttl = await r.ttl(keys.ingested('c'));
    assert.ok(ttl > 0 && ttl <= INGESTED_TTL, `the watermark expires (${ttl})`);
    // Another source has its own watermark: its position 2 is not the queue's.
    assert.deepEqual(await channelCall(keys, 'c', 'q2', 'list', [['2', 'other']]), [1, '']);
    assert.deepEqual((await history(r, keys, 'c')).slice(-1), ['6:other']);
    await sub.ping();
    assert.equal(seen.length, 6, 'a skipped item is not published either');
    sub.disconnect();
  });

  it("with 'spublish' the channel's publications go by SPUBLISH, with and without history", async () => {
    const keys = new RedisKeys(`ic${++n}`);
    const ssub = new Redis(redis.url);
    const sub = new Redis(redis.url);
    const sharded: string[] = [];
    let classic = 0;
    ssub.on('smessageBuffer', (_ch: Buffer, m: Buffer) => sharded.push(m.subarray(0, 2).toString()));
    sub.on('messageBuffer', () => classic++);
    await ssub.ssubscribe(keys.pubsub('c'));
    await sub.subscribe(keys.pubsub('c'));
    assert.deepEqual(await channelCall(keys, 'c', 'q', 'list', [['1', 'a'], ['2', 'b', { history: false }]], 'spublish'), [2, '']);
    await Promise.all([ssub.ping(), sub.ping()]);
    assert.deepEqual(sharded, ['p1', 'n:']);
    assert.equal(classic, 0);
    ssub.disconnect();
    sub.disconnect();
  });

  it('stream positions compare as entry IDs (numerically, milliseconds then sequence)', async () => {
    const keys = new RedisKeys(`ic${++n}`);
    assert.deepEqual(await channelCall(keys, 'c', 's', 'stream', [['9-5', 'a'], ['10-0', 'b']]), [2, '']);
    assert.deepEqual(await channelCall(keys, 'c', 's', 'stream', [['9-5', 'a'], ['10-0', 'b'], ['10-1', 'c'], ['100-0', 'd']]), [4, '']);
    assert.deepEqual(await history(r, keys, 'c'), ['1:a', '2:b', '3:c', '4:d']);
    assert.equal(await r.hget(keys.ingested('c'), 's'), '100-0');
  });

  it('idempotency keys and publications without history still apply as on one Redis', async () => {
    const keys = new RedisKeys(`ic${++n}`);
    const items: [string, string, { history?: boolean; idem?: string }][] = [
      ['1', 'a', { idem: 'k' }],
      ['2', 'again', { idem: 'k' }],
      ['3', 'live only', { history: false }],
      ['4', 'b', {}],
    ];
    assert.deepEqual(await channelCall(keys, 'c', 'q', 'list', items), [4, '']);
    assert.deepEqual(await history(r, keys, 'c'), ['1:a', '2:b'], 'the repeat under k suppressed, the live-only one not stored');
    assert.deepEqual(await r.hgetall(keys.result('c', 'k')), { e: 'epoch1', s: '1' });
  });

  it('stops at the first item Redis refuses: nothing after it is applied and the watermark stays before it', async () => {
    const keys = new RedisKeys(`ic${++n}`);
    await r.set(keys.stream('c'), 'not a stream');
    await r.hset(keys.meta('c'), 'e', 'ep', 's', 5);
    const [done, error] = await channelCall(keys, 'c', 'q', 'list', [['1', 'a', { history: false }], ['2', 'b'], ['3', 'c', { history: false }]]);
    assert.equal(done, 1);
    assert.match(error, /WRONGTYPE/);
    assert.equal(await r.hget(keys.ingested('c'), 'q'), '1');
    assert.equal(await r.hget(keys.meta('c'), 's'), '5', 'no offset spent');
    await r.set(keys.ingested('w'), 'not a hash');
    const [wDone, wError] = await channelCall(keys, 'w', 'q', 'list', [['1', 'a']]);
    assert.deepEqual([wDone, wError.slice(0, 9)], [0, 'WRONGTYPE'], 'a broken watermark is an item error, not a failed call');
  });

  it('dead letters are pushed once per item however often the consumer repeats the call', async () => {
    const dead = `ic${++n}.api.dead`;
    assert.equal(await r.gyreIngestDead(dead, `${dead}.seen`, 300_000, 'q:1', 'r1', 'q:2', 'r2'), 2);
    assert.equal(await r.gyreIngestDead(dead, `${dead}.seen`, 300_000, 'q:2', 'r2', 'q:3', 'r3'), 1);
    assert.deepEqual(await r.lrange(dead, 0, -1), ['r3', 'r2', 'r1']);
    assert.ok((await r.pttl(`${dead}.seen`)) > 0, 'the memory of them expires');
  });

  it('commit acknowledges n items under the lease at the expected cursor, and nothing otherwise', async () => {
    const c = listCursor(`ic${++n}`, 'me', '0');
    await r.lpush(c.source, 'one', 'two', 'three');
    await r.gyreIngestLease(c.lease, 'me', 5000);
    await assert.rejects(r.gyreIngestCommit(c.lease, c.source, c.cursorKey, 'other', 'list', 'gyre', '0', 2), /LEASE_LOST/);
    await assert.rejects(r.gyreIngestCommit(c.lease, c.source, c.cursorKey, 'me', 'list', 'gyre', '1', 2), /STALE/);
    await assert.rejects(r.gyreIngestCommit(c.lease, c.source, c.cursorKey, 'me', 'list', 'gyre', '0', 4), /STALE/, 'more than the queue holds');
    assert.equal(await r.gyreIngestCommit(c.lease, c.source, c.cursorKey, 'me', 'list', 'gyre', '0', 2), 1);
    assert.deepEqual(await r.lrange(c.source, 0, -1), ['three']);
    assert.equal(await r.get(c.cursorKey), '2');
    const s = `ic${n}.api.stream`;
    await r.xgroup('CREATE', s, 'gyre', '0', 'MKSTREAM');
    const ids = [(await r.xadd(s, '*', 'method', 'publish'))!, (await r.xadd(s, '*', 'method', 'publish'))!];
    await r.gyreIngestLease(`${s}.lease`, 'me', 5000);
    assert.equal(await r.gyreIngestCommit(`${s}.lease`, s, '', 'me', 'stream', 'gyre', '0-0', 2, ...ids), 1);
    assert.equal(await r.xlen(s), 0);
    const group = ((await r.xinfo('GROUPS', s)) as unknown[][])[0]!;
    assert.equal(group[group.indexOf('last-delivered-id') + 1], ids[1]);
  });
});

describe('the store across two Redis servers (the queue on the first)', () => {
  let servers: TestRedis[];
  let clients: Redis[];
  let n = 0;
  before(async () => {
    servers = [await startRedis(), await startRedis()];
    clients = servers.map((s) => {
      const c = new Redis(s.url);
      defineScripts(c);
      return c;
    });
  });
  after(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
  });

  const on = (channel: string) => clients[consistentIndex(channel, 2)]!;
  function fixture() {
    const prefix = `xs${++n}`;
    const keys = new RedisKeys(prefix);
    const store = new RedisIngestStore(clients[0]!, keys, { placement: { cluster: false, channel: on } });
    return { prefix, keys, store, q: `${prefix}.api`, cursor: (owner: string, at: string) => listCursor(prefix, owner, at) };
  }
  // Channels on each server, found by the same jump hash the engine uses.
  const channelsOn = (shard: number, count: number) => Array.from({ length: 200 }, (_, i) => `ch${i}`).filter((c) => consistentIndex(c, 2) === shard).slice(0, count);

  it('a consumer killed between applying and acknowledging: its successor sends the run again and every channel holds each item once, in order', async () => {
    const f = fixture();
    const [a, b] = [channelsOn(0, 1)[0]!, channelsOn(1, 1)[0]!];
    await clients[0]!.lpush(f.q, ...Array.from({ length: 6 }, (_, i) => `item${i + 1}`));
    const run = [pub(a, 'a1'), pub(b, 'b1'), { id: '', deadLetter: '{"error":"bad"}' }, pub(a, 'a2'), pub(b, 'b2'), pub(b, 'b3')];
    await clients[0]!.gyreIngestLease(`${f.q}.lease`, 'new', 5000);
    // A deposed consumer ('old' no longer holds the lease): its channel calls go through, its acknowledgement
    // does not — exactly what a consumer killed after applying leaves behind.
    await assert.rejects(f.store.applyRun(run, f.cursor('old', '0')), LeaseLostError);
    assert.deepEqual(await history(on(a), f.keys, a), ['1:a1', '2:a2']);
    assert.deepEqual(await history(on(b), f.keys, b), ['1:b1', '2:b2', '3:b3']);
    assert.equal(await clients[0]!.llen(f.q), 6, 'nothing acknowledged');
    assert.deepEqual(await clients[0]!.lrange(`${f.prefix}.api.dead`, 0, -1), ['{"error":"bad"}']);

    assert.deepEqual(await f.store.applyRun(run, f.cursor('new', '0')), { applied: 6 });
    assert.deepEqual(await history(on(a), f.keys, a), ['1:a1', '2:a2'], 'not applied twice');
    assert.deepEqual(await history(on(b), f.keys, b), ['1:b1', '2:b2', '3:b3']);
    assert.deepEqual(await clients[0]!.lrange(`${f.prefix}.api.dead`, 0, -1), ['{"error":"bad"}'], 'the dead letter recorded once');
    assert.equal(await clients[0]!.llen(f.q), 0);
    assert.equal(await clients[0]!.get(`${f.q}.acked`), '6');
    // Each channel's keys are on its own server only.
    assert.equal(await clients[0]!.exists(f.keys.stream(b)), 0);
    assert.equal(await clients[1]!.exists(f.keys.stream(a)), 0);
  });

  it('a run that stops part-way acknowledges what came before; the run sent behind it applies nothing', async () => {
    const f = fixture();
    const [a, broken] = channelsOn(1, 2) as [string, string];
    const c0 = channelsOn(0, 1)[0]!;
    await clients[0]!.lpush(f.q, ...Array.from({ length: 6 }, (_, i) => `item${i + 1}`));
    await clients[0]!.gyreIngestLease(`${f.q}.lease`, 'o', 5000);
    await on(broken).set(f.keys.stream(broken), 'not a stream');
    await on(broken).hset(f.keys.meta(broken), 'e', 'ep', 's', 5);
    const first = f.store.applyRun([pub(a, '1'), pub(broken, '2'), pub(c0, '3')], f.cursor('o', '0'));
    const second = assert.rejects(f.store.applyRun([pub(a, '4'), pub(c0, '5'), pub(a, '6')], f.cursor('o', '3')), StaleCursorError);
    const r1 = await first;
    assert.equal(r1.applied, 1);
    assert.match(r1.error ?? '', /WRONGTYPE/);
    await second;
    assert.deepEqual(await history(on(a), f.keys, a), ['1:1'], "the second run's items were not applied ahead of the failed one");
    assert.equal(await clients[0]!.get(`${f.q}.acked`), '1');
    // The consumer dead-letters item 2 (ack at cursor 1), then sends 3… again from the cursor: 3 is skipped (applied before).
    await f.store.ack(f.cursor('o', '1'), '', '{"error":"WRONGTYPE"}');
    await f.store.ack(f.cursor('o', '1'), '', '{"error":"WRONGTYPE"}').then(
      () => assert.fail('a repeated ack is refused'),
      (err) => assert.ok(err instanceof StaleCursorError),
    );
    assert.deepEqual(await f.store.applyRun([pub(c0, '3'), pub(a, '4'), pub(c0, '5'), pub(a, '6')], f.cursor('o', '2')), { applied: 4 });
    assert.deepEqual(await history(on(a), f.keys, a), ['1:1', '2:4', '3:6']);
    assert.deepEqual(await history(on(c0), f.keys, c0), ['1:3', '2:5']);
    assert.equal(await clients[0]!.llen(`${f.prefix}.api.dead`), 1);
  });
});

describe('the store on a Redis Cluster', () => {
  let cluster: TestCluster;
  let client: Cluster;
  before(async () => {
    cluster = await startCluster();
    const [host, port] = ['127.0.0.1', cluster.ports[0]!];
    client = new Cluster([{ host, port }], { scaleReads: 'master' });
    defineScripts(client);
  });
  after(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('applies and acknowledges a run whose channels are on every master; the one-script path cannot (CROSSSLOT)', async () => {
    const keys = new RedisKeys('cl');
    const q = 'cl.api';
    const channels = Array.from({ length: 12 }, (_, i) => `room:${i}`);
    const masters = new Set(await Promise.all(channels.map((c) => cluster.masterOfSlot(keySlot(keys.stream(c))))));
    assert.equal(masters.size, 3, 'the channels are spread over the three masters');
    const cursor = (at: string, isCluster = true) => listCursor('cl', 'me', at, isCluster);
    assert.equal(cursor('0').lease, '{cl.api}.lease');
    assert.equal(keySlot(cursor('0').lease), keySlot(q), 'the lease shares the queue slot');
    await client.lpush(q, ...Array.from({ length: 30 }, (_, i) => `item${i}`));

    const single = new RedisIngestStore(client, keys);
    await client.set('cl.api.lease', 'me', 'PX', 10_000);
    await assert.rejects(single.applyRun([pub('room:0', 'x')], cursor('0', false)), /CROSSSLOT|non local key|same slot/);

    const store = new RedisIngestStore(client, keys, { placement: { cluster: true, channel: () => client } });
    assert.ok(await store.lease(cursor('0').lease, 'me', 10_000));
    const run = channels.flatMap((c) => [pub(c, `${c}/1`), pub(c, `${c}/2`)]);
    run.splice(5, 0, { id: '', deadLetter: '{"error":"bad"}' });
    assert.deepEqual(await store.applyRun(run, cursor('0')), { applied: 25 });
    for (const c of channels) assert.deepEqual(await history(client, keys, c), [`1:${c}/1`, `2:${c}/2`]);
    assert.equal(await client.get('{cl.api}.acked'), '25');
    assert.equal(await client.llen(q), 5);
    assert.deepEqual(await client.lrange('cl.api.dead', 0, -1), ['{"error":"bad"}']);
    assert.equal(await client.exists('{cl.api.dead}.seen'), 1, 'dead letters remembered in their list slot');
    // The same run again (a lost reply): the cursor refuses it, and nothing was applied twice.
    await assert.rejects(store.applyRun(run, cursor('0')), StaleCursorError);
    for (const c of channels) assert.equal((await history(client, keys, c)).length, 2);
    // The barrier path's acknowledgement, with a dead letter, in slots apart.
    await store.ack(cursor('25'), '', '{"error":"other"}');
    assert.equal(await client.llen('cl.api.dead'), 2);
    assert.equal(await client.get('{cl.api}.acked'), '26');
  });

  it('a stream: entries applied on the channels\' slots, then the group moved past them in the stream\'s slot; a deposed consumer\'s entries not twice', async () => {
    const keys = new RedisKeys('cs');
    const s = 'cs.api.stream';
    const store = new RedisIngestStore(client, keys, { placement: { cluster: true, channel: () => client } });
    const source = store.stream(s);
    assert.equal(source.leaseKey, '{cs.api.stream}.lease');
    await source.init();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await client.xadd(s, '*', 'method', 'publish', 'payload', '{}'))!);
    assert.ok(await store.lease(source.leaseKey, 'me', 10_000));
    const cursor = (owner: string, at: string): QueueCursor => ({ lease: source.leaseKey, owner, kind: 'stream', source: s, cursorKey: '', group: 'gyre', deadKey: 'cs.api.dead', at });
    const run = ids.map((id, i) => pub(`room:${i % 3}`, `e${i}`, {}, id));
    // A deposed consumer applies the first four and fails to acknowledge them; the holder then sends them too.
    await assert.rejects(store.applyRun(run.slice(0, 4), cursor('old', '0-0')), LeaseLostError);
    assert.equal(await client.xlen(s), 6);
    assert.deepEqual(await store.applyRun(run.slice(0, 4), cursor('me', '0-0')), { applied: 4 });
    assert.equal(await source.cursor(), ids[3]);
    assert.equal(await client.xlen(s), 2, 'applied entries deleted');
    assert.deepEqual(await store.applyRun(run.slice(4), cursor('me', ids[3]!)), { applied: 2 });
    assert.deepEqual(await history(client, keys, 'room:0'), ['1:e0', '2:e3']);
    assert.deepEqual(await history(client, keys, 'room:1'), ['1:e1', '2:e4']);
    assert.deepEqual(await history(client, keys, 'room:2'), ['1:e2', '2:e5']);
    await assert.rejects(store.applyRun(run.slice(4), cursor('me', ids[3]!)), StaleCursorError, 'a repeat is refused');
  });

  it('a dead letter goes back to its queue in another slot (two steps on a Cluster)', async () => {
    const keys = new RedisKeys('rq');
    const store = new RedisIngestStore(client, keys, { placement: { cluster: true, channel: () => client } });
    await client.lpush('rq.api.dead', 'record');
    assert.notEqual(keySlot('rq.api.dead'), keySlot('rq.api'));
    assert.equal(await store.requeue('rq.api.dead', 'record', { kind: 'list', source: 'rq.api', text: '{"method":"publish"}' }), true);
    assert.equal(await store.requeue('rq.api.dead', 'record', { kind: 'list', source: 'rq.api', text: '{"method":"publish"}' }), false, 'once');
    assert.deepEqual(await client.lrange('rq.api', 0, -1), ['{"method":"publish"}']);
    assert.equal(await client.llen('rq.api.dead'), 0);
  });
});
