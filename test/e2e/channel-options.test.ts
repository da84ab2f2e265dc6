/**
 * Channel options that change what a subscriber gets without asking, or
 * grant what it asks without history permission (README, configuration
 * reference): force_push_join_leave, allow_recovery, allow_positioning and
 * force_positioning, each beside a namespace without it, with the real SDK.
 * Gaps are made as Redis would make them: a publication that reaches the
 * stream but whose pub/sub message is lost (its offset taken, nothing sent).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/contract';
import { collect, makeClient, nextEvent, token } from '../helpers/clients';
import { eventually } from '../helpers/server';
import { engineSuite } from '../helpers/suite';

const history = { history_size: 10, history_ttl: 300, allow_subscribe_for_client: true };
const PREFIX = 'channel-options';
const t = engineSuite('redis', {
  prefix: PREFIX,
  config: {
    channel: {
      namespaces: [
        { name: 'jl', presence: true, join_leave: true, allow_subscribe_for_client: true, allow_presence_for_subscriber: true },
        { name: 'fjl', presence: true, join_leave: true, force_push_join_leave: true, allow_subscribe_for_client: true },
        // No history permission anywhere below: only the option under test grants recovery or positioning.
        { name: 'plain', ...history },
        { name: 'rec', ...history, allow_recovery: true },
        { name: 'pos', ...history, allow_positioning: true },
        { name: 'fpos', ...history, force_positioning: true },
      ],
    },
  },
});

let redis: Redis | undefined;
after(() => redis?.disconnect());

/** A subscription of `user` to `channel` with the SDK's subscription `options`, recording what it gets. */
async function subscriber(user: string, channel: string, options: Record<string, unknown> = {}) {
  const c = makeClient(t.server.wsUrl, 'json', { token: token({ sub: user }) });
  const sub = c.newSubscription(channel, options);
  const subscribed = collect(sub, 'subscribed');
  const pubs = collect(sub, 'publication');
  const joins = collect(sub, 'join');
  const leaves = collect(sub, 'leave');
  sub.subscribe();
  c.connect();
  await sub.ready(5000);
  // Resubscribes from now on (the first subscribe is not one).
  const subscribing = collect(sub, 'subscribing');
  return { c, sub, subscribed, subscribing, pubs, joins, leaves };
}

const publish = async (channel: string, data: unknown) => (await t.server.api('publish', { channel, data })).result;

/** Loses the channel's next publication as a pub/sub hiccup would: its offset is taken in the stream's meta, nothing is delivered. */
async function losePublication(channel: string): Promise<void> {
  redis ??= new Redis(t.redis!.url);
  await redis.hincrby(new RedisKeys(PREFIX).meta(channel), 's', 1);
}

describe('force_push_join_leave', () => {
  it('pushes joins and leaves to a subscriber that did not ask for them', async () => {
    const ch = 'fjl:room';
    const quiet = await subscriber('quiet', ch);
    const other = await subscriber('other', ch);
    await eventually(() => quiet.joins.some((j) => j.info.user === 'other'), 5000, 'join pushed');
    other.sub.unsubscribe();
    await eventually(() => quiet.leaves.some((l) => l.info.user === 'other'), 5000, 'leave pushed');
  });

  it('without it, only a subscriber that asked gets them', async () => {
    const ch = 'jl:room';
    const quiet = await subscriber('quiet', ch);
    const asked = await subscriber('asked', ch, { joinLeave: true });
    await subscriber('other', ch);
    await eventually(() => asked.joins.some((j) => j.info.user === 'other'), 5000, 'join sent to the one who asked');
    // A publication after the join reaches both: by the time the quiet one has it, a join would have come first.
    await publish(ch, { after: 'join' });
    await eventually(() => quiet.pubs.length === 1, 5000, 'publication after the join');
    assert.deepEqual(quiet.joins, []);
  });
});

describe('allow_recovery', () => {
  /** Subscribes asking for recovery, misses two publications while disconnected, reconnects. */
  async function missTwo(ch: string) {
    const s = await subscriber('recovering', ch, { recoverable: true });
    await publish(ch, { n: 1 });
    await eventually(() => s.pubs.length === 1, 5000, 'live publication');
    s.c.disconnect();
    await publish(ch, { n: 2 });
    await publish(ch, { n: 3 });
    const again = nextEvent(s.sub, 'subscribed', 5000);
    s.c.connect();
    const ctx = await again;
    await publish(ch, { n: 4 });
    await eventually(() => s.pubs.some((p) => p.data.n === 4), 5000, 'live publication after the reconnect');
    return { first: s.subscribed[0], ctx, delivered: s.pubs.map((p) => p.data.n) };
  }

  it('recovers for a client that asks, without history permission', async () => {
    const { first, ctx, delivered } = await missTwo('rec:feed');
    assert.equal(first.recoverable, true);
    assert.equal(ctx.wasRecovering, true);
    assert.equal(ctx.recovered, true);
    assert.deepEqual(delivered, [1, 2, 3, 4]);
  });

  it('without it (and without history permission), the ask is ignored and the gap stays', async () => {
    const { first, ctx, delivered } = await missTwo('plain:feed');
    assert.equal(first.recoverable, false);
    assert.equal(ctx.wasRecovering, false);
    assert.deepEqual(delivered, [1, 4]);
  });
});

describe('positioning', () => {
  /** The subscription's first reply, then what a lost publication does to it. */
  async function gapAfterSubscribe(ch: string, options: Record<string, unknown>) {
    await publish(ch, { n: 1 });
    const s = await subscriber('positioned', ch, options);
    const first = s.subscribed[0];
    await losePublication(ch);
    const resubscribed = nextEvent(s.sub, 'subscribed', 5000).catch(() => null);
    await publish(ch, { n: 3 });
    await eventually(() => s.pubs.length > 0 || s.subscribing.some((e) => e.code === 2500), 5000, 'the publication after the gap, or a resubscribe');
    return { first, s, resubscribed };
  }

  async function assertGapDetected(ch: string, options: Record<string, unknown>) {
    const { first, s, resubscribed } = await gapAfterSubscribe(ch, options);
    assert.equal(first.positioned, true);
    assert.equal(Number(first.streamPosition.offset), 1, 'the subscribe reply carries the position');
    assert.equal(typeof first.streamPosition.epoch, 'string');
    assert.notEqual(first.streamPosition.epoch, '');
    await eventually(() => s.subscribing.some((e) => e.code === 2500), 5000, 'told to resubscribe (2500, insufficient state)');
    const again = await resubscribed;
    assert.ok(again, 'subscribed again after the gap');
    assert.equal(Number(again.streamPosition.offset), 3, 'from the stream\'s current position');
    assert.deepEqual(s.pubs, [], 'the publication after the gap is not delivered as if nothing was lost');
  }

  async function assertNoPositioning(ch: string, options: Record<string, unknown>) {
    const { first, s } = await gapAfterSubscribe(ch, options);
    assert.equal(first.positioned, false);
    assert.equal(first.streamPosition, undefined);
    await eventually(() => s.pubs.length === 1, 5000, 'the publication after the gap');
    assert.deepEqual(
      s.subscribing.map((e) => e.code),
      [],
      'no resubscribe: the gap is not seen',
    );
  }

  it('allow_positioning: a client that asks gets its position and the gap is detected', () => assertGapDetected('pos:ticker', { positioned: true }));
  it('without allow_positioning (and without history permission), the ask is ignored', () => assertNoPositioning('plain:ticker', { positioned: true }));
  it('force_positioning: a client that does not ask gets its position and the gap is detected', () => assertGapDetected('fpos:ticker', {}));
  it('without force_positioning, a client that does not ask is not positioned', () => assertNoPositioning('plain:ticker-unasked', {}));
});
