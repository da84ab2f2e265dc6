/**
 * Everything works on every Redis topology Gyre supports (see
 * src/engine/redis/topology.ts): the same checks (topology-checks.ts) against
 * a Sentinel group, a Redis Cluster of three masters with a replica each,
 * three plain shards, and a list mixing a Sentinel group with a plain Redis.
 * Channels are chosen to land on every shard and every Cluster master, as
 * jump-hash.ts and the Cluster's key slots place them. redis.url is given
 * as one URL, as a list in the config file, and as GYRE_REDIS_URL.
 */
import { consistentIndex } from '../../src/engine/redis/jump-hash';
import { startRedis } from '../helpers/redis';
import { keySlot, startCluster, startSentinelGroup, startShards } from '../helpers/redis-topology';
import { topologySuite } from './topology-checks';

topologySuite('a Sentinel group', async () => {
  const group = await startSentinelGroup();
  const master = await group.currentMaster();
  return { url: group.url, places: [master], placeOf: () => master, stop: () => group.stop() };
});

topologySuite('a Redis Cluster of 3 masters and 3 replicas', async () => {
  const cluster = await startCluster({ masters: 3, replicas: 1 });
  // Every key of a channel has the hash tag {channel} (keys.ts).
  return { url: cluster.url, places: await cluster.masters(), placeOf: (ch) => cluster.masterOfSlot(keySlot(`{${ch}}`)), stop: () => cluster.stop() };
});

topologySuite('3 plain shards', async () => {
  const shards = await startShards(3);
  const ports = shards.shards.map((s) => s.port);
  // As a list in the config file.
  return { url: shards.urls, places: ports, placeOf: (ch) => ports[consistentIndex(ch, ports.length)]!, stop: () => shards.stop() };
});

topologySuite('a Sentinel group and a plain Redis as two shards', async () => {
  const plain = await startRedis();
  const group = await startSentinelGroup({ masterName: 'mixed-master' }).catch(async (err) => {
    await plain.stop();
    throw err;
  });
  const ports = [await group.currentMaster(), plain.port];
  return {
    url: [group.url, plain.url],
    // As GYRE_REDIS_URL, the list joined by commas (the Sentinel URL's own & and = stay as they are).
    viaEnv: true,
    places: ports,
    placeOf: (ch) => ports[consistentIndex(ch, ports.length)]!,
    stop: async () => {
      await Promise.all([group.stop(), plain.stop()]);
    },
  };
});
