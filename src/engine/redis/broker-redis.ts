/**
 * Broker on Redis: each publish is a script that appends to the channel's
 * stream and publishes with the offset and epoch it assigned (see
 * lua/broker_publish.lua), so history and live delivery can never disagree;
 * the publishes of one turn share one script call (publish-batch.ts).
 * Every message received on the subscriber connection is decoded once for
 * the whole worker and handed to the node, which encodes it once per codec.
 * On a Sentinel or Cluster shard the scripts start a new epoch after a
 * failover (lua/epoch_lib.lua); with redis.wait_replicas a publish resolves
 * only once replicas have it (replica-ack.ts).
 */
import type { Logger } from '../../log';
import type { ClientInfo, Publication, StreamPosition } from '../../protocol/types';
import { type Broker, type BrokerEventHandler, type HistoryQuery, type HistoryResult, keepsHistory, type PublishOptions, type PublishResult } from '../broker';
import { newEpoch } from '../memory/broker-memory';
import type { RedisKeys } from './keys';
import type { PublishCommand } from './scripts';
import { requireShardedPubSub } from './sharded-check';
import { decodeMessage, decodePublication, encodeJoinLeave, encodePublication } from './pubsub-wire';
import { PublishBatcher, type PublishScriptArgs } from './publish-batch';
import { type PublishKeys, ReplicaAckPublisher, type ReplicaWait } from './replica-ack';
import type { RedisShard, RedisShards } from './shards';
import { promotesReplicas } from './topology';

/** Seconds a publish result stays remembered under its idempotency key. */
export const IDEMPOTENCY_TTL = 300;

export class RedisBroker implements Broker {
  private handler: BrokerEventHandler | null = null;
  /** Per shard, with redis.wait_replicas: publishes acknowledged once replicas have them (replica-ack.ts). */
  private readonly acked: ReplicaAckPublisher[] | null;
  /** Per shard otherwise: the publishes of one turn share a script call (publish-batch.ts). */
  private readonly batchers: PublishBatcher[];

  /** `publishCommand`: 'spublish' when the channels' pub/sub is sharded (redis.sharded_pubsub). */
  constructor(
    private readonly shards: RedisShards,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
    wait: ReplicaWait | null = null,
    private readonly publishCommand: PublishCommand = 'publish',
  ) {
    this.acked = wait ? shards.list.map((s) => new ReplicaAckPublisher(s.spec, wait, s.conn.failures)) : null;
    this.batchers = shards.list.map((s) => new PublishBatcher(s.conn.command, s.spec.kind === 'cluster', checkReplid(s), publishCommand));
  }

  async start(handler: BrokerEventHandler): Promise<void> {
    if (this.publishCommand === 'spublish') await requireShardedPubSub(this.shards, this.keys.prefix, this.log);
    this.handler = handler;
  }

  /** Called by the engine for every message on a channel's pub/sub. */
  handleMessage(channel: string, message: Buffer): void {
    let m;
    try {
      m = decodeMessage(message);
    } catch (err) {
      this.log.warn({ channel, err: (err as Error).message }, 'undecodable pub/sub message dropped');
      return;
    }
    if (!this.handler) return;
    if (m.kind === 'pub') this.handler.handlePublication(channel, m.pub, m.position);
    else if (m.kind === 'join') this.handler.handleJoin(channel, m.info);
    else this.handler.handleLeave(channel, m.info);
  }

  subscribe(channel: string): Promise<void> {
    return this.shards.of(channel).pubsub.subscribe(this.keys.pubsub(channel));
  }

  unsubscribe(channel: string): Promise<void> {
    return this.shards.of(channel).pubsub.unsubscribe(this.keys.pubsub(channel));
  }

  /** broker_publish.lua's keys (stream, meta, result) and arguments for one publication. */
  private publishArgs(channel: string, pub: Publication, opts: PublishOptions) {
    const history = keepsHistory(opts);
    const keys: PublishKeys = [this.keys.stream(channel), this.keys.meta(channel), this.keys.result(channel, opts.idempotencyKey ?? '')];
    const args: PublishScriptArgs = [
      encodePublication(pub),
      history ? opts.historySize : 0,
      history ? opts.historyTtl : 0,
      this.keys.pubsub(channel),
      opts.historyMetaTtl,
      newEpoch(),
      opts.idempotencyKey ? IDEMPOTENCY_TTL : 0,
    ];
    return { history, keys, args };
  }

  async publish(channel: string, pub: Publication, opts: PublishOptions): Promise<PublishResult> {
    const shard = this.shards.of(channel);
    const { history, keys, args } = this.publishArgs(channel, pub, opts);
    const acked = this.acked?.[shard.index];
    const [offset, epoch] = acked ? await acked.publish(keys, [...args, checkReplid(shard), this.publishCommand]) : await this.batchers[shard.index]!.publish(keys, args);
    return history ? { position: { offset: Number(offset), epoch: String(epoch) } } : {};
  }

  async publishJoin(channel: string, info: ClientInfo): Promise<void> {
    await this.publishRaw(channel, encodeJoinLeave('join', info));
  }

  async publishLeave(channel: string, info: ClientInfo): Promise<void> {
    await this.publishRaw(channel, encodeJoinLeave('leave', info));
  }

  /** A message on the channel's pub/sub outside the publish script; SPUBLISH goes to the node owning its slot. */
  private async publishRaw(channel: string, message: Buffer): Promise<void> {
    const command = this.shards.of(channel).conn.command;
    if (this.publishCommand === 'spublish') await command.spublish(this.keys.pubsub(channel), message);
    else await command.publish(this.keys.pubsub(channel), message);
  }

  async history(channel: string, q: HistoryQuery): Promise<HistoryResult> {
    const include = q.limit !== 0;
    let start: string;
    if (q.reverse) start = q.since ? String(Math.max(0, q.since.offset - 1)) : '+';
    else start = q.since ? String(q.since.offset + 1) : '-';
    const shard = this.shards.of(channel);
    const [top, epochBuf, entries] = await shard.conn.command.gyreHistoryBuffer(
      this.keys.stream(channel),
      this.keys.meta(channel),
      include ? 1 : 0,
      start,
      q.limit > 0 ? q.limit : 0,
      q.reverse ? 1 : 0,
      q.historyMetaTtl,
      newEpoch(),
      checkReplid(shard),
    );
    const position: StreamPosition = { offset: Number(top), epoch: epochBuf.toString() };
    const publications: Publication[] = [];
    for (const [id, fields] of entries ?? []) {
      const offset = parseInt(id.toString(), 10);
      const data = fieldValue(fields, 'd');
      if (data) publications.push(decodePublication(data, offset));
    }
    return { publications, position };
  }

  async removeHistory(channel: string): Promise<void> {
    await this.shards.of(channel).conn.command.del(this.keys.stream(channel));
  }

  healthy(): boolean {
    return this.shards.healthy() && (this.acked?.every((a) => a.ready()) ?? true);
  }

  async close(): Promise<void> {
    for (const a of this.acked ?? []) a.close();
    await this.shards.close();
  }
}

/** The scripts' check_replid argument: 1 where a failover can replace the master (lua/epoch_lib.lua). */
const checkReplid = (shard: RedisShard): 0 | 1 => (promotesReplicas(shard.spec) ? 1 : 0);

function fieldValue(fields: Buffer[], name: string): Buffer | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i]!.toString() === name) return fields[i + 1];
  return undefined;
}
