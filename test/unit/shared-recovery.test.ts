/**
 * Recovered publications are made into their protocol form and serialized
 * once, however many readers ask for them and in whichever turns: after a
 * reconnect storm every subscriber of a channel recovers the same
 * publications, and doing that work per reader doubled the storm's CPU.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBroker } from '../../src/engine/memory/broker-memory';
import { serialize } from '../../src/protocol/codec-json';
import { sharedProtoPublications } from '../../src/protocol/prepared-push';

const HISTORY = { historySize: 10, historyTtl: 300, historyMetaTtl: 2592000 };
const META = { historyMetaTtl: 2592000 };

describe('recovered publications shared between readers', () => {
  it('two reads of the memory engine in different turns get the same protocol objects, serialized once', async () => {
    const broker = new MemoryBroker({ maxChannels: 100, maxIdempotencyKeys: 100 });
    let epoch = '';
    for (let n = 1; n <= 4; n++) epoch = (await broker.publish('room', { data: Buffer.from(`{"n":${n}}`) }, HISTORY)).position!.epoch;
    // What two recovering subscribers ask: everything after offset 1, each in a turn of its own.
    const recover = { since: { offset: 1, epoch }, limit: -1, reverse: false, ...META };
    const first = (await broker.history('room', recover)).publications;
    await new Promise((res) => setImmediate(res));
    const second = (await broker.history('room', recover)).publications;
    assert.notEqual(first, second, 'two reads, two lists');
    const a = sharedProtoPublications(first);
    const b = sharedProtoPublications(second);
    assert.equal(a.length, 3);
    for (let i = 0; i < 3; i++) assert.equal(b[i], a[i], `publication ${i + 1}: one protocol object for both readers`);
    assert.equal(serialize(a), serialize(b));
    assert.deepEqual(JSON.parse(serialize(b)).map((p: { data: { n: number }; offset: number }) => [p.data.n, p.offset]), [[2, 2], [3, 3], [4, 4]]);
    await broker.close();
  });

  it('a copy of a stored publication does not carry the original\'s protocol form', () => {
    const stored = { data: Buffer.from('{"a":1}'), offset: 4 };
    const [proto] = sharedProtoPublications([stored]);
    assert.equal(JSON.parse(serialize(proto)).offset, 4);
    const copy = { ...stored, offset: 5 };
    assert.equal(JSON.parse(serialize(sharedProtoPublications([copy])[0])).offset, 5);
    assert.deepEqual(Object.keys(stored), ['data', 'offset'], 'nothing enumerable added');
  });
});
