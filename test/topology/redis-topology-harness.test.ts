/**
 * The Redis topology harness (test/helpers/redis-topology.ts) against plain
 * ioredis: a Sentinel group really fails over and keeps replicated writes, a
 * cluster really moves a dead master's slots to its replica, shards are
 * independent servers, and nothing any of them started outlives stop().
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { ping } from '../helpers/redis';
import { keySlot, startCluster, startSentinelGroup, startShards } from '../helpers/redis-topology';
import { processAlive } from '../helpers/process';
import { eventually } from '../helpers/server';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

const HOST = '127.0.0.1';

/** A client of one node, closed at the end of the file. */
function direct(port: number): Redis {
  const r = new Redis({ host: HOST, port, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  cleanups.push(() => r.disconnect());
  return r;
}

/** stop() kills every process the topology runs, and may be called again. */
async function assertStopsAll(topology: { pids(): number[]; stop(): Promise<void> }, expected: number) {
  const pids = topology.pids();
  assert.equal(pids.length, expected);
  await topology.stop();
  await topology.stop();
  assert.deepEqual(pids.filter(processAlive), []);
}

describe('Sentinel group', () => {
  it('promotes the replica when the master dies, with what was replicated, and takes the old master back as a replica', async () => {
    const group = await startSentinelGroup({ masterName: 'topo-master' });
    cleanups.push(() => group.stop());
    const [s1, s2, s3] = group.sentinelPorts;
    assert.equal(group.url, `redis+sentinel://${HOST}:${s1}?sentinel_master_name=topo-master&addr=${HOST}:${s2}&addr=${HOST}:${s3}`);
    const [masterPort, replicaPort] = group.dataPorts as [number, number];
    assert.equal(await group.currentMaster(), masterPort);

    const client = new Redis({ sentinels: group.sentinelPorts.map((port) => ({ host: HOST, port })), name: group.masterName });
    client.on('error', () => {});
    cleanups.push(() => client.disconnect());
    await client.set('before', 'one');
    assert.equal(await client.wait(1, 0), 1);

    const killed = await group.killMaster();
    assert.equal(killed, masterPort);
    assert.equal(await ping(masterPort), false);
    const promoted = await group.waitForPromotion(killed);
    assert.equal(promoted, replicaPort);
    assert.equal(await group.currentMaster(), replicaPort);

    await eventually(async () => (await client.set('after', 'two')) === 'OK', 30_000, 'a write through Sentinel after the failover');
    assert.equal(await client.get('before'), 'one');
    assert.equal(await direct(replicaPort).get('after'), 'two');

    await group.restart(killed);
    const role = (await direct(killed).role()) as unknown[];
    assert.deepEqual(role.slice(0, 3), ['slave', HOST, replicaPort]);
    assert.equal(await group.currentMaster(), replicaPort);

    await assertStopsAll(group, 5);
  });
});

describe('Cluster', () => {
  it('computes slots as Redis does', async () => {
    const cluster = await startCluster({ masters: 3, replicas: 0 });
    cleanups.push(() => cluster.stop());
    const node = direct(cluster.ports[0]!);
    const keys = ['', 'a', 'gyre', '{user1}.a', '{user1}.b', 'user1', '{}', '{}x', 'x{}y', '{a', 'a}{b}', 'x{y}{z}', '{{a}}', 'ключ', 'ch:{ключ}'];
    for (const key of keys) assert.equal(keySlot(key), await node.cluster('KEYSLOT', key), key);
    assert.equal(keySlot('{user1}.a'), keySlot('user1'));
    assert.equal((await cluster.masters()).length, 3);
    await assertStopsAll(cluster, 3);
  });

  it('moves a dead master’s slots to its replica, and writes succeed again', async () => {
    const cluster = await startCluster();
    cleanups.push(() => cluster.stop());
    assert.equal(cluster.ports.length, 6);
    const [p1, ...rest] = cluster.ports;
    assert.equal(cluster.url, `redis+cluster://${HOST}:${p1}?${rest.map((p) => `addr=${HOST}:${p}`).join('&')}`);
    const before = await cluster.masters();
    assert.equal(before.length, 3);

    const keys = Array.from({ length: 60 }, (_, i) => `key-${i}`);
    const owners = await Promise.all(keys.map((k) => cluster.masterOfSlot(keySlot(k))));
    assert.deepEqual([...new Set(owners)].sort((a, b) => a - b), before, 'the keys span every master');

    const client = new Redis.Cluster(cluster.ports.map((port) => ({ host: HOST, port })));
    client.on('error', () => {});
    cleanups.push(() => client.disconnect());
    for (const k of keys) await client.set(k, 'one');

    const victim = owners[0]!;
    await cluster.killNode(victim);
    await cluster.waitForFailover(victim);
    const afterFailover = await cluster.masters();
    assert.equal(afterFailover.length, 3);
    assert.ok(!afterFailover.includes(victim));
    const heir = await cluster.masterOfSlot(keySlot(keys[0]!));
    assert.notEqual(heir, victim);
    assert.ok(cluster.ports.includes(heir));

    await eventually(
      async () => (await Promise.all(keys.map((k) => client.set(k, 'two')))).every((r) => r === 'OK'),
      30_000,
      'writes to every slot after the failover',
    );
    for (const k of keys) assert.equal(await client.get(k), 'two', k);

    await cluster.restart(victim);
    assert.equal(((await direct(victim).role()) as unknown[])[0], 'slave');
    assert.deepEqual(await cluster.masters(), afterFailover);

    await assertStopsAll(cluster, 6);
  });
});

describe('Shards', () => {
  it('are independent servers, listed in the GYRE_REDIS_URL form', async () => {
    const shards = await startShards(3);
    cleanups.push(() => shards.stop());
    assert.equal(shards.urls.length, 3);
    assert.equal(shards.url, shards.urls.join(','));
    const ports = shards.shards.map((s) => s.port);
    assert.equal(new Set(ports).size, 3);
    assert.deepEqual(shards.urls, ports.map((p) => `redis://${HOST}:${p}`));
    for (const port of ports) assert.equal(await ping(port), true);

    await direct(ports[0]!).set('only-here', '1');
    assert.equal(await direct(ports[1]!).exists('only-here'), 0);

    const pids = shards.shards.map((s) => s.process().pid!);
    await shards.stop();
    await shards.stop();
    assert.deepEqual(pids.filter(processAlive), []);
    for (const port of ports) assert.equal(await ping(port), false);
  });
});
