/**
 * `client.recovery_max_publication_limit` (README, "History and recovery"): a
 * client that missed at most the limit recovers them all; one that missed
 * more is told `recovered: false` with the current position and gets none of
 * them (no partial recovery that would look whole), on both engines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect, nextEvent, subscribedClient } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { engineSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

const LIMIT = 5;

for (const engine of ['memory', 'redis'] as const) {
  describe(`recovery beyond client.recovery_max_publication_limit (${engine} engine)`, () => {
    const t = engineSuite(engine, { prefix: 'recovery-limit', config: { channel: channelConfig, client: { recovery_max_publication_limit: LIMIT } } });

    /** Subscribes, misses `missed` publications while disconnected, reconnects: the resubscribe's context and what was delivered. */
    async function missAndReconnect(ch: string, missed: number) {
      const { client: c, sub } = await subscribedClient(t.server.wsUrl, 'limit', ch);
      const pubs = collect(sub, 'publication');
      await t.server.api('publish', { channel: ch, data: { n: 0 } });
      await eventually(() => pubs.length === 1, 5000, 'the first publication live');
      c.disconnect();
      for (let n = 1; n <= missed; n++) assert.equal((await t.server.api('publish', { channel: ch, data: { n } })).result.offset, n + 1);
      const resubscribed = nextEvent(sub, 'subscribed', 5000);
      c.connect();
      const ctx = await resubscribed;
      // A live publication after the resubscribe: whatever recovery sends comes before it on the connection.
      await t.server.api('publish', { channel: ch, data: { n: 'live' } });
      await eventually(() => pubs.some((p) => p.data.n === 'live'), 5000, 'the live publication after the resubscribe');
      c.disconnect();
      return { ctx, delivered: pubs.slice(1).map((p) => p.data.n) };
    }

    it(`recovers a gap of exactly the limit (${LIMIT})`, async () => {
      const { ctx, delivered } = await missAndReconnect(`chat:limit-at-${engine}`, LIMIT);
      assert.equal(ctx.wasRecovering, true);
      assert.equal(ctx.recovered, true);
      assert.deepEqual(delivered, [1, 2, 3, 4, 5, 'live']);
    });

    it('answers recovered: false with the current position and no publications for a gap one larger', async () => {
      const { ctx, delivered } = await missAndReconnect(`chat:limit-over-${engine}`, LIMIT + 1);
      assert.equal(ctx.wasRecovering, true);
      assert.equal(ctx.recovered, false);
      assert.equal(ctx.hasRecoveredPublications, false);
      assert.equal(Number(ctx.streamPosition.offset), LIMIT + 2, 'the current top: the first publication and the missed ones');
      assert.deepEqual(delivered, ['live'], 'none of the missed publications');
    });
  });
}
