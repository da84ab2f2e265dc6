/**
 * The listen backlog (src/http/backlog.ts): the system's somaxconn, as Go
 * servers ask for, never below Node's own 511.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listenBacklog } from '../../src/http/backlog';

describe('listen backlog', () => {
  it("takes the system's somaxconn, capped to what Linux takes", () => {
    assert.equal(listenBacklog(() => '4096\n'), 4096);
    assert.equal(listenBacklog(() => '1000000'), 65535);
  });
  it("keeps Node's 511 where the limit is lower, unreadable or not a number", () => {
    assert.equal(listenBacklog(() => '128'), 511);
    assert.equal(listenBacklog(() => 'x'), 511);
    assert.equal(
      listenBacklog(() => {
        throw new Error('ENOENT');
      }),
      511,
    );
  });
});
