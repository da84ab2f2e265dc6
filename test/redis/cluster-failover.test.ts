/**
 * The failover measures on a real Redis Cluster (3 masters, 1 replica each):
 * the publish script reads the replication ID inside a cluster node, a
 * replica taking over a master's slots (CLUSTER FAILOVER) makes the next
 * publish start a new epoch, and with redis.wait_replicas the WAIT reaches the
 * node that ran the script: its replica has the publication when the publish
 * resolves, and a frozen replica fails only its own master's publishes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis, { Cluster } from 'ioredis';
import { RedisKeys } from '../../src/engine/redis/keys';
import { encodePublication } from '../../src/engine/redis/pubsub-wire';
import { NotReplicatedError, ReplicaAckPublisher } from '../../src/engine/redis/replica-ack';
import { defineScripts } from '../../src/engine/redis/scripts';
import { parseRedisUrl } from '../../src/engine/redis/topology';
import { command, HOST } from '../helpers/redis-node';
import { keySlot, startCluster, type TestCluster } from '../helpers/redis-topology';
import { eventually } from '../helpers/server';

let cluster: TestCluster;
let client: Cluster;
const keys = new RedisKeys('cf');
const open: Redis[] = [];

/** The replica serving `slot`'s master now, by CLUSTER SLOTS (once a demoted master shows up as one). */
function replicaOf(slot: number): Promise<number> {
  return eventually(async () => {
    const master = await cluster.masterOfSlot(slot);
    const ranges = (await command(master, 'CLUSTER', 'SLOTS')) as [number, number, ...[string, number][]][];
    const replica = ranges.find(([from, to]) => from <= slot && slot <= to)?.[3];
    return replica ? Number(replica[1]) : undefined;
  }, 20_000, `a replica of slot ${slot}`) as Promise<number>;
}

/** A connection to a replica that may answer reads of its master's slots. */
async function readReplica(port: number): Promise<Redis> {
  const r = new Redis({ host: HOST, port, maxRetriesPerRequest: 0 });
  open.push(r);
  await r.readonly();
  return r;
}

const streamKeys = (ch: string) => [keys.stream(ch), keys.meta(ch), keys.result(ch, '')] as const;
/** broker_publish.lua's arguments up to the candidate epoch. */
const args = (ch: string, text: string) => [encodePublication({ data: Buffer.from(text) }), 10, 60, keys.pubsub(ch), 3600] as const;

describe('failover measures on a Redis Cluster', () => {
  before(async () => {
    cluster = await startCluster({ masters: 3, replicas: 1 });
    client = new Cluster([{ host: HOST, port: cluster.ports[0]! }], { enableOfflineQueue: true });
    defineScripts(client);
  });
  after(async () => {
    for (const r of open) r.disconnect();
    client?.disconnect();
    await cluster?.stop();
  });

  it('a replica taking over the slots starts a new epoch at the next publish', async () => {
    const ch = 'moving';
    const slot = keySlot(keys.stream(ch));
    assert.deepEqual(await client.gyrePublish(...streamKeys(ch), ...args(ch, 'one'), 'old', 0, 1), [1, 'old', 0]);
    const replica = await replicaOf(slot);
    await eventually(async () => (await (await readReplica(replica)).xlen(keys.stream(ch))) === 1, 10_000, 'the replica to have it');
    // A manual failover: the replica first catches up with its master, so nothing is lost, and still the epoch moves on.
    await command(replica, 'CLUSTER', 'FAILOVER');
    await eventually(async () => (await cluster.masterOfSlot(slot)) === replica, 30_000, 'the replica to serve the slot');
    const next = await eventually(() => client.gyrePublish(...streamKeys(ch), ...args(ch, 'two'), 'new', 0, 1).catch(() => undefined), 30_000, 'a publish on the new master');
    assert.deepEqual(next, [2, 'new', 0]);
  });

  it('with wait_replicas 1 the WAIT reaches the node that ran the script', async () => {
    const publisher = new ReplicaAckPublisher(parseRedisUrl(cluster.url), { replicas: 1, timeoutMs: 1000 }, { failed: () => {} });
    try {
      await eventually(() => publisher.ready(), 20_000, 'the publish connection');
      // One channel per master, and the replica of each.
      const byMaster = new Map<number, string>();
      for (let i = 0; byMaster.size < 3; i++) {
        const ch = `spread${i}`;
        const master = await cluster.masterOfSlot(keySlot(keys.stream(ch)));
        if (!byMaster.has(master)) byMaster.set(master, ch);
      }
      const channels = [...byMaster.values()];
      const replicas = await Promise.all(channels.map((ch) => replicaOf(keySlot(keys.stream(ch)))));
      const publish = (ch: string, n: number) => publisher.publish(streamKeys(ch), [...args(ch, `m${n}`), 'ep', 0, 1]);
      for (const [i, ch] of channels.entries()) {
        assert.deepEqual(await publish(ch, 1), [1, 'ep', 0]);
        assert.equal(await (await readReplica(replicas[i]!)).xlen(keys.stream(ch)), 1, `the replica serving ${ch} has it`);
      }
      // With the first channel's replica frozen, only that channel's publish goes unconfirmed: each WAIT asked its own node.
      const pid = Number(/process_id:(\d+)/.exec(String(await command(replicas[0]!, 'INFO', 'server')))![1]);
      process.kill(pid, 'SIGSTOP');
      try {
        await assert.rejects(publish(channels[0]!, 2), NotReplicatedError);
        for (const ch of channels.slice(1)) assert.deepEqual(await publish(ch, 2), [2, 'ep', 0]);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      assert.deepEqual(await publish(channels[0]!, 3), [3, 'ep', 0]);
    } finally {
      publisher.close();
    }
  });
});
