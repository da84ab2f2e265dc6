/**
 * One deployment, two kinds of node on one Redis: a standalone server process
 * (`gyre serve`) and a node embedded in this test process (the library's
 * `Gyre`, listening on a port of its own, authenticating connections from a
 * cookie in its onConnecting handler). Real centrifuge-js clients on both;
 * publications, history, recovery, presence, info and disconnects cross
 * from one kind of node to the other, and closing the embedded node leaves
 * the server serving.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import Redis from 'ioredis';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Gyre, type ConnectingEvent } from '../../src/library';
import { closeClients, collect, type CodecName, decode, makeClient, nextEvent, token } from '../helpers/clients';
import { startRedis, type TestRedis } from '../helpers/redis';
import { eventually, startServer, statusOf, type TestServer } from '../helpers/server';
import { channelConfig } from './fixtures';

let redis: TestRedis;
let server: TestServer;
let gyre: Gyre;
/** The embedded node's WebSocket endpoint. */
let embeddedWs: string;
/** Every connect event the in-process handler saw. */
const connecting: ConnectingEvent[] = [];

before(async () => {
  redis = await startRedis();
  const shared = { engine: 'redis', redis: { url: redis.url, prefix: 'mixed' }, channel: channelConfig, log: { level: 'warn' } } as const;
  const embedded = async () => {
    const g = (gyre = await Gyre.create({ config: { ...shared, name: 'embedded' } }));
    // The application's own session: the user is whoever the `sid` cookie names; no cookie, no connection.
    g.onConnecting((e) => {
      connecting.push(e);
      const sid = /(?:^|;\s*)sid=([^;]+)/.exec(e.headers['cookie'] ?? '')?.[1];
      return sid ? { user: sid } : undefined;
    });
    const addr = await g.listen(0, '127.0.0.1');
    embeddedWs = `ws://127.0.0.1:${addr.port}/connection/websocket`;
  };
  // Assigned as each comes up, so `after` stops whichever started should the other fail.
  await Promise.all([startServer({ config: { ...shared, name: 'standalone', workers: 1 } }).then((s) => (server = s)), embedded()]);
});

after(async () => {
  closeClients();
  await gyre?.close(2000);
  await server?.stop();
  await redis?.stop();
});

/** A WebSocket that sends `cookie` with its upgrade request, as a browser would. */
function withCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

/** A client of `user`: on the standalone server with a token, on the embedded node with its session cookie. */
function clientOf(where: 'standalone' | 'embedded', user: string, codec: CodecName = 'json', opts: Record<string, unknown> = {}) {
  return where === 'standalone'
    ? makeClient(server.wsUrl, codec, { token: token({ sub: user }), ...opts })
    : makeClient(embeddedWs, codec, { websocket: withCookie(`theme=dark; sid=${user}`), ...opts });
}

/** A connected client of `user` subscribed to `channel` (with `since`, when given): its id, its subscribed event and the publications it gets. */
async function subscriber(
  where: 'standalone' | 'embedded',
  user: string,
  channel: string,
  codec: CodecName = 'json',
  since?: { offset: number; epoch: string },
  subOpts: Record<string, unknown> = {},
) {
  const client = clientOf(where, user, codec);
  const sub = client.newSubscription(channel, { ...subOpts, ...(since ? { since } : {}) });
  const pubs = collect(sub, 'publication');
  const subscribed = nextEvent(sub, 'subscribed', 5000);
  const connected = nextEvent(client, 'connected', 5000);
  sub.subscribe();
  client.connect();
  return { client, sub, pubs, id: (await connected).client as string, subscribed: await subscribed };
}

const users = (presence: { presence: Record<string, { user: string }> }) => Object.values(presence.presence).map((i) => i.user).sort();

describe('an embedded node and a standalone server on one Redis', () => {
  it('the embedded node authenticates a connection from its cookie, in process, and refuses one without', async () => {
    const before = connecting.length;
    const c = clientOf('embedded', 'emma');
    c.connect();
    const connected = await nextEvent(c, 'connected', 5000);
    assert.ok(connected.client, 'a client id');
    const e = connecting[before]!;
    assert.equal(e.headers['cookie'], 'theme=dark; sid=emma', 'the handler sees every header of the upgrade request');
    assert.equal(e.transport, 'websocket');
    assert.equal(e.protocol, 'json');
    c.disconnect();

    const stranger = makeClient(embeddedWs, 'json');
    const gone = nextEvent(stranger, 'disconnected', 5000);
    stranger.connect();
    assert.equal((await gone).code, 3501, 'no user and no anonymous access: refused');
  });

  it("app code's publish reaches a client of the server, and the server API's reaches a client of the embedded node", async () => {
    const ch = 'chat:cross';
    const onServer = await subscriber('standalone', 'sam', ch, 'json');
    const onEmbedded = await subscriber('embedded', 'emma', ch, 'protobuf');

    const first = await gyre.publish(ch, { from: 'app' });
    assert.equal(first.offset, 1);
    assert.equal(typeof first.epoch, 'string');
    const second = await server.api('publish', { channel: ch, data: { from: 'api' } });
    assert.deepEqual(second.result, { offset: 2, epoch: first.epoch }, 'one stream, whichever node writes it');

    await eventually(() => onServer.pubs.length === 2 && onEmbedded.pubs.length === 2, 5000, 'both deliveries on both nodes');
    for (const [s, codec] of [[onServer, 'json'], [onEmbedded, 'protobuf']] as const) {
      assert.deepEqual(s.pubs.map((p) => decode(codec, p.data)), [{ from: 'app' }, { from: 'api' }]);
      assert.deepEqual(s.pubs.map((p) => Number(p.offset)), [1, 2]);
    }
    onServer.client.disconnect();
    onEmbedded.client.disconnect();
  });

  it('history written through one is read through the other, positions agreeing', async () => {
    const ch = 'chat:history';
    for (let i = 1; i <= 5; i++) {
      if (i % 2) await gyre.publish(ch, { i });
      else await server.api('publish', { channel: ch, data: { i } });
    }
    const mine = await gyre.history(ch, { limit: -1 });
    const theirs = (await server.api('history', { channel: ch, limit: -1 })).result;
    assert.equal(mine.offset, 5);
    assert.deepEqual(mine.publications.map((p) => p.offset), [1, 2, 3, 4, 5]);
    assert.deepEqual(mine.publications.map((p) => p.data), [1, 2, 3, 4, 5].map((i) => ({ i })));
    assert.deepEqual(theirs, mine, 'the same publications, offsets and epoch');
    // The stream position alone (limit 0) and a page since a position agree too.
    assert.deepEqual(await gyre.history(ch), { publications: [], offset: 5, epoch: mine.epoch });
    const since = await server.api('history', { channel: ch, limit: -1, since: { offset: 3, epoch: mine.epoch } });
    assert.deepEqual(since.result.publications.map((p: { offset: number }) => p.offset), [4, 5]);
  });

  for (const [from, to] of [
    ['embedded', 'standalone'],
    ['standalone', 'embedded'],
  ] as const) {
    it(`a client that left the ${from} node recovers on the ${to} node exactly what it missed`, async () => {
      const ch = `chat:move-${from}`;
      const publishOn = (node: 'standalone' | 'embedded', i: number) =>
        node === 'embedded' ? gyre.publish(ch, { i }) : server.api('publish', { channel: ch, data: { i } }).then((r) => r.result);
      const first = await subscriber(from, 'rita', ch, 'protobuf');
      for (let i = 1; i <= 2; i++) await publishOn(i === 1 ? 'embedded' : 'standalone', i);
      await eventually(() => first.pubs.length === 2, 5000, 'live publications');
      first.client.disconnect();
      // Missed while away: some through the node it left, some through the node it comes back to.
      for (let i = 3; i <= 6; i++) await publishOn(i % 2 ? from : to, i);

      const last = { offset: Number(first.pubs[1].offset), epoch: first.subscribed.streamPosition.epoch as string };
      const back = await subscriber(to, 'rita', ch, 'json', last);
      assert.equal(back.subscribed.wasRecovering, true);
      assert.equal(back.subscribed.recovered, true);
      await eventually(() => back.pubs.length === 4, 5000, 'recovered publications');
      assert.deepEqual(back.pubs.map((p) => p.data), [3, 4, 5, 6].map((i) => ({ i })));
      assert.deepEqual(back.pubs.map((p) => Number(p.offset)), [3, 4, 5, 6]);
      await publishOn(from, 7);
      await eventually(() => back.pubs.length === 5, 5000, 'live after recovery');
      back.client.disconnect();
    });
  }

  it('presence shows the clients of both nodes, to app code and to the server API alike', async () => {
    const ch = 'chat:room';
    const ann = await subscriber('standalone', 'ann', ch);
    const bob = await subscriber('embedded', 'bob', ch, 'protobuf');
    const mine = await gyre.presence(ch);
    assert.deepEqual(users(mine), ['ann', 'bob']);
    const theirs = (await server.api('presence', { channel: ch })).result;
    assert.deepEqual(Object.keys(mine.presence).sort(), [ann.id, bob.id].sort(), 'keyed by the client ids each node gave');
    assert.equal(mine.presence[bob.id]?.user, 'bob', 'the user the in-process handler named');
    assert.deepEqual(theirs, mine);
    assert.deepEqual(await gyre.presenceStats(ch), { num_clients: 2, num_users: 2 });
    assert.deepEqual((await server.api('presence_stats', { channel: ch })).result, { num_clients: 2, num_users: 2 });

    bob.client.disconnect();
    await eventually(async () => (await server.api('presence_stats', { channel: ch })).result.num_clients === 1, 5000, 'presence shrinks on the server');
    assert.deepEqual(users(await gyre.presence(ch)), ['ann']);
    ann.client.disconnect();
  });

  it('info lists both nodes; gyre.disconnect(user) ends that user’s connections on the server too', async () => {
    const names = (r: { nodes: { name: string }[] }) => r.nodes.map((n) => n.name).sort();
    // A node learns of another from its announcements (every 3 s).
    await eventually(async () => names(await gyre.info()).join() === 'embedded,standalone', 8000, 'both nodes in the embedded node’s info');
    await eventually(async () => names((await server.api('info')).result).join() === 'embedded,standalone', 8000, 'both nodes in the server’s info');

    const there = clientOf('standalone', 'carol');
    const here = clientOf('embedded', 'carol');
    const bystander = clientOf('standalone', 'dave');
    for (const c of [there, here, bystander]) {
      c.connect();
      await c.ready(5000);
    }
    const bystanderLost = collect(bystander, 'disconnected');
    const gone = [nextEvent(there, 'disconnected', 5000), nextEvent(here, 'disconnected', 5000)];
    await gyre.disconnect('carol');
    assert.deepEqual((await Promise.all(gone)).map((d) => d.code), [3503, 3503]);
    await gyre.disconnect('nobody', { disconnect: { code: 4000, reason: 'custom' } });
    assert.equal(bystanderLost.length, 0);
    bystander.disconnect();
  });

  /** What the server saw of the embedded node's clients once the node had closed (for the todo test below). */
  let afterClose: { presence: string[]; leaveSeen: boolean } | undefined;

  it('closing the embedded node leaves the standalone server serving', async () => {
    const ch = 'chat:after-close';
    const stays = await subscriber('standalone', 'stays', ch, 'json', undefined, { joinLeave: true });
    const lost = collect(stays.client, 'disconnected');
    const leaves = await subscriber('embedded', 'leaves', ch);
    const left = collect(stays.sub, 'leave');
    const reconnecting = nextEvent(leaves.client, 'connecting', 5000);
    const embeddedHealth = embeddedWs.replace('ws://', 'http://').replace('/connection/websocket', '/health');

    assert.equal(await gyre.close(5000), true, 'closed within its deadline');
    // Its clients were sent away to reconnect elsewhere (3001), and its port is closed.
    assert.equal((await reconnecting).code, 3001);
    leaves.client.disconnect();
    await assert.rejects(statusOf(embeddedHealth, 2000));

    assert.equal(await statusOf(`${server.httpUrl}/health`), 200);
    const r = await server.api('publish', { channel: ch, data: { after: 'close' } });
    assert.equal(r.result.offset, 1);
    await eventually(() => stays.pubs.length === 1, 5000, 'a delivery after the close');
    assert.deepEqual(stays.pubs[0].data, { after: 'close' });
    const late = await subscriber('standalone', 'late', ch);
    assert.equal(late.subscribed.streamPosition.offset, 1);
    assert.equal(lost.length, 0, 'the server’s clients never noticed');

    // Recorded for the next test: a second is plenty for a leave and a presence removal sent at the close.
    const leaveSeen = () => left.some((l) => l.info.user === 'leaves');
    const presence = async () => users((await server.api('presence', { channel: ch })).result);
    await eventually(async () => leaveSeen() && !(await presence()).includes('leaves'), 1000).catch(() => {});
    afterClose = { presence: await presence(), leaveSeen: leaveSeen() };
  });

  // Found with this test: the drain released the engine before the closed clients' presence removals and leaves
  // (queued on the auto-pipelined connection) were sent; it now waits for them (Node.settled).
  it(
    'a closed node has taken its clients out of presence and announced their leave',
    () => {
      assert.ok(afterClose, 'the previous test ran');
      assert.deepEqual(afterClose.presence, ['late', 'stays']);
      assert.equal(afterClose.leaveSeen, true);
    },
  );
  it('a node that cannot start (its GRPC port taken) rejects and releases its Redis connections', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const admin = new Redis(redis.url);
    const clients = async () => String(await admin.client('LIST')).trim().split('\n').length;
    try {
      const before = await clients();
      await assert.rejects(
        Gyre.create({ config: { engine: 'redis', redis: { url: redis.url, prefix: 'failing' }, grpc_api: { enabled: true, address: '127.0.0.1', port }, log: { level: 'fatal' } } }),
        /EADDRINUSE/,
      );
      await eventually(async () => (await clients()) <= before, 5000);
      assert.ok((await clients()) <= before, 'no connection of the failed node is left open');
    } finally {
      admin.disconnect();
      blocker.close();
    }
  });
});
