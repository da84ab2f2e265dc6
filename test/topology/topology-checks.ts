/**
 * What every Redis topology must do for Gyre, as one suite run against each:
 * two server processes of two workers each on the topology `start` returns,
 * real centrifuge clients (WebSocket, HTTP-streaming and SSE) and both
 * servers' APIs, on channels placed so that each shard — or each master of a
 * Redis Cluster — holds one of them. Used by topologies*.test.ts.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { type AnyCentrifuge, closeClients, collect, type HttpTransportName, makeClient, makeHttpClient, nextEvent, token } from '../helpers/clients';
import { eventually, sleep, startServer, type TestServer } from '../helpers/server';
import { channelConfig } from '../e2e/fixtures';

export interface Topology {
  /** redis.url: one URL, a comma-separated list or a list. */
  url: string | string[];
  /** Give the servers `url` as GYRE_REDIS_URL (URLs joined by commas) instead of in the config file. */
  viaEnv?: boolean;
  /** The Redis a channel's keys can live on, one port per place: each shard's (its master's) or each Cluster master's. */
  places: number[];
  /** The port, one of `places`, of the Redis that should hold `channel`'s keys. */
  placeOf(channel: string): number | Promise<number>;
  stop(): Promise<void>;
}

const PREFIX = 'topo';
const ADMIN_PASSWORD = 'topology admin password';
const WAIT_MS = 15_000;

/** A subscription with every publication it received and its `subscribed` context. */
interface Subscribed {
  channel: string;
  sub: ReturnType<AnyCentrifuge['newSubscription']>;
  pubs: any[];
  ctx: any;
}

/** `client` subscribed to each of `channels` (options per channel from `subOpts`); resolves once every subscription is live. */
async function subscribeAll(client: AnyCentrifuge, channels: string[], subOpts: (ch: string) => Record<string, unknown> = () => ({})): Promise<Subscribed[]> {
  const pending = channels.map((channel) => {
    const sub = client.newSubscription(channel, subOpts(channel));
    const pubs = collect(sub, 'publication');
    const subscribed = nextEvent(sub, 'subscribed', WAIT_MS);
    sub.subscribe();
    return { channel, sub, pubs, subscribed };
  });
  client.connect();
  return Promise.all(pending.map(async ({ subscribed, ...s }) => ({ ...s, ctx: await subscribed })));
}

/** A JSON WebSocket client of `user` on `server`, subscribed to each of `channels`. */
async function wsClient(server: TestServer, user: string, channels: string[], subOpts?: (ch: string) => Record<string, unknown>) {
  const client = makeClient(server.wsUrl, 'json', { token: token({ sub: user }) });
  return { client, subs: await subscribeAll(client, channels, subOpts) };
}

/** Until each subscription has `n` publications, then a moment more to catch any duplicate; returns their `data.n`. */
async function received(subs: Subscribed[], n: number): Promise<number[][]> {
  await eventually(() => subs.every((s) => s.pubs.length >= n), WAIT_MS, `${n} publications on each of ${subs.map((s) => s.channel).join(', ')}`);
  await sleep(300);
  return subs.map((s) => s.pubs.map((p) => p.data.n));
}

/** Publishes `{n}` for each n in [from, to] to every channel, through `server`'s API; returns the offsets. */
async function publishRange(server: TestServer, channels: string[], from: number, to: number): Promise<number[]> {
  const offsets: number[] = [];
  for (const channel of channels) {
    for (let n = from; n <= to; n++) {
      const r = await server.api('publish', { channel, data: { n } });
      assert.ok(r.result, JSON.stringify(r));
      offsets.push(r.result.offset);
    }
  }
  return offsets;
}

/** The sum of a metric's samples (every label set) in Prometheus text. */
function metricSum(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (line === name || line.startsWith(`${name} `) || line.startsWith(`${name}{`)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

async function scrape(server: TestServer): Promise<string> {
  const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(WAIT_MS) });
  assert.equal(res.status, 200);
  return res.text();
}

/** A POST on a connection of its own, so the server's primary may hand it to either worker. */
function freshPost(server: TestServer, path: string, body: unknown): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.httpUrl}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * One describe: starts the topology and two servers on it once, then checks
 * publishing, history, recovery, presence, server-side subscriptions, node
 * info, metrics, /emulation forwarding, the admin login limit and where each
 * channel's keys are, all on channels spread over every place.
 */
export function topologySuite(title: string, start: () => Promise<Topology>): void {
  describe(title, () => {
    let topo: Topology;
    let a: TestServer;
    let b: TestServer;
    /** A plain client of each place, for looking at keys. */
    let direct: Map<number, Redis>;

    before(async () => {
      topo = await start();
      direct = new Map(
        topo.places.map((port) => {
          const r = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
          r.on('error', () => {});
          return [port, r];
        }),
      );
      const env = topo.viaEnv ? { GYRE_REDIS_URL: [topo.url].flat().join(',') } : undefined;
      const config = {
        engine: 'redis',
        workers: 2,
        redis: topo.viaEnv ? { prefix: PREFIX } : { url: topo.url, prefix: PREFIX },
        channel: channelConfig,
        metrics: { enabled: true },
        admin: { enabled: true, password: ADMIN_PASSWORD, secret: 'topology-admin-secret' },
      };
      [a, b] = await Promise.all([startServer({ config, env }), startServer({ config, env })]);
    });
    after(async () => {
      closeClients();
      for (const r of direct?.values() ?? []) r.disconnect();
      await Promise.all([a?.stop(), b?.stop()]);
      await topo?.stop();
    });

    /** One channel of namespace `ns` on each place, in the order of `places`: `ns:tag-i<suffix>` for the first i landing there. */
    async function spread(ns: string, tag: string, suffix = ''): Promise<string[]> {
      const found = new Map<number, string>();
      for (let i = 0; found.size < topo.places.length; i++) {
        assert.ok(i < 1000, `no channel ${ns}:${tag}-i${suffix} lands on every place`);
        const ch = `${ns}:${tag}-${i}${suffix}`;
        const place = await topo.placeOf(ch);
        if (!found.has(place)) found.set(place, ch);
      }
      return topo.places.map((p) => found.get(p)!);
    }

    it('info lists the two workers of both servers, on both servers', async () => {
      const uids = async (s: TestServer) => ((await s.api('info')).result.nodes as { uid: string }[]).map((n) => n.uid).sort();
      await eventually(async () => (await uids(a)).length === 4 && (await uids(b)).length === 4, WAIT_MS, 'four nodes on each server');
      assert.deepEqual(await uids(a), await uids(b));
    });

    it('publishes and broadcasts with history and idempotency keys on every place; history and history_remove', async () => {
      const channels = await spread('chat', 'pub');
      const { subs } = await wsClient(b, 'reader', channels);
      for (const channel of channels) {
        const first = await a.api('publish', { channel, data: { n: 1 }, idempotency_key: `once-${channel}` });
        assert.equal(first.result.offset, 1, JSON.stringify(first));
        // The same key through the other server: the first result again, nothing published.
        assert.deepEqual(await b.api('publish', { channel, data: { n: 1 }, idempotency_key: `once-${channel}` }), first);
        assert.deepEqual(await b.api('publish', { channel, data: { n: 2 } }), { result: { offset: 2, epoch: first.result.epoch } });
        const h = (await a.api('history', { channel, limit: -1 })).result;
        assert.deepEqual([h.offset, h.epoch], [2, first.result.epoch]);
        assert.deepEqual(h.publications.map((p: any) => [p.offset, p.data.n]), [[1, 1], [2, 2]]);
      }
      assert.deepEqual(await received(subs, 2), channels.map(() => [1, 2]), 'each publication delivered once');
      for (const channel of channels) {
        const epoch = (await a.api('history', { channel, limit: 0 })).result.epoch;
        assert.deepEqual(await b.api('history_remove', { channel }), { result: {} });
        const h = (await a.api('history', { channel, limit: -1 })).result;
        assert.deepEqual([h.publications ?? [], h.offset, h.epoch], [[], 2, epoch], 'the stream is gone, its position stays');
        assert.equal((await a.api('publish', { channel, data: { n: 3 } })).result.offset, 3);
      }
      // One broadcast over every place, repeated through the other server under the same key.
      const broadcast = await a.api('broadcast', { channels, data: { n: 4 }, idempotency_key: 'once-broadcast' });
      assert.deepEqual(broadcast.result.responses.map((r: any) => r.result.offset), channels.map(() => 4));
      assert.deepEqual(await b.api('broadcast', { channels, data: { n: 4 }, idempotency_key: 'once-broadcast' }), broadcast);
      assert.deepEqual(await received(subs, 4), channels.map(() => [1, 2, 3, 4]));
      // One batch interleaving every place three times: its publishes share script calls per Redis (per slot of a
      // Cluster), and each channel still gets its offsets and deliveries in command order.
      const commands = [5, 6, 7].flatMap((n) => channels.map((channel) => ({ publish: { channel, data: { n } } })));
      const replies = (await b.api('batch', { commands })).result.replies as { publish: { offset: number } }[];
      assert.deepEqual(
        replies.map((r) => r.publish.offset),
        commands.map((c) => c.publish.data.n),
      );
      assert.deepEqual(await received(subs, 7), channels.map(() => [1, 2, 3, 4, 5, 6, 7]));
    });

    it('a client coming back on the other server recovers exactly what it missed; after history_remove or past the history size it is told recovered: false', async () => {
      const chats = await spread('chat', 'rec');
      const smalls = await spread('small', 'rec');
      const channels = [...chats, ...smalls];
      const first = await wsClient(a, 'mover', channels);
      await publishRange(a, channels, 1, 2);
      await received(first.subs, 2);
      const since = new Map(first.subs.map((s) => [s.channel, { offset: Number(s.pubs.at(-1).offset), epoch: s.ctx.streamPosition.epoch as string }]));
      first.client.disconnect();

      // Missed: 3 publications on chat channels, 4 on small ones (history_size 3).
      await publishRange(b, chats, 3, 5);
      await publishRange(b, smalls, 3, 6);
      const second = await wsClient(b, 'mover', channels, (ch) => ({ since: since.get(ch) }));
      for (const s of second.subs) {
        const expected = chats.includes(s.channel);
        assert.equal(s.ctx.recovered, expected, s.channel);
        assert.equal(s.ctx.streamPosition.offset, expected ? 2 : 6, s.channel);
      }
      assert.deepEqual(await received(second.subs.slice(0, chats.length), 3), chats.map(() => [3, 4, 5]));
      assert.deepEqual(second.subs.slice(chats.length).map((s) => s.pubs.length), smalls.map(() => 0), 'nothing of an unrecoverable gap');
      const back = new Map(second.subs.map((s) => [s.channel, { offset: 5, epoch: s.ctx.streamPosition.epoch as string }]));
      second.client.disconnect();

      await publishRange(a, chats, 6, 7);
      for (const channel of chats) await a.api('history_remove', { channel });
      const third = await wsClient(a, 'mover', chats, (ch) => ({ since: back.get(ch) }));
      for (const s of third.subs) {
        assert.equal(s.ctx.recovered, false, s.channel);
        assert.equal(s.ctx.streamPosition.offset, 7, s.channel);
      }
      await sleep(300);
      assert.deepEqual(third.subs.map((s) => s.pubs.length), chats.map(() => 0));
      third.client.disconnect();
    });

    it('presence, presence_stats, channels, join and leave span servers', async () => {
      const channels = await spread('chat', 'meet');
      const ann = await wsClient(a, 'ann', channels, () => ({ joinLeave: true }));
      const joins = ann.subs.map((s) => nextEvent(s.sub, 'join', WAIT_MS, (ctx) => ctx.info.user === 'bob'));
      const bob = await wsClient(b, 'bob', channels);
      await Promise.all(joins);
      for (const channel of channels) {
        const presence = (await a.api('presence', { channel })).result.presence;
        assert.deepEqual(Object.values(presence).map((i: any) => i.user).sort(), ['ann', 'bob'], channel);
        assert.deepEqual((await b.api('presence_stats', { channel })).result, { num_clients: 2, num_users: 2 }, channel);
      }
      // Counted by asking every node (a survey over the control channels).
      const counted = (await a.api('channels', { pattern: 'chat:meet-*' })).result.channels;
      assert.deepEqual(counted, Object.fromEntries(channels.map((ch) => [ch, { num_clients: 2 }])));
      const leaves = ann.subs.map((s) => nextEvent(s.sub, 'leave', WAIT_MS, (ctx) => ctx.info.user === 'bob'));
      bob.client.disconnect();
      await Promise.all(leaves);
      for (const channel of channels) {
        await eventually(async () => (await b.api('presence_stats', { channel })).result.num_clients === 1, WAIT_MS, `presence of ${channel} shrinks`);
      }
      ann.client.disconnect();
    });

    it('the API of one server subscribes, unsubscribes and disconnects a user connected to the other', async () => {
      const channels = await spread('chat', 'assigned');
      const client = makeClient(b.wsUrl, 'json', { token: token({ sub: 'remote' }) });
      const pubs = collect(client, 'publication');
      const connected = nextEvent(client, 'connected', WAIT_MS);
      client.connect();
      await connected;
      for (const channel of channels) {
        const subscribed = nextEvent(client, 'subscribed', WAIT_MS, (ctx) => ctx.channel === channel);
        assert.deepEqual(await a.api('subscribe', { user: 'remote', channel }), { result: {} });
        await subscribed;
      }
      for (const channel of channels) await a.api('publish', { channel, data: { n: 1 } });
      await eventually(() => pubs.length >= channels.length, WAIT_MS, 'a publication on each server-side subscription');
      assert.deepEqual(pubs.map((p) => p.channel).sort(), [...channels].sort());
      for (const channel of channels) {
        const unsubscribed = nextEvent(client, 'unsubscribed', WAIT_MS, (ctx) => ctx.channel === channel);
        assert.deepEqual(await a.api('unsubscribe', { user: 'remote', channel }), { result: {} });
        await unsubscribed;
      }
      const disconnected = nextEvent(client, 'disconnected', WAIT_MS);
      assert.deepEqual(await a.api('disconnect', { user: 'remote' }), { result: {} });
      assert.equal((await disconnected).code, 3503);
    });

    const EMULATED: [HttpTransportName, string][] = [
      ['http_stream', 'an HTTP-streaming client with its stream on one server and its commands posted to the other'],
      ['sse', 'an SSE client with its stream on the other server and its commands posted to the first'],
    ];
    for (const [transport, who] of EMULATED) {
      it(`${who} subscribes, publishes and asks presence on every place (/emulation forwarded)`, async () => {
        const [streamOn, commandsTo] = transport === 'http_stream' ? [a, b] : [b, a];
        const channels = await spread('chat', `emu-${transport}`);
        const client = makeHttpClient(streamOn.httpUrl, transport, 'json', commandsTo.httpUrl, { token: token({ sub: `emu-${transport}` }) });
        const subs = await subscribeAll(client, channels);
        for (const s of subs) {
          await s.sub.publish({ n: 1 });
          await commandsTo.api('publish', { channel: s.channel, data: { n: 2 } });
          await streamOn.api('publish', { channel: s.channel, data: { n: 3 } });
        }
        assert.deepEqual(await received(subs, 3), channels.map(() => [1, 2, 3]));
        for (const s of subs) {
          const presence = await s.sub.presence();
          assert.deepEqual(Object.values(presence.clients).map((i: any) => i.user), [`emu-${transport}`], s.channel);
        }
        client.disconnect();
      });
    }

    it('/metrics of each server answers and counts the publications made through it', async () => {
      const channels = await spread('chat', 'counted');
      for (const [self, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const [before, otherBefore] = await Promise.all([scrape(self), scrape(other)]);
        await publishRange(self, channels, 1, 2);
        const [after, otherAfter] = await Promise.all([scrape(self), scrape(other)]);
        const name = 'gyre_broker_publications_total';
        assert.equal(metricSum(after, name) - metricSum(before, name), 2 * channels.length);
        assert.equal(metricSum(otherAfter, name), metricSum(otherBefore, name));
      }
    });

    it('failed admin logins on one server count on the other', async () => {
      // Fresh connections, so the workers of each server share the attempts too; the limit is 5 attempts.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await freshPost(i % 2 ? b : a, '/admin/auth', { password: `guess ${i}` })).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
      for (const s of [a, b]) {
        const res = await freshPost(s, '/admin/auth', { password: ADMIN_PASSWORD });
        assert.equal(res.status, 429);
        assert.ok(Number(res.headers['retry-after']) >= 1);
      }
    });

    it('a channel’s stream, meta and presence keys are on its place and nowhere else, braces in its name or not', async () => {
      // Braces in a name end the keys' hash tag early (keys.ts): still one slot, one place, for all of them.
      const channels = [...(await spread('chat', 'where')), ...(await spread('chat', 'where', '{x}'))];
      const { client } = await wsClient(a, 'placed', channels);
      await publishRange(b, channels, 1, 1);
      const kinds = ['meta', 'presence.client_user', 'presence.data', 'presence.expire', 'presence.users', 'stream'];
      for (const channel of channels) {
        const home = await topo.placeOf(channel);
        for (const [port, r] of direct) {
          const keys = (await r.keys(`${PREFIX}.*{${channel}}*`)).sort();
          assert.deepEqual(keys, port === home ? kinds.map((k) => `${PREFIX}.${k}.{${channel}}`) : [], `${channel} on ${port}`);
        }
      }
      client.disconnect();
    });
  });
}
