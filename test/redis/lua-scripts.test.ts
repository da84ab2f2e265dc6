/**
 * The Redis engine's Lua scripts, called directly through the typed commands
 * of src/engine/redis/scripts.ts against a private redis-server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { decodeMessage, encodePublication } from '../../src/engine/redis/pubsub-wire';
import { defineScripts } from '../../src/engine/redis/scripts';
import type { Publication } from '../../src/protocol/types';
import { type TestRedis, startRedis } from '../helpers/redis';
import { sleep } from '../helpers/server';

const HISTORY_TTL = 60;
const META_TTL = 3600;
const RESULT_TTL = 300;

let redis: TestRedis;
let client: Redis;
let sub: Redis;
let n = 0;
/** A fresh key prefix per test, instead of flushing between tests. */
const fresh = () => new RedisKeys(`t${++n}`);

const pubOf = (text: string): Publication => ({
  data: Buffer.from(JSON.stringify({ text })),
  info: { user: 'u1', client: 'c1' },
  tags: { k: 'v' },
  time: 1_700_000_000_000,
});

interface PublishOpts {
  size?: number;
  metaTtl?: number;
  epoch?: string;
  idem?: string;
  /** The publish command argument ('spublish' for sharded pub/sub); not passed when absent. */
  command?: string;
}

/** Publishes `pub` on `ch`, with history of `size` (default 10) and optionally an idempotency key. */
function publish(keys: RedisKeys, ch: string, pub: Publication, o: PublishOpts = {}) {
  return client.gyrePublish(
    keys.stream(ch),
    keys.meta(ch),
    keys.result(ch, o.idem ?? ''),
    encodePublication(pub),
    o.size ?? 10,
    HISTORY_TTL,
    keys.pubsub(ch),
    o.metaTtl ?? META_TTL,
    o.epoch ?? 'epoch-a',
    o.idem === undefined ? 0 : RESULT_TTL,
    ...((o.command === undefined ? [] : [0, o.command]) as [0, 'spublish']),
  );
}

interface HistoryOpts {
  include?: boolean;
  start?: string;
  limit?: number;
  reverse?: boolean;
  epoch?: string;
}

async function history(keys: RedisKeys, ch: string, o: HistoryOpts = {}) {
  const reverse = o.reverse ?? false;
  const [top, epoch, entries] = await client.gyreHistoryBuffer(
    keys.stream(ch),
    keys.meta(ch),
    o.include === false ? 0 : 1,
    o.start ?? (reverse ? '+' : '-'),
    o.limit ?? 0,
    reverse ? 1 : 0,
    META_TTL,
    o.epoch ?? 'epoch-h',
  );
  return {
    top,
    epoch: epoch.toString(),
    entries: entries.map(([id, fields]) => {
      assert.equal(fields.length, 2);
      assert.equal(fields[0]?.toString(), 'd');
      return { id: id.toString(), data: fields[1] as Buffer };
    }),
  };
}

/** Collects the raw pub/sub messages of one channel. */
async function listen(channel: string): Promise<{ messages: Buffer[]; stop: () => Promise<void> }> {
  const messages: Buffer[] = [];
  const onMessage = (ch: Buffer, msg: Buffer) => {
    if (ch.toString() === channel) messages.push(msg);
  };
  sub.on('messageBuffer', onMessage);
  await sub.subscribe(channel);
  return {
    messages,
    stop: async () => {
      await sub.unsubscribe(channel);
      sub.off('messageBuffer', onMessage);
    },
  };
}

/**
 * Waits until a PING on the subscriber connection comes back: Redis queued
 * every message published before it ahead of the reply, so they have all
 * been delivered by then.
 */
async function flushSub(): Promise<void> {
  await sub.ping();
}

const presenceKeys = (keys: RedisKeys, ch: string) =>
  [keys.presenceData(ch), keys.presenceExpire(ch), keys.presenceClientUser(ch), keys.presenceUsers(ch)] as const;

const infoBytes = (user: string, clientId: string) => Buffer.from(`info:${user}:${clientId}:\u00ff\u0000`, 'latin1');

describe('redis lua scripts', () => {
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    sub = new Redis(redis.url);
    defineScripts(client);
  });

  after(async () => {
    await client?.quit();
    await sub?.quit();
    await redis?.stop();
  });

  describe('broker_publish', () => {
    it('gives offsets 1, 2, 3 under one epoch, matching the meta hash', async () => {
      const keys = fresh();
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await publish(keys, 'ch', pubOf(`m${i}`), { epoch: `cand-${i}` }));
      assert.deepEqual(results, [
        [1, 'cand-0', 0],
        [2, 'cand-0', 0],
        [3, 'cand-0', 0],
      ]);
      assert.deepEqual(await client.hmget(keys.meta('ch'), 'e', 's'), ['cand-0', '3']);
      const ids = (await client.xrange(keys.stream('ch'), '-', '+')).map(([id]) => id);
      assert.deepEqual(ids, ['1-0', '2-0', '3-0']);
    });

    it('publishes p<offset>:<epoch>:<payload> that decodes to the same publication', async () => {
      const keys = fresh();
      const l = await listen(keys.pubsub('ch'));
      try {
        const pub = pubOf('hello');
        const [offset, epoch] = await publish(keys, 'ch', pub, { epoch: 'ep1' });
        await publish(keys, 'ch', pubOf('second'), { epoch: 'other' });
        await flushSub();
        const first = l.messages[0] as Buffer;
        assert.ok(first.toString('latin1').startsWith('p1:ep1:'));
        assert.deepEqual(first.subarray(7), encodePublication(pub));
        const m = decodeMessage(first);
        assert.equal(m.kind, 'pub');
        if (m.kind !== 'pub') return;
        assert.deepEqual(m.position, { offset, epoch });
        assert.equal(m.pub.offset, 1);
        assert.deepEqual(m.pub.data, pub.data);
        assert.deepEqual(m.pub.info, pub.info);
        assert.deepEqual(m.pub.tags, pub.tags);
        assert.equal(m.pub.time, pub.time);
        const m2 = decodeMessage(l.messages[1] as Buffer);
        assert.ok(m2.kind === 'pub');
        assert.deepEqual(m2.position, { offset: 2, epoch: 'ep1' });
        assert.deepEqual(m2.pub.data, pubOf('second').data);
      } finally {
        await l.stop();
      }
    });

    it('without history publishes n:<payload> and returns [0, "", 0]', async () => {
      const keys = fresh();
      const l = await listen(keys.pubsub('ch'));
      try {
        const pub = pubOf('volatile');
        assert.deepEqual(await publish(keys, 'ch', pub, { size: 0 }), [0, '', 0]);
        await flushSub();
        const msg = l.messages[0] as Buffer;
        assert.deepEqual(msg, Buffer.concat([Buffer.from('n:'), encodePublication(pub)]));
        const m = decodeMessage(msg);
        assert.ok(m.kind === 'pub');
        assert.equal(m.position, undefined);
        assert.deepEqual(m.pub.data, pub.data);
        assert.equal(await client.exists(keys.stream('ch'), keys.meta('ch')), 0);
      } finally {
        await l.stop();
      }
    });

    it("with 'spublish' publishes on sharded pub/sub only, with and without history; an unknown command changes nothing", async () => {
      const keys = fresh();
      const ssub = new Redis(redis.url);
      const sharded: Buffer[] = [];
      ssub.on('smessageBuffer', (_ch: Buffer, m: Buffer) => sharded.push(m));
      await ssub.ssubscribe(keys.pubsub('ch'));
      const l = await listen(keys.pubsub('ch'));
      try {
        assert.deepEqual(await publish(keys, 'ch', pubOf('kept'), { epoch: 'ep', command: 'spublish' }), [1, 'ep', 0]);
        assert.deepEqual(await publish(keys, 'ch', pubOf('volatile'), { size: 0, command: 'spublish' }), [0, '', 0]);
        await publish(keys, 'ch', pubOf('classic'), { command: 'publish' });
        await Promise.all([ssub.ping(), flushSub()]);
        assert.deepEqual(sharded.map((m) => decodeMessage(m)).map((m) => (m.kind === 'pub' ? [m.position?.offset, m.pub.data.toString()] : m.kind)), [
          [1, pubOf('kept').data.toString()],
          [undefined, pubOf('volatile').data.toString()],
        ]);
        assert.equal(l.messages.length, 1, 'PUBLISH subscribers heard only the classic publication');
        assert.equal(decodeMessage(l.messages[0]!).kind, 'pub');
        await assert.rejects(publish(keys, 'other', pubOf('x'), { command: 'bogus' }), /unknown publish command bogus/);
        assert.equal(await client.exists(keys.stream('other'), keys.meta('other')), 0);
      } finally {
        await l.stop();
        ssub.disconnect();
      }
    });

    it('trims the stream to exactly the history size', async () => {
      const keys = fresh();
      for (let i = 1; i <= 5; i++) await publish(keys, 'ch', pubOf(`m${i}`), { size: 3 });
      const entries = await client.xrange(keys.stream('ch'), '-', '+');
      assert.deepEqual(entries.map(([id]) => id), ['3-0', '4-0', '5-0']);
      assert.equal(await client.xlen(keys.stream('ch')), 3);
      assert.equal(await client.hget(keys.meta('ch'), 's'), '5');
    });

    it('sets the stream ttl and the sliding meta ttl; meta ttl 0 never expires', async () => {
      const keys = fresh();
      await publish(keys, 'ch', pubOf('x'));
      const streamTtl = await client.pttl(keys.stream('ch'));
      const metaTtl = await client.pttl(keys.meta('ch'));
      assert.ok(streamTtl > 0 && streamTtl <= HISTORY_TTL * 1000, `stream pttl ${streamTtl}`);
      assert.ok(metaTtl > 0 && metaTtl <= META_TTL * 1000, `meta pttl ${metaTtl}`);
      // Sliding: a shortened ttl is pushed back up by the next publish.
      await client.expire(keys.meta('ch'), 10);
      await client.expire(keys.stream('ch'), 10);
      await publish(keys, 'ch', pubOf('y'));
      assert.ok((await client.pttl(keys.meta('ch'))) > 10_000);
      assert.ok((await client.pttl(keys.stream('ch'))) > 10_000);

      await publish(keys, 'forever', pubOf('x'), { metaTtl: 0 });
      assert.equal(await client.pttl(keys.meta('forever')), -1);
      const s = await client.pttl(keys.stream('forever'));
      assert.ok(s > 0 && s <= HISTORY_TTL * 1000, `stream pttl ${s}`);
    });

    it('suppresses a second publish under the same idempotency key', async () => {
      const keys = fresh();
      const l = await listen(keys.pubsub('ch'));
      try {
        const first = await publish(keys, 'ch', pubOf('once'), { idem: 'k1', epoch: 'e1' });
        assert.deepEqual(first, [1, 'e1', 0]);
        const again = await publish(keys, 'ch', pubOf('once'), { idem: 'k1', epoch: 'e2' });
        assert.deepEqual(again, [1, 'e1', 1]);
        assert.equal(await client.xlen(keys.stream('ch')), 1);
        assert.equal(await client.hget(keys.meta('ch'), 's'), '1');
        assert.deepEqual(await client.hgetall(keys.result('ch', 'k1')), { e: 'e1', s: '1' });
        const rttl = await client.pttl(keys.result('ch', 'k1'));
        assert.ok(rttl > 0 && rttl <= RESULT_TTL * 1000, `result pttl ${rttl}`);

        // Another key publishes again.
        assert.deepEqual(await publish(keys, 'ch', pubOf('other'), { idem: 'k2' }), [2, 'e1', 0]);
        assert.equal(await client.xlen(keys.stream('ch')), 2);

        await flushSub();
        assert.equal(l.messages.length, 2);
        assert.deepEqual(l.messages.map((m) => m.toString('latin1').slice(0, 6)), ['p1:e1:', 'p2:e1:']);
      } finally {
        await l.stop();
      }
    });

    it('without history, an idempotency key also suppresses the second publish', async () => {
      const keys = fresh();
      const l = await listen(keys.pubsub('ch'));
      try {
        assert.deepEqual(await publish(keys, 'ch', pubOf('a'), { size: 0, idem: 'k' }), [0, '', 0]);
        assert.deepEqual(await publish(keys, 'ch', pubOf('a'), { size: 0, idem: 'k' }), [0, '', 1]);
        assert.equal(await client.exists(keys.result('ch', 'k')), 1);
        assert.equal(await client.exists(keys.stream('ch'), keys.meta('ch')), 0);
        await flushSub();
        assert.equal(l.messages.length, 1);
        assert.equal(l.messages[0]?.toString('latin1', 0, 2), 'n:');
      } finally {
        await l.stop();
      }
    });

    it('without an idempotency key never touches the result key', async () => {
      const keys = fresh();
      await publish(keys, 'ch', pubOf('a'));
      await publish(keys, 'ch', pubOf('a'));
      assert.equal(await client.xlen(keys.stream('ch')), 2);
      assert.equal(await client.exists(keys.result('ch', '')), 0);
    });

    it('starts a new epoch and drops a stale stream when the counter restarts', async () => {
      const keys = fresh();
      for (let i = 0; i < 3; i++) await publish(keys, 'ch', pubOf(`old${i}`), { epoch: 'old' });
      await client.del(keys.meta('ch')); // as if it expired or was evicted
      assert.equal(await client.xlen(keys.stream('ch')), 3);
      const res = await publish(keys, 'ch', pubOf('new'), { epoch: 'new' });
      assert.deepEqual(res, [1, 'new', 0]);
      const entries = await client.xrangeBuffer(keys.stream('ch'), '-', '+');
      assert.equal(entries.length, 1);
      assert.equal(entries[0]?.[0].toString(), '1-0');
      assert.deepEqual(entries[0]?.[1][1], encodePublication(pubOf('new')));
    });
  });

  describe('broker_history', () => {
    /** Five publications m1..m5 on `ch`, epoch 'ep'. */
    async function seeded() {
      const keys = fresh();
      for (let i = 1; i <= 5; i++) await publish(keys, 'ch', pubOf(`m${i}`), { epoch: 'ep' });
      return keys;
    }
    const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

    it('returns only the top when publications are not requested', async () => {
      const keys = await seeded();
      const h = await history(keys, 'ch', { include: false });
      assert.deepEqual(h, { top: 5, epoch: 'ep', entries: [] });
      const [top, epoch, entries] = await client.gyreHistory(keys.stream('ch'), keys.meta('ch'), 0, '-', 0, 0, META_TTL, 'x');
      assert.deepEqual([top, epoch, entries], [5, 'ep', []]);
    });

    it('reads forward from the beginning and since an offset, with the exact bytes', async () => {
      const keys = await seeded();
      const all = await history(keys, 'ch');
      assert.equal(all.top, 5);
      assert.equal(all.epoch, 'ep');
      assert.deepEqual(ids(all.entries), ['1-0', '2-0', '3-0', '4-0', '5-0']);
      all.entries.forEach((e, i) => assert.deepEqual(e.data, encodePublication(pubOf(`m${i + 1}`))));

      const since2 = await history(keys, 'ch', { start: String(2 + 1) });
      assert.deepEqual(ids(since2.entries), ['3-0', '4-0', '5-0']);
      const since5 = await history(keys, 'ch', { start: String(5 + 1) });
      assert.equal(since5.top, 5);
      assert.deepEqual(since5.entries, []);
    });

    it('reads in reverse from the end and from a start', async () => {
      const keys = await seeded();
      assert.deepEqual(ids((await history(keys, 'ch', { reverse: true })).entries), ['5-0', '4-0', '3-0', '2-0', '1-0']);
      const before4 = await history(keys, 'ch', { reverse: true, start: String(4 - 1) });
      assert.deepEqual(ids(before4.entries), ['3-0', '2-0', '1-0']);
      assert.deepEqual(before4.entries[0]?.data, encodePublication(pubOf('m3')));
      // Since offset 1 backwards: start 0, nothing before it, and no error.
      const before1 = await history(keys, 'ch', { reverse: true, start: String(1 - 1) });
      assert.deepEqual(before1, { top: 5, epoch: 'ep', entries: [] });
      assert.deepEqual(await history(keys, 'ch', { reverse: true, start: '-1' }), { top: 5, epoch: 'ep', entries: [] });
    });

    it('applies the limit in both directions', async () => {
      const keys = await seeded();
      assert.deepEqual(ids((await history(keys, 'ch', { limit: 2 })).entries), ['1-0', '2-0']);
      assert.deepEqual(ids((await history(keys, 'ch', { start: '4', limit: 1 })).entries), ['4-0']);
      assert.deepEqual(ids((await history(keys, 'ch', { reverse: true, limit: 2 })).entries), ['5-0', '4-0']);
      assert.deepEqual(ids((await history(keys, 'ch', { reverse: true, start: '3', limit: 2 })).entries), ['3-0', '2-0']);
    });

    it('creates the epoch on a never-published channel, and a later publish keeps it', async () => {
      const keys = fresh();
      const h = await history(keys, 'ch', { epoch: 'first' });
      assert.deepEqual(h, { top: 0, epoch: 'first', entries: [] });
      assert.deepEqual(await client.hgetall(keys.meta('ch')), { e: 'first' });
      const mttl = await client.pttl(keys.meta('ch'));
      assert.ok(mttl > 0 && mttl <= META_TTL * 1000, `meta pttl ${mttl}`);
      // A second read keeps it too.
      assert.equal((await history(keys, 'ch', { epoch: 'second' })).epoch, 'first');
      assert.deepEqual(await publish(keys, 'ch', pubOf('a'), { epoch: 'publisher' }), [1, 'first', 0]);
      const after1 = await history(keys, 'ch', { epoch: 'third' });
      assert.equal(after1.top, 1);
      assert.equal(after1.epoch, 'first');
      assert.deepEqual(ids(after1.entries), ['1-0']);
    });

    it('reports the top when the stream has expired but the meta hash lives on', async () => {
      const keys = await seeded();
      await client.del(keys.stream('ch'));
      assert.deepEqual(await history(keys, 'ch'), { top: 5, epoch: 'ep', entries: [] });
    });
  });

  describe('presence', () => {
    const add = (keys: RedisKeys, ch: string, user: string, clientId: string, ttl = 60) =>
      client.gyrePresenceAdd(...presenceKeys(keys, ch), ttl, clientId, infoBytes(user, clientId), user);
    const stats = (keys: RedisKeys, ch: string) => client.gyrePresenceStats(...presenceKeys(keys, ch));
    /** HGETALL as a client id → info map. */
    async function get(keys: RedisKeys, ch: string): Promise<Map<string, Buffer>> {
      const flat = await client.gyrePresenceGetBuffer(...presenceKeys(keys, ch));
      assert.equal(flat.length % 2, 0);
      const m = new Map<string, Buffer>();
      for (let i = 0; i < flat.length; i += 2) m.set((flat[i] as Buffer).toString(), flat[i + 1] as Buffer);
      return m;
    }

    it('adds, counts, lists and removes clients', async () => {
      const keys = fresh();
      assert.equal(await add(keys, 'ch', 'alice', 'c1'), 1);
      assert.equal(await add(keys, 'ch', 'alice', 'c2'), 1);
      assert.equal(await add(keys, 'ch', 'bob', 'c3'), 1);
      assert.deepEqual(await stats(keys, 'ch'), [3, 2]);

      const present = await get(keys, 'ch');
      assert.deepEqual([...present.keys()].sort(), ['c1', 'c2', 'c3']);
      assert.deepEqual(present.get('c1'), infoBytes('alice', 'c1'));
      assert.deepEqual(present.get('c2'), infoBytes('alice', 'c2'));
      assert.deepEqual(present.get('c3'), infoBytes('bob', 'c3'));

      // Refreshing a present client does not count its user twice.
      assert.equal(await add(keys, 'ch', 'alice', 'c1'), 0);
      assert.deepEqual(await stats(keys, 'ch'), [3, 2]);

      assert.equal(await client.gyrePresenceRemove(...presenceKeys(keys, 'ch'), 'c1'), 1);
      assert.deepEqual(await stats(keys, 'ch'), [2, 2]);
      assert.equal(await client.gyrePresenceRemove(...presenceKeys(keys, 'ch'), 'c1'), 0);
      assert.equal(await client.gyrePresenceRemove(...presenceKeys(keys, 'ch'), 'nobody'), 0);
      assert.deepEqual(await stats(keys, 'ch'), [2, 2]);
      assert.equal(await client.gyrePresenceRemove(...presenceKeys(keys, 'ch'), 'c2'), 1);
      assert.deepEqual(await stats(keys, 'ch'), [1, 1]);
      assert.deepEqual(await client.hgetall(keys.presenceUsers('ch')), { bob: '1' });
      assert.deepEqual([...(await get(keys, 'ch')).keys()], ['c3']);

      // The string variant returns the same pairs.
      assert.deepEqual(await client.gyrePresenceGet(...presenceKeys(keys, 'ch')), ['c3', infoBytes('bob', 'c3').toString()]);
    });

    it('gives every key the presence ttl', async () => {
      const keys = fresh();
      await add(keys, 'ch', 'alice', 'c1', 30);
      for (const key of presenceKeys(keys, 'ch')) {
        const ttl = await client.pttl(key);
        assert.ok(ttl > 0 && ttl <= 30_000, `${key} pttl ${ttl}`);
      }
      const expiry = Number(await client.zscore(keys.presenceExpire('ch'), 'c1'));
      const [serverNow] = await client.time();
      assert.ok(expiry >= Number(serverNow) + 29 && expiry <= Number(serverNow) + 30, `expiry ${expiry}`);
    });

    it('is empty for a channel nobody joined', async () => {
      const keys = fresh();
      assert.deepEqual(await stats(keys, 'ch'), [0, 0]);
      assert.deepEqual(await client.gyrePresenceGetBuffer(...presenceKeys(keys, 'ch')), []);
    });

    it('drops expired clients in every script', async () => {
      const keys = fresh();
      await add(keys, 'ch', 'alice', 'c1', 1);
      await add(keys, 'ch', 'alice', 'c2', 1);
      await add(keys, 'ch', 'bob', 'c3', 1);
      assert.deepEqual(await stats(keys, 'ch'), [3, 2]);
      // One channel per script, each with a client that expires and one that
      // stays: the keys themselves live on (ttl 60), so only the script's own
      // cleanup can remove the expired client.
      const side = ['by-stats', 'by-get', 'by-add', 'by-remove'];
      for (const ch of side) {
        await add(keys, ch, 'carol', 'c4', 1);
        await add(keys, ch, 'dave', 'c5', 60);
      }
      await sleep(2100);
      assert.deepEqual(await stats(keys, 'ch'), [0, 0]);
      assert.deepEqual(await client.gyrePresenceGetBuffer(...presenceKeys(keys, 'ch')), []);

      /** The four keys of a channel, read without running any script. */
      const raw = async (ch: string) => ({
        data: Object.keys(await client.hgetall(keys.presenceData(ch))).sort(),
        expire: await client.zrange(keys.presenceExpire(ch), '0', '-1'),
        clientUser: await client.hgetall(keys.presenceClientUser(ch)),
        users: await client.hgetall(keys.presenceUsers(ch)),
      });
      const onlyDave = { data: ['c5'], expire: ['c5'], clientUser: { c5: 'dave' }, users: { dave: '1' } };

      assert.deepEqual(await stats(keys, 'by-stats'), [1, 1]);
      assert.deepEqual(await raw('by-stats'), onlyDave);

      assert.deepEqual([...(await get(keys, 'by-get')).keys()], ['c5']);
      assert.deepEqual(await raw('by-get'), onlyDave);

      assert.equal(await add(keys, 'by-add', 'erin', 'c6'), 1);
      assert.deepEqual(await raw('by-add'), {
        data: ['c5', 'c6'],
        expire: ['c5', 'c6'],
        clientUser: { c5: 'dave', c6: 'erin' },
        users: { dave: '1', erin: '1' },
      });

      assert.equal(await client.gyrePresenceRemove(...presenceKeys(keys, 'by-remove'), 'c5'), 1);
      assert.deepEqual(await raw('by-remove'), { data: [], expire: [], clientUser: {}, users: {} });
    });
  });

  describe('admin_login.lua (login-attempt buckets)', () => {
    it('spends BURST attempts, then earns one per REFILL ms by the Redis clock, and expires a bucket once it is full again', async () => {
      const bucket = `${fresh().prefix}.admin.login.10.0.0.1`;
      // The bucket refills while the test talks to Redis: every bound below allows for the time that really
      // passed (measured here, which is at least what Redis saw), and REFILL is long enough that the round trips
      // cannot earn an attempt back on their own.
      const refill = 1000;
      const started = Date.now();
      const elapsed = () => Date.now() - started + 2; // both clocks count whole milliseconds
      for (let i = 0; i < 3; i++) assert.equal(await client.gyreAdminLogin(bucket, 3, refill), 0, `attempt ${i + 1}`);
      const wait = await client.gyreAdminLogin(bucket, 3, refill);
      assert.ok(wait > 0 && wait > refill - elapsed() && wait <= refill, `refused until one attempt is earned: ${wait}`);
      const ttl = await client.pttl(bucket);
      assert.ok(ttl > 3 * refill - elapsed() && ttl <= 3 * refill, `expires when three attempts are back: ${ttl}`);
      await sleep(wait + 20);
      assert.equal(await client.gyreAdminLogin(bucket, 3, refill), 0, 'one attempt earned back');
      const again = await client.gyreAdminLogin(bucket, 3, refill);
      assert.ok(again > 0 && again <= refill, `and spent at once: ${again}`);
      assert.equal(await client.gyreAdminLogin(`${bucket}9`, 3, refill), 0, 'other addresses are not affected');
    });
  });
});
