/**
 * Real Redis topologies for tests, beside the single server of redis.ts:
 * a Sentinel group (master, replica, three Sentinels), a Redis Cluster, and
 * independent shards. With `tls` the data nodes listen with TLS only
 * (redis-tls.ts) and replicate, gossip and answer Sentinels over TLS; the
 * URLs are then rediss+…. Every process listens on free ports on 127.0.0.1, runs
 * in a private temp dir without persistence (unless `persistent`), and is
 * started without daemonizing, so it is ours to kill: by `stop()`, and as a
 * backstop when the test process exits.
 *
 * The start functions return only once the topology can fail over: a
 * Sentinel that has not yet discovered the replica or its peers, or a cluster
 * node that has not yet learned which replica serves which master, would not
 * promote anyone when a test kills a master.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startRedis, type TestRedis } from './redis';
import { TLS_FILES, TLS_SETTINGS } from './redis-tls';
import {
  command,
  dataArgs,
  dataNode,
  disposer,
  firstAnswer,
  freePorts,
  HOST,
  nodeDir,
  own,
  parseFields,
  records,
  RedisNode,
  replicaLinkUp,
  role,
} from './redis-node';
import { eventually } from './server';

/** How long a start, failover or restart may take before the helper gives up (a loaded 2-core machine is slow). */
const SETTLE_MS = 45_000;

// ---------------------------------------------------------------------------
// Sentinel

export interface SentinelGroup {
  masterName: string;
  /** redis+sentinel://127.0.0.1:S1?sentinel_master_name=NAME&addr=127.0.0.1:S2&addr=127.0.0.1:S3 */
  url: string;
  sentinelPorts: number[];
  /** [first master, first replica]; which is the master changes with failovers. */
  dataPorts: number[];
  /** The master's port, as a Sentinel answers SENTINEL get-master-addr-by-name. */
  currentMaster(): Promise<number>;
  /** kill -9 of the current master; returns its port. */
  killMaster(): Promise<number>;
  /** Until every live Sentinel names a master other than `oldPort` and that node answers ROLE master; returns its port. */
  waitForPromotion(oldPort: number, timeoutMs?: number): Promise<number>;
  /** Starts a killed data node again on its port, as a replica of the current master, and waits until it is in sync and the Sentinels see it. */
  restart(port: number): Promise<void>;
  /** Kills every process; safe to call again and after kills. */
  stop(): Promise<void>;
  /** Pids of the processes running now (for tests that check nothing outlives stop()). */
  pids(): number[];
}

export async function startSentinelGroup(
  opts: { masterName?: string; downAfterMs?: number; failoverTimeoutMs?: number; persistent?: boolean; tls?: boolean } = {},
): Promise<SentinelGroup> {
  const tls = opts.tls ?? false;
  const masterName = opts.masterName ?? 'gyre-master';
  const downAfterMs = opts.downAfterMs ?? 1000;
  // Short, so a failover Sentinel gave up on is retried soon (it waits twice this before trying again).
  const failoverTimeoutMs = opts.failoverTimeoutMs ?? 3000;
  const [masterPort, replicaPort, ...freeOnes] = (await freePorts(tls ? 8 : 5)) as [number, number, ...number[]];
  const sentinelPorts = freeOnes.slice(0, 3);
  /**
   * With TLS a Sentinel reaches the data nodes over TLS (tls-replication), and then its peers too, on the TLS
   * port each announces; its plain port stays for Gyre and the harness (ioredis asks Sentinels without TLS).
   */
  const sentinelTlsPorts = tls ? freeOnes.slice(3) : [];
  const dataPorts = [masterPort, replicaPort];
  const data = dataPorts.map((port) => {
    const dir = nodeDir('redis');
    return new RedisNode(port, dir, dataArgs(port, dir, opts.persistent, tls), tls);
  });
  const sentinels = sentinelPorts.map((port, i) => {
    const dir = nodeDir('sentinel');
    // Sentinel rewrites its config file (discovered peers and replicas, epochs), so each gets a writable one.
    const conf = path.join(dir, 'sentinel.conf');
    fs.writeFileSync(
      conf,
      [
        `port ${port}`,
        ...(tls ? [`tls-port ${sentinelTlsPorts[i]}`, 'tls-replication yes', ...TLS_SETTINGS.map(([name, value]) => `${name} ${value}`)] : []),
        `bind ${HOST}`,
        'protected-mode no',
        `dir ${dir}`,
        'sentinel resolve-hostnames no',
        `sentinel monitor ${masterName} ${HOST} ${masterPort} 2`,
        `sentinel down-after-milliseconds ${masterName} ${downAfterMs}`,
        `sentinel failover-timeout ${masterName} ${failoverTimeoutMs}`,
        `sentinel parallel-syncs ${masterName} 1`,
        '',
      ].join('\n'),
    );
    return new RedisNode(port, dir, [conf, '--sentinel']);
  });
  const stop = disposer(() => [...sentinels, ...data]);

  const liveSentinels = () => sentinels.filter((s) => s.alive);
  /** The port a Sentinel announces to its peers, as SENTINEL SENTINELS lists it. */
  const peerPort = (s: RedisNode) => (tls ? sentinelTlsPorts[sentinels.indexOf(s)]! : s.port);
  const masterSeenBy = async (sentinel: number): Promise<number> => {
    const addr = (await command(sentinel, 'SENTINEL', 'get-master-addr-by-name', masterName)) as [string, string] | null;
    if (!addr) throw new Error(`Sentinel ${sentinel} does not know ${masterName}`);
    return Number(addr[1]);
  };
  const currentMaster = () => firstAnswer(liveSentinels(), masterSeenBy);
  const healthy = (flags: string | undefined) => !!flags && !/s_down|o_down|disconnected/.test(flags);
  /**
   * Ready to fail over: every live replica is in sync, and every live Sentinel agrees on the master, sees it up,
   * sees each live replica up and each other live Sentinel.
   */
  const settled = async (): Promise<boolean> => {
    const master = await currentMaster();
    const replicas = data.filter((n) => n.alive && n.port !== master).map((n) => n.port);
    if (!(await Promise.all(replicas.map(replicaLinkUp))).every(Boolean)) return false;
    const views = await Promise.all(
      liveSentinels().map(async (s) => {
        if ((await masterSeenBy(s.port)) !== master) return false;
        const [m] = records([await command(s.port, 'SENTINEL', 'MASTER', masterName)]);
        const seenReplicas = records(await command(s.port, 'SENTINEL', 'REPLICAS', masterName));
        const peers = records(await command(s.port, 'SENTINEL', 'SENTINELS', masterName));
        return (
          healthy(m?.flags) &&
          replicas.every((p) => seenReplicas.some((r) => Number(r.port) === p && healthy(r.flags))) &&
          liveSentinels()
            .filter((o) => o !== s)
            .every((o) => peers.some((r) => Number(r.port) === peerPort(o) && healthy(r.flags)))
        );
      }),
    );
    return views.every(Boolean);
  };

  try {
    await data[0]!.start();
    await data[1]!.start(['--replicaof', HOST, String(masterPort)]);
    // In sync before the Sentinels start: a Sentinel asks the master for INFO as soon as it connects, and from then
    // on only every 10 s, so a replica that attached later could stay unknown to it for that long.
    await eventually(() => replicaLinkUp(replicaPort), SETTLE_MS, `replica ${replicaPort} in sync`);
    await Promise.all(sentinels.map((s) => s.start()));
    await eventually(settled, SETTLE_MS, 'Sentinels to discover the replica and each other');
  } catch (err) {
    await stop();
    throw err;
  }

  const [s1, ...others] = sentinelPorts;
  return {
    masterName,
    url: `${tls ? 'rediss' : 'redis'}+sentinel://${HOST}:${s1}?sentinel_master_name=${encodeURIComponent(masterName)}${others.map((p) => `&addr=${HOST}:${p}`).join('')}`,
    sentinelPorts,
    dataPorts,
    currentMaster,
    async killMaster() {
      const port = await currentMaster();
      await dataNode(data, port).kill();
      return port;
    },
    async waitForPromotion(oldPort, timeoutMs = SETTLE_MS) {
      const port = await eventually(
        async () => {
          const named = await Promise.all(liveSentinels().map((s) => masterSeenBy(s.port)));
          const port = named[0];
          if (port === undefined || port === oldPort || named.some((p) => p !== port)) return undefined;
          return (await role(port)) === 'master' ? port : undefined;
        },
        timeoutMs,
        `a Sentinel promotion away from ${oldPort}`,
      );
      return port!;
    },
    async restart(port) {
      const node = dataNode(data, port);
      const master = await currentMaster();
      // Started as a replica of the current master rather than left to the Sentinels' reconfiguration, so a
      // restarted old master never serves as a second master meanwhile.
      await node.start(master === port ? [] : ['--replicaof', HOST, String(master)]);
      await eventually(settled, SETTLE_MS, `node ${port} back in the group`);
    },
    stop,
    pids: () => [...data, ...sentinels].flatMap((n) => (n.pid === undefined ? [] : [n.pid])),
  };
}

// ---------------------------------------------------------------------------
// Cluster

export interface TestCluster {
  /** redis+cluster://127.0.0.1:P1?addr=127.0.0.1:P2&addr=... (every node) */
  url: string;
  ports: number[];
  /** The ports of the nodes serving slots now. */
  masters(): Promise<number[]>;
  masterOfSlot(slot: number): Promise<number>;
  /** kill -9 of one node. */
  killNode(port: number): Promise<void>;
  /** Until the live nodes agree that the cluster is ok and that nodes other than `oldPort` serve all of its slots. */
  waitForFailover(oldPort: number, timeoutMs?: number): Promise<void>;
  /** Starts a killed node again with its nodes.conf and waits until it has rejoined (a failed-over master as a replica). */
  restart(port: number): Promise<void>;
  /** Kills every process; safe to call again and after kills. */
  stop(): Promise<void>;
  pids(): number[];
}

/** A node's CLUSTER SLOTS: for each slot range, the master's port and its replicas' ports. */
interface SlotRange {
  from: number;
  to: number;
  master: number;
  replicas: number[];
}

async function slotRanges(port: number): Promise<SlotRange[]> {
  // Each range: [from, to, [host, port, id, ...] of the master, then one such entry per replica].
  const reply = (await command(port, 'CLUSTER', 'SLOTS')) as [number, number, [string, number], ...[string, number][]][];
  return reply
    .map(([from, to, master, ...replicas]) => ({ from, to, master: Number(master[1]), replicas: replicas.map((r) => Number(r[1])).sort((a, b) => a - b) }))
    .sort((a, b) => a.from - b.from);
}

export async function startCluster(
  opts: { masters?: number; replicas?: number; nodeTimeoutMs?: number; persistent?: boolean; tls?: boolean } = {},
): Promise<TestCluster> {
  const tls = opts.tls ?? false;
  const mastersWanted = opts.masters ?? 3;
  const replicasEach = opts.replicas ?? 1;
  const nodeTimeoutMs = opts.nodeTimeoutMs ?? 1000;
  const count = mastersWanted * (1 + replicasEach);
  // Each node also needs a cluster-bus port; the default (port + 10000) can be taken or past 65535 for an ephemeral port.
  const allPorts = await freePorts(2 * count);
  const ports = allPorts.slice(0, count);
  const nodes = ports.map((port, i) => {
    const dir = nodeDir('cluster');
    return new RedisNode(port, dir, [
      ...dataArgs(port, dir, opts.persistent, tls),
      '--cluster-enabled', 'yes',
      '--cluster-port', String(allPorts[count + i]),
      '--cluster-config-file', path.join(dir, 'nodes.conf'),
      '--cluster-node-timeout', String(nodeTimeoutMs),
    ], tls);
  });
  const stop = disposer(() => nodes);
  const live = () => nodes.filter((n) => n.alive);

  const anyView = () => firstAnswer(live(), slotRanges);
  /**
   * Ready to fail over: every live node says cluster_state:ok and has the same slot map naming every live node
   * (as a master or as a replica of one), and every replica's link is up. A replica another master does not yet
   * know as such would get no votes when its master dies.
   */
  const settled = async (): Promise<SlotRange[] | undefined> => {
    const views = await Promise.all(
      live().map(async (n) => {
        const state = parseFields(String(await command(n.port, 'CLUSTER', 'INFO')));
        if (state.cluster_state !== 'ok' || !(await replicaLinkUp(n.port))) return undefined;
        return slotRanges(n.port);
      }),
    );
    const first = views[0];
    if (!first || views.some((v) => !v || JSON.stringify(v) !== JSON.stringify(first))) return undefined;
    const named = new Set(first.flatMap((r) => [r.master, ...r.replicas]));
    return live().every((n) => named.has(n.port)) ? first : undefined;
  };

  try {
    await Promise.all(nodes.map((n) => n.start()));
    await promisify(execFile)(
      'redis-cli',
      [...(tls ? ['--tls', '--cacert', TLS_FILES.ca] : []), '--cluster', 'create', ...ports.map((p) => `${HOST}:${p}`), '--cluster-replicas', String(replicasEach), '--cluster-yes'],
      { timeout: SETTLE_MS },
    );
    await eventually(settled, SETTLE_MS, 'the cluster to agree on its slots and replicas');
  } catch (err) {
    await stop();
    throw err;
  }

  const [p1, ...others] = ports;
  return {
    url: `${tls ? 'rediss' : 'redis'}+cluster://${HOST}:${p1}${others.map((p, i) => `${i ? '&' : '?'}addr=${HOST}:${p}`).join('')}`,
    ports,
    masters: async () => [...new Set((await anyView()).map((r) => r.master))].sort((a, b) => a - b),
    async masterOfSlot(slot) {
      const range = (await anyView()).find((r) => r.from <= slot && slot <= r.to);
      if (!range) throw new Error(`no node serves slot ${slot}`);
      return range.master;
    },
    killNode: async (port) => dataNode(nodes, port).kill(),
    async waitForFailover(oldPort, timeoutMs = SETTLE_MS) {
      await eventually(
        async () => {
          const view = await settled();
          return view && view.every((r) => r.master !== oldPort);
        },
        timeoutMs,
        `a failover away from ${oldPort}`,
      );
    },
    async restart(port) {
      await dataNode(nodes, port).start();
      await eventually(settled, SETTLE_MS, `node ${port} back in the cluster`);
    },
    stop,
    pids: () => nodes.flatMap((n) => (n.pid === undefined ? [] : [n.pid])),
  };
}

/** The cluster slot of a key, as Redis computes it (the engine's own function). */
export { keySlot } from '../../src/engine/redis/cluster-slot';

// ---------------------------------------------------------------------------
// Shards

export interface TestShards {
  /** The URLs joined with ',', the GYRE_REDIS_URL form of several shards. */
  url: string;
  urls: string[];
  shards: TestRedis[];
  /** Stops every shard; safe to call again. */
  stop(): Promise<void>;
}

/** `n` independent Redis servers (startRedis), for channel sharding across several URLs. */
export async function startShards(n: number, opts: { persistent?: boolean } = {}): Promise<TestShards> {
  const shards: TestRedis[] = [];
  const disowners: (() => void)[] = [];
  let done: Promise<void> | undefined;
  const stop = () =>
    (done ??= Promise.all(shards.map((s) => s.stop())).then(() => {
      for (const d of disowners) d();
    }));
  try {
    for (let i = 0; i < n; i++) {
      const shard = await startRedis(opts);
      shards.push(shard);
      disowners.push(own(() => shard.process()));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const urls = shards.map((s) => s.url);
  return { url: urls.join(','), urls, shards, stop };
}
