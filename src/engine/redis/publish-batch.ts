/**
 * Publishes of one turn share one script call: Centrifugo's "smart batching"
 * for the publish path. Each publish alone is a short script for Redis
 * (~15 µs) but costs the client more than that — a command object, a promise,
 * every argument encoded, the reply decoded, and the garbage they leave — so a
 * batch of API publishes used to be bounded by the worker, not by Redis.
 *
 * A publish waits for the end of the current event-loop turn (setImmediate),
 * together with every publish started in that turn on the same Redis: the
 * commands of one /api/batch group and concurrent /api/publish requests alike.
 * Then a single publish goes as lua/broker_publish.lua, and several go as one
 * lua/broker_publish_many.lua call with the publications packed in one
 * MessagePack argument. Nothing else changes:
 *
 * - Order: a channel's publications reach Redis in the order they were
 *   started (one group per Redis, or per slot of a Cluster, where a channel's
 *   keys all hash to one slot; groups are sent in order on one connection).
 * - Each publication is answered on its own: one that fails in Redis gets its
 *   error, the rest of its call still run, as they would have alone.
 * - Bounds: a call carries at most MAX_PER_CALL publications (a script holds
 *   Redis for its whole run); a full group is sent at once.
 */
import { ReplyError } from 'ioredis';
import { keySlot } from './cluster-slot';
import type { RedisClient } from './connection';
import { packMsgpack } from './msgpack';
import type { PublishKeys, PublishReply } from './replica-ack';
import type { PublishCommand } from './scripts';

/** Publications per script call: ~1 ms of Redis at most, and most of the per-command saving already. */
export const MAX_PER_CALL = 64;

/** broker_publish.lua's ARGV[1..7]: what differs between publications of one shard (gyrePublish's arguments from the payload to the result ttl). */
export type PublishScriptArgs = readonly [payload: Buffer, historySize: number, historyTtl: number, channel: string, metaTtl: number, epoch: string, resultTtl: number];

interface Pending {
  keys: PublishKeys;
  args: PublishScriptArgs;
  resolve(r: PublishReply): void;
  reject(err: Error): void;
}

export class PublishBatcher {
  /** Publications waiting for the end of the turn, by Cluster slot (one group, 0, elsewhere). */
  private groups = new Map<number, Pending[]>();
  private scheduled = false;

  /**
   * `cluster`: group by hash slot (a script's keys must share one).
   * `checkReplid` and `publishCommand` are the same for every publication of the shard.
   */
  constructor(
    private readonly command: RedisClient,
    private readonly cluster: boolean,
    private readonly checkReplid: 0 | 1,
    private readonly publishCommand: PublishCommand,
  ) {}

  /** Publishes one publication (broker_publish.lua's keys and ARGV[1..7]); resolves to the script's reply. */
  publish(keys: PublishKeys, args: PublishScriptArgs): Promise<PublishReply> {
    return new Promise((resolve, reject) => {
      const slot = this.cluster ? keySlot(keys[0]) : 0;
      let group = this.groups.get(slot);
      if (!group) this.groups.set(slot, (group = []));
      group.push({ keys, args, resolve, reject });
      if (group.length >= MAX_PER_CALL) {
        this.groups.delete(slot);
        this.send(group);
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const groups = this.groups;
    this.groups = new Map();
    for (const group of groups.values()) this.send(group);
  };

  private send(group: Pending[]): void {
    if (group.length === 1) {
      const p = group[0]!;
      this.command.gyrePublish(...p.keys, ...p.args, this.checkReplid, this.publishCommand).then(p.resolve, p.reject);
      return;
    }
    const packed = packMsgpack(group.map((p) => [...p.keys, ...p.args.map((a) => (typeof a === 'number' ? String(a) : a))]));
    this.command.gyrePublishMany(group[0]!.keys[0], packed, this.checkReplid, this.publishCommand).then(
      (flat) => {
        for (let i = 0; i < group.length; i++) {
          const offset = flat[i * 3] as number;
          if (offset === -1) group[i]!.reject(new ReplyError(String(flat[i * 3 + 1])));
          else group[i]!.resolve([offset, String(flat[i * 3 + 1]), flat[i * 3 + 2] as number]);
        }
      },
      (err: Error) => {
        for (const p of group) p.reject(err);
      },
    );
  }
}
