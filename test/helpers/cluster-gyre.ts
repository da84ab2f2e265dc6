/**
 * Gyre on a test Redis Cluster (redis-topology.ts): channel names placed on
 * every master, servers of one deployment, where the subscriber connections
 * are, and how many subscribers a channel's pub/sub has on each node.
 */
import { after, before } from 'node:test';
import { RedisKeys } from '../../src/engine/redis/keys';
import { closeClients } from './clients';
import { command } from './redis-node';
import { keySlot, startCluster, type TestCluster } from './redis-topology';
import { deepMerge, startServer, type TestServer } from './server';

export interface ClusterSuite {
  /** The file's cluster (3 masters, 3 replicas), once `before` ran. */
  cluster: TestCluster;
  /** Run after the file's tests, last pushed first, before the cluster stops. */
  cleanups: (() => Promise<unknown>)[];
}

/** One Redis Cluster for a test file: started before its tests, stopped after them with every client and cleanup. */
export function clusterSuite(): ClusterSuite {
  const suite = { cleanups: [] } as unknown as ClusterSuite;
  before(async () => {
    suite.cluster = await startCluster();
  });
  after(async () => {
    closeClients();
    for (const c of suite.cleanups.reverse()) await c().catch(() => {});
    await suite.cluster?.stop();
  });
  return suite;
}

export interface PlacedChannel {
  channel: string;
  slot: number;
  /** The port of the master owning the slot when the channel was chosen. */
  master: number;
}

/**
 * `perMaster` channels `${ns}:${stem}-N` for each master, found by trying N
 * = 0, 1, …: a channel's keys and pub/sub name share the tag `{channel}`, so
 * its slot is the channel's own.
 */
export async function channelsOnEveryMaster(cluster: TestCluster, ns: string, stem: string, perMaster: number): Promise<PlacedChannel[]> {
  const masters = await cluster.masters();
  const found = new Map<number, PlacedChannel[]>(masters.map((m) => [m, []]));
  for (let n = 0; [...found.values()].some((l) => l.length < perMaster); n++) {
    if (n > 1000) throw new Error('no channel names found for every master');
    const channel = `${ns}:${stem}-${n}`;
    const slot = keySlot(channel);
    const master = await cluster.masterOfSlot(slot);
    const list = found.get(master);
    if (list && list.length < perMaster) list.push({ channel, slot, master });
  }
  return [...found.values()].flat();
}

/** `count` servers with `workers` workers each on the cluster under `prefix`; `config` is merged over the engine's. */
export async function gyreOnCluster(
  cluster: TestCluster,
  prefix: string,
  opts: { count?: number; workers?: number; sharded?: boolean; config?: Record<string, unknown> } = {},
): Promise<TestServer[]> {
  const config = deepMerge({ engine: 'redis', workers: opts.workers ?? 2, redis: { url: cluster.url, prefix, sharded_pubsub: opts.sharded ?? false } }, opts.config ?? {});
  return Promise.all(Array.from({ length: opts.count ?? 2 }, () => startServer({ config })));
}

export interface NodeSubscriptions {
  port: number;
  /** PUBSUB NUMSUB: classic subscribers of the name on this node. */
  classic: number;
  /** PUBSUB SHARDNUMSUB: sharded subscribers of the name on this node. */
  sharded: number;
}

/** How many subscribers Gyre's pub/sub name of `channel` has on each live node. */
export async function subscriptionsOn(ports: number[], prefix: string, channel: string): Promise<NodeSubscriptions[]> {
  const name = new RedisKeys(prefix).pubsub(channel);
  return Promise.all(
    ports.map(async (port) => {
      const [, classic] = (await command(port, 'PUBSUB', 'NUMSUB', name)) as [string, number];
      const [, sharded] = (await command(port, 'PUBSUB', 'SHARDNUMSUB', name)) as [string, number];
      return { port, classic: Number(classic), sharded: Number(sharded) };
    }),
  );
}

/** The live nodes holding a connection named `name` (CLIENT SETNAME), with how many each. */
export async function nodesWithConnection(ports: number[], name: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  await Promise.all(
    ports.map(async (port) => {
      const list = String(await command(port, 'CLIENT', 'LIST')).split('\n');
      const n = list.filter((line) => line.split(' ').includes(`name=${name}`)).length;
      if (n > 0) out.set(port, n);
    }),
  );
  return out;
}
