/**
 * Redis connections of one shard in one worker, by role: a command connection
 * (auto-pipelined, so concurrent publishes share round trips), dedicated
 * subscriber connections (a connection in subscriber mode can run nothing
 * else; see subscriber.ts) and, when this worker consumes Redis queues, an
 * ingest connection.
 * The ingest connection is not auto-pipelined: ioredis holds an auto-pipeline
 * back until the previous one is answered, which would leave Redis idle while
 * the consumer prepares its next run; plain commands go out at once and
 * pipeline on the socket. All fail fast while Redis is unreachable — callers answer with a
 * temporary error instead of queueing requests without bound — and reconnect
 * with capped backoff, never in a busy loop.
 *
 * A shard is one Redis, a Sentinel group (ioredis asks the Sentinels for the
 * master and asks again after every disconnect, so it follows failovers) or a
 * Redis Cluster (ioredis routes each command by its keys' slot and follows
 * MOVED after a failover or resharding). See topology.ts for the URLs.
 *
 * On a Cluster a command in flight when its node dies is never sent again
 * (retryDelayOnFailover 0: it may have run, and a publish must not apply
 * twice; ioredis resends neither a command nor an auto-pipeline after
 * "Connection is closed" then); the caller gets a temporary error. A command
 * refused with CLUSTERDOWN or TRYAGAIN, which Redis did not run, is retried
 * by ioredis after 100 ms. The promoted replica is found by the periodic slot refresh
 * (SLOTS_REFRESH_MS) or sooner by the MOVED a surviving node answers.
 */
import Redis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from '../../log';
import { OutageLog } from '../outage-log';
import { ClassicClusterSubscriber, type NodeConnector, ShardedClusterSubscriber } from './cluster-subscriber';
import { defineScripts } from './scripts';
import { type PubSubMode, RedisSubscriber, type Subscriber } from './subscriber';
import type { ShardSpec } from './topology';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;
/** A command unanswered this long fails (error 100) instead of holding an API request on a hung Redis. */
export const COMMAND_TIMEOUT_MS = 5000;
/** How often a Cluster client re-reads the slot map on its own (besides after MOVED and failed commands). */
const SLOTS_REFRESH_MS = 2000;

/** A client of any topology: both have every command, the Lua commands and pub/sub. */
export type RedisClient = Redis | Cluster;

export interface RedisConnections {
  command: RedisClient;
  /** Where the control channels are subscribed: classic pub/sub, which reaches every node. */
  control: Subscriber;
  /** Where the channels' pub/sub is subscribed: `control` itself unless pub/sub is sharded. */
  channels: Subscriber;
  /** For queue consumers (src/ingest); null when this worker consumes none. */
  ingest: RedisClient | null;
  /** Where this shard's Redis failures are reported: one warning per outage, one line when it ends (outage-log.ts). */
  failures: OutageLog;
  healthy(): boolean;
  close(): Promise<void>;
}

const backoff = (times: number) => Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(times - 1, 5));

/** Options every connection of a shard shares: credentials, TLS, database, fail-fast behaviour. */
function baseOptions(spec: ShardSpec): RedisOptions {
  const options: RedisOptions = {
    lazyConnect: false,
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails rather than being resent: a resent publish could apply twice.
    maxRetriesPerRequest: 0,
    retryStrategy: backoff,
    connectTimeout: 2000,
    db: spec.db,
  };
  if (spec.username !== undefined) options.username = spec.username;
  if (spec.password !== undefined) options.password = spec.password;
  // rediss: verify the server's certificate by the system's CAs (NODE_EXTRA_CA_CERTS adds a private CA).
  if (spec.tls) options.tls = {};
  return options;
}

/** One client of a shard, for one role. */
export function createClient(spec: ShardSpec, role: string, extra: RedisOptions = {}): RedisClient {
  const options = { ...baseOptions(spec), ...extra, connectionName: `gyre-${role}` };
  switch (spec.kind) {
    case 'standalone':
      return new Redis({ ...options, host: spec.addresses[0]!.host, port: spec.addresses[0]!.port });
    case 'sentinel': {
      const sentinel: RedisOptions = {
        ...options,
        sentinels: spec.addresses,
        name: spec.masterName!,
        // Asks the Sentinels again when one goes away, and learns Sentinels added later.
        sentinelRetryStrategy: backoff,
        // Except with TLS: Sentinels watching TLS data nodes run tls-replication, so they reach each other over TLS
        // and announce their TLS port, which SENTINEL SENTINELS lists. Gyre asks Sentinels without TLS, so those
        // addresses never answer it, and ioredis's failover detector would keep one connection to each, failing
        // every minute with an error printed outside the log (it has no error listener). The URL lists them all.
        updateSentinels: !spec.tls,
        // Subscribes to +switch-master so a failover is followed at once, not at the next disconnect.
        failoverDetector: true,
        enableTLSForSentinelMode: spec.tls,
      };
      if (spec.sentinelUsername !== undefined) sentinel.sentinelUsername = spec.sentinelUsername;
      if (spec.sentinelPassword !== undefined) sentinel.sentinelPassword = spec.sentinelPassword;
      return new Redis(sentinel);
    }
    case 'cluster': {
      const { retryStrategy: _r, enableOfflineQueue: _q, ...redisOptions } = options;
      const cluster: ClusterOptions = {
        redisOptions,
        enableOfflineQueue: false,
        scaleReads: 'master',
        clusterRetryStrategy: backoff,
        // Never resend a command whose connection closed (it may have run); the caller gets a temporary error.
        retryDelayOnFailover: 0,
        slotsRefreshInterval: SLOTS_REFRESH_MS,
        slotsRefreshTimeout: 1000,
        // ioredis's ready check sends CLUSTER INFO to a random node as soon as the slot map is read; without an
        // offline queue it is refused while that node's connection is still being made (a TLS handshake under load),
        // and every refusal tears all connections down and starts again, so a start could take tens of seconds.
        // Readiness is this shard's own: its subscriber connections to every master, and failures as they come.
        enableReadyCheck: false,
        enableAutoPipelining: extra.enableAutoPipelining ?? false,
      };
      return new Cluster(spec.addresses, cluster);
    }
  }
}

/** Opens subscriber connections to single nodes of a Cluster: the Cluster subscribers replace a lost one themselves. */
function nodeConnector(spec: ShardSpec, role: string): NodeConnector {
  return (address) => new Redis({ ...baseOptions(spec), host: address.host, port: address.port, connectionName: `gyre-${role}`, autoResubscribe: false, retryStrategy: () => null });
}

/** `pubsub`: how the channels' pub/sub goes (redis.sharded_pubsub); control is always classic. */
export function connectShard(spec: ShardSpec, log: Logger, opts: { ingest: boolean; pubsub: PubSubMode }): RedisConnections {
  const command = createClient(spec, 'command', { enableAutoPipelining: true, commandTimeout: COMMAND_TIMEOUT_MS });
  const ingest = opts.ingest ? createClient(spec, 'ingest', { commandTimeout: COMMAND_TIMEOUT_MS }) : null;
  defineScripts(command);
  if (ingest) defineScripts(ingest);
  const clients: [string, RedisClient][] = [['command', command]];
  if (ingest) clients.push(['ingest', ingest]);
  // Recovered once every connection is back and a command gets through.
  const failures = new OutageLog(log, async () => healthy() && clients.every(([, c]) => c.status === 'ready') && (await command.ping()) === 'PONG');
  const report = (op: string, err: unknown) => failures.failed(op, err);
  const subscriber = (mode: PubSubMode, role: string): Subscriber => {
    if (command instanceof Cluster) {
      const connect = nodeConnector(spec, role);
      return mode === 'sharded' ? new ShardedClusterSubscriber(command, connect, report) : new ClassicClusterSubscriber(command, spec.addresses, connect, report);
    }
    const redis = createClient(spec, role, { autoResubscribe: false }) as Redis;
    clients.push([mode === 'sharded' ? 'sharded subscriber' : 'subscriber', redis]);
    return new RedisSubscriber(redis, mode);
  };
  const control = subscriber('classic', 'pubsub');
  const channels = opts.pubsub === 'sharded' ? subscriber('sharded', 'spubsub') : control;
  const subscribers = control === channels ? [control] : [control, channels];
  const healthy = () => command.status === 'ready' && subscribers.every((s) => s.status === 'ready');
  // ioredis emits 'error' on every failed reconnect attempt: reported, so logged at debug after the outage's first line.
  for (const [role, conn] of clients) {
    conn.on('error', (err) => report(`${role} connection`, err));
    // A Cluster reports a failing node apart ('error' is for the cluster as a whole): the shard's outage starts there,
    // at the first refused connection to a dead master, not at the first command that happened to need it.
    if (conn instanceof Cluster) conn.on('node error', (err: unknown, node: string) => report(`${role} connection to ${node}`, err));
  }
  return {
    command,
    control,
    channels,
    ingest,
    failures,
    healthy,
    async close() {
      failures.close();
      command.disconnect();
      for (const s of subscribers) s.disconnect();
      ingest?.disconnect();
    },
  };
}
