/**
 * What the rest of a worker reports to metrics: a few event methods, so that
 * nothing outside src/metrics/ knows prom-client. With `metrics.enabled` off
 * the no-op implementation is used and costs a call that does nothing.
 * Names and labels follow Centrifugo's (prefix gyre_ instead of centrifugo_).
 */
import client from 'prom-client';
import { VERSION } from '../version';

/** Kinds of outgoing protocol messages (the `type` label of gyre_transport_messages_sent_total). */
export type SentType = 'publication' | 'join' | 'leave' | 'push' | 'reply' | 'ping';

/**
 * Per-transport message counts that connections bump with a plain integer add
 * per message (a labelled prom-client inc hashes its labels, far too dear per
 * delivery); they are read into the counters at scrape time.
 */
export class MessageTally {
  readonly sent: Record<SentType, number> = { publication: 0, join: 0, leave: 0, push: 0, reply: 0, ping: 0 };
  sentBytes = 0;
  /** By command method (`pong` for an empty command): a fixed set, so the label's cardinality is bounded. */
  readonly received: Record<string, number> = {};
  receivedBytes = 0;
}

/** Where a server API command came from: the HTTP API, a Redis queue or stream, the GRPC API. */
export type ApiSource = 'http' | 'redis' | 'grpc' | 'library';

export interface Metrics {
  /** The counts a connection of this transport bumps; one object per transport name. */
  tally(transport: string): MessageTally;
  /** A client finished its connect. */
  connected(transport: string, protocol: string): void;
  /** A client command ran (connect included), however it ended. */
  command(method: string, seconds: number): void;
  /** A client command was answered with an error. */
  replyError(method: string, code: number): void;
  /** A subscription asked to recover: whether it did. */
  recovery(recovered: boolean): void;
  /** A connection ended with this disconnect code (3000 when the peer just went away). */
  disconnected(code: number): void;
  /** One server API command ran; `errorCode` when it was answered with an error. */
  apiCommand(method: string, source: ApiSource, seconds: number, errorCode?: number): void;
  /** Publications the engine committed (clients, the server API, runs of queue items). */
  published(n: number): void;
  /** An engine (Redis) command failed for infrastructure reasons; `op` is what was being done, `shard` the Redis shard it failed on. */
  engineError(op: EngineOp, shard: number | undefined): void;
  /** The Redis pub/sub connection to this shard (its index) came back and resubscribed. */
  pubsubReconnected(shard: number): void;
  /** A call to the application backend (proxy) ended, `failed` when it did not give a usable answer. */
  proxyCall(event: string, seconds: number, failed: boolean): void;
}

/** What an engine command was doing (the `op` label of gyre_broker_command_errors_total): a fixed set. */
export type EngineOp = 'publish' | 'history' | 'history_remove' | 'presence' | 'presence_stats' | 'presence_update' | 'join_leave' | 'subscribe' | 'unsubscribe' | 'ingest' | 'control';

const discarded = new MessageTally();

export const noMetrics: Metrics = {
  tally: () => discarded,
  command() {},
  replyError() {},
  recovery() {},
  connected() {},
  disconnected() {},
  apiCommand() {},
  published() {},
  engineError() {},
  pubsubReconnected() {},
  proxyCall() {},
};

/**
 * An error code as a label: Gyre's codes and the range applications are
 * told to use (up to 1999) as they are; any other code a backend answers
 * (the proxy passes them all, as Centrifugo does) is "other", so a backend
 * cannot grow the label set without bound.
 */
function errorCodeLabel(code: number): string {
  return code <= 1999 ? String(code) : 'other';
}

/** The worker's live counts, read at scrape time. */
export interface NodeCounts {
  numClients(): number;
  numUsers(): number;
  numChannels(): number;
  numSubscriptions(): number;
}

/** What the ingestion reports per queue this worker holds (IngestManager.stats(), refreshed by the ingestion itself). */
export interface QueueFigures {
  source: string;
  applied: number;
  dead_letters: number;
  depth: number;
  lag_ms: number | null;
}

/** A Redis shard as the engine reports it (src/engine/redis/shards.ts ShardState). */
export interface ShardFigures {
  shard: number;
  /** The configured URL without credentials. */
  address: string;
  reachable: boolean;
}

/** Seconds: API commands are sub-millisecond when local, up to seconds when Redis is slow. */
const DURATION_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class PromMetrics implements Metrics {
  readonly registry = new client.Registry();
  private readonly connections: client.Counter<'transport' | 'protocol'>;
  private readonly disconnects: client.Counter<'code'>;
  private readonly apiDuration: client.Histogram<'method' | 'source'>;
  private readonly apiErrors: client.Counter<'method' | 'code'>;
  private readonly tallies = new Map<string, MessageTally>();
  private readonly commandDuration: client.Histogram<'method'>;
  private readonly replyErrors: client.Counter<'method' | 'code'>;
  private readonly recoveries: client.Counter<'recovered'>;
  private readonly publications: client.Counter;
  private readonly engineErrors: client.Counter<'op' | 'shard'>;
  private readonly pubsubReconnects: client.Counter<'shard'>;
  private readonly proxyDuration: client.Histogram<'type'>;
  private readonly proxyErrors: client.Counter<'type'>;

  constructor(counts: NodeCounts, worker: string) {
    const registers = [this.registry];
    const gauge = (name: string, help: string, read: () => number) =>
      new client.Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('gyre_node_num_clients', 'connected clients, summed over workers', () => counts.numClients());
    gauge('gyre_node_num_users', 'distinct users per worker, summed over workers (a user on two workers counts twice)', () => counts.numUsers());
    gauge('gyre_node_num_channels', 'channels with local subscribers, summed over workers', () => counts.numChannels());
    gauge('gyre_node_num_subscriptions', 'client subscriptions, summed over workers', () => counts.numSubscriptions());
    // Every worker sets 1; the aggregation takes the first rather than summing into the worker count.
    new client.Gauge({ name: 'gyre_node_build_info', help: 'build of the server', labelNames: ['version'], registers, aggregator: 'first' }).set({ version: VERSION }, 1);
    this.connections = new client.Counter({ name: 'gyre_client_connections_total', help: 'connects completed', labelNames: ['transport', 'protocol'], registers });
    this.disconnects = new client.Counter({ name: 'gyre_client_disconnects_total', help: 'connections ended, by disconnect code', labelNames: ['code'], registers });
    this.commandDuration = new client.Histogram({
      name: 'gyre_client_command_duration_seconds',
      help: 'client command duration',
      labelNames: ['method'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.replyErrors = new client.Counter({ name: 'gyre_client_reply_errors_total', help: 'client commands answered with an error', labelNames: ['method', 'code'], registers });
    this.recoveries = new client.Counter({ name: 'gyre_client_recover_total', help: 'subscriptions that asked to recover, by outcome', labelNames: ['recovered'], registers });
    this.apiDuration = new client.Histogram({
      name: 'gyre_api_command_duration_seconds',
      help: 'server API command duration',
      labelNames: ['method', 'source'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.apiErrors = new client.Counter({ name: 'gyre_api_errors_total', help: 'server API commands answered with an error', labelNames: ['method', 'code'], registers });
    this.publications = new client.Counter({ name: 'gyre_broker_publications_total', help: 'publications committed to the engine (clients, server API, Redis queues)', registers });
    this.engineErrors = new client.Counter({
      name: 'gyre_broker_command_errors_total',
      help: 'engine (Redis) commands that failed, by what they were doing and the Redis shard they failed on',
      labelNames: ['op', 'shard'],
      registers,
    });
    this.pubsubReconnects = new client.Counter({
      name: 'gyre_broker_redis_pub_sub_reconnects_total',
      help: 'times the pub/sub connection to a Redis shard came back and resubscribed',
      labelNames: ['shard'],
      registers,
    });
    this.proxyDuration = new client.Histogram({ name: 'gyre_proxy_duration_seconds', help: 'calls to the application backend, by event', labelNames: ['type'], buckets: DURATION_BUCKETS, registers });
    this.proxyErrors = new client.Counter({ name: 'gyre_proxy_errors_total', help: 'backend calls without a usable answer (down, timeout, not 200, bad body)', labelNames: ['type'], registers });
    const tallies = this.tallies;
    // Cumulative totals are copied into the counters at scrape time (reset, then set to the total).
    const fromTallies = (name: string, help: string, labelNames: string[], read: (t: MessageTally, add: (labels: Record<string, string>, v: number) => void) => void) =>
      new client.Counter({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.reset();
          for (const [transport, t] of tallies) read(t, (labels, v) => v > 0 && this.inc({ transport, ...labels }, v));
        },
      });
    fromTallies('gyre_transport_messages_sent_total', 'protocol messages queued to clients (a frame of 100 publications counts 100)', ['transport', 'type'], (t, add) => {
      for (const [type, v] of Object.entries(t.sent)) add({ type }, v);
    });
    fromTallies('gyre_transport_messages_sent_bytes_total', 'bytes of those messages, before transport framing', ['transport'], (t, add) => add({}, t.sentBytes));
    fromTallies('gyre_transport_messages_received_total', 'protocol commands received from clients', ['transport', 'type'], (t, add) => {
      for (const [type, v] of Object.entries(t.received)) add({ type }, v);
    });
    fromTallies('gyre_transport_messages_received_bytes_total', 'bytes of the frames those commands came in', ['transport'], (t, add) => add({}, t.receivedBytes));
    // Process and runtime figures stay per worker (a worker label), as summing RSS or lag across workers would mislead.
    client.collectDefaultMetrics({ register: this.registry, labels: { worker } });
  }

  /**
   * Queue figures, read at scrape time from the ingestion's own cached stats
   * (no Redis call per scrape). Only the lease holder reports a queue, so the
   * cross-worker sum counts each queue once.
   */
  watchIngest(read: () => QueueFigures[]): void {
    const registers = [this.registry];
    const perQueue = (kind: 'gauge' | 'counter', name: string, help: string, value: (q: QueueFigures) => number | null) => {
      const Type = kind === 'gauge' ? client.Gauge : client.Counter;
      new Type({
        name,
        help,
        labelNames: ['queue'],
        registers,
        collect(this: client.Gauge<'queue'> | client.Counter<'queue'>) {
          this.reset();
          for (const q of read()) {
            const v = value(q);
            if (v === null) continue;
            if (this instanceof client.Gauge) this.set({ queue: q.source }, v);
            else if (v > 0) this.inc({ queue: q.source }, v);
          }
        },
      });
    };
    perQueue('gauge', 'gyre_ingest_queue_depth', 'items waiting in a Redis queue or stream', (q) => q.depth);
    perQueue('gauge', 'gyre_ingest_queue_lag_seconds', 'age of the oldest waiting item', (q) => (q.lag_ms === null ? null : q.lag_ms / 1000));
    perQueue('counter', 'gyre_ingest_applied_total', 'queue items applied (since the current lease holder took the queue)', (q) => q.applied);
    perQueue('counter', 'gyre_ingest_dead_letters_total', 'queue items refused into the dead-letter list', (q) => q.dead_letters);
  }

  /**
   * Whether each Redis shard is reachable, read at scrape time from the
   * connections' state (no Redis call). Merged over workers by minimum: 1
   * means every worker reaches the shard, 0 that at least one does not.
   */
  watchShards(read: () => ShardFigures[]): void {
    new client.Gauge({
      name: 'gyre_redis_shard_up',
      help: 'whether a Redis shard is reachable (1) or not (0), from every worker',
      labelNames: ['shard', 'address'],
      registers: [this.registry],
      aggregator: 'min',
      collect() {
        for (const s of read()) this.set({ shard: String(s.shard), address: s.address }, s.reachable ? 1 : 0);
      },
    });
  }

  /** Backend calls in flight (and waiting for a slot), read at scrape time. */
  watchProxy(read: () => number): void {
    new client.Gauge({
      name: 'gyre_proxy_inflight_requests',
      help: 'calls to the application backend in flight',
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  tally(transport: string): MessageTally {
    let t = this.tallies.get(transport);
    if (!t) this.tallies.set(transport, (t = new MessageTally()));
    return t;
  }

  command(method: string, seconds: number): void {
    this.commandDuration.observe({ method }, seconds);
  }

  replyError(method: string, code: number): void {
    this.replyErrors.inc({ method, code: errorCodeLabel(code) });
  }

  recovery(recovered: boolean): void {
    this.recoveries.inc({ recovered: String(recovered) });
  }

  connected(transport: string, protocol: string): void {
    this.connections.inc({ transport, protocol });
  }

  disconnected(code: number): void {
    this.disconnects.inc({ code: String(code) });
  }

  apiCommand(method: string, source: ApiSource, seconds: number, errorCode?: number): void {
    this.apiDuration.observe({ method, source }, seconds);
    if (errorCode !== undefined) this.apiErrors.inc({ method, code: String(errorCode) });
  }

  published(n: number): void {
    this.publications.inc(n);
  }

  engineError(op: EngineOp, shard: number | undefined): void {
    // The memory engine has no shards: its failures (bugs) are counted without the label.
    this.engineErrors.inc(shard === undefined ? { op } : { op, shard: String(shard) });
  }

  pubsubReconnected(shard: number): void {
    this.pubsubReconnects.inc({ shard: String(shard) });
  }

  proxyCall(event: string, seconds: number, failed: boolean): void {
    this.proxyDuration.observe({ type: event }, seconds);
    if (failed) this.proxyErrors.inc({ type: event });
  }
}
