/**
 * The channel features Centrifugo 6 clients ask for, through the real
 * centrifuge-js (JSON and protobuf builds) on both engines: tags filters,
 * fossil delta, cache recovery, the personal channel with a single connection
 * per user, getState; and the SDK options Gyre does not build (map and
 * shared-poll subscriptions) refused with Centrifugo's errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, collect, decode, makeClient, makeHttpClient, nextEvent, token } from '../helpers/clients';
import { eventually, sleep } from '../helpers/server';
import { engineSuite } from '../helpers/suite';

const stream = { history_size: 100, history_ttl: 300, force_recovery: true, allow_subscribe_for_client: true };
const config = {
  client: { subscribe_to_user_personal_channel: { enabled: true, personal_channel_namespace: 'personal', single_connection: true } },
  channel: {
    allow_subscribe_for_client: true,
    namespaces: [
      { name: 'tf', ...stream, allow_tags_filter: true },
      { name: 'plain', ...stream },
      { name: 'delta', ...stream, allowed_delta_types: ['fossil'] },
      { name: 'live', allow_subscribe_for_client: true, allowed_delta_types: ['fossil'], allow_tags_filter: true },
      { name: 'state', ...stream, force_recovery_mode: 'cache', allow_tags_filter: true },
      { name: 'small', ...stream, history_size: 3, allow_history_for_client: true },
      { name: 'personal', history_size: 10, history_ttl: 300, force_recovery: true },
    ],
  },
};

/** A scoreboard: one team's score changes per version, the rest stay (what deltas are for). */
function scoreboard(version: number): { version: number; teams: { name: string; score: number }[] } {
  return { version, teams: Array.from({ length: 30 }, (_, i) => ({ name: `team-${i}`, score: i * 100 + (i === version % 30 ? version : 0) })) };
}

for (const engine of ['memory', 'redis'] as const) {
  const t = engineSuite(engine, { config, prefix: `features-${engine}` });

  for (const codec of CODECS) {
    const name = (what: string) => `${what}-${engine}-${codec}`;
    const connect = (user: string, opts: Record<string, unknown> = {}) => makeClient(t.server.wsUrl, codec, { token: token({ sub: user }), ...opts });

    describe(`tags filters (${engine}, ${codec})`, () => {
      it('delivers only what passes the filter, live and on recovery, with no gap for what it leaves out', async () => {
        const ch = `tf:${name('orders')}`;
        const c = connect(name('tf-user'));
        const filtered = c.newSubscription(ch, { tagsFilter: { key: 'kind', cmp: 'eq', val: 'keep' } });
        const c2 = connect(name('tf-all'));
        const all = c2.newSubscription(ch);
        const got = collect(filtered, 'publication');
        const gotAll = collect(all, 'publication');
        const subscribed = collect(filtered, 'subscribed');
        const unsubscribed = collect(filtered, 'unsubscribed');
        filtered.subscribe();
        all.subscribe();
        c.connect();
        c2.connect();
        await Promise.all([filtered.ready(3000), all.ready(3000)]);
        const kinds = ['keep', 'drop', 'keep', 'drop', 'drop', 'keep'];
        for (const [i, kind] of kinds.entries()) await t.api.publish({ channel: ch, data: { i: i + 1 }, tags: { kind } });
        await eventually(() => gotAll.length === 6 && got.length === 3, 3000, 'live publications');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [{ i: 1 }, { i: 3 }, { i: 6 }]);
        assert.deepEqual(got.map((p) => Number(p.offset)), [1, 3, 6]);
        assert.deepEqual(got.map((p) => p.tags), [{ kind: 'keep' }, { kind: 'keep' }, { kind: 'keep' }]);

        c.disconnect();
        for (const [i, kind] of ['drop', 'keep', 'drop', 'keep', 'drop'].entries()) await t.api.publish({ channel: ch, data: { i: i + 7 }, tags: { kind } });
        c.connect();
        await eventually(() => subscribed.length === 2, 3000, 'resubscribed');
        assert.equal(subscribed[1].wasRecovering, true);
        assert.equal(subscribed[1].recovered, true);
        await eventually(() => got.length === 5, 3000, 'recovered publications');
        await t.api.publish({ channel: ch, data: { i: 12 }, tags: { kind: 'keep' } });
        await eventually(() => got.length === 6, 3000, 'live after recovery');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [1, 3, 6, 8, 10, 12].map((i) => ({ i })));
        assert.equal(unsubscribed.length, 0, 'a filtered-out publication is not a gap');
        assert.equal(subscribed.length, 2);
      });

      it('evaluates and / or / not, in / nin and decimal comparisons as Centrifugo does', async () => {
        const ch = `tf:${name('combined')}`;
        const c = connect(name('tf-combined'));
        const sub = c.newSubscription(ch, {
          tagsFilter: {
            op: 'or',
            nodes: [
              { op: 'and', nodes: [{ key: 'region', cmp: 'in', vals: ['eu', 'us'] }, { key: 'price', cmp: 'gte', val: '10.5' }] },
              { op: 'not', nodes: [{ key: 'region', cmp: 'ex' }] },
            ],
          },
        });
        const got = collect(sub, 'publication');
        sub.subscribe();
        c.connect();
        await sub.ready(3000);
        const sent = [
          { region: 'eu', price: '11' },
          { region: 'eu', price: '9.99' },
          { region: 'asia', price: '100' },
          { price: '1' },
          { region: 'us', price: '10.50' },
        ];
        for (const [i, tags] of sent.entries()) await t.api.publish({ channel: ch, data: { i }, tags });
        await t.api.publish({ channel: ch, data: { end: true } });
        await eventually(() => got.some((p) => (decode(codec, p.data) as any).end), 3000, 'the untagged last publication');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [{ i: 0 }, { i: 3 }, { i: 4 }, { end: true }]);
      });

      it('is refused with 107 where the namespace does not allow it, when malformed, and combined with delta', async () => {
        const c = connect(name('tf-refused'));
        c.connect();
        const notAllowed = c.newSubscription(`plain:${name('x')}`, { tagsFilter: { key: 'kind', cmp: 'eq', val: 'keep' } });
        const malformed = c.newSubscription(`tf:${name('y')}`, { tagsFilter: { key: 'kind', cmp: 'like', val: 'keep' } as any });
        const tooDeep = c.newSubscription(`tf:${name('z')}`, {
          tagsFilter: Array.from({ length: 8 }).reduce<any>((n) => ({ op: 'not', nodes: [n] }), { key: 'k', cmp: 'ex' }),
        });
        const results = [notAllowed, malformed, tooDeep].map((s) => nextEvent(s, 'unsubscribed', 3000));
        for (const s of [notAllowed, malformed, tooDeep]) s.subscribe();
        for (const r of await Promise.all(results)) assert.equal(r.code, 107);
        // The SDK will not send both; a hand-made request is refused the same way.
        const both = c.newSubscription(`live:${name('both')}`, { delta: 'fossil' });
        (both as any)._tagsFilter = { key: 'k', cmp: 'ex' };
        const bothResult = nextEvent(both, 'unsubscribed', 3000);
        both.subscribe();
        assert.equal((await bothResult).code, 107);
        assert.equal(c.state, 'connected', 'a refused subscribe leaves the connection alone');
      });
    });

    describe(`fossil delta (${engine}, ${codec})`, () => {
      it('sends deltas the SDK decodes into exactly what was published, live and after recovery', async () => {
        const ch = `delta:${name('board')}`;
        const c = connect(name('delta-user'));
        const sub = c.newSubscription(ch, { delta: 'fossil' });
        const c2 = connect(name('delta-plain'));
        const plain = c2.newSubscription(ch);
        const got = collect(sub, 'publication');
        const gotPlain = collect(plain, 'publication');
        const subscribed = collect(sub, 'subscribed');
        sub.subscribe();
        plain.subscribe();
        c.connect();
        c2.connect();
        await Promise.all([sub.ready(3000), plain.ready(3000)]);
        for (let v = 1; v <= 10; v++) await t.api.publish({ channel: ch, data: scoreboard(v) });
        await eventually(() => got.length === 10 && gotPlain.length === 10, 3000, 'live publications');
        const expected = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => scoreboard(from + i));
        assert.deepEqual(got.map((p) => decode(codec, p.data)), expected(1, 10));
        assert.deepEqual(gotPlain.map((p) => decode(codec, p.data)), expected(1, 10));
        const live = sub.deltaStats();
        assert.equal(live.numFullPayloads, 1, 'the first publication after subscribing goes whole');
        assert.equal(live.numDeltaPayloads, 9);
        assert.ok(live.bytesReceived * 3 < live.bytesDecoded, `${live.bytesReceived} bytes on the wire for ${live.bytesDecoded}`);

        c.disconnect();
        for (let v = 11; v <= 14; v++) await t.api.publish({ channel: ch, data: scoreboard(v) });
        c.connect();
        await eventually(() => subscribed.length === 2, 3000, 'resubscribed');
        assert.equal(subscribed[1].recovered, true);
        await eventually(() => got.length === 14, 3000, 'recovered publications');
        for (let v = 15; v <= 17; v++) await t.api.publish({ channel: ch, data: scoreboard(v) });
        await eventually(() => got.length === 17, 3000, 'live after recovery');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), expected(1, 17));
        assert.deepEqual(got.map((p) => Number(p.offset)), expected(1, 17).map((b) => b.version));
        const after = sub.deltaStats();
        // Recovered: the first whole, three deltas; live after it: deltas against the last recovered one.
        assert.equal(after.numFullPayloads, 2);
        assert.equal(after.numDeltaPayloads, 15);
      });

      /** A delta subscriber of `ch` given three scoreboards: they must arrive intact; returns its delta stats. */
      async function threeScoreboards(ch: string, user: string) {
        const c = connect(user);
        const sub = c.newSubscription(ch, { delta: 'fossil' });
        const got = collect(sub, 'publication');
        sub.subscribe();
        c.connect();
        await sub.ready(3000);
        for (let v = 1; v <= 3; v++) await t.api.publish({ channel: ch, data: scoreboard(v) });
        await eventually(() => got.length === 3, 3000, 'publications');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [1, 2, 3].map(scoreboard));
        return sub.deltaStats();
      }

      it('a burst (one batch request) reaches delta subscribers as deltas of one shared frame', async () => {
        const ch = `delta:${name('burst')}`;
        const subs = [connect(name('burst-a')), connect(name('burst-b'))].map((c) => {
          const sub = c.newSubscription(ch, { delta: 'fossil' });
          const got = collect(sub, 'publication');
          sub.subscribe();
          c.connect();
          return { sub, got };
        });
        await Promise.all(subs.map(({ sub }) => sub.ready(3000)));
        await t.api.publish({ channel: ch, data: scoreboard(1) });
        await eventually(() => subs.every(({ got }) => got.length === 1), 3000, 'the first, whole');
        const burst = Array.from({ length: 20 }, (_, i) => ({ publish: { channel: ch, data: scoreboard(i + 2) } }));
        await t.server.api('batch', { commands: burst });
        await eventually(() => subs.every(({ got }) => got.length === 21), 3000, 'the burst');
        for (const { sub, got } of subs) {
          assert.deepEqual(got.map((p) => decode(codec, p.data)), Array.from({ length: 21 }, (_, i) => scoreboard(i + 1)));
          assert.deepEqual([sub.deltaStats().numFullPayloads, sub.deltaStats().numDeltaPayloads], [1, 20]);
        }
      });

      it('a publication without a position (skip_history) in between does not break the chain', async () => {
        const ch = `delta:${name('skip')}`;
        const c = connect(name('skip-user'));
        const sub = c.newSubscription(ch, { delta: 'fossil' });
        const got = collect(sub, 'publication');
        sub.subscribe();
        c.connect();
        await sub.ready(3000);
        await t.api.publish({ channel: ch, data: scoreboard(1) });
        await t.api.publish({ channel: ch, data: scoreboard(2) });
        await t.api.publish({ channel: ch, data: scoreboard(3), skip_history: true });
        await t.api.publish({ channel: ch, data: scoreboard(4) });
        await t.api.publish({ channel: ch, data: scoreboard(5) });
        await eventually(() => got.length === 5, 3000, 'publications');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [1, 2, 3, 4, 5].map(scoreboard));
        assert.deepEqual([sub.deltaStats().numFullPayloads, sub.deltaStats().numDeltaPayloads], [3, 2]);
      });

      it('is not negotiated where the namespace does not allow it: whole publications, decoded as usual', async () => {
        const stats = await threeScoreboards(`plain:${name('nodelta')}`, name('nodelta-user'));
        assert.equal(stats.numDeltaPayloads, 0);
      });

      it('without positioning, sends every publication whole in the delta form (no offsets prove the base)', async () => {
        const stats = await threeScoreboards(`live:${name('unpositioned')}`, name('unpositioned-user'));
        assert.deepEqual([stats.numFullPayloads, stats.numDeltaPayloads], [3, 0]);
      });

      it('an unknown delta type is a broken client: disconnect 3501', async () => {
        const c = connect(name('xdelta'));
        const closed = nextEvent(c, 'disconnected', 3000);
        c.connect();
        // The SDK checks the option itself; a client that does not is answered by the server.
        const sub = c.newSubscription(`delta:${name('x')}`, { delta: 'fossil' });
        (sub as any)._delta = 'xdelta';
        sub.subscribe();
        assert.equal((await closed).code, 3501);
      });
    });

    describe(`cache recovery (${engine}, ${codec})`, () => {
      it('a recovering subscriber gets only the latest publication (the latest passing its filter)', async () => {
        const ch = `state:${name('doc')}`;
        const c = connect(name('cache-user'));
        const sub = c.newSubscription(ch);
        const onlyKeep = c.newSubscription(`${ch}`.replace('doc', 'doc2'), { tagsFilter: { key: 'kind', cmp: 'eq', val: 'keep' } });
        const got = collect(sub, 'publication');
        const gotKeep = collect(onlyKeep, 'publication');
        const subscribed = collect(sub, 'subscribed');
        sub.subscribe();
        onlyKeep.subscribe();
        c.connect();
        await Promise.all([sub.ready(3000), onlyKeep.ready(3000)]);
        await t.api.publish({ channel: ch, data: { v: 1 } });
        await eventually(() => got.length === 1, 3000, 'first');
        c.disconnect();
        for (let v = 2; v <= 5; v++) await t.api.publish({ channel: ch, data: { v } });
        const ch2 = ch.replace('doc', 'doc2');
        for (const [v, kind] of ['keep', 'keep', 'drop'].entries()) await t.api.publish({ channel: ch2, data: { v }, tags: { kind } });
        c.connect();
        await eventually(() => subscribed.length === 2, 3000, 'resubscribed');
        assert.equal(subscribed[1].recovered, true);
        await eventually(() => got.length === 2 && gotKeep.length === 1, 3000, 'the latest');
        await sleep(100);
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [{ v: 1 }, { v: 5 }]);
        assert.equal(Number(got[1].offset), 5);
        assert.deepEqual(gotKeep.map((p) => decode(codec, p.data)), [{ v: 1 }]);
        // A client already at the top gets nothing more.
        c.disconnect();
        c.connect();
        await eventually(() => subscribed.length === 3, 3000, 'resubscribed at the top');
        assert.equal(subscribed[2].recovered, true);
        await sleep(100);
        assert.equal(got.length, 2);
      });
    });

    describe(`personal channel (${engine}, ${codec})`, () => {
      it("subscribes every connection of a user to the user's channel, and keeps one connection per user", async () => {
        const user = name('alice');
        const first = connect(user);
        const pubs = collect(first, 'publication');
        const subscribed = nextEvent(first, 'subscribed', 3000);
        first.connect();
        assert.equal((await subscribed).channel, `personal:#${user}`);
        await t.api.publish({ channel: `personal:#${user}`, data: { note: 1 } });
        await eventually(() => pubs.length === 1, 3000, 'personal publication');
        assert.deepEqual(decode(codec, pubs[0].data), { note: 1 });

        const gone = nextEvent(first, 'disconnected', 3000);
        const second = connect(user);
        const pubs2 = collect(second, 'publication');
        const secondSubscribed = nextEvent(second, 'subscribed', 3000);
        second.connect();
        assert.equal((await gone).code, 3504, 'the older connection ends with connection limit, not reconnecting');
        await secondSubscribed;
        await t.api.publish({ channel: `personal:#${user}`, data: { note: 2 } });
        await eventually(() => pubs2.length === 1, 3000, 'publication on the new connection');
        assert.equal(first.state, 'disconnected');
        const other = connect(name('bob'));
        const otherSubscribed = nextEvent(other, 'subscribed', 3000);
        other.connect();
        await otherSubscribed;
        assert.equal(second.state, 'connected', "another user's connection leaves it alone");
      });
    });

    describe(`over HTTP-streaming and SSE (${engine}, ${codec})`, () => {
      // SSE carries JSON only (EventSource reads text), as in Centrifugo.
      for (const transport of codec === 'json' ? (['http_stream', 'sse'] as const) : (['http_stream'] as const)) {
        it(`${transport}: a filtered subscription and a delta one take the same shared frames`, async () => {
          const ch = `tf:${name(`http-${transport}`)}`;
          const dch = `delta:${name(`http-${transport}`)}`;
          const c = makeHttpClient(t.server.httpUrl, transport, codec, t.server.httpUrl, { token: token({ sub: name(`http-${transport}`) }) });
          const filtered = c.newSubscription(ch, { tagsFilter: { key: 'kind', cmp: 'neq', val: 'drop' } });
          const delta = c.newSubscription(dch, { delta: 'fossil' });
          const got = collect(filtered, 'publication');
          const gotDelta = collect(delta, 'publication');
          filtered.subscribe();
          delta.subscribe();
          c.connect();
          await Promise.all([filtered.ready(3000), delta.ready(3000)]);
          for (const [i, kind] of ['keep', 'drop', 'other'].entries()) await t.api.publish({ channel: ch, data: { i }, tags: { kind } });
          for (let v = 1; v <= 4; v++) await t.api.publish({ channel: dch, data: scoreboard(v) });
          await eventually(() => got.length === 2 && gotDelta.length === 4, 3000, 'publications');
          assert.deepEqual(got.map((p) => decode(codec, p.data)), [{ i: 0 }, { i: 2 }]);
          assert.deepEqual(gotDelta.map((p) => decode(codec, p.data)), [1, 2, 3, 4].map(scoreboard));
          assert.equal(delta.deltaStats().numDeltaPayloads, 3);
        });
      }
    });

    describe(`what Gyre does not build (${engine}, ${codec})`, () => {
      it('a map subscription is refused with 103 and a shared-poll one with 108, as Centrifugo does when they are off', async () => {
        const c = connect(name('map-user'));
        c.connect();
        const map = (c as any).newMapSubscription(`plain:${name('map')}`);
        const poll = (c as any).newSharedPollSubscription(`plain:${name('poll')}`, { getSignature: async () => ({ signature: 'x', ttl: 60 }) });
        const mapEnd = nextEvent(map, 'unsubscribed', 3000);
        const pollEnd = nextEvent(poll, 'unsubscribed', 3000);
        map.subscribe();
        poll.subscribe();
        assert.equal((await mapEnd).code, 103);
        assert.equal((await pollEnd).code, 108);
        assert.equal(c.state, 'connected');
      });
    });

    describe(`getState (${engine}, ${codec})`, () => {
      it('the SDK loads state from the app, recovers from its position, and reloads on an unrecoverable one (112)', async () => {
        const ch = `small:${name('gs')}`;
        await t.api.publish({ channel: ch, data: { v: 1 } });
        const positions: { offset: number; epoch: string }[] = [];
        const getState = async () => {
          const top = await t.api.getHistory({ channel: ch, limit: 0 });
          positions.push({ offset: top.offset, epoch: top.epoch });
          return { offset: top.offset, epoch: top.epoch };
        };
        const c = connect(name('gs-user'));
        const sub = c.newSubscription(ch, { getState });
        const got = collect(sub, 'publication');
        sub.subscribe();
        c.connect();
        await sub.ready(3000);
        assert.equal(positions.length, 1);
        assert.equal(positions[0]!.offset, 1);
        await t.api.publish({ channel: ch, data: { v: 2 } });
        await eventually(() => got.length === 1, 3000, 'live publication');
        c.disconnect();
        for (let v = 3; v <= 8; v++) await t.api.publish({ channel: ch, data: { v } });
        c.connect();
        await eventually(() => positions.length === 2 && sub.state === 'subscribed', 5000, 'state reloaded after 112');
        assert.equal(positions[1]!.offset, 8);
        await t.api.publish({ channel: ch, data: { v: 9 } });
        await eventually(() => got.length === 2, 3000, 'live after the reload');
        assert.deepEqual(got.map((p) => decode(codec, p.data)), [{ v: 2 }, { v: 9 }]);
      });
    });
  }
}
