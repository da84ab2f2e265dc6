/**
 * Node.listening: a subscriber that is not a channel's first on this node
 * waits for the first one's listen to finish before it reads the stream, so
 * nothing published between its read and the broker's subscription can pass
 * it by (src/client/subscribe.ts). The engine is the real memory engine with
 * its subscribe held back by a gate.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load';
import { MemoryBroker } from '../../src/engine/memory/broker-memory';
import { MemoryPresenceManager } from '../../src/engine/memory/presence-memory';
import { logEveryFailure } from '../../src/engine/outage-log';
import { ClientError } from '../../src/errors';
import { createRootLogger } from '../../src/log';
import { Node } from '../../src/node/node';

class HeldSubscribe extends MemoryBroker {
  private gates: { open(): void; fail(err: Error): void }[] = [];
  override async subscribe(channel: string): Promise<void> {
    await new Promise<void>((open, fail) => this.gates.push({ open, fail }));
    return super.subscribe(channel);
  }
  open(): void {
    for (const g of this.gates.splice(0)) g.open();
  }
  fail(): void {
    for (const g of this.gates.splice(0)) g.fail(new Error('redis: subscriber connection is reconnecting'));
  }
}

async function setup(): Promise<{ node: Node; broker: HeldSubscribe }> {
  const broker = new HeldSubscribe();
  const node = new Node(loadConfig({ env: {} }), broker, new MemoryPresenceManager(), logEveryFailure(createRootLogger('silent')));
  await node.start();
  return { node, broker };
}

const settled = async (p: Promise<unknown>) => {
  let state = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((res) => setImmediate(res));
  return state;
};

describe('waiting for a listen in progress', () => {
  it('is done at once when no listen is in progress', async () => {
    const { node } = await setup();
    assert.equal(await settled(node.listening('room')), 'resolved');
    await node.close();
  });

  it('waits until the broker has subscribed', async () => {
    const { node, broker } = await setup();
    const first = node.listen('room');
    const later = node.listening('room');
    assert.equal(await settled(later), 'pending');
    broker.open();
    await first;
    assert.equal(await settled(later), 'resolved');
    assert.equal(await settled(node.listening('room')), 'resolved');
    await node.close();
  });

  it('fails as the listen did, with the temporary error the first subscriber gets', async () => {
    const { node, broker } = await setup();
    const first = node.listen('room');
    const later = node.listening('room');
    broker.fail();
    await assert.rejects(first, (err) => err instanceof ClientError && err.code === 100);
    await assert.rejects(later, (err) => err instanceof ClientError && err.code === 100);
    await node.close();
  });
});
