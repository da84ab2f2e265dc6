/** Recovery of publications missed while disconnected (memory engine), with the real client's resubscribe. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, collect, decode, makeClient, nextEvent, token } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { serverSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

const t = serverSuite({ config: { channel: channelConfig } });

for (const codec of CODECS) {
  describe(`recovery (${codec})`, () => {
    it('returns exactly the publications missed during a disconnect, then continues live', async () => {
      const ch = `chat:recover-${codec}`;
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'r1' }) });
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      const subscribed = collect(sub, 'subscribed');
      sub.subscribe();
      c.connect();
      await sub.ready(3000);
      for (let i = 1; i <= 2; i++) await t.api.publish({ channel: ch, data: { i } });
      await eventually(() => pubs.length === 2, 3000, 'live publications');
      c.disconnect();
      for (let i = 3; i <= 6; i++) await t.api.publish({ channel: ch, data: { i } });
      c.connect();
      await eventually(() => subscribed.length === 2, 3000, 'resubscribed');
      const again = subscribed[1];
      assert.equal(again.wasRecovering, true);
      assert.equal(again.recovered, true);
      await eventually(() => pubs.length === 6, 3000, 'recovered publications');
      await t.api.publish({ channel: ch, data: { i: 7 } });
      await eventually(() => pubs.length === 7, 3000, 'live after recovery');
      assert.deepEqual(pubs.map((p) => decode(codec, p.data)), [1, 2, 3, 4, 5, 6, 7].map((i) => ({ i })));
      assert.deepEqual(pubs.map((p) => Number(p.offset)), [1, 2, 3, 4, 5, 6, 7]);
      c.disconnect();
    });

    it('says recovered: false with no publications when the gap left the history window', async () => {
      const ch = `small:gap-${codec}`;
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'r2' }) });
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      await sub.ready(3000);
      await t.api.publish({ channel: ch, data: { i: 1 } });
      await eventually(() => pubs.length === 1, 3000, 'first publication');
      c.disconnect();
      for (let i = 2; i <= 6; i++) await t.api.publish({ channel: ch, data: { i } });
      const resubscribed = nextEvent(sub, 'subscribed', 3000);
      c.connect();
      const s = await resubscribed;
      assert.equal(s.wasRecovering, true);
      assert.equal(s.recovered, false);
      assert.equal(Number(s.streamPosition.offset), 6);
      await t.api.publish({ channel: ch, data: { i: 7 } });
      await eventually(() => pubs.length === 2, 3000, 'live publication');
      assert.deepEqual(pubs.map((p) => decode(codec, p.data)), [{ i: 1 }, { i: 7 }], 'nothing from the lost window');
      c.disconnect();
    });

    /** A client of `user` subscribing to `ch` with `since`: its subscribed event, the publications it got, the client. */
    async function recoverFrom(ch: string, user: string, since: { offset: number; epoch: string }) {
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: user }) });
      const sub = c.newSubscription(ch, { since });
      const pubs = collect(sub, 'publication');
      sub.subscribe();
      c.connect();
      const s = await nextEvent(sub, 'subscribed', 3000);
      return { s, pubs, c };
    }

    it('says recovered: false for a position from another epoch', async () => {
      const ch = `chat:epoch-${codec}`;
      await t.api.publish({ channel: ch, data: { i: 1 } });
      const { s, pubs, c } = await recoverFrom(ch, 'r3', { offset: 0, epoch: 'stale-epoch' });
      assert.equal(s.wasRecovering, true);
      assert.equal(s.recovered, false);
      assert.equal(pubs.length, 0);
      c.disconnect();
    });

    it('says recovered: false for an offset beyond the top of the same epoch (a stream that lost its tail)', async () => {
      const ch = `chat:ahead-${codec}`;
      const first = (await t.api.publish({ channel: ch, data: { i: 1 } })) as { offset: number; epoch: string };
      const { s, pubs, c } = await recoverFrom(ch, 'r5', { offset: first.offset + 2, epoch: first.epoch });
      assert.equal(s.wasRecovering, true);
      assert.equal(s.recovered, false);
      assert.equal(Number(s.streamPosition.offset), first.offset);
      assert.equal(pubs.length, 0);
      c.disconnect();
    });

    it('history_remove keeps the position, so a recovering client learns it missed publications', async () => {
      const ch = `chat:removed-${codec}`;
      const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'r4' }) });
      const sub = c.newSubscription(ch);
      sub.subscribe();
      c.connect();
      await sub.ready(3000);
      c.disconnect();
      await t.api.publish({ channel: ch, data: { i: 1 } });
      await t.api.removeHistory({ channel: ch });
      const resubscribed = nextEvent(sub, 'subscribed', 3000);
      c.connect();
      assert.equal((await resubscribed).recovered, false);
      c.disconnect();
    });
  });
}

describe('position check', () => {
  const s = serverSuite({
    config: { channel: { namespaces: [{ name: 'brief', history_size: 10, history_ttl: 1, history_meta_ttl: 1, force_recovery: true, allow_subscribe_for_client: true }] } },
  });

  for (const codec of CODECS) {
    it(`an epoch change under a live subscription makes the client resubscribe (2500) and learn recovered: false (${codec})`, async () => {
      const ch = `brief:epoch-${codec}`;
      const c = makeClient(s.server.wsUrl, codec, { token: token({ sub: 'p1' }) });
      const sub = c.newSubscription(ch);
      const pubs = collect(sub, 'publication');
      const subscribing = collect(sub, 'subscribing');
      sub.subscribe();
      c.connect();
      const first = await nextEvent(sub, 'subscribed', 3000);
      // The stream's meta (epoch and offset) expires after 1 s; the next publish starts a new epoch.
      await new Promise((r) => setTimeout(r, 1600));
      const resubscribed = nextEvent(sub, 'subscribed', 5000);
      await s.api.publish({ channel: ch, data: { after: 'expiry' } });
      const again = await resubscribed;
      assert.equal(subscribing.at(-1).code, 2500);
      assert.notEqual(again.streamPosition.epoch, first.streamPosition.epoch);
      assert.equal(again.recovered, false);
      assert.equal(pubs.length, 0, 'a publication from another epoch is not delivered as if continuous');
      await s.api.publish({ channel: ch, data: { n: 2 } });
      await eventually(() => pubs.length === 1, 3000, 'delivery resumes in the new epoch');
      assert.deepEqual(decode(codec, pubs[0].data), { n: 2 });
    });
  }
});
