/**
 * Publishing from Redis (LPUSH to the list queue, XADD to the stream) with
 * two server processes of two workers each: order, exactly-once, failover of
 * the lease holder, dead letters, Redis restarts, and every method.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { closeClients, collect, makeClient, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';

const channel = {
  allow_subscribe_for_client: true,
  namespaces: [
    { name: 'ingest', history_size: 60000, history_ttl: 600, force_recovery: true, allow_subscribe_for_client: true, allow_history_for_subscriber: true },
    { name: 'plain', allow_subscribe_for_client: true },
  ],
};

interface Cluster {
  redis: TestRedis;
  servers: TestServer[];
  r: Redis;
}

async function cluster(prefix: string, opts: { persistent?: boolean; prepare?: (r: Redis) => Promise<unknown>; batch?: number; shards?: number } = {}): Promise<Cluster> {
  const redis = await startRedis(opts);
  if (opts.prepare) {
    const r = new Redis(redis.url);
    await opts.prepare(r);
    r.disconnect();
  }
  const config = {
    engine: 'redis',
    workers: 2,
    redis: { url: redis.url, prefix },
    channel,
    client: { history_max_publication_limit: 0 },
    api: { ingest_batch: opts.batch ?? 256, queue_shards: opts.shards ?? 0 },
  };
  const servers = await Promise.all([startServer({ config }), startServer({ config })]);
  return { redis, servers, r: new Redis(redis.url) };
}

async function teardown(c: Cluster | undefined): Promise<void> {
  if (!c) return;
  c.r.disconnect();
  await Promise.all(c.servers.map((s) => s.stop('SIGKILL')));
  await c.redis.stop();
}

/** Offsets and seq values of a channel's whole history, read straight from its stream. */
async function historySeqs(c: Cluster, prefix: string, ch: string): Promise<number[]> {
  const r = await c.servers[0]!.api('history', { channel: ch, limit: -1 });
  assert.ok(r.result, JSON.stringify(r));
  return r.result.publications.map((p: { data: { seq: number } }) => p.data.seq);
}

const publishItem = (ch: string, seq: number) => JSON.stringify({ method: 'publish', params: { channel: ch, data: { seq } } });
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function pushList(r: Redis, key: string, items: string[]): Promise<void> {
  for (let i = 0; i < items.length; i += 1000) await r.lpush(key, ...items.slice(i, i + 1000));
}

async function pushStream(r: Redis, key: string, entries: [string, string][]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const p = r.pipeline();
    for (const [method, payload] of entries.slice(i, i + 1000)) p.xadd(key, '*', 'method', method, 'payload', payload);
    await p.exec();
  }
}

after(() => closeClients());

describe('publishing from Redis: order and exactly-once', () => {
  let c: Cluster;
  before(async () => {
    c = await cluster('order');
  });
  after(() => teardown(c));

  for (const path of ['list', 'stream'] as const) {
    it(`10,000 items by ${path === 'list' ? 'LPUSH' : 'XADD'} arrive in push order, once each, and history matches`, async () => {
      const ch = `ingest:${path}`;
      const client = makeClient(c.servers[1]!.wsUrl, 'protobuf', { token: token({ sub: 'watcher' }) });
      const sub = client.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      client.connect();
      await sub.ready(5000);
      const total = 10_000;
      if (path === 'list') await pushList(c.r, 'order.api', range(total).map((i) => publishItem(ch, i)));
      else await pushStream(c.r, 'order.api.stream', range(total).map((i) => ['publish', JSON.stringify({ channel: ch, data: { seq: i } })]));
      await eventually(() => pubs.length >= total, 60_000, `${total} deliveries`);
      await sleep(200);
      const seqs = pubs.map((p) => JSON.parse(new TextDecoder().decode(p.data)).seq);
      assert.equal(seqs.length, total, 'no duplicates');
      assert.deepEqual(seqs, range(total));
      assert.deepEqual(await historySeqs(c, 'order', ch), range(total));
      if (path === 'list') {
        assert.equal(await c.r.llen('order.api'), 0, 'applied items leave the queue');
        assert.equal(await c.r.get('order.api.acked'), String(total), 'the cursor counts every item once');
      } else {
        assert.equal(await c.r.xlen('order.api.stream'), 0, 'applied entries leave the stream');
        const group = ((await c.r.xinfo('GROUPS', 'order.api.stream')) as unknown[][])[0]!;
        assert.equal(group[group.indexOf('pending') + 1], 0, 'nothing left pending');
      }
    });
  }
});

describe('publishing from Redis: failover', () => {
  let c: Cluster;
  before(async () => {
    c = await cluster('failover');
  });
  after(() => teardown(c));

  it('kill -9 of the server holding the lease with 50,000 items queued: the other takes over, history holds each once, in order', async () => {
    const ch = 'ingest:failover';
    const total = 50_000;
    // Hold the lease while the backlog is pushed, then let the servers race for it and kill the winner
    // as soon as it has applied something: draining 50,000 items takes it about 2 s.
    await c.r.set('failover.api.lease', 'test-hold', 'PX', 60_000);
    const nodes = (await eventually(async () => {
      const all = (await c.servers[0]!.api('info')).result.nodes as { uid: string; name: string }[];
      return all.length === 4 ? all : undefined;
    }, 15_000, 'both servers in info'))!;
    await pushList(c.r, 'failover.api', range(total).map((i) => publishItem(ch, i)));
    await c.r.del('failover.api.lease');
    const owner = await eventually(async () => {
      const holder = await c.r.get('failover.api.lease');
      return holder && (await c.r.llen('failover.api')) < total ? holder : undefined;
    }, 15_000, 'a lease holder applying items');
    const holderName = nodes.find((n) => n.uid === owner)?.name;
    assert.ok(holderName, `the lease holder ${owner} is a node in info`);
    const workerPid = holderName!.split('_').pop()!;
    const serverPid = Number(execFileSync('ps', ['-o', 'ppid=', '-p', workerPid], { encoding: 'utf8' }).trim());
    const victim = c.servers.find((s) => s.proc.pid === serverPid)!;
    const survivor = c.servers.find((s) => s !== victim)!;
    assert.ok(victim && survivor, 'holder belongs to one of the servers');
    for (const pid of execFileSync('pgrep', ['-P', String(serverPid)], { encoding: 'utf8' }).trim().split('\n')) process.kill(Number(pid), 'SIGKILL');
    process.kill(serverPid, 'SIGKILL');
    const left = await c.r.llen('failover.api');
    assert.ok(left > 0, 'killed while items were still queued');
    await eventually(async () => (await c.r.llen('failover.api')) === 0, 60_000, 'queue drained by the survivor');
    const r = await survivor.api('history', { channel: ch, limit: -1 });
    assert.deepEqual(r.result.publications.map((p: { data: { seq: number } }) => p.data.seq), range(total));
  });
});

describe('publishing from Redis: leases shared among workers', () => {
  let c: Cluster;
  // 5 sources (gyre.api, 3 shards, the stream) and 4 workers: at most 2 leases each.
  const sources = ['share.api', 'share.api.0', 'share.api.1', 'share.api.2', 'share.api.stream'];
  before(async () => {
    c = await cluster('share', { shards: 3 });
  });
  after(() => teardown(c));

  const holders = () => Promise.all(sources.map((s) => c.r.get(`${s}.lease`)));
  const fairlyShared = (h: (string | null)[]) => {
    const per = new Map<string, number>();
    for (const x of h) if (x) per.set(x, (per.get(x) ?? 0) + 1);
    return h.every((x) => x !== null) && [...per.values()].every((n) => n <= 2) && per.size >= 3;
  };

  it('every queue and stream has a consumer, no worker holds more than its share, and items still apply in order while leases move', async () => {
    // Pushed right away, while the first workers up still hold more than their share and hand leases over.
    const channels = ['ingest:s0', 'ingest:s1', 'ingest:s2'];
    const total = 3000;
    await Promise.all(
      channels.map((ch, i) => pushList(c.r, `share.api.${i}`, range(total).map((n) => publishItem(ch, n)))),
    );
    await eventually(async () => fairlyShared(await holders()), 20_000, 'leases shared: all held, at most 2 per worker, 3 or more workers');
    for (const ch of channels) {
      await eventually(async () => (await historySeqs(c, 'share', ch)).length === total, 30_000, `${ch} applied`);
      assert.deepEqual(await historySeqs(c, 'share', ch), range(total), `${ch}: once each, in order`);
    }
    // Stable: a few rounds later the shares still hold and nobody took a lease twice over.
    await sleep(2500);
    assert.ok(fairlyShared(await holders()), JSON.stringify(await holders()));
    assert.equal(await c.r.zcard('share.api.consumers'), 4, 'four live workers registered');
  });
});

describe('publishing from Redis: takeover', () => {
  let c: Cluster;
  const ch = 'ingest:takeover';
  before(async () => {
    // Redis as a consumer that died mid-queue leaves it: the list's cursor says 3 items were
    // acknowledged (they left the queue), 4-9 still queued; the stream's group stands after
    // entry 3 and entries 4-10 wait; both leases still running. Entries 1-3 are kept (a real
    // consumer deletes them) to show that the group, not the stream's start, says where to go on.
    c = await cluster('takeover', {
      prepare: async (r) => {
        await r.set('takeover.api.acked', 3);
        await r.lpush('takeover.api', ...[4, 5, 6, 7, 8, 9].map((i) => publishItem(ch, i)));
        await r.set('takeover.api.lease', 'a-consumer-that-died', 'PX', 1500);
        await r.xgroup('CREATE', 'takeover.api.stream', 'gyre', '0', 'MKSTREAM');
        const ids: string[] = [];
        for (let i = 1; i <= 10; i++) {
          ids.push((await r.xadd('takeover.api.stream', '*', 'method', 'publish', 'payload', JSON.stringify({ channel: 'ingest:takeover-stream', data: { seq: i } })))!);
        }
        await r.xgroup('SETID', 'takeover.api.stream', 'gyre', ids[2]!);
        await r.set('takeover.api.stream.lease', 'a-consumer-that-died', 'PX', 1500);
      },
      batch: 2,
    });
  });
  after(() => teardown(c));

  it('a new lease holder goes on from the cursor its dead predecessor left, in order, across batches', async () => {
    await eventually(async () => (await historySeqs(c, 'takeover', ch)).length === 6, 15_000, 'six publications');
    assert.deepEqual(await historySeqs(c, 'takeover', ch), [4, 5, 6, 7, 8, 9]);
    assert.equal(await c.r.llen('takeover.api'), 0);
    assert.equal(await c.r.get('takeover.api.acked'), '9');
    await eventually(async () => (await historySeqs(c, 'takeover', 'ingest:takeover-stream')).length === 7, 15_000, 'stream entries');
    assert.deepEqual(await historySeqs(c, 'takeover', 'ingest:takeover-stream'), [4, 5, 6, 7, 8, 9, 10], 'entries after the group cursor, none before it');
    assert.equal(await c.r.xlen('takeover.api.stream'), 3, 'applied entries deleted; the three before the cursor untouched');
  });
});

describe('publishing from Redis: bad items and every method', () => {
  let c: Cluster;
  before(async () => {
    c = await cluster('methods');
  });
  after(() => teardown(c));

  it('malformed items go to the dead-letter list with reasons; the valid ones around them are applied in order', async () => {
    const ch = 'ingest:mixed';
    await c.r.set('methods.stream.{ingest:wrongtype}', 'not a stream');
    await c.r.hset('methods.meta.{ingest:wrongtype}', 'e', 'ep', 's', 5);
    await pushList(c.r, 'methods.api', [
      publishItem(ch, 1),
      'not json',
      publishItem(ch, 2),
      JSON.stringify({ method: 'nope', params: {} }),
      JSON.stringify({ method: 'publish', params: { channel: 'unknown:ns', data: 1 } }),
      JSON.stringify({ method: 'publish', params: { channel: ch } }),
      JSON.stringify({ method: 'history', params: { channel: ch } }),
      '[1,2]',
      // Its channel's history key holds a string: Redis answers WRONGTYPE, which no retry cures.
      publishItem('ingest:wrongtype', 9),
      publishItem(ch, 3),
    ]);

    await pushStream(c.r, 'methods.api.stream', [
      ['publish', '{broken'],
      ['publish', JSON.stringify({ channel: ch, data: { seq: 4 } })],
    ]);
    await c.r.xadd('methods.api.stream', '*', 'payload', '{}');
    await eventually(async () => (await c.r.llen('methods.api.dead')) === 9, 10_000, 'nine dead letters');
    await eventually(async () => (await historySeqs(c, 'methods', ch)).length === 4, 10_000, 'valid items applied');
    const seqs = await historySeqs(c, 'methods', ch);
    // The list and the stream are separate sources: each keeps its own order, they may interleave.
    assert.deepEqual(seqs.filter((s) => s !== 4), [1, 2, 3], 'list items in order despite the bad ones between them');
    assert.ok(seqs.includes(4), 'the valid stream entry after a bad one');
    const dead = (await c.r.lrange('methods.api.dead', 0, -1)).map((d) => JSON.parse(d));
    for (const d of dead) {
      assert.ok(d.item !== undefined && typeof d.error === 'string' && d.error && d.source && !Number.isNaN(Date.parse(d.at)), JSON.stringify(d));
    }
    const errors = dead.map((d) => `${d.source} ${d.error}`).join('\n');
    assert.match(errors, /methods\.api item is not valid JSON/);
    assert.match(errors, /method "nope" is not accepted/);
    assert.match(errors, /102: unknown channel/);
    assert.match(errors, /107: bad request: data required/);
    assert.match(errors, /method "history" is not accepted/);
    assert.match(errors, /item is not a JSON object/);
    assert.match(errors, /methods\.api\.stream payload is not valid JSON/);
    assert.match(errors, /entry has no method field/);
    assert.match(errors, /methods\.api redis: WRONGTYPE/);

    // The consuming worker reports each source in the info API: counts, depth and lag.
    const stats = (await eventually(async () => {
      const nodes = (await c.servers[1]!.api('info')).result.nodes as { ingest?: any[] }[];
      const all = nodes.flatMap((n) => n.ingest ?? []);
      const list = all.find((x) => x.source === 'methods.api');
      const stream = all.find((x) => x.source === 'methods.api.stream');
      return list && stream && list.dead_letters >= 7 && stream.dead_letters >= 2 ? { list, stream } : undefined;
    }, 10_000, 'ingest stats in info'))!;
    assert.equal(stats.list.kind, 'list');
    assert.ok(stats.list.applied >= 3);
    assert.equal(stats.list.depth, 0);
    assert.equal(stats.list.lag_ms, 0);
    assert.equal(stats.stream.kind, 'stream');
    assert.ok(stats.stream.applied >= 1);
    assert.equal(typeof stats.stream.applied_per_second, 'number');
  });

  for (const path of ['list', 'stream'] as const) {
    it(`every method works through the ${path}`, async () => {
      const send = async (method: string, params: object) => {
        if (path === 'list') await c.r.lpush('methods.api', JSON.stringify({ method, params }));
        else await c.r.xadd('methods.api.stream', '*', 'method', method, 'payload', JSON.stringify(params));
      };
      const user = `u-${path}`;
      const client = makeClient(c.servers[0]!.wsUrl, 'json', { token: token({ sub: user }) });
      const sub = client.newSubscription(`plain:${path}`);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      client.connect();
      await sub.ready(5000);

      await send('publish', { channel: `plain:${path}`, data: { m: 'publish' } });
      await send('broadcast', { channels: [`plain:${path}`, `ingest:bc-${path}`], data: { m: 'broadcast' } });
      await eventually(() => pubs.length === 2, 10_000, 'publish and broadcast delivered');
      assert.deepEqual(pubs.map((p) => p.data.m), ['publish', 'broadcast']);
      assert.equal((await c.servers[1]!.api('history', { channel: `ingest:bc-${path}`, limit: -1 })).result.publications.length, 1);

      const subscribed = nextEvent(client, 'subscribed', 10_000, (ctx) => ctx.channel === `plain:srv-${path}`);
      await send('subscribe', { user, channel: `plain:srv-${path}` });
      await subscribed;
      const unsubscribed = nextEvent(sub, 'unsubscribed', 10_000);
      await send('unsubscribe', { user, channel: `plain:${path}` });
      assert.equal((await unsubscribed).code, 2000);

      await send('history_remove', { channel: `ingest:bc-${path}` });
      await eventually(async () => (await c.servers[1]!.api('history', { channel: `ingest:bc-${path}`, limit: -1 })).result.publications.length === 0, 10_000, 'history removed');

      const reconnecting = nextEvent(client, 'connecting', 10_000);
      await send('refresh', { user, expired: true });
      assert.equal((await reconnecting).code, 3005);
      await nextEvent(client, 'connected', 10_000);

      const disconnected = nextEvent(client, 'disconnected', 10_000);
      await send('disconnect', { user });
      assert.equal((await disconnected).code, 3503);
    });
  }
});

describe('publishing from Redis: Redis restarts', () => {
  let c: Cluster;
  before(async () => {
    c = await cluster('restart', { persistent: true });
  });
  after(() => teardown(c));

  it('Redis restarted during ingestion: consumption resumes by itself, no item applied twice', async () => {
    const ch = 'ingest:restart';
    const total = 20_000;
    await pushList(c.r, 'restart.api', range(total).map((i) => publishItem(ch, i)));
    await eventually(async () => (await c.r.llen('restart.api')) < total - 1000, 15_000, 'ingestion under way');
    c.r.disconnect();
    await c.redis.restart();
    c.r = new Redis(c.redis.url);
    await eventually(async () => (await c.r.llen('restart.api')) === 0, 60_000, 'queue drained after the restart');
    assert.deepEqual(await historySeqs(c, 'restart', ch), range(total));
  });
});
