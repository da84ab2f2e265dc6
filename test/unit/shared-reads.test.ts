/**
 * Node.readStream: a subscriber may share a stream read already sent to the
 * engine, on its way or answered less than KEEP_MS ago (after a storm, a
 * channel's subscribers reconnect over seconds), but only while nothing the
 * read could have missed has reached the node: a publication of the channel
 * arriving, the node ceasing to listen, its history being removed, or
 * pub/sub reconnecting after an outage ends the sharing. Reads for anyone else (the API's history, the position
 * check) never share a read that was sent before they asked.
 *
 * The engine is the real memory engine, its answers held back by a gate so
 * that a read stays on its way as long as a test needs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load';
import type { HistoryQuery, HistoryResult } from '../../src/engine/broker';
import { MemoryBroker } from '../../src/engine/memory/broker-memory';
import { MemoryPresenceManager } from '../../src/engine/memory/presence-memory';
import { logEveryFailure } from '../../src/engine/outage-log';
import { createRootLogger } from '../../src/log';
import { KEEP_MS, Node } from '../../src/node/node';

const HISTORY = { historySize: 10, historyTtl: 300, historyMetaTtl: 2592000 };
const TOP = { limit: 0, reverse: false } as const;

/** The memory engine, counting history reads; each answer is read at once but waits for `release()` to come back. */
class HeldBroker extends MemoryBroker {
  reads = 0;
  /** The next reads fail (once released), as a Redis outage would make them. */
  fail = false;
  private held: (() => void)[] = [];
  override async history(channel: string, q: HistoryQuery): Promise<HistoryResult> {
    this.reads++;
    const fail = this.fail;
    const r = await super.history(channel, q);
    await new Promise<void>((res) => this.held.push(res));
    if (fail) throw new Error('engine unreachable');
    return r;
  }
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
}

const nextTurn = () => new Promise((res) => setImmediate(res));

async function setup(): Promise<{ node: Node; broker: HeldBroker }> {
  const broker = new HeldBroker();
  const node = new Node(loadConfig({ env: {} }), broker, new MemoryPresenceManager(), logEveryFailure(createRootLogger('silent')));
  await node.start();
  await node.listen('room');
  await broker.publish('room', { data: Buffer.from('{"n":1}') }, HISTORY);
  return { node, broker };
}

describe('stream reads shared while on their way', () => {
  it('a subscriber asking in a later turn shares the read already sent, and gets its answer', async () => {
    const { node, broker } = await setup();
    const first = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 1, 'sent at the end of the first turn');
    const second = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 1, 'the second subscriber shares the read on its way');
    broker.release();
    assert.equal(await second, await first);
    await node.close();
  });

  it('an answered read stays shared while nothing is published, and no longer than KEEP_MS', async () => {
    const { node, broker } = await setup();
    const first = node.readStream('room', TOP, true);
    await nextTurn();
    broker.release();
    await first;
    const second = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 1, 'answered, and still shared');
    assert.equal(await second, await first);
    await new Promise((res) => setTimeout(res, KEEP_MS + 100));
    const third = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 2, 'kept no longer than KEEP_MS');
    broker.release();
    assert.equal((await third).position.offset, 1);
    await node.close();
  });

  it('a publication reaching the node ends the sharing of an answered read: the next subscriber sees it', async () => {
    const { node, broker } = await setup();
    const first = node.readStream('room', TOP, true);
    await nextTurn();
    broker.release();
    assert.equal((await first).position.offset, 1);
    await broker.publish('room', { data: Buffer.from('{"n":2}') }, HISTORY);
    const second = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 2);
    broker.release();
    assert.equal((await second).position.offset, 2);
    await node.close();
  });

  it("removing the channel's history ends the sharing of an answered read", async () => {
    const { node, broker } = await setup();
    const first = node.readStream('room', { limit: -1, reverse: false }, true);
    await nextTurn();
    broker.release();
    assert.equal((await first).publications.length, 1);
    await node.removeHistory('room');
    const second = node.readStream('room', { limit: -1, reverse: false }, true);
    await nextTurn();
    assert.equal(broker.reads, 2);
    broker.release();
    assert.equal((await second).publications.length, 0);
    await node.close();
  });

  it('a failed read is not shared once it has failed', async () => {
    const { node, broker } = await setup();
    broker.fail = true;
    const first = node.readStream('room', TOP, true);
    await nextTurn();
    broker.release();
    await assert.rejects(first);
    broker.fail = false;
    const second = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 2);
    broker.release();
    assert.equal((await second).position.offset, 1);
    await node.close();
  });

  it('a publication reaching the node ends the sharing: the next subscriber reads again and sees it', async () => {
    const { node, broker } = await setup();
    const first = node.readStream('room', TOP, true);
    await nextTurn();
    // Published after the read ran; it reaches this node (it listens) before the read's answer does.
    await broker.publish('room', { data: Buffer.from('{"n":2}') }, HISTORY);
    const second = node.readStream('room', TOP, true);
    await nextTurn();
    assert.equal(broker.reads, 2, 'a read of its own');
    broker.release();
    assert.equal((await first).position.offset, 1);
    assert.equal((await second).position.offset, 2);
    await node.close();
  });

  const enders: [string, (node: Node) => void][] = [
    ['the node ceasing to listen ends the sharing', (node) => node.unlisten('room')],
    ['pub/sub reconnecting ends the sharing: the read may have missed what was lost meanwhile', (node) => node.resubscribed()],
  ];
  for (const [what, end] of enders) {
    it(what, async () => {
      const { node, broker } = await setup();
      const first = node.readStream('room', TOP, true);
      await nextTurn();
      end(node);
      const second = node.readStream('room', TOP, true);
      await nextTurn();
      assert.equal(broker.reads, 2);
      broker.release();
      await Promise.all([first, second]);
      await node.close();
    });
  }

  it('a read for someone outside the hub (API history, position check) never shares a read sent before it asked', async () => {
    const { node, broker } = await setup();
    const first = node.readStream('room', TOP, true);
    await nextTurn();
    const api = node.readStream('room', TOP);
    await nextTurn();
    assert.equal(broker.reads, 2);
    broker.release();
    await Promise.all([first, api]);
    await node.close();
  });
});
