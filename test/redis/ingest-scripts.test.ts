/**
 * The ingestion scripts directly, on a real redis-server: lease, read-ahead
 * without taking, runs that apply and acknowledge atomically (packed by the
 * real RedisBroker), cursor checks that make a repeated or out-of-order run
 * change nothing, partial failures, dead letters, and streams' group cursor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { RedisIngestStore } from '../../src/engine/redis/ingest-store';
import { LeaseLostError, type QueueCursor, type QueuedItem, StaleCursorError } from '../../src/ingest/store';
import { RedisKeys } from '../../src/engine/redis/keys';
import { decodeMessage, decodePublication } from '../../src/engine/redis/pubsub-wire';
import { defineScripts } from '../../src/engine/redis/scripts';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually } from '../helpers/server';

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

/** A fresh prefix: its list queue, stream, dead-letter list and an ingest store writing under it. */
function fixture() {
  const prefix = `iq${++n}`;
  const keys = new RedisKeys(prefix);
  const broker = new RedisIngestStore(r, keys);
  const q = `${prefix}.api`;
  const s = `${prefix}.api.stream`;
  const list = (owner: string, at: string): QueueCursor => ({ lease: `${q}.lease`, owner, kind: 'list', source: q, cursorKey: `${q}.acked`, group: 'gyre', deadKey: `${prefix}.api.dead`, at });
  const stream = (owner: string, at: string): QueueCursor => ({ lease: `${s}.lease`, owner, kind: 'stream', source: s, cursorKey: '', group: 'gyre', deadKey: `${prefix}.api.dead`, at });
  return { prefix, keys, broker, q, s, list, stream, dead: `${prefix}.api.dead` };
}

const opts = { historySize: 10, historyTtl: 60, historyMetaTtl: 0 };
function pub(id: string, channel: string, data: string, more: { idempotencyKey?: string; historySize?: number } = {}): QueuedItem {
  return { id, publish: { channel, pub: { data: Buffer.from(data) }, opts: { ...opts, ...more } } };
}

async function history(f: ReturnType<typeof fixture>, channel: string): Promise<[number, string][]> {
  const entries = (await r.xrangeBuffer(f.keys.stream(channel), '-', '+')) as unknown as [Buffer, Buffer[]][];
  return entries.map(([id, fields]) => [parseInt(id.toString(), 10), decodePublication(fields[1]!, 0).data.toString()]);
}

describe('ingest scripts', () => {
  it('a lease is held by one owner at a time, renewable by it, free once it expires', async () => {
    const lease = `iq${++n}.api.lease`;
    // Long enough that the calls below surely fall within it; its expiry is waited for (by Redis), not guessed.
    const ms = 1000;
    assert.equal(await r.gyreIngestLease(lease, 'a', ms), 1);
    assert.equal(await r.gyreIngestLease(lease, 'b', ms), 0);
    await eventually(async () => (await r.pttl(lease)) < ms / 2, 5000, 'half the lease to pass');
    assert.equal(await r.gyreIngestLease(lease, 'a', ms), 1);
    assert.ok((await r.pttl(lease)) > ms / 2, 'renewed: the lease time counts from the renewal');
    assert.equal(await r.gyreIngestLease(lease, 'b', ms), 0, 'still held');
    await eventually(async () => (await r.pttl(lease)) === -2, 5000, 'the lease to expire');
    assert.equal(await r.gyreIngestLease(lease, 'b', ms), 1);
    assert.equal(await r.gyreIngestLease(lease, 'a', 0), 0, 'only the holder can release');
    assert.equal(await r.get(lease), 'b');
    assert.equal(await r.gyreIngestLease(lease, 'b', 0), 0);
    assert.equal(await r.get(lease), null, 'released: the next consumer need not wait for expiry');
  });

  it('the heartbeat registry counts live consumers; one that stops beating drops out, one that leaves at once', async () => {
    const reg = `iq${++n}.api.consumers`;
    // A beat counts for `ttl` ms by Redis's clock: the registry's scores say when each beat was, so the test waits
    // for exactly that much time to pass instead of guessing how long its own round trips take.
    const ttl = 1000;
    const redisNow = async () => {
      const [s, us] = await r.time();
      return Number(s) * 1000 + Math.floor(Number(us) / 1000);
    };
    assert.equal(await r.gyreIngestHeartbeat(reg, 'a', ttl), 1);
    assert.equal(await r.gyreIngestHeartbeat(reg, 'b', ttl), 2);
    assert.equal(await r.gyreIngestHeartbeat(reg, 'b', ttl), 2, 'a repeated beat counts once');
    const aBeat = Number(await r.zscore(reg, 'a'));
    await eventually(async () => (await redisNow()) >= aBeat + 100, 5000, 'a moment to pass');
    assert.equal(await r.gyreIngestHeartbeat(reg, 'b', ttl), 2, 'a beat 100 ms ago still counts');
    await eventually(async () => (await redisNow()) > aBeat + ttl, 5000, "a's beat to age past the ttl");
    assert.equal(await r.gyreIngestHeartbeat(reg, 'b', ttl), 1, 'a stopped beating more than ttl ago');
    assert.equal(await r.gyreIngestHeartbeat(reg, 'c', ttl), 2);
    assert.equal(await r.gyreIngestHeartbeat(reg, 'c', 0), 1, 'c left');
  });

  it('read returns items oldest first after a position, takes nothing, and refuses a position behind the cursor', async () => {
    const f = fixture();
    await r.lpush(f.q, 'one', 'two', 'three', 'four');
    assert.deepEqual(await r.gyreIngestRead(f.q, `${f.q}.acked`, '0', 2), ['0', ['two', 'one']]);
    assert.deepEqual(await r.gyreIngestRead(f.q, `${f.q}.acked`, '2', 5), ['0', ['four', 'three']]);
    assert.deepEqual(await r.gyreIngestRead(f.q, `${f.q}.acked`, '4', 5), ['0', []]);
    assert.equal(await r.llen(f.q), 4, 'reading moved nothing');
    // Two acknowledged: the list holds three, four; positions still count from the queue's beginning.
    await r.ltrim(f.q, 0, -3);
    await r.set(`${f.q}.acked`, 2);
    assert.deepEqual(await r.gyreIngestRead(f.q, `${f.q}.acked`, '2', 1), ['2', ['three']]);
    assert.deepEqual(await r.gyreIngestRead(f.q, `${f.q}.acked`, '3', 5), ['2', ['four']]);
    await assert.rejects(r.gyreIngestRead(f.q, `${f.q}.acked`, '1', 5), /STALE/);
  });

  it('a run publishes and acknowledges in order in one step; a repeat of it, or a run from a deposed consumer, changes nothing', async () => {
    const f = fixture();
    await r.lpush(f.q, 'i1', 'i2', 'i3', 'later');
    await r.gyreIngestLease(`${f.q}.lease`, 'a', 5000);
    const run = [pub('', 'c', 'd1'), pub('', 'c', 'd2'), pub('', 'other', 'd3')];
    await assert.rejects(f.broker.applyRun(run, f.list('b', '0')), LeaseLostError);
    assert.equal(await r.llen(f.q), 4, 'a deposed consumer changed nothing');

    const sub = new Redis(redis.url);
    const seen: string[] = [];
    // A message on a second channel, published after everything else, marks the end of what the run sent.
    const marker = `${f.prefix}.marker`;
    let marked = false;
    await sub.subscribe(f.keys.pubsub('c'), marker);
    sub.on('messageBuffer', (ch: Buffer, m: Buffer) => {
      if (ch.toString() === marker) return void (marked = true);
      const d = decodeMessage(m);
      if (d.kind === 'pub') seen.push(`${d.position?.offset}:${d.pub.data.toString()}`);
    });
    assert.deepEqual(await f.broker.applyRun(run, f.list('a', '0')), { applied: 3 });
    assert.deepEqual(await r.lrange(f.q, 0, -1), ['later'], 'the three oldest left the queue');
    assert.equal(await r.get(`${f.q}.acked`), '3');
    assert.deepEqual(await history(f, 'c'), [[1, 'd1'], [2, 'd2']]);
    assert.equal(await r.hget(f.keys.meta('c'), 's'), '2');
    assert.equal(await r.hget(f.keys.meta('other'), 's'), '1');
    assert.ok((await r.ttl(f.keys.stream('c'))) > 0, 'history expiry set');

    await assert.rejects(f.broker.applyRun(run, f.list('a', '0')), StaleCursorError, 'the same run again (a lost reply) is refused');
    assert.equal(await r.hget(f.keys.meta('c'), 's'), '2', 'not applied twice');
    assert.deepEqual(await r.lrange(f.q, 0, -1), ['later']);
    await r.publish(marker, 'end');
    await eventually(() => marked, 5000, 'every message before the marker');
    assert.deepEqual(seen, ['1:d1', '2:d2'], 'published live once each, with their offsets');
    sub.disconnect();
  });

  it('dead letters, idempotent repeats and publishes without history share a run', async () => {
    const f = fixture();
    await r.lpush(f.q, 'a', 'b', 'c', 'd', 'e', 'f');
    await r.gyreIngestLease(`${f.q}.lease`, 'o', 5000);
    assert.deepEqual(await f.broker.applyRun([pub('', 'c', 'x', { idempotencyKey: 'k1' })], f.list('o', '0')), { applied: 1 });
    const run: QueuedItem[] = [
      { id: '', deadLetter: '{"item":"b","error":"bad"}' },
      pub('', 'c', 'x', { idempotencyKey: 'k1' }),
      pub('', 'c', 'no-history', { historySize: 0 }),
      pub('', 'c', 'y'),
    ];
    assert.deepEqual(await f.broker.applyRun(run, f.list('o', '1')), { applied: 4 });
    assert.deepEqual(await r.lrange(f.dead, 0, -1), ['{"item":"b","error":"bad"}']);
    assert.deepEqual((await history(f, 'c')).map(([o]) => o), [1, 2], 'the repeat under k1 was suppressed, the one without history not stored');
    assert.deepEqual(await r.lrange(f.q, 0, -1), ['f']);
    assert.equal(await r.get(`${f.q}.acked`), '5');
    await assert.rejects(f.broker.applyRun([pub('', 'c', '1'), pub('', 'c', '2')], f.list('o', '5')), StaleCursorError, 'a run longer than the queue (items vanished) is refused');
  });

  it("a run of a store made with 'spublish' publishes on sharded pub/sub, with and without history", async () => {
    const f = fixture();
    const store = new RedisIngestStore(r, f.keys, { publishCommand: 'spublish' });
    await r.lpush(f.q, 'a', 'b');
    await r.gyreIngestLease(`${f.q}.lease`, 'o', 5000);
    const ssub = new Redis(redis.url);
    const classic = new Redis(redis.url);
    const seen: string[] = [];
    let classicSeen = 0;
    ssub.on('smessageBuffer', (_ch: Buffer, m: Buffer) => {
      const d = decodeMessage(m);
      if (d.kind === 'pub') seen.push(`${d.position?.offset ?? '-'}:${d.pub.data.toString()}`);
    });
    classic.on('messageBuffer', () => classicSeen++);
    await ssub.ssubscribe(f.keys.pubsub('c'));
    await classic.subscribe(f.keys.pubsub('c'));
    assert.deepEqual(await store.applyRun([pub('', 'c', 'kept'), pub('', 'c', 'volatile', { historySize: 0 })], f.list('o', '0')), { applied: 2 });
    await Promise.all([ssub.ping(), classic.ping()]);
    assert.deepEqual(seen, ['1:kept', '-:volatile']);
    assert.equal(classicSeen, 0, 'nothing by classic PUBLISH');
    ssub.disconnect();
    classic.disconnect();
  });

  it('a run that meets a Redis error stops there: the items before it are applied and acknowledged, the rest untouched, and a run sent behind it is refused', async () => {
    const f = fixture();
    await r.lpush(f.q, '1', '2', '3', '4', '5');
    await r.gyreIngestLease(`${f.q}.lease`, 'o', 5000);
    await r.set(f.keys.stream('broken'), 'not a stream');
    await r.hset(f.keys.meta('broken'), 'e', 'ep', 's', 5);
    const first = f.broker.applyRun([pub('', 'c', '1'), pub('', 'broken', '2'), pub('', 'c', '3')], f.list('o', '0'));
    const second = f.broker.applyRun([pub('', 'c', '4'), pub('', 'c', '5')], f.list('o', '3'));
    const r1 = await first;
    assert.equal(r1.applied, 1);
    assert.match(r1.error ?? '', /WRONGTYPE/);
    await assert.rejects(second, StaleCursorError);
    assert.deepEqual((await history(f, 'c')).map(([o]) => o), [1]);
    assert.equal(await r.hget(f.keys.meta('broken'), 's'), '5', 'no offset was spent on the failed item');
    assert.equal(await r.llen(f.q), 4);
    assert.equal(await r.get(`${f.q}.acked`), '1');
    // The consumer dead-letters the failing item with ingest_ack at cursor 1, then reads on from there.
    assert.equal(await r.gyreIngestAck(`${f.q}.lease`, f.q, `${f.q}.acked`, f.dead, 'o', 'list', 'gyre', '1', '', '{"error":"WRONGTYPE"}'), 1);
    await assert.rejects(r.gyreIngestAck(`${f.q}.lease`, f.q, `${f.q}.acked`, f.dead, 'o', 'list', 'gyre', '1', '', ''), /STALE/);
    await assert.rejects(r.gyreIngestAck(`${f.q}.lease`, f.q, `${f.q}.acked`, f.dead, 'x', 'list', 'gyre', '2', '', ''), /LEASE_LOST/);
    assert.deepEqual(await r.gyreIngestRead(f.q, `${f.q}.acked`, '2', 5), ['2', ['5', '4', '3']]);
  });

  it('stream read returns entries after an ID, flattened to id, method and payload, null for a missing field', async () => {
    const f = fixture();
    const a = (await r.xadd(f.s, '*', 'method', 'publish', 'payload', '{"x":1}'))!;
    const b = (await r.xadd(f.s, '*', 'payload', '{}', 'other', 'field'))!;
    const c = (await r.xadd(f.s, '*', 'method', 'broadcast'))!;
    assert.deepEqual(await r.gyreIngestReadStream(f.s, '0-0', 10), [a, 'publish', '{"x":1}', b, null, '{}', c, 'broadcast', null]);
    assert.deepEqual(await r.gyreIngestReadStream(f.s, a, 1), [b, null, '{}']);
    assert.deepEqual(await r.gyreIngestReadStream(f.s, c, 10), []);
    assert.deepEqual(await r.gyreIngestReadStream(`${f.s}.missing`, '0-0', 10), []);
    assert.equal(await r.xlen(f.s), 3, 'reading changed nothing');
  });

  it('stream entries: the group is the cursor; a run moves it past the entries and deletes them', async () => {
    const f = fixture();
    await r.xgroup('CREATE', f.s, 'gyre', '0', 'MKSTREAM');
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await r.xadd(f.s, '*', 'method', 'publish', 'payload', '{}'))!);
    await r.gyreIngestLease(`${f.s}.lease`, 'me', 5000);
    await assert.rejects(f.broker.applyRun([pub(ids[0]!, 'c', '1')], f.stream('me', ids[0]!)), StaleCursorError);
    assert.deepEqual(await f.broker.applyRun([pub(ids[0]!, 'c', '1'), pub(ids[1]!, 'c', '2')], f.stream('me', '0-0')), { applied: 2 });
    const group = ((await r.xinfo('GROUPS', f.s)) as unknown[][])[0]!;
    assert.equal(group[group.indexOf('last-delivered-id') + 1], ids[1]);
    assert.equal(group[group.indexOf('pending') + 1], 0);
    assert.deepEqual((await r.xrange(f.s, '-', '+')).map(([id]) => id), [ids[2]], 'applied entries left the stream');
    await assert.rejects(f.broker.applyRun([pub(ids[1]!, 'c', '2')], f.stream('me', ids[0]!)), StaleCursorError, 'a repeat is refused');
    assert.equal(await r.gyreIngestAck(`${f.s}.lease`, f.s, '', f.dead, 'me', 'stream', 'gyre', ids[1]!, ids[2]!, ''), 1);
    assert.equal(await r.xlen(f.s), 0);
    await r.del(f.s);
    await assert.rejects(f.broker.applyRun([pub('9-9', 'c', '3')], f.stream('me', ids[2]!)), /NOGROUP/, 'the group vanished (Redis restarted empty)');
    assert.equal(await r.hget(f.keys.meta('c'), 's'), '2');
  });
});
