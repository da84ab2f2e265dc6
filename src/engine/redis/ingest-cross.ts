/**
 * Ingestion where a queue and its items' channels are not on one single
 * Redis: a Redis Cluster (each queue and each channel in its own slot) or
 * several shards (queues on the first, channels placed by jump hash). No
 * script can then apply items and acknowledge them in one step as
 * lua/ingest_run.lua does, so a run is applied on each channel's own slot
 * (lua/ingest_channel.lua, one call per channel), its dead letters recorded
 * (lua/ingest_dead.lua), and only then acknowledged in the queue's slot
 * (lua/ingest_commit.lua, with the lease and cursor checks of a single Redis).
 *
 * Exactly once: a consumer killed between applying and acknowledging leaves
 * the items in the queue, and its successor sends them again. Each channel
 * keeps, per source, the position of the last item of that source it
 * applied (a watermark, `P.ingested.{ch}`) and skips items at or below it;
 * dead letters are remembered by item for as long. A watermark costs one
 * small hash per channel, where a key per item (kept 5 minutes) would cost
 * memory in proportion to the rate of items.
 *
 * In order, per channel: a run's items of one channel go in one call, in
 * queue order, and the script stops at the first it cannot apply; a run's
 * calls are sent only once every call of the run before it succeeded
 * (`chains`). So no item is applied before an earlier item of its channel,
 * which matters doubly: the watermark would rise past the earlier item, and
 * a retry would skip it. Across channels: runs take effect one after the
 * other, in queue order, but within one run (at most 128 consecutive items)
 * the calls of different channels run at the same time — on a Cluster or
 * several shards on different Redis servers — so two items of different
 * channels in one run may take effect in either order.
 */
import { keepsHistory } from '../broker';
import { newEpoch } from '../memory/broker-memory';
import { type QueueCursor, type QueuedItem, type QueuedPublish, type QueuedRunResult, StaleCursorError } from '../../ingest/store';
import { IDEMPOTENCY_TTL } from './broker-redis';
import type { RedisClient } from './connection';
import type { RedisKeys } from './keys';
import { type Packable, packMsgpack } from './msgpack';
import { encodePublication } from './pubsub-wire';
import type { PublishCommand } from './scripts';

/**
 * How long a channel's watermark and a recorded dead letter are remembered,
 * seconds. They must outlast the time from applying an item to its
 * acknowledgement, including a crash in between: the dead consumer's lease
 * expires within 3 s (LEASE_MS in src/ingest/consumer.ts), another takes over
 * within a second (RENEW_MS) and sends the same items again at once, and a
 * live consumer retries a failed run within 2 s. 300 s (what a backend's own
 * idempotency keys get) leaves two orders of magnitude; only an outage of the
 * queues' Redis longer than that, striking between applying a run and
 * acknowledging it, could apply that run's items again.
 */
export const INGESTED_TTL = IDEMPOTENCY_TTL;

/** Where a queue's items go when not all on the queue's own single Redis (see redis-engine.ts). */
export interface IngestPlacement {
  /** The queues' Redis is a Cluster: the keys kept beside a queue take it as hash tag, to share its slot. */
  cluster: boolean;
  /** The client reaching a channel's keys. */
  channel(channel: string): RedisClient;
  /** The channel's shard can promote a replica: its epoch follows the replication ID (lua/epoch_lib.lua); absent = never. */
  checkReplid?(channel: string): boolean;
}

/**
 * The name of a key kept beside `key` in its Cluster slot: `key` + `suffix`
 * when `key` has a hash tag already (or outside a Cluster, where today's names
 * stay), else `{key}` + `suffix` — a key without a tag hashes as a whole, the
 * same as the tag `{key}`.
 */
export function besideKey(key: string, suffix: string, cluster: boolean): string {
  const open = key.indexOf('{');
  const tagged = open >= 0 && key.indexOf('}', open + 1) > open + 1;
  return !cluster || tagged ? `${key}${suffix}` : `{${key}}${suffix}`;
}

/** One run of a source as far as the next run needs to know. */
interface Chain {
  /** The cursor after the run: the next run follows this one when it starts there. */
  end: string;
  /** Whether every item of the run was applied. */
  applied: Promise<boolean>;
  /** Settles once the run's acknowledgement has (so the next one is sent after it). */
  acked: Promise<void>;
}

/** A channel's call: the run's indexes of its items. */
interface ChannelCall {
  indexes: number[];
  done: number;
  error: string;
  /** Set when the call itself failed (connection, timeout): nothing is known of its items. */
  failed?: { err: unknown };
}

export class CrossRuns {
  /** Per source, its latest run. */
  private readonly chains = new Map<string, Chain>();

  /** `publishCommand`: 'spublish' when the channels' pub/sub is sharded (redis.sharded_pubsub). */
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly placement: IngestPlacement,
    private readonly publishCommand: PublishCommand = 'publish',
  ) {}

  /** See IngestStore.applyRun; rejects with the raw Redis error, or StaleCursorError when the run before it stopped part-way. */
  async applyRun(items: QueuedItem[], c: QueueCursor): Promise<QueuedRunResult> {
    const positions = positionsOf(items, c);
    const before = this.chains.get(c.source);
    const follows = before?.end === c.at ? before : undefined;
    let applied!: (all: boolean) => void;
    let acked!: () => void;
    this.chains.set(c.source, {
      end: positions[positions.length - 1]!,
      applied: new Promise((r) => (applied = r)),
      acked: new Promise((r) => (acked = r)),
    });
    try {
      if (follows && !(await follows.applied)) throw new StaleCursorError('the run before stopped part-way');
      const calls = await Promise.all(this.channelCalls(items, positions, c));
      // The items applied are those before the first one a call did not apply.
      let done = items.length;
      let stop: ChannelCall | undefined;
      for (const call of calls) {
        const first = call.indexes[call.done];
        if (first !== undefined && first < done) {
          done = first;
          stop = call;
        }
      }
      applied(done === items.length);
      if (stop?.failed) throw stop.failed.err;
      await this.deadLetters(items.slice(0, done), positions, c);
      if (follows) await follows.acked;
      if (done > 0) await this.commit(c, done, positions);
      return stop ? { applied: done, error: stop.error } : { applied: done };
    } finally {
      applied(false);
      acked();
    }
  }

  /** See IngestStore.ack: records the dead letter (once, whatever happens next), then acknowledges the item. */
  async ack(c: QueueCursor, id: string, deadLetter: string): Promise<void> {
    const position = c.kind === 'list' ? String(Number(c.at) + 1) : id;
    if (deadLetter !== '') await this.deadLetters([{ id, deadLetter }], [position], c);
    await this.commit(c, 1, [position]);
  }

  /** One gyreIngestChannel call per channel of the run, all sent at once; none rejects. */
  private channelCalls(items: QueuedItem[], positions: string[], c: QueueCursor): Promise<ChannelCall>[] {
    const byChannel = new Map<string, { indexes: number[]; publishes: [string, QueuedPublish][] }>();
    items.forEach((item, i) => {
      if (!('publish' in item)) return;
      let one = byChannel.get(item.publish.channel);
      if (!one) byChannel.set(item.publish.channel, (one = { indexes: [], publishes: [] }));
      one.indexes.push(i);
      one.publishes.push([positions[i]!, item.publish]);
    });
    return [...byChannel].map(([channel, { indexes, publishes }]) => {
      const run = this.packChannel(channel, publishes);
      const k = this.keys;
      return this.placement
        .channel(channel)
        .gyreIngestChannel(k.ingested(channel), k.stream(channel), k.meta(channel), c.source, c.kind, INGESTED_TTL, run, this.publishCommand)
        .then(
          ([done, error]) => ({ indexes, done: Number(done), error: String(error) }),
          (err: unknown) => ({ indexes, done: 0, error: '', failed: { err } }),
        );
    });
  }

  /** ingest_channel.lua's packed argument: the channel's options (from its first item keeping history), then its items. */
  private packChannel(channel: string, publishes: [position: string, QueuedPublish][]): Buffer {
    let options = ['0', '0'];
    let metaTtl = '0';
    const packed: Packable[] = publishes.map(([position, { pub, opts }]) => {
      const history = keepsHistory(opts);
      if (history && options[0] === '0') options = [String(opts.historySize), String(opts.historyTtl)];
      metaTtl = String(opts.historyMetaTtl);
      const idem = opts.idempotencyKey;
      return [position, encodePublication(pub), history ? 1 : 0, idem ? this.keys.result(channel, idem) : '', idem ? String(IDEMPOTENCY_TTL) : '0'];
    });
    return packMsgpack([this.keys.pubsub(channel), ...options, metaTtl, newEpoch(), packed, this.placement.checkReplid?.(channel) ? '1' : '0']);
  }

  /** Pushes the dead letters among `items` (positions alike), each once however often this is repeated. */
  private async deadLetters(items: QueuedItem[], positions: string[], c: QueueCursor): Promise<void> {
    const entries: string[] = [];
    items.forEach((item, i) => {
      if ('deadLetter' in item) entries.push(`${c.source}:${positions[i]}`, item.deadLetter);
    });
    if (entries.length === 0) return;
    const seen = besideKey(c.deadKey, '.seen', this.placement.cluster);
    await this.redis.gyreIngestDead(c.deadKey, seen, INGESTED_TTL * 1000, ...entries);
  }

  private async commit(c: QueueCursor, n: number, positions: string[]): Promise<void> {
    const ids = c.kind === 'stream' ? positions.slice(0, n) : [];
    // A stream has no cursor key: the stream stands in (unused), so that every key named is in its slot.
    await this.redis.gyreIngestCommit(c.lease, c.source, c.cursorKey || c.source, c.owner, c.kind, c.group, c.at, n, ...ids);
  }
}

/** Each item's position, the cursor once it is acknowledged: a list counts from the run's cursor, a stream has entry IDs. */
function positionsOf(items: QueuedItem[], c: QueueCursor): string[] {
  if (c.kind === 'stream') return items.map((item) => item.id);
  const at = Number(c.at);
  return items.map((_, i) => String(at + i + 1));
}
