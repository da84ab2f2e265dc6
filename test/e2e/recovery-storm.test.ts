/**
 * A reconnect storm in small: many real clients of one channel recover from
 * the same position at the same moment. Each must get exactly what it missed,
 * in order, with `recovered: true`, and the worker must read the stream once
 * for all of them rather than once each (identical reads of one turn share
 * one Redis call: Node.readStream). Counted with Redis' own command stats.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Redis from 'ioredis';
import { collect, makeClient, nextEvent, token } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { engineSuite } from '../helpers/suite';
import { channelConfig } from './fixtures';

const CLIENTS = 40;
const MISSED = 8;

/** Calls of EVALSHA (every Gyre script: history reads, publishes) since the last CONFIG RESETSTAT. */
async function scriptCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  const m = /^cmdstat_evalsha:calls=(\d+)/m.exec(stats);
  return m ? Number(m[1]) : 0;
}

describe('reconnect storm: one channel, many clients recovering at once (redis engine)', () => {
  const t = engineSuite('redis', { prefix: 'recovery-storm', config: { channel: channelConfig } });

  it(`recovers every client exactly, reading the stream far fewer times than ${CLIENTS}`, async () => {
    const ch = 'feed:storm';
    for (let n = 1; n <= MISSED; n++) await t.server.api('publish', { channel: ch, data: { n } });
    const { result } = await t.server.api('history', { channel: ch, limit: 0 });
    const since = { offset: 0, epoch: result.epoch as string };

    const clients = Array.from({ length: CLIENTS }, (_, i) => makeClient(t.server.wsUrl, 'json', { token: token({ sub: `storm-${i}` }) }));
    await Promise.all(clients.map((c) => { const up = nextEvent(c, 'connected', 10_000); c.connect(); return up; }));
    const subs = clients.map((c) => c.newSubscription(ch, { since }));
    const seen = subs.map((s) => collect(s, 'publication'));
    const subscribed = subs.map((s) => nextEvent(s, 'subscribed', 10_000));

    const redis = new Redis(t.redis!.port, { lazyConnect: true });
    await redis.connect();
    try {
      await redis.config('RESETSTAT');
      for (const s of subs) s.subscribe();
      const contexts = await Promise.all(subscribed);
      for (const ctx of contexts) {
        assert.equal(ctx.wasRecovering, true);
        assert.equal(ctx.recovered, true);
      }
      await eventually(() => seen.every((pubs) => pubs.length === MISSED), 10_000, 'every missed publication at every client');
      for (const pubs of seen) assert.deepEqual(pubs.map((p) => p.data.n), Array.from({ length: MISSED }, (_, i) => i + 1));
      const reads = await scriptCalls(redis);
      // Without sharing: one read per client (40). The subscribes reach the worker over a few turns at most.
      assert.ok(reads <= CLIENTS / 4, `stream reads for ${CLIENTS} recovering clients: ${reads}`);

      // Live publications still reach all of them, once, after the recovered ones.
      await t.server.api('publish', { channel: ch, data: { n: 'live' } });
      await eventually(() => seen.every((pubs) => pubs.length === MISSED + 1 && pubs[MISSED].data.n === 'live'), 10_000, 'the live publication everywhere');
    } finally {
      redis.disconnect();
    }
  });
});
