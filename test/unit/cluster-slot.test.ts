/** The cluster slot function against values Redis 7's CLUSTER KEYSLOT gives, hash-tag rules included. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keySlot } from '../../src/engine/redis/cluster-slot';

describe('keySlot', () => {
  it('matches CLUSTER KEYSLOT', () => {
    const known: [string, number][] = [
      ['somekey', 11058],
      ['foo', 12182],
      ['bar', 5061],
      ['{a}', 15495],
      ['chat:ünï', 10657],
      ['', 0],
    ];
    for (const [key, slot] of known) assert.equal(keySlot(key), slot, key);
  });

  it('hashes the first non-empty {tag} alone', () => {
    assert.equal(keySlot('foo{bar}{zap}'), keySlot('bar'));
    assert.equal(keySlot('gyre.client.{chat:x}'), keySlot('chat:x'));
    assert.equal(keySlot('gyre.stream.{chat:x}'), keySlot('gyre.client.{chat:x}'));
    // An empty first tag hashes the whole name; a tag starts at the first '{'.
    assert.equal(keySlot('foo{}{bar}'), 8363);
    assert.equal(keySlot('foo{{bar}}zap'), 4015);
  });
});
