/** Publications as the Redis engine stores and sends them: what goes in comes back, and nothing more. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePublication, encodePublication } from '../../src/engine/redis/pubsub-wire';

describe('Redis publication bytes', () => {
  it('round-trips a publication without inventing a time (int64 zero decodes as a truthy Long)', () => {
    const plain = decodePublication(encodePublication({ data: Buffer.from('{"x":1}') }), 3);
    assert.deepEqual(plain, { data: Buffer.from('{"x":1}'), offset: 3 });
    assert.equal('time' in plain, false);
    const full = decodePublication(encodePublication({ data: Buffer.from('1'), info: { user: 'u', client: 'c' }, tags: { k: 'v' }, time: 1_795_000_000_123 }));
    assert.equal(full.time, 1_795_000_000_123);
    assert.deepEqual(full.tags, { k: 'v' });
    assert.equal(full.info?.user, 'u');
  });
});
