/**
 * The Redis engine's Lua scripts (lua/*.lua), registered on an ioredis client
 * as typed commands. Each script file opens with the full list of its KEYS
 * and ARGV; the contracts are repeated below. Every command also exists as a
 * `...Buffer` variant (ioredis creates both) whose bulk replies are Buffers:
 * use it whenever the reply carries protobuf bytes, which are not UTF-8.
 *
 * ioredis sends a script as EVAL on its first use on a connection and as
 * EVALSHA afterwards, reloading it after NOSCRIPT (a restarted Redis), so
 * there is no SCRIPT LOAD step. The keys of a broker or presence call share a
 * channel's hash tag (see keys.ts), so each such call stays in one Redis
 * Cluster slot. Of the ingest scripts only ingest_run and ingest_ack touch a
 * queue and channels (or the dead-letter list) together, for a single Redis;
 * on a Cluster or several shards ingest_channel, ingest_dead and
 * ingest_commit each stay in one slot (see ingest-cross.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cluster, Redis, Result } from 'ioredis';

/** How the publish scripts publish a channel's message: SPUBLISH when its pub/sub is sharded (redis.sharded_pubsub). */
export type PublishCommand = 'publish' | 'spublish';

/** One XRANGE entry: `[id "N-0", ["d", Publication bytes]]`. */
export type StreamEntry<T extends string | Buffer> = [id: T, fields: T[]];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /**
     * lua/broker_publish.lua — publish with optional history and idempotency.
     * `historySize` 0 = no history; `metaTtl` 0 = the meta hash never expires;
     * `epoch` is used only when the channel has none yet; `resultTtl` 0 = no
     * idempotency key (`result` is still passed but untouched).
     * Resolves to `[offset, epoch, suppressed]`: `[top, epoch, 0]` with history,
     * `[0, '', 0]` without, and the first call's `[offset, epoch, 1]` when the
     * idempotency key was already used (nothing written or published).
     * Publishes `p<offset>:<epoch>:<payload>` or `n:<payload>` to `channel`,
     * with SPUBLISH when `publishCommand` is 'spublish' (PUBLISH when absent).
     * `checkReplid` 1: a new epoch when the master's replication ID changed
     * since the channel's last write (a failover; see lua/epoch_lib.lua).
     */
    gyrePublish(
      stream: string,
      meta: string,
      result: string,
      payload: Buffer,
      historySize: number,
      historyTtl: number,
      channel: string,
      metaTtl: number,
      epoch: string,
      resultTtl: number,
      checkReplid?: 0 | 1,
      publishCommand?: PublishCommand,
    ): Result<[offset: number, epoch: string, suppressed: number], Context>;

    /**
     * lua/broker_publish_many.lua — several gyrePublish calls in one, in order,
     * each independent. `first` is the first publication's stream key (the
     * Cluster routes by it; every key of `packed` must share its slot);
     * `packed` a MessagePack array of each publication's gyrePublish keys and
     * arguments, as strings. Resolves to a flat array, three entries per
     * publication: gyrePublish's reply, or `[-1, error message, 0]`.
     */
    gyrePublishMany(first: string, packed: Buffer, checkReplid: 0 | 1, publishCommand: PublishCommand): Result<(number | string)[], Context>;

    /**
     * lua/broker_history.lua — a stream's top and, with `include` 1, a range of
     * its entries. `start`: forward `String(since + 1)` or `'-'`; reverse
     * `String(since - 1)` or `'+'` (a reverse start below 1 gives no entries).
     * `limit` 0 = no limit; `metaTtl` 0 = no sliding expiry of the meta hash.
     * Creates the epoch (from `epoch`) when the channel has none, so this is a
     * write. Resolves to `[top, epoch, entries]`; a never-published channel
     * gives top 0; entries is empty unless `include` is 1. `checkReplid` as
     * gyrePublish's.
     * Use gyreHistoryBuffer: entries carry Publication protobuf bytes.
     */
    gyreHistory(
      stream: string,
      meta: string,
      include: 0 | 1,
      start: string,
      limit: number,
      reverse: 0 | 1,
      metaTtl: number,
      epoch: string,
      checkReplid?: 0 | 1,
    ): Result<[top: number, epoch: string, entries: StreamEntry<string>[]], Context>;
    gyreHistoryBuffer(
      stream: string,
      meta: string,
      include: 0 | 1,
      start: string,
      limit: number,
      reverse: 0 | 1,
      metaTtl: number,
      epoch: string,
      checkReplid?: 0 | 1,
    ): Result<[top: number, epoch: Buffer, entries: StreamEntry<Buffer>[]], Context>;

    /**
     * lua/presence_add.lua — add or refresh a client (expires `ttl` seconds
     * from now by the Redis clock; all four keys get that ttl). Drops expired
     * clients first. Resolves to 1 when the client is new, 0 when refreshed.
     */
    gyrePresenceAdd(
      data: string,
      expire: string,
      clientUser: string,
      users: string,
      ttl: number,
      client: string,
      info: Buffer,
      user: string,
    ): Result<number, Context>;

    /**
     * lua/presence_remove.lua — remove a client (no-op when absent). Drops
     * expired clients first. Resolves to 1 when it was present, else 0.
     */
    gyrePresenceRemove(data: string, expire: string, clientUser: string, users: string, client: string): Result<number, Context>;

    /**
     * lua/presence_get.lua — the present clients as a flat HGETALL array
     * `[client id, ClientInfo bytes, ...]` (empty when nobody is present).
     * Drops expired clients first. Use gyrePresenceGetBuffer for the bytes.
     */
    gyrePresenceGet(data: string, expire: string, clientUser: string, users: string): Result<string[], Context>;
    gyrePresenceGetBuffer(data: string, expire: string, clientUser: string, users: string): Result<Buffer[], Context>;

    /**
     * lua/presence_stats.lua — `[clients, distinct users]` (`[0, 0]` when
     * nobody is present). Drops expired clients first.
     */
    gyrePresenceStats(data: string, expire: string, clientUser: string, users: string): Result<[clients: number, users: number], Context>;

    /** lua/ingest_lease.lua — take or renew a queue's lease for `ttlMs` (0 = release it); 1 = held by `owner` now, 0 = held by another or released. */
    gyreIngestLease(lease: string, owner: string, ttlMs: number): Result<number, Context>;

    /** lua/ingest_heartbeat.lua — mark `owner` alive for `ttlMs` (0 = leave); resolves to the number of live consumers. */
    gyreIngestHeartbeat(registry: string, owner: string, ttlMs: number): Result<number, Context>;

    /**
     * lua/ingest_read.lua — up to `max` list items after position `after`,
     * without taking them: `[cursor, items newest first]`; rejects with STALE
     * when `after` is behind the cursor.
     */
    gyreIngestRead(queue: string, cursorKey: string, after: string, max: number): Result<[cursor: string, items: string[]], Context>;

    /**
     * lua/ingest_read_stream.lua — up to `max` stream entries after ID `after`:
     * `[id, method, payload, …]` flattened, null for a missing field.
     */
    gyreIngestReadStream(stream: string, after: string, max: number): Result<(string | null)[], Context>;

    /**
     * lua/ingest_ack.lua — acknowledge the oldest unapplied item of a source
     * (after its effect is committed), first pushing `deadLetter` to the
     * dead-letter list when not empty. `cursor` is where the source's cursor
     * must be; `id` the stream entry ID ('' for a list). Resolves to 1; rejects
     * with LEASE_LOST, STALE or NOGROUP having changed nothing.
     */
    gyreIngestAck(lease: string, source: string, cursorKey: string, dead: string, owner: string, kind: 'list' | 'stream', group: string, cursor: string, id: string, deadLetter: string): Result<number, Context>;

    /**
     * lua/ingest_run.lua — apply and acknowledge a run of queue items, packed
     * with MessagePack (see the script), publishing as gyrePublish does with
     * `publishCommand`. Resolves to `[applied, error]`; rejects as gyreIngestAck.
     */
    gyreIngestRun(
      lease: string,
      source: string,
      cursorKey: string,
      dead: string,
      owner: string,
      kind: 'list' | 'stream',
      group: string,
      cursor: string,
      run: Buffer,
      publishCommand?: PublishCommand,
    ): Result<[applied: number, error: string], Context>;

    /**
     * lua/ingest_channel.lua — apply a run's publications to one channel,
     * skipping those at or below the channel's watermark for `source`; `run`
     * packed with MessagePack (see the script), published as gyrePublish does
     * with `publishCommand`. Resolves to `[done, error]`.
     */
    gyreIngestChannel(
      watermark: string,
      stream: string,
      meta: string,
      source: string,
      kind: 'list' | 'stream',
      watermarkTtl: number,
      run: Buffer,
      publishCommand?: PublishCommand,
    ): Result<[done: number, error: string], Context>;

    /**
     * lua/ingest_commit.lua — acknowledge the `n` oldest unapplied items of a
     * source (their effects committed elsewhere); `ids` their stream entry IDs
     * (none for a list). Resolves to 1; rejects as gyreIngestAck.
     */
    gyreIngestCommit(
      lease: string,
      source: string,
      cursorKey: string,
      owner: string,
      kind: 'list' | 'stream',
      group: string,
      cursor: string,
      n: number,
      ...ids: string[]
    ): Result<number, Context>;

    /**
     * lua/ingest_dead.lua — push dead-letter records, each once: `entries` are
     * item, record pairs; an item remembered in `seen` (for `ttlMs`) is not
     * pushed again. Resolves to how many were pushed.
     */
    gyreIngestDead(dead: string, seen: string, ttlMs: number, ...entries: string[]): Result<number, Context>;

    /**
     * lua/ingest_requeue.lua — move a dead letter (matched by its exact
     * record) back to its list queue (`text`) or stream (`text` = method,
     * `payload` when `hasPayload` is '1'). Resolves to 1, or 0 when the record
     * was no longer there (nothing pushed).
     */
    gyreIngestRequeue(dead: string, source: string, record: string, kind: 'list' | 'stream', text: string, hasPayload: '0' | '1', payload: string): Result<number, Context>;

    /**
     * lua/admin_login.lua — spends one of an address's login attempts and
     * resolves to 0, or resolves to the ms until it has one (spending nothing).
     */
    gyreAdminLogin(bucket: string, burst: number, refillMs: number): Result<number, Context>;
  }
}

/** lua/ next to dist/ when compiled (dist/src/engine/redis), or next to src/ when run from source. */
function luaDir(): string {
  const compiled = path.resolve(__dirname, '../../../../lua');
  return fs.existsSync(compiled) ? compiled : path.resolve(__dirname, '../../../lua');
}

const dir = luaDir();
const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
/** Shared Lua (presence_lib, epoch_lib, publish_lib, ingest_apply_lib, ingest_lib) is prepended here: Redis scripts cannot load one another. */
const withLibs = (file: string, ...libs: string[]): string => [...libs.map(read), read(file)].join('\n');
const presence = (file: string): string => withLibs(file, 'presence_lib.lua');

/** Command name → script source and fixed number of KEYS. */
const SCRIPTS: ReadonlyArray<{ name: string; lua: string; numberOfKeys?: number }> = [
  { name: 'gyrePublish', lua: withLibs('broker_publish.lua', 'epoch_lib.lua', 'publish_lib.lua'), numberOfKeys: 3 },
  { name: 'gyrePublishMany', lua: withLibs('broker_publish_many.lua', 'epoch_lib.lua', 'publish_lib.lua'), numberOfKeys: 1 },
  { name: 'gyreHistory', lua: withLibs('broker_history.lua', 'epoch_lib.lua'), numberOfKeys: 2 },
  { name: 'gyrePresenceAdd', lua: presence('presence_add.lua'), numberOfKeys: 4 },
  { name: 'gyrePresenceRemove', lua: presence('presence_remove.lua'), numberOfKeys: 4 },
  { name: 'gyrePresenceGet', lua: presence('presence_get.lua'), numberOfKeys: 4 },
  { name: 'gyrePresenceStats', lua: presence('presence_stats.lua'), numberOfKeys: 4 },
  { name: 'gyreIngestLease', lua: read('ingest_lease.lua'), numberOfKeys: 1 },
  { name: 'gyreIngestHeartbeat', lua: read('ingest_heartbeat.lua'), numberOfKeys: 1 },
  { name: 'gyreIngestRead', lua: read('ingest_read.lua'), numberOfKeys: 2 },
  { name: 'gyreIngestReadStream', lua: read('ingest_read_stream.lua'), numberOfKeys: 1 },
  { name: 'gyreIngestAck', lua: withLibs('ingest_ack.lua', 'ingest_lib.lua'), numberOfKeys: 4 },
  { name: 'gyreIngestRun', lua: withLibs('ingest_run.lua', 'epoch_lib.lua', 'publish_lib.lua', 'ingest_apply_lib.lua', 'ingest_lib.lua'), numberOfKeys: 4 },
  { name: 'gyreIngestChannel', lua: withLibs('ingest_channel.lua', 'epoch_lib.lua', 'publish_lib.lua', 'ingest_apply_lib.lua'), numberOfKeys: 3 },
  { name: 'gyreIngestCommit', lua: withLibs('ingest_commit.lua', 'ingest_lib.lua'), numberOfKeys: 3 },
  { name: 'gyreIngestDead', lua: read('ingest_dead.lua'), numberOfKeys: 2 },
  { name: 'gyreIngestRequeue', lua: read('ingest_requeue.lua'), numberOfKeys: 2 },
  { name: 'gyreAdminLogin', lua: read('admin_login.lua'), numberOfKeys: 1 },
];

/** A script's source exactly as it is registered (with its libraries prepended). */
export function scriptSource(name: string): string {
  const s = SCRIPTS.find((x) => x.name === name);
  if (!s) throw new Error(`no script ${name}`);
  return s.lua;
}

/** Registers every script on the client (and its Buffer variant). Safe to call more than once. */
export function defineScripts(redis: Redis | Cluster): void {
  for (const { name, lua, numberOfKeys } of SCRIPTS) redis.defineCommand(name, { lua, numberOfKeys });
}
