/**
 * Every Redis key and pub/sub channel name Gyre uses, under one prefix.
 * Keys of one channel share the hash tag `{channel}`, so every script's keys
 * (and the PUBLISH inside it) fall in one Redis Cluster slot. A channel
 * containing braces still works: the tag is computed the same way for each
 * of its keys.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P.stream.{ch}` | STREAM | history; entry ID = offset, field `d` = Publication protobuf |
 * | `P.meta.{ch}` | HASH | `e` epoch, `s` top offset |
 * | `P.result.{ch}.<key>` | HASH | publish result under an idempotency key (`e`, `s`) |
 * | `P.ingested.{ch}` | HASH | queue or stream → position of its last item applied to the channel, on a Cluster or several shards (lua/ingest_channel.lua) |
 * | `P.client.{ch}` | pub/sub | publications, joins and leaves of the channel (see pubsub-wire.ts); sharded pub/sub (SPUBLISH, in the slot of the channel's keys) with redis.sharded_pubsub |
 * | `P.presence.data.{ch}` | HASH | client id → ClientInfo protobuf |
 * | `P.presence.expire.{ch}` | ZSET | client id → expiry (unix seconds) |
 * | `P.presence.client_user.{ch}` | HASH | client id → user id |
 * | `P.presence.users.{ch}` | HASH | user id → number of the user's present clients |
 * | `P.control` | pub/sub | control messages for every node |
 * | `P.node.<uid>` | pub/sub | control messages for one node |
 *
 * The queues backends push commands to, and their lease, cursor, dead-letter
 * and consumer-registry keys, are named by src/ingest and ingest-store.ts
 * (see the README's key table): they belong to no channel.
 */
export class RedisKeys {
  private readonly clientPrefix: string;

  constructor(readonly prefix: string) {
    this.clientPrefix = `${prefix}.client.{`;
  }

  stream(channel: string): string {
    return `${this.prefix}.stream.{${channel}}`;
  }

  meta(channel: string): string {
    return `${this.prefix}.meta.{${channel}}`;
  }

  result(channel: string, idempotencyKey: string): string {
    return `${this.prefix}.result.{${channel}}.${idempotencyKey}`;
  }

  ingested(channel: string): string {
    return `${this.prefix}.ingested.{${channel}}`;
  }

  pubsub(channel: string): string {
    return `${this.clientPrefix}${channel}}`;
  }

  /** The Gyre channel of a pub/sub channel name, or null when it is not one of ours. */
  channelOf(pubsubChannel: string): string | null {
    if (!pubsubChannel.startsWith(this.clientPrefix) || !pubsubChannel.endsWith('}')) return null;
    return pubsubChannel.slice(this.clientPrefix.length, -1);
  }

  presenceData(channel: string): string {
    return `${this.prefix}.presence.data.{${channel}}`;
  }

  presenceExpire(channel: string): string {
    return `${this.prefix}.presence.expire.{${channel}}`;
  }

  presenceClientUser(channel: string): string {
    return `${this.prefix}.presence.client_user.{${channel}}`;
  }

  presenceUsers(channel: string): string {
    return `${this.prefix}.presence.users.{${channel}}`;
  }

  control(): string {
    return `${this.prefix}.control`;
  }

  node(uid: string): string {
    return `${this.prefix}.node.${uid}`;
  }
}
