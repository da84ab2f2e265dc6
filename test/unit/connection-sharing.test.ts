/**
 * Which way workers get their connections (src/primary/primary.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectionSharing } from '../../src/primary/primary';

describe('connection sharing policy', () => {
  it('workers accept themselves up to one per core, and are handed connections when there are more', () => {
    assert.equal(connectionSharing(1, 1, {}), 'accept');
    assert.equal(connectionSharing(2, 2, {}), 'accept');
    assert.equal(connectionSharing(8, 16, {}), 'accept');
    assert.equal(connectionSharing(3, 2, {}), 'handoff');
    assert.equal(connectionSharing(6, 2, {}), 'handoff');
  });
  it("follows Node's NODE_CLUSTER_SCHED_POLICY when it is set", () => {
    assert.equal(connectionSharing(2, 2, { NODE_CLUSTER_SCHED_POLICY: 'rr' }), 'handoff');
    assert.equal(connectionSharing(1, 2, { NODE_CLUSTER_SCHED_POLICY: 'rr' }), 'handoff');
    assert.equal(connectionSharing(6, 2, { NODE_CLUSTER_SCHED_POLICY: 'none' }), 'accept');
    assert.equal(connectionSharing(6, 2, { NODE_CLUSTER_SCHED_POLICY: 'other' }), 'handoff');
  });
});
