/**
 * The Broker and PresenceManager contract, as one suite that every engine
 * must pass: memory.test.ts and redis.test.ts only supply a factory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Broker, BrokerEventHandler } from '../../src/engine/broker';
import type { PresenceManager } from '../../src/engine/presence';
import type { ClientInfo, Publication, StreamPosition } from '../../src/protocol/types';
import { eventually } from '../helpers/server';

export interface EngineUnderTest {
  broker: Broker;
  presence: PresenceManager;
  close(): Promise<void>;
}

class Recorder implements BrokerEventHandler {
  pubs: { channel: string; pub: Publication; position?: StreamPosition }[] = [];
  joins: { channel: string; info: ClientInfo }[] = [];
  leaves: { channel: string; info: ClientInfo }[] = [];
  handlePublication(channel: string, pub: Publication, position: StreamPosition | undefined): void {
    this.pubs.push({ channel, pub, position });
  }
  handleJoin(channel: string, info: ClientInfo): void {
    this.joins.push({ channel, info });
  }
  handleLeave(channel: string, info: ClientInfo): void {
    this.leaves.push({ channel, info });
  }
}

const history = { historySize: 10, historyTtl: 60, historyMetaTtl: 3600 };
const none = { historySize: 0, historyTtl: 0, historyMetaTtl: 3600 };
const data = (v: unknown) => Buffer.from(JSON.stringify(v));
const json = (p: Publication) => JSON.parse(p.data.toString());

export function engineContract(name: string, make: () => Promise<EngineUnderTest>): void {
  describe(`engine contract: ${name}`, () => {
    async function withEngine(fn: (e: EngineUnderTest, rec: Recorder) => Promise<void>): Promise<void> {
      const e = await make();
      const rec = new Recorder();
      await e.broker.start(rec);
      try {
        await fn(e, rec);
      } finally {
        await e.close();
      }
    }

    it('delivers publications of subscribed channels with increasing offsets in one epoch', () =>
      withEngine(async ({ broker }, rec) => {
        await broker.subscribe('a');
        const results = [];
        for (let i = 1; i <= 3; i++) results.push(await broker.publish('a', { data: data({ i }), info: { user: 'u', client: 'c' }, tags: { t: 'x' } }, history));
        await eventually(() => rec.pubs.length === 3, 3000, 'three deliveries');
        assert.deepEqual(results.map((r) => r.position!.offset), [1, 2, 3]);
        assert.equal(new Set(results.map((r) => r.position!.epoch)).size, 1);
        assert.deepEqual(rec.pubs.map((p) => p.position), results.map((r) => r.position));
        assert.deepEqual(rec.pubs.map((p) => json(p.pub)), [{ i: 1 }, { i: 2 }, { i: 3 }]);
        assert.deepEqual(rec.pubs[0]!.pub.info, { user: 'u', client: 'c' });
        assert.deepEqual(rec.pubs[0]!.pub.tags, { t: 'x' });
      }));

    it('delivers without a position when the channel keeps no history, and nothing for unsubscribed channels', () =>
      withEngine(async ({ broker }, rec) => {
        await broker.subscribe('b');
        assert.deepEqual(await broker.publish('b', { data: data(1) }, none), {});
        await broker.publish('not-subscribed', { data: data(2) }, none);
        await eventually(() => rec.pubs.length === 1, 3000, 'one delivery');
        assert.equal(rec.pubs[0]!.position, undefined);
        await broker.unsubscribe('b');
        await broker.publish('b', { data: data(3) }, none);
        await broker.subscribe('c');
        await broker.publish('c', { data: data(4) }, none);
        await eventually(() => rec.pubs.length === 2, 3000, 'delivery on c');
        assert.deepEqual(rec.pubs.map((p) => p.channel), ['b', 'c']);
      }));

    it('keeps a subscription that races its own unsubscribe', () =>
      withEngine(async ({ broker }, rec) => {
        await broker.subscribe('r');
        const u = broker.unsubscribe('r');
        const s = broker.subscribe('r');
        await Promise.all([u, s]);
        await broker.publish('r', { data: data('still here') }, none);
        await eventually(() => rec.pubs.length === 1, 3000, 'delivery after the race');
      }));

    it('serves history: top only, since, limit, reverse, and trims to the size', () =>
      withEngine(async ({ broker }) => {
        const fresh = await broker.history('h', { limit: 0, reverse: false, historyMetaTtl: 3600 });
        assert.equal(fresh.position.offset, 0);
        assert.ok(fresh.position.epoch, 'an epoch exists before the first publish');
        for (let i = 1; i <= 12; i++) await broker.publish('h', { data: data(i) }, history);
        const all = await broker.history('h', { limit: -1, reverse: false, historyMetaTtl: 3600 });
        assert.equal(all.position.epoch, fresh.position.epoch, 'the first publish keeps that epoch');
        assert.deepEqual(all.publications.map((p) => p.offset), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        const since = await broker.history('h', { since: { offset: 9, epoch: fresh.position.epoch }, limit: 2, reverse: false, historyMetaTtl: 3600 });
        assert.deepEqual(since.publications.map((p) => json(p)), [10, 11]);
        const rev = await broker.history('h', { limit: 3, reverse: true, historyMetaTtl: 3600 });
        assert.deepEqual(rev.publications.map((p) => p.offset), [12, 11, 10]);
        const revSince = await broker.history('h', { since: { offset: 5, epoch: '' }, limit: -1, reverse: true, historyMetaTtl: 3600 });
        assert.deepEqual(revSince.publications.map((p) => p.offset), [4, 3]);
        const top = await broker.history('h', { limit: 0, reverse: false, historyMetaTtl: 3600 });
        assert.deepEqual(top, { publications: [], position: all.position });
      }));

    it('applies a publish once per idempotency key', () =>
      withEngine(async ({ broker }, rec) => {
        await broker.subscribe('i');
        const first = await broker.publish('i', { data: data('x') }, { ...history, idempotencyKey: 'k1' });
        const again = await broker.publish('i', { data: data('x') }, { ...history, idempotencyKey: 'k1' });
        assert.deepEqual(again, first);
        const other = await broker.publish('i', { data: data('y') }, { ...history, idempotencyKey: 'k2' });
        assert.equal(other.position!.offset, first.position!.offset + 1);
        await eventually(() => rec.pubs.length === 2, 3000, 'two deliveries');
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(rec.pubs.length, 2);
      }));

    it('removes history but keeps the position', () =>
      withEngine(async ({ broker }) => {
        await broker.publish('rm', { data: data(1) }, history);
        const before = await broker.history('rm', { limit: -1, reverse: false, historyMetaTtl: 3600 });
        await broker.removeHistory('rm');
        const after = await broker.history('rm', { limit: -1, reverse: false, historyMetaTtl: 3600 });
        assert.equal(after.publications.length, 0);
        assert.deepEqual(after.position, before.position);
        const next = await broker.publish('rm', { data: data(2) }, history);
        assert.deepEqual(next.position, { offset: 2, epoch: before.position.epoch });
      }));

    it('delivers joins and leaves', () =>
      withEngine(async ({ broker }, rec) => {
        await broker.subscribe('jl');
        await broker.publishJoin('jl', { user: 'u1', client: 'c1', conn_info: data({ n: 1 }) });
        await broker.publishLeave('jl', { user: 'u1', client: 'c1' });
        await eventually(() => rec.joins.length === 1 && rec.leaves.length === 1, 3000, 'join and leave');
        assert.deepEqual(rec.joins[0], { channel: 'jl', info: { user: 'u1', client: 'c1', conn_info: data({ n: 1 }) } });
      }));

    it('keeps presence per client and counts users', () =>
      withEngine(async ({ presence }) => {
        await presence.addPresence('p', 'c1', { user: 'u1', client: 'c1', conn_info: data({ a: 1 }) });
        await presence.addPresence('p', 'c2', { user: 'u1', client: 'c2' });
        await presence.addPresence('p', 'c3', { user: 'u2', client: 'c3', chan_info: data('x') });
        await presence.addPresence('p', 'c3', { user: 'u2', client: 'c3', chan_info: data('x') });
        assert.deepEqual(await presence.presenceStats('p'), { numClients: 3, numUsers: 2 });
        const all = await presence.presence('p');
        assert.deepEqual(Object.keys(all).sort(), ['c1', 'c2', 'c3']);
        assert.deepEqual(all['c1'], { user: 'u1', client: 'c1', conn_info: data({ a: 1 }) });
        assert.deepEqual(all['c3'], { user: 'u2', client: 'c3', chan_info: data('x') });
        await presence.removePresence('p', 'c1', 'u1');
        assert.deepEqual(await presence.presenceStats('p'), { numClients: 2, numUsers: 2 });
        await presence.removePresence('p', 'c2', 'u1');
        assert.deepEqual(await presence.presenceStats('p'), { numClients: 1, numUsers: 1 });
        await presence.removePresence('p', 'missing', 'u9');
        assert.deepEqual(await presence.presenceStats('empty'), { numClients: 0, numUsers: 0 });
      }));
  });
}
