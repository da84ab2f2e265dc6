/**
 * The hub's per-turn batches: a channel's publications of one turn reach its
 * subscribers together when the turn ends, as one frame per codec shared by
 * every subscriber (decoded here by the real client's own codec), and the
 * order a subscriber sees is the order things happened in: a join, a leave or
 * a membership change first delivers what was published before it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turnEnd } from 'node:timers/promises';
import { Centrifuge as CentrifugeJson } from 'centrifuge';
import { Centrifuge as CentrifugeProtobuf } from 'centrifuge/build/protobuf';
import WebSocket from 'ws';
import { Hub, type Subscriber } from '../../src/hub';
import { flushAtTurnEnd } from '../../src/turn';
import type { PreparedPush } from '../../src/protocol/prepared-push';
import type { PublicationBatch } from '../../src/protocol/publication-batch';

interface ClientCodec {
  decodeReplies(data: unknown): any[];
}
const clientCodec = (C: unknown): ClientCodec =>
  (new (C as typeof CentrifugeJson)('ws://127.0.0.1:1/connection/websocket', { websocket: WebSocket }) as unknown as { _codec: ClientCodec })._codec;

/** Records what the hub hands it, in order. */
class Recorder implements Subscriber {
  readonly seen: string[] = [];
  readonly batches: PublicationBatch[] = [];
  constructor(
    readonly id: string,
    readonly user = '',
  ) {}
  deliverBatch(batch: PublicationBatch): void {
    this.batches.push(batch);
    for (const it of batch.items) this.seen.push(`pub ${it.pub.data.toString()}`);
  }
  deliverJoinLeave(_channel: string, prepared: PreparedPush): void {
    this.seen.push(prepared.kind);
  }
}

const pub = (s: string, offset?: number) => ({ data: Buffer.from(JSON.stringify(s)), offset });
const info = { user: 'u', client: 'c' };

describe('per-turn channel batches', () => {
  it('hand a turn\'s publications over when the turn ends, as one frame per codec that every subscriber shares', async () => {
    const hub = new Hub<Recorder>();
    const a = new Recorder('a');
    const b = new Recorder('b');
    hub.addSubscriber('ch', a);
    hub.addSubscriber('ch', b);
    for (let i = 1; i <= 3; i++) hub.broadcastPublication('ch', pub(`m${i}`, i), { offset: i, epoch: 'e' });
    assert.deepEqual(a.seen, [], 'nothing is delivered before the turn ends');
    await turnEnd();
    assert.deepEqual(a.seen, ['pub "m1"', 'pub "m2"', 'pub "m3"']);
    assert.deepEqual(b.seen, a.seen);
    assert.equal(a.batches.length, 1);
    const batch = a.batches[0]!;
    assert.equal(b.batches[0], batch, 'both subscribers get the same batch');
    assert.equal(batch.frame('json'), batch.frame('json'), 'the joined frame is built once');
    const json = clientCodec(CentrifugeJson).decodeReplies(batch.frame('json').data.toString());
    assert.deepEqual(
      json.map((r) => [r.push.channel, r.push.pub.data, r.push.pub.offset]),
      [['ch', 'm1', 1], ['ch', 'm2', 2], ['ch', 'm3', 3]],
    );
    const proto = clientCodec(CentrifugeProtobuf).decodeReplies(new Uint8Array(batch.frame('protobuf').data));
    assert.deepEqual(proto.map((r) => Number(r.push.pub.offset)), [1, 2, 3]);
    assert.equal(batch.frame('json').messages?.length, 3, 'transports that frame each message on its own still get them one by one');
  });

  it('says whether a subscription continues exactly into the batch (no duplicate, no gap, same epoch)', async () => {
    const hub = new Hub<Recorder>();
    const a = new Recorder('a');
    hub.addSubscriber('ch', a);
    hub.broadcastPublication('ch', pub('x', 5), { offset: 5, epoch: 'e' });
    hub.broadcastPublication('ch', pub('y', 6), { offset: 6, epoch: 'e' });
    await turnEnd();
    const batch = a.batches[0]!;
    assert.equal(batch.follows('e', 4), true);
    assert.equal(batch.lastOffset, 6);
    assert.equal(batch.follows('e', 5), false, 'a duplicate');
    assert.equal(batch.follows('e', 3), false, 'a gap');
    assert.equal(batch.follows('other', 4), false, 'another epoch');
    hub.broadcastPublication('ch', pub('z', 8), { offset: 8, epoch: 'e' });
    hub.broadcastPublication('ch', pub('w', 7), { offset: 7, epoch: 'e' });
    await turnEnd();
    assert.equal(a.batches[1]!.follows('e', 7), false, 'offsets out of order are never taken whole');
  });

  it('deliver what was published before a join or leave, and before a subscriber leaves or joins', async () => {
    const hub = new Hub<Recorder>();
    const a = new Recorder('a');
    const b = new Recorder('b');
    const c = new Recorder('c');
    hub.addSubscriber('ch', a);
    hub.addSubscriber('ch', b);
    hub.broadcastPublication('ch', pub('1'), undefined);
    hub.broadcastJoinLeave('ch', 'join', info);
    hub.broadcastPublication('ch', pub('2'), undefined);
    hub.removeSubscriber('ch', b);
    hub.broadcastPublication('ch', pub('3'), undefined);
    hub.addSubscriber('ch', c);
    hub.broadcastPublication('ch', pub('4'), undefined);
    hub.broadcastJoinLeave('ch', 'leave', info);
    await turnEnd();
    assert.deepEqual(a.seen, ['pub "1"', 'join', 'pub "2"', 'pub "3"', 'pub "4"', 'leave']);
    assert.deepEqual(b.seen, ['pub "1"', 'join', 'pub "2"'], 'b left after "2"');
    assert.deepEqual(c.seen, ['pub "4"', 'leave'], 'c joined after "3"');
  });

  it('settle on demand, once: a subscriber that closes takes what its channels got this turn', async () => {
    const hub = new Hub<Recorder>();
    const a = new Recorder('a');
    hub.addSubscriber('ch', a);
    hub.broadcastPublication('ch', pub('1'), undefined);
    hub.settle('ch');
    assert.deepEqual(a.seen, ['pub "1"']);
    await turnEnd();
    assert.deepEqual(a.seen, ['pub "1"'], 'the end of the turn does not deliver it again');
    hub.broadcastPublication('nobody', pub('2'), undefined);
    await turnEnd();
    assert.equal(hub.hasChannel('nobody'), false);
  });
});

describe('the end of a turn', () => {
  it('comes early when a turn runs long, so what was queued at its start does not wait for all of it', async () => {
    const flushed: number[] = [];
    const flushable = (n: number) => ({ flush: () => void flushed.push(n) });
    flushAtTurnEnd(flushable(0));
    // One long callback, as a poll phase working through thousands of sockets is: it keeps queueing for 30 ms.
    const started = performance.now();
    let n = 1;
    while (performance.now() - started < 30) flushAtTurnEnd(flushable(n++));
    assert.deepEqual(flushed, [], 'nothing is written inside the callback itself');
    await Promise.resolve();
    assert.equal(flushed.length, n, 'all of it went out in a microtask after the long callback, before setImmediate');
    flushAtTurnEnd(flushable(n));
    await Promise.resolve();
    assert.equal(flushed.length, n, 'what comes after the early end waits for the end of the turn');
    await turnEnd();
    assert.equal(flushed.length, n + 1, 'then it goes, and nothing twice');
  });

  it('does not come early for a short turn', async () => {
    const flushed: number[] = [];
    for (let i = 0; i < 100; i++) flushAtTurnEnd({ flush: () => void flushed.push(i) });
    await Promise.resolve();
    assert.equal(flushed.length, 0);
    await turnEnd();
    assert.equal(flushed.length, 100);
  });
});
