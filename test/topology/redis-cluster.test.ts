/**
 * Gyre on a real Redis Cluster (3 masters, 3 replicas), with classic and
 * with sharded pub/sub (redis.sharded_pubsub): two servers of two workers
 * each, real centrifuge-js clients subscribed to channels on every master,
 * publications through the other server's API and through the Redis list
 * queue, presence and join/leave;
 * then what becomes of subscriptions when the node a subscriber connection
 * is on dies. Sharded pub/sub on a single Redis 7, and the refusal to start
 * where Redis has no SPUBLISH, close the file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Redis, { Cluster } from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { encodePublication } from '../../src/engine/redis/pubsub-wire';
import { defineScripts } from '../../src/engine/redis/scripts';
import { channelsOnEveryMaster, clusterSuite, gyreOnCluster, nodesWithConnection, type PlacedChannel, subscriptionsOn } from '../helpers/cluster-gyre';
import { collect, type CodecName, decode, makeClient, nextEvent, token } from '../helpers/clients';
import { startRedis } from '../helpers/redis';
import { command, dataArgs, freePorts, nodeDir, RedisNode } from '../helpers/redis-node';
import { eventually, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from '../e2e/fixtures';

const suite = clusterSuite();
const { cleanups } = suite;

type Mode = 'classic' | 'sharded';
const MODES: Mode[] = ['classic', 'sharded'];

async function servers(prefix: string, mode: Mode, config: Record<string, unknown> = {}): Promise<TestServer[]> {
  const list = await gyreOnCluster(suite.cluster, prefix, { sharded: mode === 'sharded', config: { channel: channelConfig, ...config } });
  for (const s of list) cleanups.push(() => s.stop('SIGKILL'));
  return list;
}

/** A client of `server` subscribed to every channel, recording each subscription's events. */
async function subscriber(server: TestServer, user: string, codec: CodecName, channels: PlacedChannel[]) {
  const c = makeClient(server.wsUrl, codec, { token: token({ sub: user }) });
  const subs = new Map(
    channels.map(({ channel }) => {
      const sub = c.newSubscription(channel, { joinLeave: true });
      const rec = { sub, pubs: collect(sub, 'publication'), joins: collect(sub, 'join'), leaves: collect(sub, 'leave'), subscribed: collect(sub, 'subscribed'), subscribing: [] as any[] };
      sub.subscribe();
      return [channel, rec] as const;
    }),
  );
  c.connect();
  await Promise.all([...subs.values()].map((s) => s.sub.ready(10_000)));
  for (const s of subs.values()) s.sub.on('subscribing', (ctx) => s.subscribing.push(ctx));
  const seqs = (channel: string) => subs.get(channel)!.pubs.map((p) => (decode(codec, p.data) as { seq: number }).seq);
  return { c, user, subs, seqs };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('Redis Cluster, 2 servers × 2 workers', () => {
  for (const mode of MODES) {
    it(`${mode} pub/sub: publications through the other server and the Redis queue, presence and join/leave, on channels of every master`, async () => {
      const prefix = `cl-${mode}`;
      const [a, b] = (await servers(prefix, mode)) as [TestServer, TestServer];
      const channels = await channelsOnEveryMaster(suite.cluster, 'chat', mode, 2);
      assert.equal(new Set(channels.map((c) => c.master)).size, 3, 'channels on all three masters');
      const clients = await Promise.all([a, a, b, b].map((srv, i) => subscriber(srv, `u${i}`, i % 2 ? 'protobuf' : 'json', channels)));

      // Where the subscriptions are: sharded ones on the slot's master only, or classic ones on any node.
      for (const { channel, master } of channels) {
        const counts = await subscriptionsOn(suite.cluster.ports, prefix, channel);
        if (mode === 'sharded') {
          assert.deepEqual(counts.filter((n) => n.sharded > 0).map((n) => n.port), [master], `${channel}: SSUBSCRIBEd on its slot's master`);
          assert.ok(sum(counts.map((n) => n.sharded)) >= 2, `${channel}: by workers of both servers`);
          assert.equal(sum(counts.map((n) => n.classic)), 0, `${channel}: no classic subscription`);
        } else {
          assert.ok(sum(counts.map((n) => n.classic)) >= 2, `${channel}: SUBSCRIBEd by workers of both servers`);
          assert.equal(sum(counts.map((n) => n.sharded)), 0, `${channel}: no sharded subscription`);
        }
      }

      // Publications through both servers' APIs: each client gets half of them from the other server.
      const total = 10;
      for (let seq = 1; seq <= total; seq++) {
        await Promise.all(
          channels.map(async ({ channel }) => {
            const r = await (seq % 2 ? b : a).api('publish', { channel, data: { seq } });
            assert.equal(r.result?.offset, seq, JSON.stringify(r));
          }),
        );
      }
      // And one more each through the Redis list queue: the consuming worker publishes it in the same mode.
      const queue = new Cluster([{ host: '127.0.0.1', port: suite.cluster.ports[0]! }]);
      for (const { channel } of channels) await queue.lpush(`${prefix}.api`, JSON.stringify({ method: 'publish', params: { channel, data: { seq: total + 1 } } }));
      queue.disconnect();
      await eventually(() => clients.every((cl) => channels.every(({ channel }) => cl.seqs(channel).length > total)), 15_000, 'every publication delivered');
      for (const cl of clients) {
        for (const { channel } of channels) {
          assert.deepEqual(cl.seqs(channel), range(1, total + 1), `${cl.user} on ${channel}: once each, in order`);
          assert.deepEqual(cl.subs.get(channel)!.pubs.map((p) => Number(p.offset)), range(1, total + 1));
        }
      }

      // Presence and join/leave, across servers.
      for (const { channel } of channels) {
        const presence = await a.api('presence', { channel });
        assert.deepEqual(Object.values(presence.result.presence).map((i: any) => i.user).sort(), ['u0', 'u1', 'u2', 'u3']);
      }
      const late = await subscriber(b, 'late', 'json', channels);
      const onA = clients.slice(0, 2);
      await eventually(() => onA.every((cl) => channels.every(({ channel }) => cl.subs.get(channel)!.joins.some((j) => j.info.user === 'late'))), 10_000, 'joins on the other server');
      assert.deepEqual((await b.api('presence_stats', { channel: channels[0]!.channel })).result, { num_clients: 5, num_users: 5 });
      late.c.disconnect();
      await eventually(() => onA.every((cl) => channels.every(({ channel }) => cl.subs.get(channel)!.leaves.some((l) => l.info.user === 'late'))), 10_000, 'leaves on the other server');
      await eventually(async () => (await a.api('presence_stats', { channel: channels[5]!.channel })).result.num_clients === 4, 10_000, 'presence shrinks');
      for (const cl of clients) cl.c.disconnect();
      await Promise.all([a.stop(), b.stop()]);
    });
  }
});

/**
 * A publication that reached the stream and no subscriber: what a node
 * misses while its subscriber connection is gone. Written on the channel's
 * master with a pub/sub name nobody listens to, and replicated before this
 * returns (so it survives a failover).
 */
async function lostPublication(prefix: string, channel: string, master: number, seq: number): Promise<void> {
  const keys = new RedisKeys(prefix);
  const r = new Redis({ host: '127.0.0.1', port: master, maxRetriesPerRequest: 0 });
  r.on('error', () => {});
  defineScripts(r);
  try {
    const epoch = (await r.hget(keys.meta(channel), 'e'))!;
    await r.gyrePublish(keys.stream(channel), keys.meta(channel), keys.result(channel, ''), encodePublication({ data: Buffer.from(JSON.stringify({ seq })) }), 100, 300, 'nowhere', 2592000, epoch, 0);
    assert.equal(await r.wait(1, 5000), 1, 'replicated');
  } finally {
    r.disconnect();
  }
}

/**
 * Every client was told to resubscribe (2500, insufficient state) and then
 * either recovered the lost publication 2 after 1, or was told it could not
 * recover (`recovered: false`: a failover that starts a new epoch does so);
 * never left without it and without a word.
 */
async function toldAndRecovered(clients: Awaited<ReturnType<typeof subscriber>>[], channel: string): Promise<void> {
  const notRecovered = (cl: (typeof clients)[number]) => cl.subs.get(channel)!.subscribed.some((e) => e.wasRecovering && !e.recovered);
  await eventually(() => clients.every((cl) => cl.seqs(channel).length === 2 || notRecovered(cl)), 15_000, 'every client told to recover, and recovering the lost publication');
  for (const cl of clients) {
    const rec = cl.subs.get(channel)!;
    assert.ok(rec.subscribing.length > 0 && rec.subscribing.every((e) => e.code === 2500), 'told insufficient state');
    if (notRecovered(cl)) assert.deepEqual(cl.seqs(channel), [1], 'told it could not recover, and given nothing twice');
    else {
      assert.deepEqual(cl.seqs(channel), [1, 2]);
      assert.ok(rec.subscribed.some((e) => e.wasRecovering && e.recovered), 'recovered');
    }
  }
}

// Idle subscriptions are not checked on their own during the tests below: only a resubscribe can reveal a lost publication.
const quiet = { client: { position_check_interval: 600 } };

/** Classic pub/sub: 4 clients (2 per server) subscribed to a channel holding publication 1, and 2 lost on its way. */
async function classicWithLostPublication(prefix: string, user: string) {
  const [a, b] = (await servers(prefix, 'classic', quiet)) as [TestServer, TestServer];
  const [placed] = await channelsOnEveryMaster(suite.cluster, 'chat', prefix, 1);
  const { channel, master } = placed!;
  const clients = await Promise.all([a, a, b, b].map((srv, i) => subscriber(srv, `${user}${i}`, i % 2 ? 'protobuf' : 'json', [placed!])));
  assert.equal((await a.api('publish', { channel, data: { seq: 1 } })).result.offset, 1);
  await eventually(() => clients.every((cl) => cl.seqs(channel).length === 1), 5000, 'the first publication');
  await lostPublication(prefix, channel, master, 2);
  return { a, b, channel, master, clients };
}

describe('Redis Cluster: a node under the subscriber connections dies', () => {
  it('classic: the subscriber connections move to live nodes, resubscribe, and every client recovers what was missed', async () => {
    const { a, b, channel, clients } = await classicWithLostPublication('fail-classic', 'c');

    // Every worker's subscriber connection goes: kill -9 of a replica holding some (the node dies), CLIENT KILL of the rest.
    const masters = await suite.cluster.masters();
    const before = await eventually(async () => {
      const m = await nodesWithConnection(suite.cluster.ports, 'gyre-pubsub');
      return sum([...m.values()]) === 4 ? m : undefined;
    }, 10_000, 'one subscriber connection per worker');
    const replicas = suite.cluster.ports.filter((p) => !masters.includes(p));
    const victim = replicas.find((p) => before!.has(p)) ?? replicas[0]!;
    await suite.cluster.killNode(victim);
    const live = suite.cluster.ports.filter((p) => p !== victim);
    for (const port of live) await command(port, 'CLIENT', 'KILL', 'TYPE', 'pubsub');

    await toldAndRecovered(clients, channel);
    // A worker whose clients are elsewhere may still be between connections on a busy machine: waited for, not sampled.
    await eventually(async () => sum([...(await nodesWithConnection(live, 'gyre-pubsub')).values()]) === 4, 10_000, 'every worker has a subscriber connection again, on live nodes');
    // Still delivering on the new connections.
    assert.equal((await b.api('publish', { channel, data: { seq: 3 } })).result.offset, 3);
    await eventually(() => clients.every((cl) => cl.seqs(channel).at(-1) === 3), 5000, 'live delivery after the move');
    for (const cl of clients) cl.c.disconnect();
    await Promise.all([a.stop(), b.stop(), suite.cluster.restart(victim)]);
  });

  it("classic: resubscribed while the channel's master is failing over, subscriptions are checked once the replica is promoted", async () => {
    const { a, b, channel, master, clients } = await classicWithLostPublication('fail-classic-master', 'm');

    // The master dies, and every subscriber connection with it or right after: the workers resubscribe on live
    // nodes at once, and check their subscriptions while the channel's stream cannot be read yet.
    await suite.cluster.killNode(master);
    const live = suite.cluster.ports.filter((p) => p !== master);
    for (const port of live) await command(port, 'CLIENT', 'KILL', 'TYPE', 'pubsub');
    await suite.cluster.waitForFailover(master);
    await toldAndRecovered(clients, channel);
    for (const cl of clients) cl.c.disconnect();
    await Promise.all([a.stop(), b.stop(), suite.cluster.restart(master)]);
  });

  it("sharded: the dead master's channels are subscribed again on the promoted replica, and every client recovers what was missed", async () => {
    const prefix = 'fail-sharded';
    const [a, b] = (await servers(prefix, 'sharded', quiet)) as [TestServer, TestServer];
    const channels = await channelsOnEveryMaster(suite.cluster, 'chat', 'lost-sharded', 1);
    const clients = await Promise.all([a, a, b, b].map((srv, i) => subscriber(srv, `s${i}`, i % 2 ? 'protobuf' : 'json', channels)));
    for (const { channel } of channels) assert.equal((await a.api('publish', { channel, data: { seq: 1 } })).result.offset, 1);
    await eventually(() => clients.every((cl) => channels.every(({ channel }) => cl.seqs(channel).length === 1)), 5000, 'the first publications');
    const { channel, master } = channels[0]!;
    await lostPublication(prefix, channel, master, 2);

    await suite.cluster.killNode(master);
    await suite.cluster.waitForFailover(master);
    const promoted = await suite.cluster.masterOfSlot(channels[0]!.slot);
    await eventually(
      async () => (await subscriptionsOn([promoted], prefix, channel))[0]!.sharded >= 2,
      15_000,
      'the channel SSUBSCRIBEd again on the promoted replica',
    );
    await toldAndRecovered(clients, channel);
    // Every channel still delivers, the failed-over one through its new master.
    for (const { channel: ch } of channels) assert.ok((await b.api('publish', { channel: ch, data: { seq: 3 } })).result, 'published');
    await eventually(() => clients.every((cl) => channels.every(({ channel: ch }) => cl.seqs(ch).at(-1) === 3)), 10_000, 'live delivery on every channel');
    for (const cl of clients) cl.c.disconnect();
    await Promise.all([a.stop(), b.stop(), suite.cluster.restart(master)]);
  });
});

describe('sharded pub/sub outside a Cluster', () => {
  it('on a single Redis 7: channels SSUBSCRIBEd, control still SUBSCRIBEd, publications and joins delivered', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const prefix = 'single-sharded';
    const server = await startServer({ config: { engine: 'redis', workers: 2, redis: { url: redis.url, prefix, sharded_pubsub: true }, channel: channelConfig } });
    cleanups.push(() => server.stop('SIGKILL'));
    const ch = { channel: 'chat:single', slot: 0, master: redis.port };
    const [x, y] = await Promise.all([subscriber(server, 'x', 'json', [ch]), subscriber(server, 'y', 'protobuf', [ch])]);
    const [counts] = await subscriptionsOn([redis.port], prefix, ch.channel);
    assert.ok(counts!.sharded >= 1 && counts!.classic === 0, JSON.stringify(counts));
    const control = async () => Number(((await command(redis.port, 'PUBSUB', 'NUMSUB', `${prefix}.control`)) as [string, number])[1]);
    await eventually(async () => (await control()) === 2, 5000, 'both workers hearing control by classic SUBSCRIBE');
    assert.equal((await server.api('publish', { channel: ch.channel, data: { seq: 1 } })).result.offset, 1);
    await eventually(() => x.seqs(ch.channel).length === 1 && y.seqs(ch.channel).length === 1, 5000, 'delivered');
    const joined = nextEvent(x.subs.get(ch.channel)!.sub, 'join', 5000, (j) => j.info.user === 'z');
    const z = await subscriber(server, 'z', 'json', [ch]);
    await joined;
    for (const cl of [x, y, z]) cl.c.disconnect();
    await server.stop();
  });

  it('refused at start, saying why, where Redis has no SPUBLISH (before Redis 7)', async () => {
    const [port] = await freePorts(1);
    const dir = nodeDir('no-spublish');
    // Redis 7 with SPUBLISH renamed away answers as Redis 6 does: unknown command.
    const old = new RedisNode(port!, dir, [...dataArgs(port!, dir, false), '--rename-command', 'SPUBLISH', '']);
    await old.start();
    cleanups.push(() => old.dispose());
    await assert.rejects(
      startServer({ config: { engine: 'redis', workers: 1, redis: { url: `redis://127.0.0.1:${port}`, prefix: 'old', sharded_pubsub: true } } }),
      (err: Error) => {
        assert.match(err.message, /exited with 1/);
        assert.match(err.message, /redis\.sharded_pubsub needs Redis 7 or later/);
        assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
        return true;
      },
    );
  });
});
