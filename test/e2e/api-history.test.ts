/**
 * The server API's history options (README, "Publishing from your backend"),
 * on both engines: `skip_history` publishes live without touching the stream
 * (no offset, as in Centrifugo, so positioned subscribers see no gap), and
 * `subscribe` with `recover_since` gives a connected client a server-side
 * subscription that starts with the publications after that position.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODECS, collect, decode, makeClient, nextEvent, subscribedClient, token } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { engineSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

for (const engine of ['memory', 'redis'] as const) {
  describe(`server API history options (${engine} engine)`, () => {
    const t = engineSuite(engine, { prefix: 'api-history', config: { channel: channelConfig } });

    const publish = async (params: Record<string, unknown>) => (await t.server.api('publish', params)).result;

    it('skip_history: delivered live, absent from history, the offset not advanced', async () => {
      const ch = `chat:skip-${engine}`;
      // chat has force_recovery: the subscription is positioned and would be told to resubscribe (2500) at a gap.
      const { sub } = await subscribedClient(t.server.wsUrl, 'skipper', ch);
      const pubs = collect(sub, 'publication');
      const resubscribing = collect(sub, 'subscribing');
      const results = [];
      for (const [n, skip] of [[0, true], [1, false], [2, true], [3, false]] as const) results.push(await publish({ channel: ch, data: { n }, skip_history: skip }));
      // No offset or epoch for a publication that is not in the stream, and it takes no offset from the next one.
      assert.deepEqual(
        results.map((r) => r.offset),
        [undefined, 1, undefined, 2],
      );
      assert.deepEqual(results[0], {});

      await eventually(() => pubs.length === 4, 5000, 'every publication live');
      assert.deepEqual(
        pubs.map((p) => [p.data.n, p.offset === undefined ? undefined : Number(p.offset)]),
        [
          [0, undefined],
          [1, 1],
          [2, undefined],
          [3, 2],
        ],
      );
      assert.equal(resubscribing.length, 0, 'no gap seen by the positioned subscription');
      const history = (await t.server.api('history', { channel: ch, limit: -1 })).result;
      assert.deepEqual(
        history.publications.map((p: any) => [p.data.n, p.offset]),
        [
          [1, 1],
          [3, 2],
        ],
      );
      assert.equal(history.offset, 2);
    });

    for (const codec of CODECS) {
      it(`subscribe with recover_since: the server-side subscription starts with the publications after that position (${codec})`, async () => {
        const ch = `chat:recover-since-${engine}-${codec}`;
        const first = await publish({ channel: ch, data: { n: 1 } });
        for (let n = 2; n <= 4; n++) await publish({ channel: ch, data: { n } });
        const c = makeClient(t.server.wsUrl, codec, { token: token({ sub: 'server-sub' }) });
        c.connect();
        await c.ready(5000);
        const pubs = collect(c, 'publication');
        const subscribed = nextEvent(c, 'subscribed', 5000, (ctx) => ctx.channel === ch);
        assert.deepEqual(await t.server.api('subscribe', { user: 'server-sub', channel: ch, recover_since: { offset: 2, epoch: first.epoch } }), { result: {} });
        const ctx = await subscribed;
        assert.equal(ctx.recoverable, true);
        assert.deepEqual(ctx.streamPosition, { offset: 2, epoch: first.epoch }, 'the position recovered from; the publications move it on');
        await publish({ channel: ch, data: { n: 5 } });
        await eventually(() => pubs.length === 3, 5000, 'the missed publications, then the live one');
        assert.deepEqual(
          pubs.map((p) => [p.channel, (decode(codec, p.data) as { n: number }).n, Number(p.offset)]),
          [
            [ch, 3, 3],
            [ch, 4, 4],
            [ch, 5, 5],
          ],
        );
      });
    }

    it('subscribe with recover_since from another epoch: the current position and no publications', async () => {
      const ch = `chat:recover-stale-${engine}`;
      for (let n = 1; n <= 3; n++) await publish({ channel: ch, data: { n } });
      const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: 'stale-sub' }) });
      c.connect();
      await c.ready(5000);
      const pubs = collect(c, 'publication');
      const subscribed = nextEvent(c, 'subscribed', 5000, (ctx) => ctx.channel === ch);
      await t.server.api('subscribe', { user: 'stale-sub', channel: ch, recover_since: { offset: 1, epoch: 'not-this-one' } });
      assert.equal(Number((await subscribed).streamPosition.offset), 3, 'the top: the client learns it could not recover');
      await publish({ channel: ch, data: { n: 4 } });
      await eventually(() => pubs.length === 1, 5000, 'the live publication');
      assert.equal(pubs[0].data.n, 4);
    });
  });
}
