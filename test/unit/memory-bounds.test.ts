/**
 * The memory engine remembers channels and idempotency keys by count as well
 * as by time: driven far past its bounds it holds no more than the bound, the
 * least recently used goes first, and the heap comes back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MemoryBroker } from '../../src/engine/memory/broker-memory';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const HISTORY = { historySize: 10, historyTtl: 300, historyMetaTtl: 2592000 };
const TOP = { limit: 0, reverse: false, historyMetaTtl: 2592000 };
const pub = (n: number) => ({ data: Buffer.from(`{"n":${n}}`) });

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('memory engine bounds', () => {
  it('keeps at most max_idempotency_keys results, forgetting the oldest first', async () => {
    const broker = new MemoryBroker({ maxChannels: 100, maxIdempotencyKeys: 1000 });
    const before = heapMb();
    for (let i = 0; i < 200_000; i++) await broker.publish('orders', pub(i), { ...HISTORY, idempotencyKey: `key-${i}-${'x'.repeat(64)}` });
    assert.equal(broker.sizes().idempotencyKeys, 1000);
    const grown = heapMb() - before;
    assert.ok(grown < 10, `heap grew ${grown.toFixed(1)} MB for 200k keys past a bound of 1000`);
    // The newest key still answers the first result; the oldest was forgotten, so it publishes again.
    const latest = await broker.publish('orders', pub(-1), { ...HISTORY, idempotencyKey: `key-199999-${'x'.repeat(64)}` });
    assert.equal(latest.position!.offset, 200_000);
    const oldest = await broker.publish('orders', pub(-1), { ...HISTORY, idempotencyKey: `key-0-${'x'.repeat(64)}` });
    assert.equal(oldest.position!.offset, 200_001);
    await broker.close();
  });

  it('keeps at most max_channels streams, dropping the least recently used', async () => {
    const broker = new MemoryBroker({ maxChannels: 1000, maxIdempotencyKeys: 100 });
    const kept = await broker.publish('kept', pub(1), HISTORY);
    const dropped = await broker.publish('dropped', pub(1), HISTORY);
    const before = heapMb();
    for (let i = 0; i < 150_000; i++) {
      // What a subscribe reads: the stream top, which creates the channel's epoch.
      await broker.history(`room-${i}-${'y'.repeat(64)}`, TOP);
      if (i % 500 === 0) await broker.history('kept', TOP);
    }
    assert.equal(broker.sizes().channels, 1000);
    const grown = heapMb() - before;
    assert.ok(grown < 10, `heap grew ${grown.toFixed(1)} MB for 150k channels past a bound of 1000`);
    const keptTop = (await broker.history('kept', TOP)).position;
    assert.deepEqual(keptTop, kept.position, 'a channel in use keeps its epoch and offset');
    const droppedTop = (await broker.history('dropped', TOP)).position;
    assert.notEqual(droppedTop.epoch, dropped.position!.epoch, 'a dropped channel starts a new epoch: recovering clients learn recovered: false');
    assert.equal(droppedTop.offset, 0);
    await broker.close();
  });
});
