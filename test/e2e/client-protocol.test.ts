/**
 * The client protocol end to end: the real server process driven by the real
 * centrifuge-js client, JSON and protobuf builds, and cent.js for publishing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, collect, decode, encode, makeClient, nextEvent, token } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { serverSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

const t = serverSuite({ config: { channel: channelConfig } });

for (const codec of CODECS) {
  describe(`client protocol (${codec})`, () => {
    it('connects, subscribes, and receives API and client publications in order with publisher info', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'alice', info: { name: 'Alice' } }) });
      const sub = c.newSubscription(`chat:order-${codec}`);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      const connected = await nextEvent(c, 'connected');
      assert.equal(connected.transport, 'websocket');
      await sub.ready(3000);
      const r = await t.api.publish({ channel: `chat:order-${codec}`, data: { n: 1 } });
      assert.equal(r.offset, 1);
      await sub.publish(encode(codec, { n: 2 }));
      await t.api.publish({ channel: `chat:order-${codec}`, data: { n: 3 } });
      await eventually(() => pubs.length === 3, 3000, 'three publications');
      assert.deepEqual(pubs.map((p) => decode(codec, p.data)), [{ n: 1 }, { n: 2 }, { n: 3 }]);
      assert.deepEqual(pubs.map((p) => Number(p.offset)), [1, 2, 3]);
      assert.equal(pubs[1].info.user, 'alice');
      assert.deepEqual(decode(codec, pubs[1].info.connInfo), { name: 'Alice' });
      assert.equal(pubs[0].info, undefined, 'API publications carry no publisher');
      c.disconnect();
    });

    it('serves history with limit, since and reverse', async () => {
      const ch = `chat:history-${codec}`;
      for (let i = 1; i <= 5; i++) await t.api.publish({ channel: ch, data: { i } });
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'bob' }) });
      const sub = c.newSubscription(ch);
      sub.subscribe();
      c.connect();
      await sub.ready(3000);
      const top = await sub.history({});
      assert.equal(top.publications.length, 0, 'no limit: only the position');
      assert.equal(Number(top.offset), 5);
      const all = await sub.history({ limit: -1 });
      assert.deepEqual(all.publications.map((p: any) => decode(codec, p.data)), [1, 2, 3, 4, 5].map((i) => ({ i })));
      const since = await sub.history({ limit: 2, since: { offset: 2, epoch: top.epoch } });
      assert.deepEqual(since.publications.map((p: any) => Number(p.offset)), [3, 4]);
      const rev = await sub.history({ limit: 2, reverse: true });
      assert.deepEqual(rev.publications.map((p: any) => Number(p.offset)), [5, 4]);
      await assert.rejects(sub.history({ limit: 1, since: { offset: 1, epoch: 'other-epoch' } }), (e: any) => e.code === 112);
      c.disconnect();
    });

    it('keeps presence and announces join and leave', async () => {
      const ch = `chat:presence-${codec}`;
      const a = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'ann' }) });
      const subA = a.newSubscription(ch, { joinLeave: true });
      const joins = collect(subA, 'join');
      subA.subscribe();
      a.connect();
      await subA.ready(3000);
      const b = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'ben' }) });
      const subB = b.newSubscription(ch);
      subB.subscribe();
      b.connect();
      await subB.ready(3000);
      await eventually(() => joins.some((j) => j.info.user === 'ben'), 3000, 'join of ben');
      const presence = await subA.presence();
      assert.deepEqual(Object.values(presence.clients).map((i: any) => i.user).sort(), ['ann', 'ben']);
      const stats = await subA.presenceStats();
      assert.deepEqual({ ...stats }, { numClients: 2, numUsers: 2 });
      const left = nextEvent(subA, 'leave', 3000, (ctx) => ctx.info.user === 'ben');
      b.disconnect();
      await left;
      await eventually(async () => (await subA.presenceStats()).numClients === 1, 3000, 'presence shrinks');
      a.disconnect();
    });

    it('answers rpc with 104 and accepts send without a reply', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'carl' }) });
      c.connect();
      await c.ready(3000);
      await assert.rejects(c.rpc('anything', encode(codec, {})), (e: any) => e.code === 104);
      await c.send(encode(codec, { fire: true }));
      const sub = c.newSubscription('news');
      sub.subscribe();
      await sub.ready(3000);
      assert.equal(c.state, 'connected');
      c.disconnect();
    });

    it('subscribes to channels from the connection token (server-side subscriptions)', async () => {
      const ch = `feed:${codec}-server-side`;
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'dana', channels: [ch] }) });
      const subscribed = nextEvent(c, 'subscribed', 3000, (ctx) => ctx.channel === ch);
      const pubs = collect(c, 'publication');
      c.connect();
      const s = await subscribed;
      assert.equal(s.recoverable, true);
      await t.api.publish({ channel: ch, data: { srv: 1 } });
      await eventually(() => pubs.length === 1, 3000, 'server-side publication');
      assert.equal(pubs[0].channel, ch);
      assert.deepEqual(decode(codec, pubs[0].data), { srv: 1 });
      c.disconnect();
    });

    it('admits private channels only with a matching subscription token', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'erin' }) });
      c.connect();
      const ok = c.newSubscription('$vault', { getToken: async () => token({ sub: 'erin', channel: '$vault', data: { welcome: true } }) });
      ok.subscribe();
      const subscribed = await nextEvent(ok, 'subscribed');
      assert.deepEqual(decode(codec, subscribed.data), { welcome: true });
      const denied = c.newSubscription('$other');
      denied.subscribe();
      const unsub = await nextEvent(denied, 'unsubscribed');
      assert.equal(unsub.code, 103);
      c.disconnect();
    });

    it('lets a user-limited channel be subscribed by its users only', async () => {
      const ch = 'dm:talk#42,56';
      const allowed = makeClient(t.server.wsUrl, codec, { token: token({ sub: '42' }) });
      const s1 = allowed.newSubscription(ch);
      s1.subscribe();
      allowed.connect();
      await s1.ready(3000);
      const other = makeClient(t.server.wsUrl, codec, { token: token({ sub: '7' }) });
      const s2 = other.newSubscription(ch);
      s2.subscribe();
      other.connect();
      assert.equal((await nextEvent(s2, 'unsubscribed')).code, 103);
      allowed.disconnect();
      other.disconnect();
    });

    it('refuses a channel of an unknown namespace with 102', async () => {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'finn' }) });
      const s = c.newSubscription('nowhere:x');
      s.subscribe();
      c.connect();
      assert.equal((await nextEvent(s, 'unsubscribed')).code, 102);
      c.disconnect();
    });
  });
}
